"""/guide: docs/RESEARCHERS.md rendered as HTML with Python-Markdown, its example addresses made into links on the
site serving it. An address is a code span or a line of a code block that starts with "/" (`/archive/...`); the
guide's example host (http://127.0.0.1:8001) becomes the serving site's own address. The guide is our own text,
but the HTML is still cleaned (bleach) so that a careless edit cannot put script on the site."""
from __future__ import annotations

import html
import re

import bleach
import markdown
from markupsafe import Markup

EXAMPLE_HOST = "http://127.0.0.1:8001"
_CODE_SPAN = re.compile(r"<code>(/[^<\s]*)</code>")
_CODE_BLOCK = re.compile(r"<pre><code>(.*?)</code></pre>", re.S)
TAGS = {"a", "p", "h1", "h2", "h3", "h4", "ul", "ol", "li", "code", "pre", "table", "thead", "tbody", "tr", "th",
        "td", "strong", "em", "blockquote", "hr", "br"}
ATTRIBUTES = {"a": ["href", "title"], "th": ["align"], "td": ["align"]}


def _is_example(escaped_path: str) -> bool:
    """A real address, not a pattern with a placeholder (`/archive/parties/...`, `/-/captures/<id>/raw`)."""
    return "..." not in escaped_path and "&lt;" not in escaped_path and "…" not in escaped_path


def _link(escaped_path: str) -> str:
    if not _is_example(escaped_path):
        return f"<code>{escaped_path}</code>"
    href = html.escape(html.unescape(escaped_path), quote=True)
    return f'<a href="{href}"><code>{escaped_path}</code></a>'


def _link_block(match: re.Match) -> str:
    lines = [(_link(line).replace("<code>", "").replace("</code>", "") if line.startswith("/") and " " not in line
              else line) for line in match.group(1).split("\n")]
    return "<pre><code>" + "\n".join(lines) + "</code></pre>"


def render_guide(text: str, site: str = "") -> Markup:
    """The guide as safe HTML; `site` (scheme://host[:port]) replaces the guide's example host."""
    body = markdown.markdown(text, extensions=["tables", "fenced_code"], output_format="html")
    body = _CODE_BLOCK.sub(_link_block, body)
    body = _CODE_SPAN.sub(lambda m: _link(m.group(1)), body)
    if site:
        body = body.replace(EXAMPLE_HOST, html.escape(site))
    return Markup(bleach.clean(body, tags=TAGS, attributes=ATTRIBUTES, protocols={"http", "https"}))
