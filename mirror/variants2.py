"""Round-two mirrors: two more site styles that round one (`mirror/variants.py`) did not cover, with the same
output contract (`generate_variant(out_dir, style, seed=0) -> manifest`, MANIFEST.json with documents and
not_documents, served by `mirror.serve.start(root, **serve_options(manifest))`). INVENTED SAMPLE CONTENT (see
mirror/README.md): the regulators' office holders are real names, every other person and all wording is invented.

* `wpapi`: discovery mostly through WordPress. Listing pages render items only as a `<table>` (title / date /
  from-to columns), paged at `/correspondence-list/page/N/`, and the last page is linked from nowhere: its letters
  are found only through `wp-sitemap.xml` (an index of post-type sitemaps). Letters at bare post ids and `-N`
  slugs; Related links as a `<ul>` under `<h2>Related links</h2>` labelled "Letter from X, March 2019" and
  "<Report title> (September 2018)", pointing off-site (www.ons.gov.uk without a trailing slash,
  analysisfunction.civilservice.gov.uk); a publication whose chapters are linked only from its table of
  contents; PDFs under `/wp-content/uploads/sites/2/YYYY/MM/` with `-1` suffixes; a `.docx` attachment.
* `threads`: a four-document reply chain across three hosts (osr, www.ons.gov.uk, uksa reached through an
  old-host URL whose slug changed), answered late, a request restated twice with a moved deadline and met by the
  later publication of the promised plan; "Dear Ed and team," / "Dear Iain, Paul, Siobhan"; "Your sincerely";
  missing role lines; a Welsh letter; a copy line naming three people with roles; several senders in the
  from/to line; an empty " to" from/to line.
"""
from __future__ import annotations

import json
from html import escape as h
from pathlib import Path

from mirror import layout
from mirror.make_pdfs import Pages, minimal_docx

STYLES = ("wpapi", "threads")
O, U, W = ("https://osr.statisticsauthority.gov.uk", "https://uksa.statisticsauthority.gov.uk",
           "https://www.statisticsauthority.gov.uk")
ONS, AF = "https://www.ons.gov.uk", "https://analysisfunction.civilservice.gov.uk"
OSR, UKSA, ONSN = "Office for Statistics Regulation", "UK Statistics Authority", "Office for National Statistics"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
INVENTED = "<!-- INVENTED SAMPLE CONTENT: not a real letter (see mirror/README.md) -->"
CHROME = {"wpapi": ["Skip to the regulator's content", "Cookies on this website help us",
                    "Sign up for regulator updates", "Open Government Licence v3.0"],
          "threads": ["Skip to the regulator's content", "Cookies on this website help us",
                      "Sign up for regulator updates", "Open Government Licence v3.0"]}
METADATA_LABELS = {"wpapi": ["Date of letter:", "Correspondents:"], "threads": ["Date of letter:", "Correspondents:"]}


def long_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"


def page(host: str, title: str, inner: str) -> str:
    """A plain WordPress theme: header and menu, the content in a <div id="primary">, a sign-up footer."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{h(title)} – Statistics regulator</title>
<link rel="https://api.w.org/" href="{host}/wp-json/"></head>{INVENTED}
<body class="single"><a class="screen-reader-text" href="#primary">Skip to the regulator's content</a>
<div id="cookie-notice">Cookies on this website help us understand how you use it. <button>OK</button></div>
<div id="masthead"><a href="{host}/">Statistics regulator</a><ul class="menu"><li><a href="{host}/correspondence-list/">Letters</a></li>
<li><a href="{host}/publications-list/">Reports</a></li><li><a href="{host}/about/">About</a></li></ul></div>
<div id="primary">{inner}</div>
<div id="colophon"><h2>Sign up for regulator updates</h2><p><a href="{host}/newsletter/">Subscribe</a></p>
<p>All content is available under the Open Government Licence v3.0, except where otherwise stated.</p></div></body></html>"""


def letter_html(x: dict) -> str:
    body = "".join(f"<p>{h(p)}</p>" for p in x["body"])
    files = "".join(f'<p><a href="{h(u)}">{h(lab)}</a></p>' for lab, u in x.get("files", []))
    related = ("<h2>Related links</h2><ul>" + "".join(f'<li><a href="{h(u)}">{h(lab)}</a></li>'
                                                     for lab, u in x["related"]) + "</ul>") if x.get("related") else ""
    lang = ' lang="cy"' if x.get("welsh") else ""
    inner = (f'<article{lang}><h1 class="entry-title">{h(x["title"])}</h1>'
             f'<p class="meta">Date of letter: {long_date(x["date"])}</p>'
             f'<p class="meta">Correspondents: {h(x["fromto"])}</p>'
             f'<div class="entry-content">{body}{files}</div>{related}</article>')
    host = x["url"].split("/correspondence/")[0].split("/news/")[0]
    return page(host, x["title"], inner)


def letter_body(salutation, paras, copy, signoff, name, role) -> list[str]:
    return [salutation, *paras, *([copy] if copy else []), signoff, name, *([role] if role else [])]


# ---- wpapi ------------------------------------------------------------------------------------------------

def _wpapi() -> dict:
    ed = ("Ed Humpherson", "Director General for Regulation", OSR)
    mark = ("Mark Pont", "Assessment Programme Lead", OSR)
    people = [("Naomi Fairweather", "Naomi", "Head of Profession for Statistics", "Department for Work and Pensions"),
              ("Callum Strachan", "Callum", "Chief Statistician", "Scottish Government"),
              ("Beatrice Oyelaran", "Beatrice", "Director of Analysis", "Ministry of Justice"),
              ("Tobias Wren", "Tobias", "Head of Statistics", "Department for Environment, Food and Rural Affairs"),
              ("Helena Marchetti", "Helena", "Deputy Director, Labour Market", ONSN),
              ("Owain Pritchard", "Owain", "Head of Profession for Statistics", "Home Office"),
              ("Rosalind Keane", "Rosalind", "Chief Economist", "Department for Transport"),
              ("Jasper Lindqvist", "Jasper", "Head of Statistics", "Department for Culture, Media and Sport")]
    topics = ["benefit sanctions statistics", "Scottish population projections", "reoffending statistics",
              "farm business income statistics", "labour force survey estimates", "asylum statistics",
              "road traffic estimates", "museum visitor figures"]
    slugs = ["31379", "benefit-sanctions-statistics-2", "reoffending-statistics-3", "31502",
             "labour-force-survey-estimates-4", "asylum-statistics-2", "32011", "museum-visitor-figures-2"]
    dates = ["2019-03-14", "2019-05-02", "2019-06-20", "2019-08-08", "2019-09-26", "2019-11-14", "2020-01-09",
             "2020-02-27"]
    letters = []
    for i, (r, t, slug, d) in enumerate(zip(people, topics, slugs, dates)):
        s = ed if i % 2 == 0 else mark
        y, m = int(d[:4]), int(d[5:7])
        due_m, due_y = (m + 3 - 1) % 12 + 1, y + (m + 3 > 12)
        due = f"{due_y}-{due_m:02d}-{[31, 29 if due_y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][due_m - 1]}"
        first = f"I am writing about the {t} that your team published last month."
        second = ("We found the release clear about what it measures, but the commentary draws firm conclusions "
                  "from a single quarter’s change – which the figures cannot support.")
        ask = f"We ask that you publish a revised quality statement for the {t} by the end of {MONTHS[due_m - 1]} {due_y}."
        body = letter_body(f"Dear {r[1]},", [first, second, ask, "My team is happy to discuss this with you."],
                           "", "Yours sincerely,", s[0], s[1])
        letters.append(dict(
            url=f"{O}/correspondence/{slug}/", title=f"{s[0]} to {r[0]}: {t[0].upper() + t[1:]}", date=d,
            fromto=f"{s[0]}, {s[2]} to {r[0]}, {r[3]}", body=body, first_sentence=first, second_paragraph=second,
            salutation=f"Dear {r[1]},", sender=s[0], sender_org=s[2], recipients=[r[0]], recipient_orgs=[r[3]],
            commitments=[{"kind": "request", "due": due}], related=[], files=[]))
    # off-site Related links: an ONS letter (no trailing slash) and an Analysis Function report
    ons_url = f"{ONS}/news/statementsandletters/responsetotheofficeforstatisticsregulationonlabourforcesurveyestimates"
    ons_first = "Thank you for your letter about the labour force survey estimates."
    ons = dict(url=ons_url, title="Response to the Office for Statistics Regulation on labour force survey estimates",
               date="2019-10-17", fromto="", first_sentence=ons_first,
               second_paragraph="We accept that the quarterly commentary should say more about sampling variability.",
               salutation="Dear Mark,", sender="Helena Marchetti", sender_org=ONSN, recipients=["Mark Pont"],
               recipient_orgs=[OSR], commitments=[], related=[], files=[], kind="letter")
    ons["body"] = letter_body("Dear Mark,", [ons_first, ons["second_paragraph"]], "", "Yours sincerely,",
                              "Helena Marchetti", "Deputy Director, Labour Market")
    af_url = f"{AF}/policy-store/quality-statistics-in-government/"
    af = dict(url=af_url, title="Quality statistics in government", date="2018-09-12", kind="page",
              body=["This guidance explains how producers should describe the quality of their statistics.",
                    "It sets out the questions users ask about accuracy, coherence and timeliness."])
    letters[4]["related"] += [("Letter from Helena Marchetti, October 2019", ons_url)]
    letters[5]["related"] += [("Quality statistics in government (September 2018)", af_url),
                              (f"Letter from Mark Pont, September 2019", letters[4]["url"])]
    letters[7]["related"] += [("Letter from Ed Humpherson, March 2019", letters[0]["url"])]
    pdf = f"{O}/wp-content/uploads/sites/2/2019/09/Mark_Pont_to_Helena_Marchetti_LFS-1.pdf"
    docx = f"{O}/wp-content/uploads/sites/2/2020/01/Annex_road_traffic_estimates.docx"
    letters[4]["files"].append(("Download the letter (PDF, 62 KB)", pdf))
    letters[6]["files"].append(("Annex: detailed findings (Word document)", docx))
    pub_url = f"{O}/publication/review-of-statistics-on-adult-social-care/"
    pub = dict(url=pub_url, title="Review of statistics on adult social care", date="2020-03-05",
               pdf=f"{O}/wp-content/uploads/sites/2/2020/03/Adult_social_care_review-1.pdf",
               chapters=[("Summary", ["This review asks whether statistics on adult social care meet users’ needs."]),
                         ("Findings", ["Data on unpaid carers remain the largest gap in the evidence."]),
                         ("Recommendations", ["Producers should agree a shared definition of a care package."])])
    return dict(letters=letters, offsite=[ons, af], pub=pub, attachments={pdf: letters[4], docx: letters[6]})


# ---- threads ----------------------------------------------------------------------------------------------

def _threads() -> dict:
    a_url = f"{O}/correspondence/ed-humpherson-to-iain-harwood-migration-statistics/"
    b_url = f"{ONS}/news/statementsandletters/responsetoedhumphersononmigrationstatistics"
    c_old = f"{W}/correspondence/letter-on-migration-statistics-development/"
    c_url = f"{U}/correspondence/sir-david-norgrove-to-iain-harwood-migration-statistics-2/"
    d_url = f"{ONS}/news/statementsandletters/iainharwoodtosirdavidnorgroveonmigrationstatistics"
    plan_url = f"{AF}/policy-store/migration-statistics-development-plan/"
    a_first = "We have now completed our review of the migration statistics that ONS published in November."
    a = dict(url=a_url, title="Ed Humpherson to Iain Harwood: Migration statistics", date="2019-01-10",
             fromto=f"Ed Humpherson, {OSR} to Iain Harwood, Paul Ekwueme and Siobhan Rafferty, {ONSN}",
             salutation="Dear Iain, Paul, Siobhan", first_sentence=a_first,
             second_paragraph="Users told us that they cannot tell how far the survey-based estimates can be relied "
                              "on, and that the revisions last year were not explained.",
             sender="Ed Humpherson", sender_org=OSR, recipients=["Iain Harwood", "Paul Ekwueme", "Siobhan Rafferty"],
             recipient_orgs=[ONSN], commitments=[{"kind": "request", "due": "2019-03-31"}],
             copied=["Jonathan Athow", "Mark Pont", "Grace Ndlovu"])
    a["body"] = letter_body(a["salutation"], [
        a_first, a["second_paragraph"],
        "We ask ONS to publish a development plan for migration statistics by 31 March 2019, setting out how the "
        "administrative data will replace the survey."],
        "I am copying this letter to Jonathan Athow, Deputy National Statistician; Mark Pont, Assessment Programme "
        "Lead; and Grace Ndlovu, Head of Profession for Statistics, Home Office.",
        "Yours sincerely", "Ed Humpherson", "Director General for Regulation")
    b_first = ("Thank you for your letter of 10 January about migration statistics, and I am sorry that this reply "
               "has taken longer than we intended.")
    b = dict(url=b_url, title="Response from Iain Harwood to Ed Humpherson: Migration statistics", date="2019-04-18",
             fromto=f"Iain Harwood and Paul Ekwueme, {ONSN} to Ed Humpherson, {OSR}",
             salutation="Dear Ed and team,", first_sentence=b_first,
             second_paragraph="We agree that the revisions should have been explained when they were made.",
             sender="Iain Harwood", senders=["Iain Harwood", "Paul Ekwueme"], sender_org=ONSN,
             recipients=["Ed Humpherson"], recipient_orgs=[OSR], commitments=[{"kind": "commitment", "due": "2019-06-30"}])
    b["body"] = letter_body(b["salutation"], [
        b_first, b["second_paragraph"],
        "We will publish the development plan for migration statistics by the end of June 2019, later than you "
        "asked, so that it can reflect the new border data."], "", "Your sincerely", "Iain Harwood", "")
    c_first = "I am writing in reply to your letter of 18 April to Ed Humpherson about migration statistics."
    c = dict(url=c_url, title="Sir David Norgrove to Iain Harwood: Migration statistics", date="2019-07-22",
             fromto=f"Sir David Norgrove, {UKSA} to Iain Harwood, {ONSN}", salutation="Dear Iain,",
             first_sentence=c_first,
             second_paragraph="The Authority’s Regulation Committee discussed the delay at its meeting this month.",
             sender="Sir David Norgrove", sender_org=UKSA, recipients=["Iain Harwood"], recipient_orgs=[ONSN],
             commitments=[{"kind": "request", "due": "2019-09-30"}])
    c["body"] = letter_body(c["salutation"], [
        c_first, c["second_paragraph"],
        "The development plan for migration statistics has not yet appeared. I ask that ONS publish the plan by "
        "30 September 2019 at the latest."], "", "Yours sincerely", "Sir David Norgrove", "Chair")
    d_first = "Thank you for your letter of 22 July about the development plan for migration statistics."
    d = dict(url=d_url, title="Iain Harwood to Sir David Norgrove: Migration statistics", date="2019-10-03",
             fromto=f"Iain Harwood, {ONSN} to Sir David Norgrove, {UKSA}", salutation="Dear David,",
             first_sentence=d_first,
             second_paragraph="The new border data arrived later than planned and we have had to test them further.",
             sender="Iain Harwood", sender_org=ONSN, recipients=["Sir David Norgrove"], recipient_orgs=[UKSA],
             commitments=[{"kind": "commitment", "due": "2020-01-31"}])
    d["body"] = letter_body(d["salutation"], [
        d_first, d["second_paragraph"],
        "We will now publish the development plan for migration statistics by January 2020."], "",
        "Yours sincerely", "Iain Harwood", "Director, Population and Migration Statistics")
    plan = dict(url=plan_url, title="Migration statistics development plan", date="2020-01-23", kind="page",
                body=["Published 23 January 2020.",
                      "This development plan sets out how migration statistics will move to administrative data.",
                      "It responds to the Office for Statistics Regulation’s review of January 2019."])
    # Related links, as the sites show them: each letter to the one it answers; the plan from the Chair's letter
    a["related"] = []
    b["related"] = [("Letter from Ed Humpherson, January 2019", a_url)]
    c["related"] = [("Ed Humpherson to Iain Harwood (January 2019)", a_url),
                    ("Letter from Iain Harwood, April 2019", b_url),
                    ("Letter from Iain Harwood, October 2019", d_url),
                    ("Migration statistics development plan (January 2020)", plan_url)]
    d["related"] = []
    for x in (a, b, c, d):
        x.setdefault("files", [])
    welsh_first = "Diolch am eich llythyr ynglŷn ag ystadegau tai yng Nghymru."
    welsh = dict(url=f"{O}/correspondence/ed-humpherson-to-gareth-penhallow-ystadegau-tai/",
                 title="Ed Humpherson i Gareth Penhallow: Ystadegau tai", date="2019-11-05",
                 fromto=f"Ed Humpherson, {OSR} to Gareth Penhallow, Welsh Government", salutation="Annwyl Gareth,",
                 first_sentence=welsh_first,
                 second_paragraph="Rydym wedi adolygu’r ystadegau ac rydym yn croesawu’r gwelliannau a wnaed eleni.",
                 sender="Ed Humpherson", sender_org=OSR, recipients=["Gareth Penhallow"],
                 recipient_orgs=["Welsh Government"], commitments=[], related=[], files=[], welsh=True)
    welsh["body"] = letter_body("Annwyl Gareth,", [welsh_first, welsh["second_paragraph"]], "", "Yn gywir,",
                                "Ed Humpherson", "Cyfarwyddwr Cyffredinol Rheoleiddio")
    bare_first = "I am writing to confirm that the school workforce statistics may keep their designation."
    bare = dict(url=f"{O}/correspondence/school-workforce-statistics-3/", title="School workforce statistics",
                date="2019-12-12", fromto=" to", salutation="Dear Declan,", first_sentence=bare_first,
                second_paragraph="Your team has answered each of the points we raised in the summer.",
                sender="Mark Pont", sender_org=OSR, recipients=["Declan Moorcroft"],
                recipient_orgs=["Department for Education"], commitments=[], related=[], files=[])
    bare["body"] = ["By email", "Declan Moorcroft", "Head of Statistics", "Department for Education",
                    *letter_body("Dear Declan,", [bare_first, bare["second_paragraph"]], "", "Yours sincerely,",
                                 "Mark Pont", "Assessment Programme Lead, Office for Statistics Regulation")]
    return dict(letters=[a, welsh, bare], offsite=[b, d, plan], uksa=[c], redirect=(c_old, c_url),
                chain=[a_url, b_url, c_url, d_url], plan=plan_url)


# ---- writing the tree -------------------------------------------------------------------------------------

def _write(root: Path, url: str, content) -> None:
    f = layout.file_for_url(root, url)
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def table_listing(host: str, items: list[dict], n: int, shown_pages: int, total: int) -> str:
    rows = "".join(f'<tr><td><a href="{x["url"]}">{h(x["title"])}</a></td><td>{long_date(x["date"])}</td>'
                   f'<td>{h(x["fromto"])}</td></tr>' for x in items)
    nums = " ".join(f'<a class="page-numbers" href="{host}/correspondence-list/{f"page/{k}/" if k > 1 else ""}">{k}</a>'
                    for k in range(1, shown_pages + 1) if k != n)
    return page(host, "Correspondence", f"<h1>Correspondence</h1><p>{total} item(s) of correspondence found</p>"
                                        f"<table><thead><tr><th>Title</th><th>Date</th><th>From / to</th></tr></thead>"
                                        f"<tbody>{rows}</tbody></table><div class=\"nav-links\">{nums}</div>")


def sitemaps(root: Path, host: str, kinds: dict[str, list[dict]]) -> list[str]:
    index = f"{host}/wp-sitemap.xml"
    subs = {k: f"{host}/wp-sitemap-posts-{k}-1.xml" for k in kinds}
    _write(root, index, '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/'
           'schemas/sitemap/0.9">' + "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in subs.values())
           + "</sitemapindex>")
    for k, xs in kinds.items():
        _write(root, subs[k], '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
               'schemas/sitemap/0.9">' + "".join(f"<url><loc>{x['url']}</loc><lastmod>{x['date']}T10:00:00+00:00"
                                                  f"</lastmod></url>" for x in xs) + "</urlset>")
    return [index, *subs.values()]


def plain_page(x: dict) -> str:
    host = "/".join(x["url"].split("/")[:3])
    return page(host, x["title"], f"<h1>{h(x['title'])}</h1>" + "".join(f"<p>{h(p)}</p>" for p in x["body"]))


def letter_pdf(x: dict) -> bytes:
    p = Pages(x["title"], header=x["sender_org"])
    for para in x["body"]:
        p.para(para)
    return p.save()


def publication(root: Path, pub: dict) -> None:
    url, chs = pub["url"], pub["chapters"]
    toc = "<nav><h2>Contents</h2><ol>" + "".join(
        f'<li><a href="{url if k == 1 else f"{url}pages/{k}/"}">{h(t)}</a></li>' for k, (t, _) in enumerate(chs, 1)) + "</ol></nav>"
    for k, (heading, paras) in enumerate(chs, 1):
        inner = (f"<h1>{h(pub['title'])}</h1>" + (toc if k == 1 else "")
                 + f"<p>Published: {long_date(pub['date'])}</p><p><a href=\"{pub['pdf']}\">Download PDF version (51.3 KB)</a></p>"
                 + f"<h2>{h(heading)}</h2>" + "".join(f"<p>{h(p)}</p>" for p in paras))
        _write(root, url if k == 1 else f"{url}pages/{k}/", page(O, pub["title"], inner))
    p = Pages(pub["title"], header=OSR)
    for heading, paras in chs:
        p.line(heading, 13, "Helvetica-Bold", gap=4)
        for para in paras:
            p.para(para)
    _write(root, pub["pdf"], p.save())
    _write(root, f"{O}/publications-list/", page(O, "Publications", f'<h1>Publications</h1><table><tr><td><a href="{url}">'
                                                 f'{h(pub["title"])}</a></td><td>{long_date(pub["date"])}</td></tr></table>'))


def _doc(x: dict, kind: str = "letter") -> dict:
    keys = ("url", "title", "date", "fromto", "first_sentence", "second_paragraph", "salutation", "sender",
            "sender_org", "recipients", "recipient_orgs", "commitments")
    d = {k: x[k] for k in keys}
    d["senders"] = x.get("senders", [x["sender"]])
    d.update(kind=kind, doc_type="letter", summary=False, real_row=False, attachments=[u for _, u in x["files"]],
             related=[[lab, u] for lab, u in x["related"]], copied=x.get("copied", []), welsh=bool(x.get("welsh")))
    return d


def generate_variant(out_dir, style: str, seed: int = 0) -> dict:
    """Write the `style` mirror under out_dir; returns (and writes as MANIFEST.json) its manifest. The content
    is fixed (seed is accepted for the contract and recorded)."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    root = Path(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    not_docs, documents, redirects, extra = [], [], [], {}
    for host in (O, U, W):
        _write(root, host + "/robots.txt", "User-agent: *\nDisallow: /wp-admin/\n")
    (root / layout.NOSLASH_FILE).write_text("www.ons.gov.uk\n", encoding="utf-8")
    if style == "wpapi":
        s = _wpapi()
        letters = s["letters"]
        for x in letters:
            _write(root, x["url"], letter_html(x))
        # the two oldest letters are on no listing page: only the sitemap finds them
        listed = sorted(letters, key=lambda x: x["date"], reverse=True)[:6]
        per = 3
        pages = -(-len(listed) // per)
        for n in range(1, pages + 1):
            url = f"{O}/correspondence-list/" + (f"page/{n}/" if n > 1 else "")
            _write(root, url, table_listing(O, listed[(n - 1) * per:n * per], n, pages, len(listed)))
            not_docs.append(url)
        _write(root, f"{U}/correspondence-list/", table_listing(U, [], 1, 1, 0))
        not_docs.append(f"{U}/correspondence-list/")
        not_docs += sitemaps(root, O, {"correspondence": letters, "publication": [s["pub"]]})
        for off in s["offsite"]:
            _write(root, off["url"], letter_html(off) if off.get("kind") == "letter" else plain_page(off))
        for url, x in s["attachments"].items():
            _write(root, url, letter_pdf(x) if url.endswith(".pdf") else minimal_docx(x["body"]))
        publication(root, s["pub"])
        pub = s["pub"]
        documents = [_doc(x) for x in letters] + [_doc(s["offsite"][0])]
        documents.append(dict(url=s["offsite"][1]["url"], kind="page", title=s["offsite"][1]["title"]))
        documents.append(dict(url=pub["url"], kind="publication", doc_type="report", title=pub["title"],
                              date=pub["date"], parts=[f"{pub['url']}pages/{k}/" for k in (2, 3)],
                              attachments=[pub["pdf"]], chapter_text=[c[1][0] for c in pub["chapters"]]))
        documents.append(dict(url=pub["pdf"], kind="attachment", parent_url=pub["url"], title=pub["title"]))
        documents += [dict(url=u, kind="attachment", parent_url=x["url"], title=x["title"])
                      for u, x in s["attachments"].items()]
        not_docs.append(f"{O}/publications-list/")
    else:
        s = _threads()
        for x in s["letters"]:
            _write(root, x["url"], letter_html(x))
        for x in s["uksa"]:
            _write(root, x["url"], letter_html(x))
        for off in s["offsite"]:
            _write(root, off["url"], letter_html(off) if off.get("kind") != "page" else plain_page(off))
        redirects.append(s["redirect"])
        osr_letters = s["letters"]
        a, c = osr_letters[0], s["uksa"][0]
        c["related"][0:0] = []
        # the OSR letter links the Chair's letter by its old-host URL (as migrated pages do)
        a["related"] = [("Sir David Norgrove to Iain Harwood (July 2019)", s["redirect"][0])]
        _write(root, a["url"], letter_html(a))
        for host, xs in ((O, osr_letters), (U, s["uksa"])):
            url = f"{host}/correspondence-list/"
            _write(root, url, table_listing(host, sorted(xs, key=lambda x: x["date"], reverse=True), 1, 1, len(xs)))
            not_docs.append(url)
        _write(root, f"{O}/publications-list/", page(O, "Publications", "<h1>Publications</h1><p>0 results</p>"))
        not_docs.append(f"{O}/publications-list/")
        by_url = {x["url"]: x for x in [*osr_letters, *s["uksa"], *s["offsite"]]}
        documents = [_doc(by_url[u]) for u in s["chain"]] + [_doc(x) for x in osr_letters[1:]]
        documents.append(dict(url=s["plan"], kind="page", title=by_url[s["plan"]]["title"]))
        extra = {"chain": s["chain"], "plan": s["plan"], "replies": [[s["chain"][k + 1], s["chain"][k]] for k in range(3)]}
    (root / layout.REDIRECTS_FILE).write_text("".join(f"{a}\t{b}\t301\n" for a, b in redirects), encoding="utf-8")
    manifest = {"note": f"INVENTED SAMPLE CONTENT: variant mirror, style {style!r}, seed {seed}", "style": style,
                "real_rows": 0, "documents": documents, "not_documents": not_docs,
                "aliases": {a: b for a, b in redirects}, "chrome": CHROME[style],
                "metadata_labels": METADATA_LABELS[style], "serve_encoding": None, "serve_gzip": False, **extra}
    (root / layout.MANIFEST_FILE).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return manifest


def serve_options(manifest: dict) -> dict:
    """Keyword arguments for `mirror.serve.start(root, **serve_options(manifest))`."""
    return {"faults": None, "gzip": bool(manifest.get("serve_gzip"))}


if __name__ == "__main__":
    import sys
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/variants2")
    for name in STYLES:
        m = generate_variant(out / name, name)
        print(name, len(m["documents"]), "documents", len(m["not_documents"]), "not documents")
