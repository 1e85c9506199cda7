"""Reading the pages the crawler meets: links, pagination, listing items, and whether a page is an archive.

Pure functions over decoded HTML (no Scrapy), tested one page type at a time on saved pages in
tests/files/crawl/. Nothing here depends on a CSS class name or an id: the real sites' markup was never seen
(../shared/SITE.md), so listing items are found from the structure around each link to a letter, dates by
their shape, and the from/to line as the item's remaining line with a standalone "to" in it.
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.etree
import lxml.html

# Month names from the standard library (the crawler imports no extractor; the project's own lexicon is
# extract/dates/lexicon.py): "January" ... and "Jan" ..., "Sept" too.
MONTHS = "|".join([*calendar.month_name[1:], "Sept", *calendar.month_abbr[1:]])
DATE_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\.?,?\s+(\d{{4}})\b", re.I)
ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")      # UK order: 19/06/2020
PAGE_PARAMS = ("page", "pg", "paged")
COUNT_RE = re.compile(r"\b([\d,]+)\s+items?(?:\(s\))?\s+of\s+correspondence\s+found", re.I)
RESULTS_RE = re.compile(r"\b([\d,]+)\s+(?:results?|items?|publications?|letters?)\s+(?:found|match)", re.I)
NEXT_TEXT_RE = re.compile(r"^\s*(next|older)\b.*$|^\s*[›»→>]+\s*$", re.I)
SALUTATION_RE = re.compile(r"(?:^|\n|>|\s)Dear\s+(?:Sir|Madam|Mr|Mrs|Ms|Dr|Professor|Lord|Lady|Dame|[A-Z][a-z]+)")
SIGNOFF_RE = re.compile(r"\bYours?\s+(?:sincerely|faithfully|ever|truly)\b", re.I)
FROMTO_RE = re.compile(r"(?:^|\s)to(?:\s|$)")
BLOCK_TAGS = {"p", "div", "li", "dd", "dt", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
              "article", "section", "header", "footer", "blockquote", "table", "address", "figure", "main", "nav"}
DEEP_NESTING = 400     # element depth beyond which a page is flagged (and parsed with huge_tree)
MAX_LINKS_PER_PAGE = 50_000   # links read from one page; past it the rest are ignored (the spider records it)
MAX_PAGINATION = 1_000        # next / numbered listing pages taken from one page


@dataclass
class Link:
    url: str
    text: str
    rel: str = ""


@dataclass
class ListingEntry:
    url: str
    title: str | None
    date_text: str | None
    fromto: str | None


@dataclass
class PageFacts:
    """What a parsed HTML page offers the spider."""
    links: list[Link] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    numbered_pages: list[str] = field(default_factory=list)   # "1 2 3 … 20" links of the same listing
    show_all: list[str] = field(default_factory=list)
    title: str | None = None
    depth: int = 0          # the deepest element's depth when over DEEP_NESTING (0 otherwise)
    count_text: int | None = None
    salutations: int = 0
    signoffs: int = 0
    text_len: int = 0
    dates: int = 0          # full dates (d Month yyyy) in the text
    links_found: int = 0    # links on the page; more than len(links) when MAX_LINKS_PER_PAGE was reached
    pagination_found: int = 0


def norm_space(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\xa0", " ")).strip()


def parse_tree(html: str):
    """An lxml tree for any HTML, however broken or deeply nested (huge_tree lifts libxml2's depth limit)."""
    parser = lxml.html.HTMLParser(huge_tree=True, recover=True)
    if not html.strip():
        html = "<html></html>"
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    return root


_TEXTS = lxml.etree.XPath("descendant-or-self::text()", smart_strings=False)


def _text(el) -> str:
    """An element's text with a space between the pieces of different elements ("2022" "A" stay apart).
    Collected by libxml2 (XPath): itertext() made a Python object per element."""
    return " ".join(t for t in _TEXTS(el) if t)


def _deeper_than(root, k: int) -> bool:
    """Whether some element is nested more than `k` deep (the root is 1), asked of libxml2 (XPath), not walked in
    Python: a walk took seconds on a page of a million elements."""
    return bool(root.xpath(f"boolean(descendant-or-self::*[not(*)][count(ancestor::*) >= {k}])"))


def max_depth(root) -> int:
    """The depth of the most deeply nested element (the root is 1)."""
    def deeper_than(k: int) -> bool:
        return _deeper_than(root, k)

    low, high = 0, 1          # depth > low is known; find the least `high` with no element that deep
    while deeper_than(high):
        low, high = high, high * 2
    while high - low > 1:
        mid = (low + high) // 2
        if deeper_than(mid):
            low = mid
        else:
            high = mid
    return low + 1


def _links(root, base_url: str, limit: int | None = None) -> list[Link]:
    """The page's links, in document order, the first `limit` of them."""
    out = []
    base = root.xpath("//base/@href")
    base_url = urljoin(base_url, base[0]) if base else base_url
    for el in root.iter("a", "link", "area"):
        if limit is not None and len(out) >= limit:
            break
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        if not url.startswith(("http://", "https://")):
            continue
        text = norm_space(el.text_content()) if el.tag != "link" else ""
        out.append(Link(url, text or norm_space(el.get("aria-label") or el.get("title")),
                        " ".join((el.get("rel") or "").lower().split())))
    return out


LIBXML_MAX_DEPTH = 2000   # libxml2 drops what lies deeper than ~2048 levels even with huge_tree
_WRAPPERS = re.compile(r"</?(?:div|span|section|article|aside|font|b|i|u|em|strong|small|big|center|blockquote|"
                       r"table|tbody|thead|tr|td|th|ul|ol|li|dl|dd|dt)\b[^>]*>", re.I)


def page_facts(html: str, base_url: str, max_links: int = MAX_LINKS_PER_PAGE) -> PageFacts:
    root = parse_tree(html)
    depth = max_depth(root) if _deeper_than(root, DEEP_NESTING) else 0   # exact only where it matters
    if depth >= LIBXML_MAX_DEPTH:
        # nested past what libxml2 keeps: read the page again without its wrapper elements
        root = parse_tree(_WRAPPERS.sub(" ", html))
    facts = PageFacts(links=_links(root, base_url, max_links))
    facts.links_found = len(facts.links)
    if len(facts.links) >= max_links:
        facts.links_found = int(root.xpath("count(//a[@href] | //link[@href] | //area[@href])"))
    facts.depth = depth
    titles = root.xpath("//title")
    h1 = root.xpath("//h1")
    facts.title = norm_space((h1[0] if h1 else titles[0]).text_content()) if (h1 or titles) else None
    own_listing = split_page(base_url)[0]
    seen: set[tuple[str, str]] = set()   # (list, url): each URL once per list, in linear time

    def add(name: str, url: str) -> None:
        if (name, url) not in seen:
            seen.add((name, url))
            getattr(facts, name).append(url)

    for link in facts.links:
        if "next" in link.rel.split() or (link.rel == "" and NEXT_TEXT_RE.match(link.text or "")):
            add("next_pages", link.url)
        if is_show_all(link.url):
            add("show_all", link.url)
        base, number = split_page(link.url)
        if number is not None and base == own_listing:
            add("numbered_pages", link.url)
    facts.pagination_found = len(set(facts.next_pages) | set(facts.numbered_pages))
    if facts.pagination_found > MAX_PAGINATION:
        facts.next_pages = facts.next_pages[:MAX_PAGINATION]
        facts.numbered_pages = facts.numbered_pages[:max(0, MAX_PAGINATION - len(facts.next_pages))]
    body = root.find("body")
    text = _text(body if body is not None else root)
    m = COUNT_RE.search(text)
    facts.count_text = int(m.group(1).replace(",", "")) if m else None
    facts.salutations = len(SALUTATION_RE.findall(text))
    facts.signoffs = len(SIGNOFF_RE.findall(text))
    facts.text_len = len(norm_space(text))
    facts.dates = len(DATE_RE.findall(text))
    return facts


def split_page(url: str) -> tuple[tuple, int | None]:
    """(the listing without its page number, the page number or None): `/x/page/3/`, `?pg=3`, `?paged=3`."""
    parts = urlsplit(url)
    path, number = parts.path, None
    m = re.search(r"/page/(\d+)/?$", path)
    if m:
        number, path = int(m.group(1)), path[: m.start()] + "/"
    rest = []
    for k, v in parse_qsl(parts.query, keep_blank_values=True):
        if k in PAGE_PARAMS and v.isdigit():
            number = int(v)
        else:
            rest.append((k, v))
    return ((parts.hostname or "").lower(), path.rstrip("/") + "/", tuple(sorted(rest))), number


def is_show_all(url: str) -> bool:
    """The whole, unfiltered list on one page: show=all with every other filter blank (not a theme's list)."""
    query = urlsplit(url).query
    pairs = parse_qsl(query, keep_blank_values=True)
    return ("show", "all") in pairs and all(v == "" for k, v in pairs if k != "show")


def archive_reason(facts: PageFacts, letter_links: int) -> str | None:
    """Why a page at a document URL is really a listing or an archive of many letters (None: it is not).

    Signals that do not depend on markup: a "N items of correspondence found" count; several letters'
    sign-offs or salutations one after another (a taxonomy archive shows full texts); or many links to
    letters each with a full date, as a listing has."""
    if facts.count_text is not None:
        return f"says {facts.count_text} items of correspondence found"
    if facts.signoffs >= 3 or facts.salutations >= 4:
        return f"holds {facts.signoffs} sign-offs and {facts.salutations} salutations (several letters)"
    if letter_links >= 15 and facts.dates >= 10:
        return f"links to {letter_links} letters with {facts.dates} dates (a listing)"
    return None


def _block_texts(elements: Iterable) -> list[str]:
    """The lines of text a browser would show for `elements`: block elements and <br> break lines,
    inline ones (links, emphasis, spans, <time>) do not."""
    pieces: list[str] = []
    for top in elements:
        for event, el in lxml.etree.iterwalk(top, events=("start", "end")):
            if not isinstance(el.tag, str):
                if event == "end" and el.tail:
                    pieces.append(el.tail)
                continue
            block = el.tag in BLOCK_TAGS or el.tag == "br"
            if event == "start":
                if block:
                    pieces.append("\n")
                if el.text:
                    pieces.append(el.text)
            else:
                if block:
                    pieces.append("\n")
                if el.tail and el is not top:
                    pieces.append(el.tail)
    return [line for line in (norm_space(x) for x in "".join(pieces).split("\n")) if line]


def find_date(text: str) -> str | None:
    m = DATE_RE.search(text or "")
    if m:
        return norm_space(m.group(0))
    m = ISO_DATE_RE.search(text or "") or NUMERIC_DATE_RE.search(text or "")
    return m.group(0) if m else None


def listing_entries(html: str, base_url: str, is_letter: Callable[[str], str | None],
                    max_links: int = MAX_LINKS_PER_PAGE) -> list[ListingEntry]:
    """One entry per distinct letter linked from a listing page: its title, date and from/to line.

    `is_letter(url)` returns the canonical URL of a letter link (None for anything else). Only the first
    `max_links` links are read (page_facts says how many there were)."""
    root = parse_tree(html)
    by_url: dict[str, list] = {}
    under: dict = {}          # element → the letter URLs linked beneath it (built once, bottom-up)
    for n, a in enumerate(root.iter("a")):
        if n >= max_links:
            break
        href = (a.get("href") or "").strip()
        canon = is_letter(urljoin(base_url, href)) if href else None
        if not canon:
            continue
        by_url.setdefault(canon, []).append(a)
        el = a
        while el is not None:
            under.setdefault(el, set()).add(canon)
            el = el.getparent()

    def letters_under(el) -> set[str]:
        return under.get(el, set())

    entries = []
    for url, anchors in by_url.items():
        anchor = max(anchors, key=lambda a: len(norm_space(a.text_content())))
        container = anchor
        while container.getparent() is not None and container.getparent().tag not in ("body", "html"):
            parent = container.getparent()
            if len(letters_under(parent)) > 1:
                break
            container = parent
        group = [container]
        if find_date(_text(container)) is None:
            # flat markup (heading, date, line, heading, ...): the item runs until the next letter link
            for sib in container.itersiblings():
                if letters_under(sib) or (isinstance(sib.tag, str) and sib.tag in ("h1", "h2", "h3", "h4")):
                    break
                group.append(sib)
        entries.append(_entry_from(url, anchor, group))
    return entries


def _entry_from(url: str, anchor, group: list) -> ListingEntry:
    title = norm_space(anchor.text_content())
    if len(title) < 4 or re.fullmatch(r"(read|view|see)( more| letter| the letter)?\W*", title, re.I):
        heads = [norm_space(h.text_content()) for el in group for h in el.iter("h1", "h2", "h3", "h4", "h5")]
        title = next((h for h in heads if h), title)
    whole = norm_space(" ".join(_text(el) for el in group))
    date_text = None
    for el in group:
        for t in el.iter("time"):
            date_text = find_date(norm_space(t.text_content())) or t.get("datetime")
            if date_text:
                break
        if date_text:
            break
    date_text = date_text or find_date(whole)
    fromto = None
    for text in _block_texts(group):
        if text == title or (title and len(text) > 12 and text in title):
            continue
        rest = text
        if date_text and date_text in rest:
            rest = norm_space(rest.replace(date_text, " ")).strip(" |·–-—:,")
        if title and title in rest:
            rest = norm_space(rest.replace(title, " ")).strip(" |·–-—:,")
        rest = re.sub(r"^(?:from\s*/\s*to|from/to|parties)\s*:\s*", "", rest, flags=re.I)
        labelled = re.match(r"from\b.*\bto\b", rest, re.I) is not None      # "From: A To: B", kept as written
        if rest and (FROMTO_RE.search(rest) or labelled or rest.lower().startswith("to ") or rest.lower().endswith(" to")):
            if COUNT_RE.search(rest) or re.fullmatch(r"(read|view|see)\b.*", rest, re.I):
                continue
            fromto = rest
            break
    return ListingEntry(url=url, title=title or None, date_text=date_text, fromto=fromto)


# ---- sitemaps and the WordPress REST API ----------------------------------------------------------------
@dataclass
class SitemapEntry:
    url: str
    lastmod: str | None
    is_index: bool


def sitemap_entries(body: bytes) -> list[SitemapEntry]:
    """`<sitemapindex>` → sub-sitemaps; `<urlset>` → page URLs with their lastmod. Namespaces ignored."""
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser=parser)
    except lxml.etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    is_index = lxml.etree.QName(root).localname == "sitemapindex"
    out = []
    for item in root:
        if not isinstance(item.tag, str):
            continue
        loc = lastmod = None
        for child in item:
            if not isinstance(child.tag, str):
                continue
            name = lxml.etree.QName(child).localname
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip()
        if loc:
            out.append(SitemapEntry(loc, lastmod, is_index))
    return out


@dataclass
class ApiItem:
    url: str
    modified: str | None
    title: str | None
    date: str | None


def wp_api_items(body: bytes) -> list[ApiItem]:
    data = json.loads(body.decode("utf-8", "replace") or "[]")
    if not isinstance(data, list):
        raise ValueError(f"expected a JSON list, got {type(data).__name__}")
    out = []
    for item in data:
        if isinstance(item, dict) and item.get("link"):
            title = item.get("title")
            title = title.get("rendered") if isinstance(title, dict) else title
            out.append(ApiItem(item["link"], item.get("modified_gmt") or item.get("modified"),
                               norm_space(lxml.html.fromstring(title).text_content()) if title else None,
                               item.get("date")))
    return out
