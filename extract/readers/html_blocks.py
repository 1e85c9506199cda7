"""The structural half of the HTML reader: parse any bytes-decoded text into a tree, drop boilerplate, cut the
page into text blocks and find the document's container by text density (see extract/readers/html.py for the rest).

Nothing here knows a site's class names: boilerplate is recognised by tag, ARIA role and generic words in class
and id attributes (cookie, breadcrumb, share, nav, sidebar ...); the container is the deepest element holding 90%
of the page's text weight, where link-heavy text weighs little (for a letter: the wrapper of its salutation and
sign-off, see `_letter_container`).
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from extract.readers.text import clean

BLOCK_TAGS = frozenset("""address article aside blockquote body dd details div dl dt figcaption figure footer form
h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr ul caption
center""".split())
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "button", "select",
             "input", "textarea", "canvas", "video", "audio", "map", "head")
BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu",
                               "menubar", "toolbar"})
# Generic words that mark page furniture in class/id attributes on any site (split at - _ and spaces).
BOILERPLATE_WORDS = frozenset("""cookie cookies consent gdpr breadcrumb breadcrumbs share sharing social skip
skiplink navbar nav navigation menu megamenu sidebar widget widgets newsletter subscribe feedback footer masthead
topbar toolbar pagination pager backtotop back-to-top print srt sr-only screen-reader-text visually-hidden
visuallyhidden modal popup overlay advert ads advertisement promo search searchform comments
comment respond addthis""".split())
SITE_HEADER_WORDS = frozenset({"header", "site-header", "global-header"})
ANNEX_HEADING = re.compile(r"^\s*(annex|annexe|appendix|atodiad)\b", re.I)
MAX_DEPTH = 180  # below lxml's 256-element limit and Python's recursion limit


# ------------------------------------------------------------------ parsing


def _flatten_deep(text: str) -> str:
    """Drop container tags nested deeper than MAX_DEPTH (their text stays; paragraph-level tags stay too, so
    paragraph breaks survive), so that lxml keeps the whole document instead of stopping at its depth limit."""
    keep = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "td", "th", "a", "b", "i",
            "em", "strong"}
    void = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "wbr", "source", "param"}
    out, stack, kept_depth, pos = [], [], 0, 0
    for found in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>", text):
        name = found.group(2).lower()
        if name in void or found.group(3):
            continue
        if not found.group(1):
            removed = kept_depth >= MAX_DEPTH and name not in keep
            stack.append((name, removed))
            kept_depth += not removed
        else:
            if not any(n == name for n, _ in stack[-50:]):
                continue  # a stray closing tag: leave it to lxml
            while stack:
                open_name, removed = stack.pop()
                kept_depth -= not removed
                if open_name == name:
                    break
            else:
                removed = False
        if (not found.group(1) and stack[-1][1]) or (found.group(1) and removed):
            out.append(text[pos:found.start()])
            pos = found.end()
    out.append(text[pos:])
    return "".join(out)


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _document(text: str):
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)
    try:
        return lxml.html.document_fromstring(text, parser=parser), parser
    except (etree.ParserError, ValueError):  # nothing but comments, NUL bytes or a bare declaration
        return lxml.html.document_fromstring("<html><body></body></html>"), parser


def parse_tree(text: str) -> etree._Element:
    """Any text -> an lxml tree with a body; never raises."""
    cleaned = CONTROL.sub("", re.sub(r"^\s*<\?xml[^>]*>", "", text))  # lxml refuses both in str input
    if not cleaned.strip():
        cleaned = "<html><body></body></html>"
    root, parser = _document(cleaned)
    if any("depth" in entry.message.lower() for entry in parser.error_log):
        root, _ = _document(_flatten_deep(cleaned))
    return root


def _words(el) -> set[str]:
    attrs = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if attrs == " ":
        return set()
    words = set(re.split(r"[\s_]+", attrs))
    return words | {p for w in list(words) for p in w.split("-")} | words


def _inside(el, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def boilerplate_kind(el) -> str | None:
    """'semantic' (nav, ARIA roles, hidden, the site's header/footer), 'word' (a furniture word in class/id, or a
    <form>, either of which may also sit on a whole-page wrapper), or None."""
    tag = el.tag
    if tag in ("nav", "dialog"):
        return "semantic"
    if (el.get("role") or "").lower() in BOILERPLATE_ROLES and not _inside(el, ("main", "article")):
        return "semantic"
    if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return "semantic"
    if tag in ("header", "footer") and not _inside(el, ("main", "article")):
        return "semantic"
    if tag == "form":
        return "word"
    words = _words(el)
    if words & BOILERPLATE_WORDS:
        return "word" if tag not in ("body", "html", "main", "article") else None
    return "word" if words & SITE_HEADER_WORDS and not _inside(el, ("main", "article")) else None


def prose_words(el) -> int:
    """Words of text outside links: what a page wrapper has plenty of and a menu has little of."""
    total = len("".join(el.itertext()).split())
    linked = sum(len("".join(a.itertext()).split()) for a in el.iter("a"))
    return total - linked


# ------------------------------------------------------------------ blocks


class Block:
    __slots__ = ("text", "el", "tag", "link_chars", "links")

    def __init__(self, text, el, tag, link_chars, links):
        self.text, self.el, self.tag, self.link_chars, self.links = text, el, tag, link_chars, links

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def blocks_of(root) -> list[Block]:
    """Text blocks in document order: one per block-level element's own inline content. Line breaks in the source
    are spaces (HTML whitespace); only <br> (and text inside <pre>) makes a newline."""
    out: list[Block] = []
    state = {"buf": [], "links": [], "link_chars": 0, "in_link": 0, "pre": 0}

    def text_of(value: str) -> str:
        return value if state["pre"] else value.replace("\r", " ").replace("\n", " ")

    def flush(el):
        text = clean("".join(state["buf"]))
        if text:
            out.append(Block(text, el, el.tag, state["link_chars"], state["links"]))
        state.update(buf=[], links=[], link_chars=0)

    def walk(el, block_el):
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:
            if el.tail:
                state["buf"].append(text_of(el.tail))
            return
        is_block = tag in BLOCK_TAGS
        if is_block:
            flush(block_el)
            block_el = el
        if tag == "br":
            state["buf"].append("\n")
        elif tag in ("td", "th") and state["buf"] and el.getprevious() is not None:
            state["buf"].append(" | ")  # table cells of one row stay on one line
        if tag == "a":
            state["in_link"] += 1
            state["links"].append(el)
        state["pre"] += tag == "pre"
        if el.text:
            state["buf"].append(text_of(el.text))
            if state["in_link"]:
                state["link_chars"] += len(el.text.strip())
        for child in el:
            walk(child, block_el)
        if tag == "a":
            state["in_link"] -= 1
        state["pre"] -= tag == "pre"
        if is_block:
            flush(el)
        if el.tail:
            state["buf"].append(text_of(el.tail))
            if state["in_link"]:
                state["link_chars"] += len(el.tail.strip())

    walk(root, root)
    flush(root)
    return out


def _weight(block: Block) -> float:
    if block.tag in HEADINGS:
        return len(block.text) * 0.5
    return len(block.text) * max(0.0, 1.0 - 1.5 * block.link_density)


def main_container(root, blocks: list[Block], letter: tuple | None = None):
    """The deepest element holding >= 90% of the page's text weight (link-heavy text weighs little).

    `letter` = (salutation element, sign-off element) of a page holding one letter: then the container is anchored
    on their lowest common ancestor, widened only over what reads as the letter's own (see `_letter_container`),
    because a fixed share fails where the site's chrome is plain prose in unnamed divs."""
    totals: dict = {}
    grand = 0.0
    for block in blocks:
        w = _weight(block)
        if w <= 0:
            continue
        grand += w
        totals[block.el] = totals.get(block.el, 0.0) + w
        for anc in block.el.iterancestors():
            totals[anc] = totals.get(anc, 0.0) + w
    if grand == 0:
        return root
    scope_total = grand
    for hint in root.iter("main", "article"):
        if totals.get(hint, 0) >= 0.6 * grand and len(list(root.iter("article"))) <= 1:
            scope_total = totals[hint]
            break
    best, best_depth = root, -1
    for el, total in totals.items():
        if total >= 0.9 * scope_total:
            depth = sum(1 for _ in el.iterancestors())
            if depth > best_depth:
                best, best_depth = el, depth
    if letter is not None:
        return _letter_container(best, blocks, totals, *letter)
    return best


def _lowest_common_ancestor(a, b):
    above_a = {a, *a.iterancestors()}  # elements, not id()s: lxml makes a new proxy (maybe a reused id) per access
    for el in (b, *b.iterancestors()):
        if el in above_a:
            return el
    return None


def _letter_container(dense, blocks: list[Block], totals: dict, salutation, signoff):
    """The lowest common ancestor of the salutation and the sign-off when it holds `dense` (the densest element,
    which then lacks them); else, from that ancestor, climb (never above `dense`) while what
    the parent adds is the letter's own: a little (an address block, a date line: at most 10% of the weight so
    far), or after the sign-off mostly long prose paragraphs or an "Annex" heading (an annex in its own
    wrapper). Anything else (a
    title, metadata and tag lines, menus, a cookie notice, a footer) stays outside; metadata lines outside the
    container are still read as metadata by the reader."""
    anchor = _lowest_common_ancestor(salutation, signoff)
    if anchor is None or anchor is dense:
        return dense
    order = {b.el: i for i, b in reversed(list(enumerate(blocks)))}
    after_signoff = order.get(signoff, len(blocks))
    if anchor in set(dense.iterancestors()):
        # the body's paragraphs in a wrapper of their own, the salutation and signature beside it: the ancestor,
        # if what it adds lies next to the letter (not menus and footers far from it)
        inner = set(dense.iter())
        own = [i for i, b in enumerate(blocks) if b.el in inner]
        first, start, end = order.get(salutation, 0), own[0] if own else 0, own[-1] if own else 0
        near = first >= start - 3 and after_signoff <= end + 8 and all(
            first - 8 <= i < start or end < i <= after_signoff + 8 for i, b in enumerate(blocks)
            if b.el not in inner and _weight(b) > 0 and _within(b.el, anchor))
        return anchor if near else dense
    if dense not in set(anchor.iterancestors()):
        return dense
    above = [(i, b, {b.el, *b.el.iterancestors()}) for i, b in enumerate(blocks) if _weight(b) > 0]
    current = anchor
    while current is not dense:
        parent = current.getparent()
        added = [(i, b) for i, b, up in above if parent in up and current not in up]
        added_weight = sum(_weight(b) for _, b in added)
        prose = sum(_weight(b) for i, b in added
                    if len(b.text) >= 150 and b.link_density < 0.3 and i > after_signoff and not SITE_NOTICE.search(b.text))
        annex = any(i > after_signoff and len(b.text) < 200 and ANNEX_HEADING.match(b.text) for i, b in added)
        if added_weight <= 0.1 * totals.get(current, 0.0) or prose >= 0.6 * added_weight or annex:
            current = parent
            continue
        break
    return current


# Text every website carries and no letter's annex does: a copyright line, the cookie notice, the site's licence,
# privacy and sign-up prompts. Such a block after the sign-off is the footer, never the letter's annex.
SITE_NOTICE = re.compile(r"©|\bcopyright\b|\bcookies?\b|\bprivacy (?:notice|policy|statement)\b|"
                         r"\ball content is available under\b|\bsign up for (?:email|e-mail)\b", re.I)


def _within(el, ancestor) -> bool:
    return el is ancestor or any(a is ancestor for a in el.iterancestors())
