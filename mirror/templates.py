"""Page templates for the invented mirrors: WordPress letter pages in several eras and hosts, listings.

The real markup is unknown to us (SITE.md was gathered from text-only copies), so the templates deliberately
differ in structure and class names between hosts and eras: a crawler or extractor that depends on one of them
is depending on our invention. Every page carries an `INVENTED SAMPLE CONTENT` HTML comment.

`Letter.body` is a list of blocks: a string is one paragraph of inline HTML (authored, not escaped), a tuple
`("ul", [items])`, `("ol", [items])`, `("h2", text)`, `("raw", html)` is emitted as it stands.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date as Date

INVENTED = "<!-- INVENTED SAMPLE CONTENT: not a real letter (see mirror/README.md) -->"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def long_date(iso: str) -> str:
    d = Date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@dataclass
class Letter:
    url: str
    title: str
    date: str                                   # ISO
    fromto: str = ""
    template: str = "osr2020"                   # osr2020 | osr2017 | uksa | ons | af | legacy
    salutation: str = ""
    body: list = field(default_factory=list)
    paragraphs: list = field(default_factory=list)  # plain paragraphs (used when body is empty)
    lead: str = ""                              # 2017-18 style "X writes to Y" line
    update_note: str = ""                       # italic "Updated on ..." note
    copy_line: str = ""
    signoff: str = "Yours sincerely"
    signer: str = ""
    role: str = ""
    signer_org: str = ""
    related: list = field(default_factory=list)     # [(label, url)]
    related_heading: str = "Related Links"
    attachments: list = field(default_factory=list)  # [(label, url)]
    orgs: list = field(default_factory=list)         # [(name, slug)] taxonomy links
    lang: str = "en"
    embed: tuple | None = None                       # (title, url) of an embedded post
    doc_type: str = "letter"
    theme: str = ""
    post_id: int = 0
    link_without_slash: bool = False                 # listings link it without its trailing slash
    lastmod: str = ""                                # ISO datetime for _lastmod.tsv
    cosigners: list = field(default_factory=list)    # [(name, role)] signing after the first signer
    signature_html: str = ""                         # replaces the name/role block as it stands
    summary: str = ""                                # one-line excerpt (oEmbed page, legacy summary)

    @property
    def host(self) -> str:
        return self.url.split("/")[2]

    @property
    def path(self) -> str:
        return "/" + self.url.split("/", 3)[3]


def body_html(letter: Letter, p_class: str = "") -> str:
    cls = f' class="{p_class}"' if p_class else ""
    out = []
    blocks = letter.body or letter.paragraphs
    for block in blocks:
        if isinstance(block, str):
            out.append(f"<p{cls}>{block}</p>")
        elif block[0] in ("ul", "ol"):
            items = "".join(f"<li>{item}</li>" for item in block[1])
            out.append(f"<{block[0]}>{items}</{block[0]}>")
        elif block[0] == "raw":
            out.append(block[1])
        else:
            out.append(f"<{block[0]}>{block[1]}</{block[0]}>")
    return "\n".join(out)


def _signature(letter: Letter, sep: str = "<br>") -> str:
    lines = [esc(letter.signoff)] if letter.signoff else []
    parts = []
    if letter.signer:
        parts.append(f"<strong>{esc(letter.signer)}</strong>")
    if letter.role:
        parts.append(esc(letter.role))
    if letter.signer_org:
        parts.append(esc(letter.signer_org))
    out = f"<p>{lines[0]}</p>\n" if lines else ""
    # doubled blank line before the name, as pasted from a word processor
    block = letter.signature_html or "<p>" + sep.join(parts) + "</p>"
    for name, role in letter.cosigners:
        block += f"\n<p><strong>{esc(name)}</strong>{sep}{esc(role)}</p>" if role else f"\n<p><strong>{esc(name)}</strong></p>"
    return out + "<p>&nbsp;</p>\n\n\n" + block


def _letter_core(letter: Letter, p_class: str = "") -> str:
    parts = []
    if letter.lead:
        parts.append(f"<p><strong>{esc(letter.lead)}</strong></p>")
    if letter.update_note:
        parts.append(f"<p><em>{esc(letter.update_note)}</em></p>")
    if letter.salutation:
        parts.append(f"<p>{esc(letter.salutation)}</p>")
    parts.append(body_html(letter, p_class))
    if letter.copy_line:
        parts.append(f"<p>{letter.copy_line}</p>")
    if letter.signoff or letter.signer:
        parts.append(_signature(letter))
    if letter.embed:
        title, url = letter.embed
        parts.append(f'<blockquote class="wp-embedded-content"><a href="{attr(url)}">{esc(title)}</a></blockquote>'
                     f'<iframe class="wp-embedded-content" sandbox="allow-scripts" title="{attr(title)}" '
                     f'src="{attr(url)}embed/#?secret=Xk29sQ" width="500" height="282"></iframe>')
    return "\n".join(parts)


def _related(letter: Letter, heading_tag: str = "h2", wrap: str = "ul", relative: bool = False) -> str:
    if not letter.related:
        return ""
    if wrap == "p":
        own = f"https://{letter.host}"
        links = "<br>\n".join(
            f'<a href="{attr(u[len(own):] if relative and u.startswith(own + "/") else u)}">{esc(lab)}</a>'
            for lab, u in letter.related)
        return f"<{heading_tag}>{esc(letter.related_heading)}</{heading_tag}>\n<p>{links}</p>"
    items = "\n".join(f'<li><a href="{attr(u)}">{esc(lab)}</a></li>' for lab, u in letter.related)
    return f"<{heading_tag}>{esc(letter.related_heading)}</{heading_tag}>\n<ul>\n{items}\n</ul>"


def _attachments(letter: Letter) -> str:
    if not letter.attachments:
        return ""
    items = "\n".join(f'<li><a href="{attr(u)}">{esc(lab)}</a></li>' for lab, u in letter.attachments)
    return f'<div class="downloads"><ul>\n{items}\n</ul></div>'


def _share(url: str) -> str:
    return ('<div class="share"><span>Share this page</span> '
            f'<a href="https://twitter.com/intent/tweet?url={attr(url)}">Twitter</a> '
            f'<a href="https://www.linkedin.com/shareArticle?mini=true&amp;url={attr(url)}">LinkedIn</a> '
            f'<a href="mailto:?subject=Shared%20page&amp;body={attr(url)}">Email</a></div>')


# ---- site chrome --------------------------------------------------------------------------------------

SITES = {
    "osr.statisticsauthority.gov.uk": ("Office for Statistics Regulation", [
        ("Home", "/"), ("Correspondence", "/correspondence-list/"), ("Publications", "/publications-list/"),
        ("About", "/about-the-osr/")]),
    "uksa.statisticsauthority.gov.uk": ("UK Statistics Authority", [
        ("Home", "/"), ("Correspondence", "/correspondence-list/"), ("News", "/news-list/"),
        ("About the Authority", "/about-the-authority/")]),
}


def wp_page(host: str, title: str, main: str, *, crumbs: list, head_extra: str = "", body_class: str = "",
            lang: str = "en-GB") -> str:
    site, nav = SITES.get(host, (host, [("Home", "/")]))
    nav_html = "".join(f'<li class="menu-item"><a href="https://{host}{p}">{esc(n)}</a></li>' for n, p in nav)
    crumb_html = " <span class=\"sep\">&gt;</span> ".join(
        f'<a href="https://{host}{p}">{esc(n)}</a>' if p else f"<span>{esc(n)}</span>" for n, p in crumbs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} &#8211; {esc(site)}</title>
<link rel="stylesheet" href="https://{host}/wp-content/themes/statsauthority/style.css?ver=5.2" type="text/css">
{head_extra}
</head>
{INVENTED}
<body class="{body_class}">
<div id="cookie-banner" role="region" aria-label="Cookies on {attr(site)}"><p>We use some essential cookies to make this
website work. We’d also like to set additional cookies to understand how you use the site.</p>
<button type="button">Accept additional cookies</button> <button type="button">Reject additional cookies</button>
<a href="https://{host}/cookies/">View cookies</a></div>
<a class="skip-link" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><a class="logo" href="https://{host}/">{esc(site)}</a>
<form role="search" action="https://{host}/"><input type="search" name="s" placeholder="Search"></form>
<nav class="main-navigation"><ul>{nav_html}</ul></nav></header>
<div class="breadcrumbs">{crumb_html}</div>
<div id="content" class="site-content">
{main}
</div>
<footer class="site-footer"><ul><li><a href="https://{host}/accessibility/">Accessibility</a></li>
<li><a href="https://{host}/privacy-notice/">Privacy</a></li><li><a href="https://{host}/cookies/">Cookies</a></li>
<li><a href="https://{host}/feed/">RSS</a></li></ul>
<p>All content is available under the <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open
Government Licence v3.0</a>, except where otherwise stated</p><p>&copy; Crown copyright</p></footer>
</body>
</html>
"""


def _oembed_links(letter: Letter) -> str:
    from urllib.parse import quote
    api = f"https://{letter.host}/wp-json/oembed/1.0/embed?url={quote(letter.url, safe='')}"
    return (f'<link rel="canonical" href="{attr(letter.url)}">\n'
            f'<link rel="alternate" type="application/json+oembed" href="{attr(api)}">\n'
            f'<meta property="og:title" content="{attr(letter.title)}">')


def correspondence_type(letter: Letter) -> str:
    return "response" if letter.title.lower().startswith("response") else "letter"


def render_osr2020(letter: Letter) -> str:
    kind = correspondence_type(letter)
    type_link = f'<a href="https://{letter.host}/correspondence-type/{kind}/" rel="tag">{kind.capitalize()}</a>'
    orgs = ", ".join(f'<a href="https://{letter.host}/organisation/{s}/" rel="tag">{esc(n)}</a>'
                     for n, s in letter.orgs)
    main = f"""<main id="main" class="site-main">
<article id="post-{letter.post_id}" class="post-{letter.post_id} correspondence type-correspondence status-publish">
<header class="entry-header"><h1 class="entry-title">{esc(letter.title)}</h1>
<div class="entry-meta">
<div class="meta-date"><span class="label">Date:</span> <time datetime="{letter.date}">{long_date(letter.date)}</time></div>
<div class="meta-fromto"><span class="label">From:</span> {esc(letter.fromto)}</div>
{f'<div class="meta-org"><span class="label">Organisation:</span> {orgs}</div>' if orgs else ''}
<div class="meta-type"><span class="label">Type:</span> {type_link}</div>
</div></header>
<div class="entry-content">
{_letter_core(letter)}
{_attachments(letter)}
</div>
<section class="related-links">
{_related(letter, "h2")}
</section>
{_share(letter.url)}
</article>
</main>"""
    crumbs = [("Home", "/"), ("Correspondence", "/correspondence-list/"), (letter.title, "")]
    return wp_page(letter.host, letter.title, main, crumbs=crumbs, head_extra=_oembed_links(letter),
                   body_class="correspondence-template-default single single-correspondence",
                   lang="cy" if letter.lang == "cy" else "en-GB")


def render_osr2017(letter: Letter) -> str:
    orgs = " ".join(f'<a class="tag" href="https://{letter.host}/organisation/{s}/">{esc(n)}</a>'
                    for n, s in letter.orgs)
    main = f"""<div class="container"><div class="row">
<div class="col-md-8 page-body">
<h1>{esc(letter.title)}</h1>
<p class="publish-date">{long_date(letter.date)}</p>
<p class="correspondence-parties">{esc(letter.fromto)}</p>
{_letter_core(letter)}
{_attachments(letter)}
{_related(letter, "h3", wrap="p", relative=True)}
</div>
<aside class="col-md-4 sidebar"><h4>Themes</h4><p>{esc(letter.theme or "Economy")}</p>
{f'<h4>Organisations</h4><p>{orgs}</p>' if orgs else ''}
{_share(letter.url)}</aside>
</div></div>"""
    crumbs = [("Home", "/"), ("Correspondence", "/correspondence-list/"), (letter.title, "")]
    return wp_page(letter.host, letter.title, main, crumbs=crumbs, body_class="page-template-letter",
                   head_extra=f'<link rel="canonical" href="{attr(letter.url)}">')


def render_uksa(letter: Letter) -> str:
    main = f"""<section class="letter">
<div class="letter__head">
<h1 class="letter__title">{esc(letter.title)}</h1>
<dl class="letter__details">
<dt>Published</dt><dd>{long_date(letter.date)}</dd>
<dt>From/to</dt><dd>{esc(letter.fromto)}</dd>
{''.join(f'<dt>Organisation</dt><dd><a href="https://{letter.host}/org/{s}/">{esc(n)}</a></dd>' for n, s in letter.orgs)}
</dl>
</div>
<div class="letter__body wysiwyg">
{_letter_core(letter)}
{_attachments(letter)}
</div>
<div class="letter__related">
{_related(letter, "h4")}
</div>
{_share(letter.url)}
</section>"""
    section = ("Evidence", "") if "/submission/" in letter.url else ("Correspondence", "/correspondence-list/")
    crumbs = [("Home", "/"), section, (letter.title, "")]
    return wp_page(letter.host, letter.title, main, crumbs=crumbs, body_class="single uksa-letter",
                   head_extra=f'<link rel="canonical" href="{attr(letter.url)}">')


def render_ons(letter: Letter) -> str:
    related = "".join(f'<li class="ons-list__item"><a href="{attr(u)}" class="ons-list__link">{esc(lab)}</a></li>'
                      for lab, u in letter.related)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{esc(letter.title)} - Office for National Statistics</title>
<link rel="canonical" href="{attr(letter.url)}"></head>
{INVENTED}
<body>
<div class="ons-cookies-banner"><p>Cookies on ons.gov.uk</p><p>Cookies are small files stored on your device when you
visit a website.</p><button>Accept additional cookies</button><button>Reject additional cookies</button></div>
<header class="ons-header"><a href="https://www.ons.gov.uk/">Office for National Statistics</a>
<nav><a href="https://www.ons.gov.uk/businessindustryandtrade">Business, industry and trade</a>
<a href="https://www.ons.gov.uk/economy">Economy</a><a href="https://www.ons.gov.uk/peoplepopulationandcommunity">People,
population and community</a></nav></header>
<nav class="ons-breadcrumb" aria-label="Breadcrumbs"><ol><li><a href="https://www.ons.gov.uk/">Home</a></li>
<li><a href="https://www.ons.gov.uk/news">News</a></li><li><a href="https://www.ons.gov.uk/news/statementsandletters">Statements
and letters</a></li></ol></nav>
<main id="main" class="page-content">
<div class="page-intro"><h1 class="page-intro__title"><span class="page-intro__type">Statement:</span> {esc(letter.title)}</h1></div>
<div class="meta-wrap"><ul class="col col--md-47 col--lg-58 meta">
<li class="meta__item"><span>Release date: </span><br>{long_date(letter.date)}</li>
<li class="meta__item"><span>Contact: </span><br><a href="mailto:media.relations@ons.gov.uk">Media Relations Office</a></li>
</ul></div>
<div class="section__content--markdown">
{_letter_core(letter)}
</div>
{f'<section class="related"><h2>Related links</h2><ul class="ons-list">{related}</ul></section>' if related else ''}
</main>
<footer class="ons-footer"><p>All content is available under the Open Government Licence v3.0, except where otherwise
stated</p></footer>
</body></html>
"""


def render_af(letter: Letter) -> str:
    related = "".join(f'<li><a class="govuk-link" href="{attr(u)}">{esc(lab)}</a></li>' for lab, u in letter.related)
    return f"""<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head><meta charset="utf-8"><title>{esc(letter.title)} – Government Analysis Function</title></head>
{INVENTED}
<body class="govuk-template__body">
<div class="govuk-cookie-banner" role="region"><h2>Cookies on the Analysis Function website</h2>
<p>We use some essential cookies to make this website work.</p></div>
<header class="govuk-header"><a class="govuk-header__link" href="https://analysisfunction.civilservice.gov.uk/">Government
Analysis Function</a></header>
<div class="govuk-width-container">
<div class="govuk-breadcrumbs"><ol><li><a href="https://analysisfunction.civilservice.gov.uk/">Home</a></li>
<li><a href="https://analysisfunction.civilservice.gov.uk/policy-store/">Policy Store</a></li></ol></div>
<main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-xl">{esc(letter.title)}</h1>
<p class="govuk-body-s">Published: {long_date(letter.date)}</p>
{f'<p class="govuk-body-s">{esc(letter.fromto)}</p>' if letter.fromto else ''}
<div class="govuk-body">
{_letter_core(letter)}
{_attachments(letter)}
</div>
{f'<aside><h2 class="govuk-heading-m">{esc(letter.related_heading)}</h2><ul class="govuk-list">{related}</ul></aside>' if related else ''}
</main></div>
<footer class="govuk-footer"><p>© Crown copyright</p></footer>
</body></html>
"""


def render_legacy(letter: Letter) -> str:
    """The pre-2016 CMS: a one-sentence summary and the letter as a PDF."""
    links = "".join(f'<li><a href="{attr(u)}">{esc(lab)}</a></li>' for lab, u in letter.attachments)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>UK Statistics Authority - {esc(letter.title)}</title></head>
{INVENTED}
<body><div id="wrapper"><div id="header"><a href="https://www.statisticsauthority.gov.uk/">UK Statistics Authority</a></div>
<div id="nav"><a href="https://www.statisticsauthority.gov.uk/reports---correspondence/index.html">Reports &amp; Correspondence</a></div>
<div id="main"><h1>{esc(letter.title)}</h1>
<p class="date">{long_date(letter.date)}</p>
{body_html(letter)}
<ul class="downloads">{links}</ul>
</div><div id="footer">© Crown Copyright</div></div></body></html>
"""


RENDERERS = {"osr2020": render_osr2020, "osr2017": render_osr2017, "uksa": render_uksa, "ons": render_ons,
             "af": render_af, "legacy": render_legacy}


def render_letter(letter: Letter) -> str:
    return RENDERERS[letter.template](letter)


# ---- listings -----------------------------------------------------------------------------------------

def listing_item(letter: Letter) -> str:
    href = letter.url.rstrip("/") if letter.link_without_slash else letter.url
    return f"""<div class="correspondence-item">
<h3><a href="{attr(href)}">{esc(letter.title)}</a></h3>
<p class="item-date">{long_date(letter.date)}</p>
{f'<p class="item-fromto">{esc(letter.fromto)}</p>' if letter.fromto else ''}
</div>"""


def render_listing(host: str, title: str, letters: list, *, total: int, page_url: str, prev_url: str | None,
                   next_url: str | None, noun: str = "correspondence") -> str:
    items = "\n".join(listing_item(letter) for letter in letters)
    head = []
    if prev_url:
        head.append(f'<link rel="prev" href="{attr(prev_url)}">')
    if next_url:
        head.append(f'<link rel="next" href="{attr(next_url)}">')
    nav = []
    if prev_url:
        nav.append(f'<a class="prev page-numbers" rel="prev" href="{attr(prev_url)}">Previous</a>')
    if next_url:
        nav.append(f'<a class="next page-numbers" rel="next" href="{attr(next_url)}">Next</a>')
    count = f"{total} item(s) of {noun} found"
    main = f"""<main class="listing">
<h1>{esc(title)}</h1>
<form class="filters" action="{attr(page_url.split('?')[0])}" method="get">
<input type="text" name="keyword" value=""><select name="theme"><option value="">-- All themes --</option>
<option value="economy">Economy</option><option value="health-social-care">Health and Social Care</option></select>
<input type="text" name="date" value=""><button type="submit">Filter</button></form>
<p class="results-count">{count}</p>
<div class="results">
<!-- items -->
{items}
</div>
<nav class="pagination">{' '.join(nav)}</nav>
</main>"""
    return wp_page(host, title, main, crumbs=[("Home", "/"), (title, "")], head_extra="\n".join(head),
                   body_class="page-template-listing")
