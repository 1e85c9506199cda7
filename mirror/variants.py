"""Alternative mirrors: the same kinds of pages as SITE.md describes, in markup, wording and class names that
share nothing with `mirror/templates.py`. INVENTED SAMPLE CONTENT (see mirror/README.md).

`generate_variant(out_dir, style, seed=0) -> manifest` writes a complete tree in the layout `mirror/serve.py`
serves (`ROOT/HOST/PATH/index.html`, query files, `_redirects.tsv`, `MANIFEST.json`), with about 25 letters,
one publication with chapter pages and a PDF, a letter PDF attachment, listings, an `/organisation/` archive
page, an `/embed/` page and a redirect from `www.statisticsauthority.gov.uk`. Styles (`STYLES`):

* `classic`: a table-layout WordPress theme; hashed class names; no semantic elements; navigation after the
  content; dates as "Published on Tuesday 14th January 2020" or in `<time datetime>` only; from/to as
  "From: ... To: ..." or a definition list; `/page/2/` pagination with a bare "Next »" link;
  related links under `<h3>Related links:</h3>` or `<strong>See also</strong>`.
* `modern`: a block theme: `<main>`, `<article>`, aria landmarks, a mega-menu and a wordy cookie dialog;
  listings paged by `?keyword=&theme=&date=&pg=2` with rel=next only in the head; `-2` slugs, bare post ids,
  links without trailing slashes.
* `legacy`: pre-2016 letters: XHTML tables, summary pages whose letter is a `_tcm97-NNNNN.pdf`,
  `/assessment/.../index.html` pages on the old host, windows-1252 declared only in a meta tag (the files are
  written UTF-8 and served re-encoded).

Serve a tree as its site does with `mirror.serve.start(root, **serve_options(manifest))` (legacy: windows-1252;
modern: gzip). `python -m mirror.variants [DIR]` writes all three styles.

The manifest's documents carry what a reader would check: `first_sentence`, `sender`, `recipients`,
`commitments` ([{kind, due}]), `attachments`; `manifest["chrome"]` lists site text that is never letter text.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
from calendar import monthrange
from datetime import date as Date, timedelta
from html import escape
from pathlib import Path

from mirror import layout
from mirror.make_pdfs import Pages

STYLES = ("classic", "modern", "legacy")
O, U, W = ("https://osr.statisticsauthority.gov.uk", "https://uksa.statisticsauthority.gov.uk",
           "https://www.statisticsauthority.gov.uk")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
INVENTED = "<!-- INVENTED SAMPLE CONTENT: not a real letter (see mirror/README.md) -->"
OSR, UKSA = "Office for Statistics Regulation", "UK Statistics Authority"

# (name, salutation name, role, organisation); the regulators' office holders are real names, the rest invented
OSR_SENDERS = [("Ed Humpherson", "Ed", "Director General for Regulation", OSR),
               ("Mark Pont", "Mark", "Assessment Programme Lead", OSR),
               ("Harriet Quennell", "Harriet", "Head of Regulation, Economy and Business", OSR)]
CHAIRS = {"classic": ("David Norgrove", "Sir David", "Chair", UKSA),
          "modern": ("Robert Chote", "Sir Robert", "Chair", UKSA),
          "legacy": ("Andrew Dilnot", "Sir Andrew", "Chair", UKSA)}
LEGACY_OSR = [("Richard Alldritt", "Richard", "Head of Assessment", UKSA)]
RECIPIENTS = [("Alison Brayfield", "Alison", "Head of Profession for Statistics", "Department for Transport"),
              ("Gareth Penhallow", "Gareth", "Chief Statistician", "Welsh Government"),
              ("Imogen Tarrant", "Ms Tarrant", "Director of Analysis", "Home Office"),
              ("Rupert Okonjo", "Rupert", "Deputy Director, Health Analysis", "Department of Health and Social Care"),
              ("Fiona Achterberg", "Fiona", "Chief Executive", "Registers of Scotland"),
              ("Lucinda Marsh MP", "Ms Marsh", "Chair, Public Accounts Select Committee", "House of Commons"),
              ("Declan Moorcroft", "Declan", "Head of Statistics", "Department for Education"),
              ("Priya Venkatesan", "Dr Venkatesan", "Chief Economist", "HM Revenue and Customs")]
TOPICS = ["road casualty estimates", "rail passenger journeys", "knife crime recording", "hospital bed occupancy",
          "land transaction returns", "migrant worker earnings", "pupil absence rates", "fuel poverty measures",
          "tax credit uptake", "bus punctuality figures", "homelessness counts", "ambulance response times",
          "apprenticeship starts", "regional productivity estimates", "household energy use", "prison population projections",
          "farm business income", "tourism visitor numbers", "small business lending", "air quality readings",
          "childcare provision", "domestic abuse prevalence", "student loan forecasts", "water company leakage",
          "broadband coverage", "housing completions", "care home admissions"]
OPENERS = ["I am writing about the {t} published by your department on {d}.",
           "Thank you for your letter of {d} setting out the changes to the {t}.",
           "Following our meeting on {d}, I want to record our view of the {t}.",
           "My team has now completed its review of the {t} released on {d}."]
FINDINGS = ["We found that the release explains clearly what the figures measure, but the accompanying commentary "
            "leans on a single month’s change – which the data cannot bear.",
            "Users told us they value the series, yet several could not reconcile the headline total with the "
            "tables published alongside it; the ‘revised’ figures were not flagged as such.",
            "The statistics are produced with care. However, the methods note has not been updated since the "
            "collection moved online, and the quality caveats are hard to find."]
CHROME = {  # site text that must never be taken for a letter's text
    "classic": ["Statistical regulation explained", "This site stores small text files on your computer",
                "Registered office: 1 Drummond Gate", "Latest from the regulator", "Share this letter"],
    "modern": ["Explore our regulatory programme", "We and our partners use technologies such as cookies",
               "Subscribe to our monthly bulletin", "You may also be interested in", "Share this letter"],
    "legacy": ["Reports & Correspondence archive", "This website uses cookies to improve navigation",
               "Statistics House, Tredegar Park", "Quick links"],
}

METADATA_LABELS = {  # the labels of page metadata (dates, parties, tags): never part of the letter's text
    "classic": ["Published on", "Filed under"], "modern": ["Sender:", "Recipient:", "Organisation:"],
    "legacy": ["Organisation:"]}


def long_date(d: Date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def month_end(d: Date, months: int) -> Date:
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    return Date(y, m, monthrange(y, m)[1])


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "")).strip("-")


def h(text: str) -> str:
    return escape(text, quote=True)


def party_line(p) -> str:
    return f"{p[0]}, {p[3]}"


# ---- the letters --------------------------------------------------------------------------------------------

def _letters(style: str, rng: random.Random) -> list[dict]:
    letters, years = [], ((2010, 2015) if style == "legacy" else (2019, 2023))
    base = Date(years[0], 2, 3)
    span = (Date(years[1], 11, 1) - base).days
    offsets = sorted(rng.sample(range(span), 25))
    for i in range(25):
        d = base + timedelta(days=offsets[i])
        host = U if i % 6 == 5 else O
        sender = CHAIRS[style] if host == U else (LEGACY_OSR[0] if style == "legacy" else OSR_SENDERS[i % 3])
        recipient = RECIPIENTS[(i * 3) % len(RECIPIENTS)]
        topic = TOPICS[i]
        cap = topic[0].upper() + topic[1:]
        if style == "legacy":
            title = (f"Letter from {sender[0]} to {recipient[0]} on {topic}" if i % 2 else
                     f"Response from {sender[0]} to {recipient[0]}: {cap}")
        else:
            title = f"{sender[0]} to {recipient[0]}: {cap}" if i % 4 else cap
        if i % 7 == 3:
            title += " – follow-up"                            # an en dash inside the title
        slug = slugify(title)
        if style == "modern" and i % 5 == 2:
            slug += "-2"
        if style == "modern" and i == 9:
            slug = str(31400 + i)                              # a bare post id
        ask = month_end(d, 3 + i % 3)
        ask = Date(ask.year, ask.month, 30 if ask.month != 2 else 28)
        plan = month_end(d, 5 + i % 4)
        opener = OPENERS[i % 4].format(t=topic, d=long_date(d - timedelta(days=9 + i)))
        request = f"I would be grateful if you could send me your plan for the {topic} by {long_date(ask)}."
        promise = f"My team will publish a short review of the {topic} by the end of {MONTHS[plan.month - 1]} {plan.year}."
        copied = RECIPIENTS[(i * 3 + 1) % len(RECIPIENTS)]
        section = "submission" if style == "modern" and i == 11 else "correspondence"
        lead = (f"{sender[0]}, {sender[2]}, {sender[3]} writes to {recipient[0]}, {recipient[2]}, {recipient[3]}."
                if style == "classic" and i % 5 == 1 else "")
        note = (f"Updated on {long_date(d + timedelta(days=40))} to correct a figure in the second paragraph."
                if style == "modern" and i % 8 == 0 else "")
        fromto = " to" if i == 6 else f"{party_line(sender)} to {party_line(recipient)}"   # an empty from/to line
        letters.append(dict(
            i=i, host=host, url=f"{host}/{section}/{slug}/", title=title, date=d.isoformat(), d=d, topic=topic,
            lead=lead, note=note,
            sender=sender, recipient=recipient, fromto=fromto,
            salutation=f"Dear {recipient[1]},",
            paragraphs=[opener + " It sets out what we found and what we now ask of you.", FINDINGS[i % 3],
                        request, promise,
                        "We recognise that your team is small and that the collection is changing at the same time."],
            copy=f"I am copying this letter to {copied[0]}, {copied[2]}, {copied[3]}.",
            signoff=["Yours sincerely", "Yours ever,", "Best wishes,"][i % 3],
            first_sentence=opener,
            commitments=[{"kind": "request", "due": ask.isoformat()}, {"kind": "commitment", "due": plan.isoformat()}],
            related=[], attachments=[], summary=False))
    return letters


CSV_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "uksa-correspondence-list-2020-06-19.csv"
REAL_SLOTS = (13, 14, 16, 19)   # letters that take a real row's title, date and from/to line when the CSV is there
CLEAN_FROMTO = re.compile(r"^(?P<s>[^,]+), (?P<so>[^,]+) to (?P<r>[^,]+), (?P<ro>[^,]+)$")


def _person(name: str, org: str) -> tuple:
    words = name.split()
    greet = " ".join(words[:2]) if words[0] in ("Sir", "Dame", "Dr", "Professor") else words[0]
    return (name, greet, "", org)


def _real_rows(letters: list[dict], style: str, rng: random.Random, csv_path: Path = CSV_PATH) -> int:
    """Give a few letters a real row's title, date and from/to line (bodies stay invented); 0 without the CSV."""
    import csv
    if not csv_path.is_file():
        return 0
    years = ("2010", "2015") if style == "legacy" else ("2019", "2020")
    with open(csv_path, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if years[0] <= r["date"][:4] <= years[1]
                and CLEAN_FROMTO.match(r["subtitle"].strip()) and " to " not in r["subtitle"].split(" to ", 1)[1]]
    for i, row in zip(REAL_SLOTS, rng.sample(rows, len(REAL_SLOTS))):
        x, m = letters[i], CLEAN_FROMTO.match(row["subtitle"].strip())
        old_topic, d = x["topic"], Date.fromisoformat(row["date"])
        x["sender"], x["recipient"] = _person(m["s"], m["so"]), _person(m["r"], m["ro"])
        x["title"], x["date"], x["d"], x["fromto"] = row["title"].strip(), row["date"], d, row["subtitle"].strip()
        x["url"] = f"{x['host']}/correspondence/{row['url'].rstrip('/').rsplit('/', 1)[1]}/"
        x["salutation"] = f"Dear {x['recipient'][1]},"
        x["real_row"] = True
        ask, plan = Date(month_end(d, 3).year, month_end(d, 3).month, 28), month_end(d, 6)
        x["paragraphs"][2] = f"I would be grateful if you could send me your plan for the {old_topic} by {long_date(ask)}."
        x["paragraphs"][3] = (f"My team will publish a short review of the {old_topic} by the end of "
                              f"{MONTHS[plan.month - 1]} {plan.year}.")
        x["commitments"] = [{"kind": "request", "due": ask.isoformat()}, {"kind": "commitment", "due": plan.isoformat()}]
        opener = OPENERS[i % 4].format(t=old_topic, d=long_date(d - timedelta(days=9 + i)))
        x["first_sentence"] = opener
        x["paragraphs"][0] = opener + " It sets out what we found and what we now ask of you."
        if x["lead"]:
            x["lead"] = f"{m['s']}, {m['so']} writes to {m['r']}, {m['ro']}."
    return len(REAL_SLOTS)


def _wire(letters: list[dict], style: str) -> dict:
    """Related links (each letter to the one before), the old-host redirect, the PDF, the summary pages."""
    extra = {"redirects": [], "pdfs": {}, "legacy_pages": []}
    old_cms = letters[20:23] if style == "legacy" else []
    for letter in old_cms:      # three pre-2016 letters live only on the old CMS (reached through Related Links)
        path = f"/assessment/correspondence/letters-{letter['d'].year}/{slugify(letter['topic'])}/index.html"
        letter["host"], letter["url"] = W, W + path
    for a, b in zip(letters[1:], letters[:-1]):
        month = f"{MONTHS[b['d'].month - 1]} {b['d'].year}"
        a["related"].append((f"{b['sender'][0]} to {b['recipient'][0]} ({month})", b["url"]))
    old = letters[4]
    old_url = f"{W}/correspondence/{slugify(old['topic'])}-letter/"
    extra["redirects"].append((old_url, old["url"]))
    letters[7]["related"].append((f"Earlier correspondence on {old['topic']}", old_url))
    pdf_letter = letters[3]
    year, month = pdf_letter["d"].year, pdf_letter["d"].month
    pdf_name = re.sub(r"[^A-Za-z0-9]+", "-", pdf_letter["title"]).strip("-")
    sites = "sites/2/" if style == "modern" else ""
    pdf_url = f"{pdf_letter['host']}/wp-content/uploads/{sites}{year}/{month:02d}/{pdf_name}-1.pdf"
    pdf_letter["attachments"].append((f"{pdf_letter['title']} (PDF, 1 page)", pdf_url))
    extra["pdfs"][pdf_url] = pdf_letter
    if style == "legacy":
        for n, letter in enumerate(letters):
            if n % 3 == 1 and letter["host"] != W:   # a migrated summary page: one sentence, the letter is the PDF
                letter["summary"] = True
                url = (f"{letter['host']}/wp-content/uploads/2016/0{1 + n % 8}/"
                       f"{slugify(letter['title'])[:60]}_tcm97-{41000 + 37 * n}.pdf")
                letter["attachments"] = [(f"{letter['title']} (PDF, 45 KB)", url)]
                extra["pdfs"][url] = letter
        for n, letter in enumerate(old_cms):
            letters[10 + n]["related"].append((f"{letter['title']} ({long_date(letter['d'])})", letter["url"]))
            if n == 0:
                letter["summary"] = True
                url = letter["url"].replace("index.html", f"{slugify(letter['topic'])}_tcm97-{43000 + n}.pdf")
                letter["attachments"] = [(f"{letter['title']} (PDF)", url)]
                extra["pdfs"][url] = letter
            extra["legacy_pages"].append(letter)
    return extra


def letter_pdf(letter: dict) -> bytes:
    p = Pages(letter["title"], header=letter["sender"][3], numbering="Page {n} of {total}")
    r = letter["recipient"]
    p.lines([r[0], r[2], r[3], "", long_date(letter["d"])])
    p.line(letter["salutation"], gap=6)
    for para in letter["paragraphs"]:
        p.para(para)
    p.para(letter["copy"])
    p.lines([letter["signoff"], "", letter["sender"][0], letter["sender"][2]])
    return p.save()


# ---- markup pieces ----------------------------------------------------------------------------------------

def _cls(style: str, name: str) -> str:
    """A hashed class name (`c-x7f3`) that means nothing outside this style."""
    return "c-" + hashlib.sha1(f"{style}:{name}".encode()).hexdigest()[:4]


def body_blocks(letter: dict, tag: str = "p", attrs: str = "") -> str:
    lines = [letter["salutation"], *letter["paragraphs"], letter["copy"]]
    out = [f"<{tag}{attrs}>{h(x)}</{tag}>" for x in lines]
    if letter.get("note"):
        out.insert(0, f"<{tag}{attrs}><em>{h(letter['note'])}</em></{tag}>")
    if letter.get("lead"):
        out.insert(0, f"<{tag}{attrs}><b>{h(letter['lead'])}</b></{tag}>")
    s = letter["sender"]
    out.append(f"<{tag}{attrs}>{h(letter['signoff'])}</{tag}>")
    out.append(f"<{tag}{attrs}>&nbsp;</{tag}>\n\n<{tag}{attrs}><b>{h(s[0])}</b><br>{h(s[2])}</{tag}>")
    return "\n".join(out)


def rel_href(url: str, style: str) -> str:
    return url.rstrip("/") if style == "modern" and url.endswith("/") and "/wp-content/" not in url else url


def _links(items, style, sep="<br>\n") -> str:
    return sep.join(f'<a href="{h(rel_href(u, style))}">{h(label)}</a>' for label, u in items)


# ---- classic --------------------------------------------------------------------------------------------

def classic_page(host: str, title: str, inner: str, side: str = "") -> str:
    c = lambda n: _cls("classic", n)  # noqa: E731
    site = UKSA if host == U else OSR
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{h(title)} | {site}</title>
<link rel="stylesheet" href="{host}/wp-content/themes/stats-classic/main.css"></head>
{INVENTED}
<body class="{c('body')}"><table width="100%" cellpadding="0" cellspacing="0" class="{c('frame')}">
<tr><td colspan="2" class="{c('logo')}"><a href="{host}/"><img src="{host}/wp-content/themes/stats-classic/logo.png" alt="{site}"></a></td></tr>
<tr><td valign="top" class="{c('main')}">{inner}</td>
<td valign="top" width="28%" class="{c('side')}"><div class="{c('sidehead')}">Latest from the regulator</div>{side}</td></tr></table>
<div class="{c('nav')}"><a href="{host}/">Home</a> | <a href="{host}/correspondence-list/">Correspondence</a> |
<a href="{host}/publications-list/">Publications</a> | <a href="{host}/statistical-regulation-explained/">Statistical regulation explained</a> |
<a href="{host}/about/">About us</a></div>
<div class="{c('cookies')}">This site stores small text files on your computer to help us count visits. <a href="{host}/cookies/">Find out more</a>.</div>
<div class="{c('foot')}">Registered office: 1 Drummond Gate, London SW1V 2QQ. &copy; Crown copyright. <a href="{host}/accessibility/">Accessibility</a></div>
</body></html>"""


def classic_letter(letter: dict, org_url: str) -> str:
    c = lambda n: _cls("classic", n)  # noqa: E731
    d, i = letter["d"], letter["i"]
    when = (f'<div class="{c("when")}">Published on {DAYS[d.weekday()]} {ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}</div>'
            if i % 2 == 0 else f'<div class="{c("when")}"><time datetime="{letter["date"]}T09:00:00+00:00"></time></div>')
    s, r = letter["sender"], letter["recipient"]
    if i % 3 == 0:
        parties = f'<dl class="{c("dl")}"><dt>From</dt><dd>{h(party_line(s))}</dd><dt>To</dt><dd>{h(party_line(r))}</dd></dl>'
    else:
        parties = f'<div class="{c("who")}">From: {h(party_line(s))} To: {h(party_line(r))}</div>'
    head = "<h3>Related links:</h3>" if i % 2 else "<strong>See also</strong><br>"
    related = f'<div class="{c("rel")}">{head}{_links(letter["related"], "classic")}</div>' if letter["related"] else ""
    files = f'<div class="{c("files")}">{_links(letter["attachments"], "classic")}</div>' if letter["attachments"] else ""
    embed = (f'<div class="{c("share")}">Share this letter: <a href="https://twitter.com/intent/tweet?url={letter["url"]}">'
             f'Twitter</a> | <a href="{letter["url"]}embed/">Embed this letter</a></div>' if i == 2 else "")
    inner = f"""<div class="{c('post')}"><div class="{c('title')}">{h(letter['title'])}</div>
{when}{parties}
<div class="{c('text')}">{body_blocks(letter, 'div')}</div>
{files}{related}
<div class="{c('tags')}">Filed under: <a href="{org_url}">{h(r[3])}</a></div>{embed}</div>"""
    return classic_page(letter["host"], letter["title"], inner)


def classic_listing(host, items, page, pages, total) -> str:
    c = lambda n: _cls("classic", n)  # noqa: E731
    rows = "\n".join(f'<tr><td><a href="{x["url"]}">{h(x["title"])}</a></td><td>{long_date(x["d"])}</td>'
                     f'<td>{h(x["fromto"])}</td></tr>' for x in items)
    nxt = f'<a href="/correspondence-list/page/{page + 1}/">Next &raquo;</a>' if page < pages else ""
    inner = (f'<div class="{c("lt")}">Correspondence</div><div>{total} item(s) of correspondence found</div>'
             f'<table class="{c("list")}">{rows}</table><div class="{c("pager")}">{nxt}</div>')
    return classic_page(host, "Correspondence", inner)


# ---- modern ---------------------------------------------------------------------------------------------

MEGA = [("Regulation", ["Our regulatory programme", "Assessments", "Systemic reviews", "Casework"]),
        ("Guidance", ["Code of Practice", "Quality", "Trustworthiness", "Value"]),
        ("News", ["Blogs", "Speeches", "Monthly bulletin", "Events"]),
        ("About", ["Our people", "Our board", "Jobs", "Contact us"])]


def modern_page(host: str, title: str, inner: str, head: str = "") -> str:
    site = UKSA if host == U else OSR
    cols = "\n".join(
        f'<li class="mega__col"><button aria-expanded="false">{n}</button><div class="mega__panel"><p>Explore our '
        f'regulatory programme and find out how we judge {n.lower()} against the Code.</p><ul>'
        + "".join(f'<li><a href="{host}/{slugify(x)}">{x}</a></li>' for x in xs) + "</ul></div></li>"
        for n, xs in MEGA)
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{h(title)} - {site}</title>{head}</head>
{INVENTED}
<body class="wp-site-blocks">
<div class="consent-dialog" role="dialog" aria-modal="true" aria-label="Your privacy choices">
<h2>Your privacy choices</h2><p>We and our partners use technologies such as cookies to store and access information on
your device, so that the site works, so that we can measure how it is used and so that we can improve it over time.</p>
<p>Some of these technologies are essential. Others are optional and help us understand which pages are read most
often, how people arrive at them and whether they find what they came for. You can change your mind at any time.</p>
<p>Optional cookies are set only when you accept them, and we keep your choice for twelve months.</p>
<button>Accept all</button><button>Reject optional</button><a href="{host}/privacy">Privacy notice</a></div>
<a class="skip" href="#main">Skip to main content</a>
<header role="banner"><a href="{host}" aria-label="{site} home">{site}</a>
<nav aria-label="Main menu" class="mega"><ul>{cols}</ul></nav>
<form role="search" action="{host}/"><label>Search <input name="s"></label></form></header>
<main id="main">{inner}</main>
<aside role="complementary" aria-label="More"><h2>You may also be interested in</h2>
<p><a href="{host}/statistics-in-the-news">Statistics in the news</a></p></aside>
<footer role="contentinfo"><h2>Subscribe to our monthly bulletin</h2><p>News from the regulator, once a month.</p>
<ul><li><a href="{host}/accessibility">Accessibility</a></li><li><a href="{host}/cookies">Cookies</a></li></ul>
<p>&copy; Crown copyright</p></footer></body></html>"""


def modern_letter(letter: dict, org_url: str) -> str:
    s, r = letter["sender"], letter["recipient"]
    d = letter["d"]
    related = (f'<aside aria-labelledby="rl-{letter["i"]}"><h2 id="rl-{letter["i"]}">Related links</h2><ul>'
               + "".join(f'<li><a href="{h(rel_href(u, "modern"))}">{h(lab)}</a></li>' for lab, u in letter["related"])
               + "</ul></aside>") if letter["related"] else ""
    files = "".join(f'<div class="wp-block-file"><a href="{h(u)}">{h(lab)}</a></div>' for lab, u in letter["attachments"])
    embed = (f'<div class="wp-block-social-links">Share this letter: <a href="https://www.linkedin.com/sharing/share-offsite/'
             f'?url={letter["url"]}">LinkedIn</a> <a href="{rel_href(letter["url"], "modern")}/embed">Embed this letter</a></div>'
             if letter["i"] == 2 else "")
    inner = f"""<article class="wp-block-post type-correspondence" aria-labelledby="t{letter['i']}">
<h1 id="t{letter['i']}" class="wp-block-post-title">{h(letter['title'])}</h1>
<div class="wp-block-post-date"><time datetime="{letter['date']}T09:30:00+00:00">{d.day} {MONTHS[d.month - 1][:3]} {d.year}</time></div>
<ul class="wp-block-post-terms"><li><span>Sender:</span> {h(party_line(s))}</li><li><span>Recipient:</span> {h(party_line(r))}</li>
<li><span>Organisation:</span> <a href="{rel_href(org_url, 'modern')}" rel="tag">{h(r[3])}</a></li></ul>
<div class="wp-block-post-content">{body_blocks(letter)}
{files}</div>{related}{embed}</article>"""
    return modern_page(letter["host"], letter["title"], inner, head=f'<link rel="canonical" href="{letter["url"]}">')


def modern_listing(host, items, page, pages, total) -> str:
    q = lambda n: f"{host}/correspondence-list/?keyword=&theme=&date=&pg={n}"  # noqa: E731
    head = (f'<link rel="prev" href="{q(page - 1)}">' if page > 1 else "") + \
           (f'<link rel="next" href="{q(page + 1)}">' if page < pages else "")
    lis = "\n".join(f'<li class="wp-block-post"><h2><a href="{rel_href(x["url"], "modern")}">{h(x["title"])}</a></h2>'
                    f'<div>{long_date(x["d"])}</div><p>{h(x["fromto"])}</p></li>' for x in items)
    nums = " ".join(f'<a aria-label="Page {n}" href="{q(n)}">{n}</a>' if n != page else f"<span>{n}</span>"
                    for n in range(1, pages + 1))
    inner = (f'<h1>Correspondence</h1><p role="status">{total} item(s) of correspondence found</p>'
             f'<ul class="wp-block-post-template">{lis}</ul><nav aria-label="Pagination">{nums}</nav>')
    return modern_page(host, "Correspondence", inner, head=head)


# ---- legacy ---------------------------------------------------------------------------------------------

def legacy_page(host: str, title: str, inner: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252" />
<title>{UKSA} - {h(title)}</title></head>
{INVENTED}
<body><table id="outer" width="960"><tr><td id="topbar"><a href="{host}/">{UKSA}</a>
<span>This website uses cookies to improve navigation. <a href="{host}/cookies/">More</a></span></td></tr>
<tr><td><table><tr><td id="leftcol" width="180"><b>Quick links</b><br /><a href="{host}/correspondence-list/">Reports &amp; Correspondence archive</a><br />
<a href="{host}/assessment/">Assessment</a><br /><a href="{host}/national-statistician/">National Statistician</a></td>
<td id="centrecol">{inner}</td></tr></table></td></tr>
<tr><td id="footer">Statistics House, Tredegar Park, Newport NP10 8XG &#8211; &#169; Crown copyright</td></tr></table></body></html>"""


def legacy_letter(letter: dict, org_url: str) -> str:
    files = "".join(f'<li><a href="{h(u)}">{h(lab)}</a></li>' for lab, u in letter["attachments"])
    if letter["summary"]:
        s, r = letter["sender"], letter["recipient"]
        body = (f"<p>{h(s[0])}, {h(s[2])}, wrote to {h(r[0])}, {h(r[2])}, {h(r[3])}, about the {h(letter['topic'])} "
                f"on {long_date(letter['d'])}.</p>")
    else:
        body = body_blocks(letter)
    related = (f"<p><b>Related Links</b></p><p>{_links(letter['related'], 'legacy')}</p>" if letter["related"] else "")
    inner = f"""<h2>{h(letter['title'])}</h2>
<p class="dateline">{long_date(letter['d'])}</p><p class="parties">{h(letter['fromto'])}</p>
{body}<ul class="attachments">{files}</ul>{related}
<p class="org">Organisation: <a href="{org_url}">{h(letter['recipient'][3])}</a></p>"""
    return legacy_page(letter["host"], letter["title"], inner)


def legacy_listing(host, items, page, pages, total) -> str:
    rows = "\n".join(f'<tr><td>{long_date(x["d"])}</td><td><a href="{x["url"]}">{h(x["title"])}</a><br />'
                     f'{h(x["fromto"])}</td></tr>' for x in items)
    nums = " ".join(f'<a href="{host}/correspondence-list/{f"page/{n}/" if n > 1 else ""}">{n}</a>' if n != page else str(n)
                    for n in range(1, pages + 1))
    nxt = f' <a href="{host}/correspondence-list/page/{page + 1}/" title="Next page">&gt;&gt;</a>' if page < pages else ""
    inner = (f"<h2>Correspondence</h2><p>{total} item(s) of correspondence found</p><table>{rows}</table>"
             f"<p>Page: {nums}{nxt}</p>")
    return legacy_page(host, "Correspondence", inner)


RENDER = {"classic": (classic_page, classic_letter, classic_listing),
          "modern": (modern_page, modern_letter, modern_listing),
          "legacy": (legacy_page, legacy_letter, legacy_listing)}


# ---- the other pages ------------------------------------------------------------------------------------

def _publication(style: str, rng: random.Random) -> dict:
    d = Date(2015, 6, 18) if style == "legacy" else Date(2022, 7, 13)
    title = {"classic": "Review of statistics on household finances", "modern": "Trust in local area statistics",
             "legacy": "Assessment of statistics on international migration"}[style]
    slug = slugify(title)
    url = f"{O}/publication/{slug}/"
    chapters = [("Summary", [f"This review looks at {title.lower()} and what users need from them.",
                             "We spoke to users in government, academia and the media."]),
                ("What we found", ["Producers have improved the timeliness of the series since our last review.",
                                   "Some tables still lack clear definitions."]),
                ("Next steps", ["We will check progress against these findings in twelve months.",
                                "Producers should publish an action plan by the end of the year."])]
    pdf = f"{O}/wp-content/uploads/{d.year}/{d.month:02d}/{slug.replace('-', '_')}.pdf"
    return dict(url=url, title=title, date=d.isoformat(), d=d, chapters=chapters, pdf=pdf,
                parts=[f"{url}pages/{n}/" for n in range(2, len(chapters) + 1)])


def publication_page(style: str, pub: dict, n: int) -> str:
    heading, paras = pub["chapters"][n - 1]
    url = pub["url"] if n == 1 else f"{pub['url']}pages/{n}/"
    links = " ".join(f'<a href="{pub["url"] if k == 1 else pub["url"] + f"pages/{k}/"}">{k}. {h(t)}</a>'
                     for k, (t, _) in enumerate(pub["chapters"], 1) if k != n)
    body = "".join(f"<p>{h(p)}</p>" for p in paras)
    inner = (f"<h1>{h(pub['title'])}</h1><p>Published: {long_date(pub['d'])}</p><p>Last updated: "
             f"{long_date(pub['d'] + timedelta(days=20))}</p><p><a href=\"{pub['pdf']}\">Download PDF version (48.20 KB)"
             f"</a></p><h2>{h(heading)}</h2>{body}<div>Chapters: {links}</div>")
    page = RENDER[style][0]
    return page(O, pub["title"] if n == 1 else f"{heading} – {pub['title']}", inner) if style != "modern" else \
        modern_page(O, pub["title"], f"<article>{inner}</article>", head=f'<link rel="canonical" href="{url}">')


def publication_pdf(pub: dict) -> bytes:
    p = Pages(pub["title"], header=f"{OSR} – {pub['title']}")
    for heading, paras in pub["chapters"]:
        p.line(heading, 13, "Helvetica-Bold", gap=4)
        for para in paras:
            p.para(para)
    return p.save()


def archive_page(style: str, host: str, org: str, letters: list[dict]) -> str:
    """A taxonomy archive: the full text of every letter to the organisation, one after another."""
    posts = "".join(f'<div><h2><a href="{x["url"]}">{h(x["title"])}</a></h2><p>{long_date(x["d"])}</p>'
                    f'{body_blocks(x)}</div><hr />' for x in letters)
    return RENDER[style][0](host, org, f"<h1>Organisation: {h(org)}</h1>{posts}")


def embed_page(letter: dict) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{h(letter["title"])}</title>'
            f'<meta name="robots" content="noindex, follow"></head>{INVENTED}<body class="wp-embed-responsive">'
            f'<div class="wp-embed"><p class="wp-embed-heading"><a href="{letter["url"]}">{h(letter["title"])}</a></p>'
            f'<div class="wp-embed-excerpt"><p>{h(letter["first_sentence"])} […]</p></div></div></body></html>')


def serve_faults(manifest: dict) -> dict | None:
    """The `faults` for `mirror.serve.start` that serve the tree as the style's site does (legacy: every HTML
    page re-encoded to windows-1252, declared only in its meta tag), or None."""
    enc = manifest.get("serve_encoding")
    return {re.compile(r"^https?://"): {"encoding": enc, "declare_charset": "meta"}} if enc else None


def serve_options(manifest: dict) -> dict:
    """Keyword arguments for `mirror.serve.start(root, **serve_options(manifest))`: the style's server habits
    (modern: gzip-compressed responses; legacy: windows-1252 pages)."""
    return {"faults": serve_faults(manifest), "gzip": bool(manifest.get("serve_gzip"))}


def _write(root: Path, url: str, content) -> None:
    f = layout.file_for_url(root, url)
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _doc(letter: dict, style: str) -> dict:
    """The manifest entry of a letter; `related` as [label, the URL as linked on the page]."""
    kind = "legacy" if letter["url"].startswith(W) else "letter"
    return dict(url=letter["url"], kind=kind, doc_type="letter", title=letter["title"], date=letter["date"],
                fromto=letter["fromto"], first_sentence=letter["first_sentence"],
                sender=letter["sender"][0], recipients=[letter["recipient"][0]],
                sender_org=letter["sender"][3], recipient_orgs=[letter["recipient"][3]],
                real_row=bool(letter.get("real_row")),
                second_paragraph=letter["paragraphs"][1], salutation=letter["salutation"],
                commitments=letter["commitments"], summary=letter["summary"],
                attachments=[u for _, u in letter["attachments"]],
                related=[[label, rel_href(u, style)] for label, u in letter["related"]])


def generate_variant(out_dir, style: str, seed: int = 0, csv_path: Path = CSV_PATH) -> dict:
    """Write the `style` mirror under out_dir; returns (and writes as MANIFEST.json) its manifest. Without the
    CSV at csv_path every letter is invented (`manifest["real_rows"] == 0`)."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    root, rng = Path(out_dir), random.Random(f"{style}:{seed}")
    root.mkdir(parents=True, exist_ok=True)
    letters = _letters(style, rng)
    real = _real_rows(letters, style, rng, Path(csv_path))
    extra = _wire(letters, style)
    page, render_letter, render_listing = RENDER[style]
    orgs = {}
    for x in letters:
        orgs.setdefault(x["recipient"][3], []).append(x)
    org_url = {o: f"{O}/organisation/{slugify(o)}/" for o in orgs}
    not_docs = []
    for x in letters:
        _write(root, x["url"], render_letter(x, org_url[x["recipient"][3]]))
    for o, xs in orgs.items():
        _write(root, org_url[o], archive_page(style, O, o, xs))
        not_docs.append(org_url[o])
    embedded = letters[2]
    _write(root, embedded["url"] + "embed/", embed_page(embedded))
    not_docs.append(embedded["url"] + "embed/")
    for url, letter in extra["pdfs"].items():
        _write(root, url, letter_pdf(letter))
    for host in (O, U):
        listed = sorted((x for x in letters if x["host"] == host), key=lambda x: x["d"], reverse=True)
        per = 8 if style != "modern" else 6
        pages = max(1, -(-len(listed) // per))
        for n in range(1, pages + 1):
            if style == "modern":
                url = f"{host}/correspondence-list/" + (f"?keyword=&theme=&date=&pg={n}" if n > 1 else "")
            else:
                url = f"{host}/correspondence-list/" + (f"page/{n}/" if n > 1 else "")
            _write(root, url, render_listing(host, listed[(n - 1) * per:n * per], n, pages, len(listed)))
            not_docs.append(url)
        if style == "legacy":
            url = f"{host}/correspondence-list/?keyword=&theme=&date=&show=all"
            _write(root, url, render_listing(host, listed, 1, 1, len(listed)))
            not_docs.append(url)
    pub = _publication(style, rng)
    for n in range(1, len(pub["chapters"]) + 1):
        _write(root, pub["url"] if n == 1 else pub["parts"][n - 2], publication_page(style, pub, n))
    _write(root, pub["pdf"], publication_pdf(pub))
    plist = f"{O}/publications-list/"
    _write(root, plist, page(O, "Publications", f'<h1>Publications</h1><p><a href="{pub["url"]}">{h(pub["title"])}</a>'
                                                f' {long_date(pub["d"])}</p>'))
    not_docs.append(plist)
    for host in (O, U, W):
        _write(root, host + "/robots.txt", "User-agent: *\nDisallow: /wp-admin/\n")
    (root / layout.REDIRECTS_FILE).write_text(
        "".join(f"{a}\t{b}\t301\n" for a, b in extra["redirects"]), encoding="utf-8")
    documents = [_doc(x, style) for x in letters]
    documents.append(dict(url=pub["url"], kind="publication", doc_type="report", title=pub["title"], date=pub["date"],
                          parts=pub["parts"], attachments=[pub["pdf"]]))
    documents.append(dict(url=pub["pdf"], kind="attachment", doc_type="attachment", parent_url=pub["url"],
                          title=pub["title"] + " (PDF)", date=pub["date"]))
    for url, letter in extra["pdfs"].items():
        documents.append(dict(url=url, kind="attachment", doc_type="attachment", parent_url=letter["url"],
                              title=letter["title"] + " (PDF)", date=letter["date"]))
    manifest = {
        "note": f"INVENTED SAMPLE CONTENT: variant mirror, style {style!r}, seed {seed}",
        "style": style, "real_rows": real, "documents": documents, "not_documents": not_docs,
        "aliases": {a: b for a, b in extra["redirects"]},
        "redirects": [{"from": a, "to": b, "status": 301} for a, b in extra["redirects"]],
        "chrome": CHROME[style], "metadata_labels": METADATA_LABELS[style], "serve_encoding": "windows-1252" if style == "legacy" else None,
        "serve_gzip": style == "modern",
    }
    (root / layout.MANIFEST_FILE).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return manifest


if __name__ == "__main__":
    import sys
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/variants")
    for name in STYLES:
        m = generate_variant(out / name, name)
        print(name, len(m["documents"]), "documents", len(m["not_documents"]), "not documents")
