"""The non-letter pages of an invented mirror: publications with chapter pages, taxonomy archives, oEmbed
pages, robots.txt, WordPress sitemaps and REST API JSON. INVENTED SAMPLE CONTENT."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as xml_escape

from mirror.templates import INVENTED, Letter, _letter_core, attr, esc, long_date, wp_page


@dataclass
class Publication:
    url: str
    title: str
    date: str
    updated: str
    chapters: list            # [(heading, [paragraph html, ...])]; chapter 1 is the main page
    pdf_url: str = ""
    pdf_size: int = 0
    post_id: int = 0
    summary: str = ""
    doc_type: str = "report"
    related: list = field(default_factory=list)

    @property
    def host(self) -> str:
        return self.url.split("/")[2]

    def chapter_url(self, n: int) -> str:
        return self.url if n == 1 else f"{self.url}pages/{n}/"


def render_publication(pub: Publication, n: int) -> str:
    """Chapter n (1 = the publication's own page)."""
    heading, paras = pub.chapters[n - 1]
    toc = "\n".join(
        (f'<li class="current">{esc(h)}</li>' if i == n else f'<li><a href="{attr(pub.chapter_url(i))}">{esc(h)}</a></li>')
        for i, (h, _) in enumerate(pub.chapters, 1))
    pager = []
    if n > 1:
        pager.append(f'<a class="prev-chapter" href="{attr(pub.chapter_url(n - 1))}">Previous: {esc(pub.chapters[n - 2][0])}</a>')
    if n < len(pub.chapters):
        pager.append(f'<a class="next-chapter" href="{attr(pub.chapter_url(n + 1))}">Next: {esc(pub.chapters[n][0])}</a>')
    pdf = ""
    if pub.pdf_url:
        pdf = (f'<p class="download"><a href="{attr(pub.pdf_url)}">Download PDF version '
               f'({pub.pdf_size / 1024:.2f} KB)</a></p>')
    related = ""
    if pub.related and n == 1:
        items = "".join(f'<li><a href="{attr(u)}">{esc(lab)}</a></li>' for lab, u in pub.related)
        related = f"<h2>Related Links</h2><ul>{items}</ul>"
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    main = f"""<main class="publication">
<header><h1>{esc(pub.title)}</h1>
<div class="publication-dates"><p>Published: {long_date(pub.date)}</p><p>Last updated: {long_date(pub.updated)}</p></div>
{pdf}
</header>
<nav class="contents"><h2>Contents</h2><ol>
{toc}
</ol></nav>
<article class="chapter"><h2>{esc(heading)}</h2>
{body}
</article>
{related}
<nav class="chapter-pager">{' '.join(pager)}</nav>
</main>"""
    crumbs = [("Home", "/"), ("Publications", "/publications-list/"), (pub.title, "")]
    return wp_page(pub.host, pub.title if n == 1 else f"{heading} – {pub.title}", main, crumbs=crumbs,
                   head_extra=f'<link rel="canonical" href="{attr(pub.chapter_url(n))}">',
                   body_class="single single-publication")


def render_archive(host: str, name: str, slug: str, letters: list[Letter]) -> str:
    """A WordPress taxonomy archive: the FULL TEXT of every letter tagged with the organisation."""
    posts = []
    for letter in letters:
        posts.append(f"""<article class="post-{letter.post_id} correspondence">
<h2 class="entry-title"><a href="{attr(letter.url)}" rel="bookmark">{esc(letter.title)}</a></h2>
<div class="entry-meta">{long_date(letter.date)} | {esc(letter.fromto)}</div>
<div class="entry-content">
{_letter_core(letter)}
</div>
</article>""")
    main = f'<main class="archive"><h1 class="page-title">Organisation: {esc(name)}</h1>\n' + "\n".join(posts) + "</main>"
    return wp_page(host, f"{name} Archives", main, crumbs=[("Home", "/"), (name, "")],
                   body_class=f"archive tax-organisation term-{slug}",
                   head_extra=f'<link rel="alternate" type="application/rss+xml" '
                              f'href="https://{host}/organisation/{slug}/feed/">')


def render_embed(letter: Letter, site_name: str) -> str:
    """WordPress's oEmbed iframe page: a title and an excerpt, never the letter."""
    return f"""<!DOCTYPE html>
<html lang="en-GB" class="no-js">
<head><title>{esc(letter.title)} &#8211; {esc(site_name)}</title><meta name="robots" content="noindex, follow">
<meta charset="UTF-8"></head>
{INVENTED}
<body class="single single-correspondence">
<div class="wp-embed">
<p class="wp-embed-heading"><a href="{attr(letter.url)}" target="_top">{esc(letter.title)}</a></p>
<div class="wp-embed-excerpt"><p>{esc(letter.summary)} &hellip; <a href="{attr(letter.url)}" class="wp-embed-more"
target="_top">Continue reading <span class="screen-reader-text">{esc(letter.title)}</span></a></p></div>
<div class="wp-embed-footer"><div class="wp-embed-site-title"><a href="https://{letter.host}/" target="_top">
<span>{esc(site_name)}</span></a></div></div>
</div></body></html>
"""


def robots_txt(host: str, wordpress: bool = True, sitemap: bool = False) -> str:
    if not wordpress:
        return "User-agent: *\nDisallow: /search\nDisallow: /ons/search\nDisallow: /*?*page=\n"
    lines = ["User-agent: *", "Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php", "Disallow: /?s=",
             "Disallow: /search/", "Disallow: /*?s="]
    return "\n".join(lines) + "\n" + (f"\nSitemap: https://{host}/wp-sitemap.xml\n" if sitemap else "")


def sitemap_index(urls: list[str]) -> str:
    items = "".join(f"<sitemap><loc>{xml_escape(u)}</loc></sitemap>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>\n')


def sitemap_urlset(entries: list[tuple[str, str]]) -> str:
    """entries: (loc, lastmod ISO or '')."""
    items = "".join(f"<url><loc>{xml_escape(u)}</loc>" + (f"<lastmod>{m}</lastmod>" if m else "") + "</url>"
                    for u, m in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>\n')


def wp_publication_json(pubs: list[Publication]) -> str:
    data = [{"id": p.post_id, "date": f"{p.date}T09:30:00", "modified": f"{p.updated}T15:12:40",
             "slug": p.url.rstrip("/").rsplit("/", 1)[1], "status": "publish", "type": "publication",
             "link": p.url, "title": {"rendered": p.title}, "excerpt": {"rendered": f"<p>{esc(p.summary)}</p>\n"},
             "publication-type": [12]} for p in pubs]
    return json.dumps(data, ensure_ascii=False, indent=1)


def wp_media_json(pub: Publication, media_id: int) -> str:
    data = [{"id": media_id, "date": f"{pub.date}T09:00:00", "slug": pub.pdf_url.rsplit("/", 1)[1][:-4].lower(),
             "type": "attachment", "link": f"{pub.url}{media_id}/", "title": {"rendered": pub.title},
             "post": pub.post_id, "mime_type": "application/pdf", "source_url": pub.pdf_url}]
    return json.dumps(data, ensure_ascii=False, indent=1)


def rss_feed(host: str, title: str, letters: list) -> str:
    """WordPress's /feed/: the latest posts (a feed, never a document)."""
    from email.utils import format_datetime
    from datetime import datetime, timezone
    items = "".join(
        f"<item><title>{xml_escape(x.title)}</title><link>{xml_escape(x.url)}</link>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(x.date + 'T10:00:00').replace(tzinfo=timezone.utc))}</pubDate>"
        f"<guid isPermaLink=\"false\">https://{host}/?p={x.post_id}</guid></item>" for x in letters)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{xml_escape(title)}</title><link>https://{host}/</link>{items}</channel></rss>\n")


CHROME_PAGES = {
    "/": "Home", "/cookies/": "Cookies", "/accessibility/": "Accessibility statement",
    "/privacy-notice/": "Privacy notice",
}


def render_chrome(host: str, path: str, title: str) -> str:
    """The site's own pages that every page links to (home, cookies, ...): not documents."""
    main = (f'<main class="page"><h1>{esc(title)}</h1><p>This is a page of the website itself, not '
            f'correspondence.</p></main>')
    return wp_page(host, title, main, crumbs=[("Home", "/"), (title, "")], body_class="page")
