"""Write the shipped sample mirror (`mirror/site/`) from `sample_letters.py`, the publications below and
`make_pdfs.py`. INVENTED SAMPLE CONTENT. Reproducible: `python -m mirror.build_sample [OUT]` rewrites the tree
byte for byte (tests check the committed tree against a fresh build).
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from mirror import layout, make_pdfs
from mirror.pages import (CHROME_PAGES, Publication, render_archive, render_chrome, render_embed, render_publication,
                          robots_txt, rss_feed, sitemap_index, sitemap_urlset, wp_media_json, wp_publication_json)
from mirror.templates import SITES
from mirror.sample_letters import A, LETTERS, L01, L02, L03, L04, L05, L06, L07, L08, L09, L13, L15, L16, L23, \
    L24, L25, L26, L27, L28, L29, G, N, O, U, W, REPLIES
from mirror.templates import Letter, correspondence_type, render_letter, render_listing

R1 = Publication(
    url=f"{O}/publication/joining-up-data-for-better-statistics/", post_id=21550,
    title="Joining Up Data for Better Statistics", date="2018-09-27", updated="2018-09-27",
    summary="Our systemic review of data linkage across government.",
    chapters=[("Summary", [
        "Linking data held by different parts of government could transform official statistics. This review finds "
        "that it happens too rarely and too slowly.",
        "We recommend that the National Statistician leads a cross-government programme of data linkage, and that "
        "departments publish what data they hold and how it can be accessed.",
        "We will follow up this report in 2020 and will write to the National Statistician about progress."])],
)
R2 = Publication(
    url=f"{O}/publication/data-sharing-and-linkage-for-the-public-good-follow-up-report/", post_id=35102,
    title="Data sharing and linkage for the public good: follow-up report", date="2023-07-13", updated="2023-07-20",
    summary="What has changed since the Data Linkage Work Programme was published in 2021.",
    pdf_url=make_pdfs.REPORT_PDF,
    chapters=[
        ("Introduction", [
            "This report follows up our 2021 review of data sharing and linkage across government. It looks at what "
            "has changed since the National Statistician published the Data Linkage Work Programme in March 2021.",
            "We spoke to analysts in twelve departments, to researchers and to the teams that run the trusted "
            "research environments."]),
        ("What has improved", [
            "Linked census and benefits data became available to accredited researchers in January 2022, a month "
            "later than the programme planned. The common linkage spine is now used by four departments.",
            "The first annual update to the work programme was published in May 2022, a few weeks after the end of "
            "April date the programme had set."]),
        ("What still needs to change", [
            "Access to linked data still takes too long. We recommend that the Data Linkage Steering Group publishes "
            "the time taken to approve access to linked data, starting in 2024.",
            "We expect ONS to set out a plan for a single application process by the end of March 2024. We will "
            "review progress in a further report in 2025."]),
    ],
    related=[("Data Linkage Work Programme (March 2021)", L05.url),
             ("Ed Humpherson to Sir Ian Diamond: Publication of the Data Linkage Work Programme (April 2021)", L06.url)],
)
PUBLICATIONS = [R2, R1]

REDIRECTS = [
    (f"{W}/correspondence/crime-statistics-letter/", L09.url, 301),        # the slug changed on migration
    (f"{W}/correspondence/mark-pont-to-helen-carter-school-workforce-statistics/", L07.url, 301),
    (f"{W}/correspondence/ed-humpherson-to-john-pullinger-statistical-capability/", L15.url, 301),
    (f"{G}/*", f"{A}/*", 301),                                              # the Analysis Function's old host
]
OSR_PER_PAGE, UKSA_PER_PAGE = 10, 4
LISTING_ALL = "?keyword=&theme=&date=&show=all"
SITE_NAMES = {"osr.statisticsauthority.gov.uk": "Office for Statistics Regulation"}


def _kind(url: str) -> str:
    path = "/" + url.split("/", 3)[3]
    if path.endswith(".html"):
        return "legacy"
    if url.startswith(A):
        return "page"
    return "letter"


class Tree:
    def __init__(self, root: Path):
        self.root, self.lastmod = root, {}

    def write(self, url: str, text: str | bytes, *, ext: str = ".html", lastmod: str = "") -> Path:
        path = layout.file_for_url(self.root, url, ext=ext)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        if lastmod:
            self.lastmod[path.relative_to(self.root).as_posix()] = lastmod
        return path


def _listing_pages(tree: Tree, host: str, letters: list[Letter], per_page: int, page_url) -> list[str]:
    letters = sorted(letters, key=lambda x: x.date, reverse=True)
    chunks = [letters[i:i + per_page] for i in range(0, len(letters), per_page)]
    urls = [page_url(n) for n in range(1, len(chunks) + 1)]
    for n, chunk in enumerate(chunks, 1):
        html = render_listing(host, "Correspondence", chunk, total=len(letters), page_url=urls[n - 1],
                              prev_url=urls[n - 2] if n > 1 else None, next_url=urls[n] if n < len(urls) else None)
        tree.write(urls[n - 1], html, lastmod=f"{chunk[0].date}T12:00:00Z")
    all_url = f"https://{host}/correspondence-list/{LISTING_ALL}"
    tree.write(all_url, render_listing(host, "Correspondence", letters, total=len(letters), page_url=all_url,
                                       prev_url=None, next_url=None), lastmod=f"{letters[0].date}T12:00:00Z")
    economy = [x for x in letters if x.theme == "Economy"]
    if not economy:
        return urls + [all_url]
    eco_url = f"https://{host}/correspondence-list/?keyword=&theme=economy&date=&show=all"
    tree.write(eco_url, render_listing(host, "Correspondence", economy, total=len(economy), page_url=eco_url,
                                       prev_url=None, next_url=None))
    return urls + [all_url, eco_url]


def build(out: Path) -> dict:
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    tree = Tree(out)
    manifest = {"note": "INVENTED SAMPLE CONTENT: see mirror/README.md", "documents": [], "not_documents": [],
                "aliases": {}, "redirects": [], "threads": [], "replies": [], "commitments": []}
    docs, not_docs = manifest["documents"], manifest["not_documents"]

    # attachments first: publication pages show the PDF's size
    for url, path in make_pdfs.write_all(out).items():
        tree.lastmod[path.relative_to(out).as_posix()] = _upload_date(url)
    R2.pdf_size = layout.file_for_url(out, R2.pdf_url).stat().st_size

    for letter in LETTERS:
        tree.write(letter.url, render_letter(letter), lastmod=letter.lastmod or f"{letter.date}T10:00:00Z")
        docs.append({"url": letter.url, "kind": _kind(letter.url), "doc_type": letter.doc_type,
                     "title": letter.title, "date": letter.date, "fromto": letter.fromto})
        for label, att in letter.attachments:
            docs.append({"url": att, "kind": "attachment", "doc_type": "attachment", "parent_url": letter.url,
                         "title": label, "date": letter.date})
        for _, rel in letter.related:
            if rel.endswith("/") is False and rel.rstrip("/") + "/" in {x.url for x in LETTERS}:
                manifest["aliases"][rel] = rel + "/"
    for letter in LETTERS:
        if letter.link_without_slash:
            manifest["aliases"][letter.url.rstrip("/")] = letter.url

    for pub in PUBLICATIONS:
        for n in range(1, len(pub.chapters) + 1):
            tree.write(pub.chapter_url(n), render_publication(pub, n), lastmod=f"{pub.updated}T15:12:40Z")
        docs.append({"url": pub.url, "kind": "publication", "doc_type": pub.doc_type, "title": pub.title,
                     "date": pub.date, "parts": [pub.chapter_url(n) for n in range(2, len(pub.chapters) + 1)]})
        if pub.pdf_url:
            docs.append({"url": pub.pdf_url, "kind": "attachment", "doc_type": "attachment", "parent_url": pub.url,
                         "title": f"{pub.title} (PDF)", "date": pub.date})

    osr = [x for x in LETTERS if x.host == "osr.statisticsauthority.gov.uk"]
    uksa = [x for x in LETTERS if x.host == "uksa.statisticsauthority.gov.uk"]
    not_docs += _listing_pages(tree, "osr.statisticsauthority.gov.uk", osr, OSR_PER_PAGE,
                               lambda n: f"{O}/correspondence-list/" + (f"page/{n}/" if n > 1 else ""))
    not_docs += _listing_pages(tree, "uksa.statisticsauthority.gov.uk", uksa, UKSA_PER_PAGE,
                               lambda n: f"{U}/correspondence-list/" + (f"?keyword=&theme=&date=&pg={n}" if n > 1 else ""))
    pubs_url = f"{O}/publications-list/"
    pub_items = [Letter(url=p.url, title=p.title, date=p.date) for p in PUBLICATIONS]
    tree.write(pubs_url, render_listing("osr.statisticsauthority.gov.uk", "Publications", pub_items,
                                        total=len(pub_items), page_url=pubs_url, prev_url=None, next_url=None,
                                        noun="publications"))
    not_docs.append(pubs_url)

    orgs = {}
    for letter in osr:
        for name, slug in letter.orgs:
            orgs.setdefault((name, slug), []).append(letter)
    for (name, slug), tagged in sorted(orgs.items(), key=lambda kv: kv[0][1]):
        url = f"{O}/organisation/{slug}/"
        tree.write(url, render_archive("osr.statisticsauthority.gov.uk", name, slug,
                                       sorted(tagged, key=lambda x: x.date, reverse=True)))
        not_docs.append(url)

    types = {}
    for letter in osr:
        if letter.template == "osr2020":
            types.setdefault(correspondence_type(letter), []).append(letter)
    for slug, tagged in sorted(types.items()):
        url = f"{O}/correspondence-type/{slug}/"
        tree.write(url, render_archive("osr.statisticsauthority.gov.uk", slug.capitalize(), slug,
                                       sorted(tagged, key=lambda x: x.date, reverse=True)))
        not_docs.append(url)
    uksa_orgs = {}
    for letter in uksa:
        for name, slug in letter.orgs:
            uksa_orgs.setdefault((name, slug), []).append(letter)
    for (name, slug), tagged in sorted(uksa_orgs.items(), key=lambda kv: kv[0][1]):
        url = f"{U}/org/{slug}/"
        tree.write(url, render_archive("uksa.statisticsauthority.gov.uk", name, slug,
                                       sorted(tagged, key=lambda x: x.date, reverse=True)))
        not_docs.append(url)

    embed_url = f"{L01.url}embed/"
    tree.write(embed_url, render_embed(L01, SITE_NAMES["osr.statisticsauthority.gov.uk"]))
    not_docs.append(embed_url)

    for host, (site_name, nav) in SITES.items():
        pages = dict(CHROME_PAGES)
        pages.update({p: n for n, p in nav if p not in ("/correspondence-list/", "/publications-list/")})
        for path, title in sorted(pages.items()):
            tree.write(f"https://{host}{path}", render_chrome(host, path, title if path != "/" else site_name))
            not_docs.append(f"https://{host}{path}")
        feed = sorted(osr if host.startswith("osr") else uksa, key=lambda x: x.date, reverse=True)[:10]
        tree.write(f"https://{host}/feed/", rss_feed(host, site_name, feed), ext=".xml")
        not_docs.append(f"https://{host}/feed/")
    _machine_pages(tree, osr, not_docs)
    _data_files(out, tree, manifest)
    (out / layout.MANIFEST_FILE).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def _upload_date(url: str) -> str:
    parts = url.split("/wp-content/uploads/")
    if len(parts) == 2:
        y, m = parts[1].split("/")[:2]
        return f"{y}-{m}-01T09:00:00Z"
    return "2013-03-13T09:00:00Z"


def _machine_pages(tree: Tree, osr: list[Letter], not_docs: list) -> None:
    for host, wp in (("osr.statisticsauthority.gov.uk", True), ("uksa.statisticsauthority.gov.uk", True),
                     ("analysisfunction.civilservice.gov.uk", True), ("www.statisticsauthority.gov.uk", True),
                     ("www.ons.gov.uk", False)):
        tree.write(f"https://{host}/robots.txt", robots_txt(host, wp, sitemap=host == "osr.statisticsauthority.gov.uk"))
    maps = {
        f"{O}/wp-sitemap-posts-correspondence-1.xml": [(x.url, f"{x.date}T10:00:00+00:00") for x in osr],
        f"{O}/wp-sitemap-posts-publication-1.xml": [(p.url, f"{p.updated}T15:12:40+00:00") for p in PUBLICATIONS],
        f"{O}/wp-sitemap-posts-page-1.xml": [(f"{O}/correspondence-list/", ""), (f"{O}/publications-list/", "")],
        f"{O}/wp-sitemap-taxonomies-organisation-1.xml": sorted(
            {(f"{O}/organisation/{s}/", "") for x in osr for _, s in x.orgs}),
    }
    tree.write(f"{O}/wp-sitemap.xml", sitemap_index(list(maps)))
    for url, entries in maps.items():
        tree.write(url, sitemap_urlset(entries))
    not_docs += [f"{O}/wp-sitemap.xml", *maps]
    api = f"{O}/wp-json/wp/v2/publication"
    body = wp_publication_json(PUBLICATIONS)
    headers = f"X-WP-Total: {len(PUBLICATIONS)}\nX-WP-TotalPages: 1\n"
    for query in ("", "?per_page=100", "?per_page=100&page=1"):
        path = tree.write(api + query, body, ext=".json")
        path.with_name(path.name + ".headers").write_text(headers, encoding="utf-8")
    media = tree.write(f"{O}/wp-json/wp/v2/media?parent={R2.post_id}&mime_type=application/pdf",
                       wp_media_json(R2, 35110), ext=".json")
    media.with_name(media.name + ".headers").write_text("X-WP-Total: 1\nX-WP-TotalPages: 1\n", encoding="utf-8")
    not_docs += [api + "?per_page=100&page=1"]


def _data_files(out: Path, tree: Tree, manifest: dict) -> None:
    with open(out / layout.REDIRECTS_FILE, "w", encoding="utf-8") as fh:
        fh.write("# from-url\tto-url\tstatus (see mirror/layout.py)\n")
        for src, dst, status in REDIRECTS:
            fh.write(f"{src}\t{dst}\t{status}\n")
            manifest["redirects"].append({"from": src, "to": dst, "status": status})
            if not src.endswith("*"):
                manifest["aliases"][src] = dst
    manifest["aliases"][f"{G}/policy-store/national-statistician-reply-on-data-linkage/"] = L02.url
    with open(out / layout.LASTMOD_FILE, "w", encoding="utf-8") as fh:
        fh.write("# relative file path\tLast-Modified (UTC)\n")
        for rel, when in sorted(tree.lastmod.items()):
            fh.write(f"{rel}\t{when}\n")
    (out / layout.NOSLASH_FILE).write_text("# hosts whose page URLs have no trailing slash\nwww.ons.gov.uk\n",
                                           encoding="utf-8")
    manifest["replies"] = [{"reply": a.url, "to": b.url} for a, b in REPLIES]
    manifest["threads"] = [
        {"id": "data-linkage", "documents": [x.url for x in (L01, L02, L03, L04, L05, L06)] + [R2.url]},
        {"id": "school-workforce", "documents": [L07.url, L08.url]},
        {"id": "crime", "documents": [L09.url, "https://osr.statisticsauthority.gov.uk/correspondence/"
                                      "ed-humpherson-to-paul-ridley-police-recorded-crime-statistics/"]},
        {"id": "personal-tax", "documents": [L13.url, "https://osr.statisticsauthority.gov.uk/correspondence/"
                                             "response-from-daniel-frost-to-ed-humpherson-personal-tax-statistics/"]},
        {"id": "census-2021", "documents": [L23.url, L24.url]},
        {"id": "welsh-housing", "documents": [L26.url, L27.url]},
        {"id": "whitcombe", "documents": [L28.url, L29.url]},
        {"id": "migration", "documents": [
            "https://www.statisticsauthority.gov.uk/archive/reports---correspondence/correspondence/"
            "letter-from-head-of-assessment-to-national-statistician-130313.html", L16.url]},
    ]
    manifest["commitments"] = [
        {"id": "linkage-programme", "actor": "ONS / National Statistician", "event": "made", "document": L02.url,
         "quote": "We will publish a Data Linkage Work Programme for the Government Statistical Service by the end "
                  "of June 2020.", "due": "2020-06-30"},
        {"id": "linkage-programme", "event": "restated (reported by OSR, moved to the autumn)", "document": L03.url,
         "quote": "your team told us that publication is now planned for the autumn", "due": "2020-09/2020-11"},
        {"id": "linkage-programme", "event": "restated (moved again)", "document": L04.url,
         "quote": "We will now publish the Data Linkage Work Programme by the end of March 2021.", "due": "2021-03-31"},
        {"id": "linkage-programme", "event": "met (late against the first date)", "document": L05.url,
         "date": "2021-03-23"},
        {"id": "linkage-programme", "event": "acknowledged as met", "document": L06.url},
        {"id": "school-workforce-reply", "actor": "DfE", "event": "requested by OSR", "document": L07.url,
         "quote": "Please let us know by 30 September 2019 how you intend to address these points.",
         "due": "2019-09-30"},
        {"id": "school-workforce-reply", "event": "answered late", "document": L08.url, "date": "2019-12-12"},
        {"id": "capability-conference", "actor": "GSS / National Statistician", "event": "reported by OSR",
         "document": L15.url, "quote": "We welcome the proposal for a conference later in 2019",
         "due": "2019-01/2019-12"},
        {"id": "est-update", "actor": "ONS", "event": "made", "document": L25.url,
         "quote": "We will publish an update on the Economic Statistics Transformation Programme by the end of "
                  "March 2020", "due": "2020-03-31"},
        {"id": "census-outputs", "actor": "ONS", "event": "expected by OSR", "document": L23.url,
         "quote": "We expect ONS to publish its outputs plan ... in the second half of 2021.",
         "due": "2021-07/2021-12"},
        {"id": "census-outputs", "event": "made (narrowed)", "document": L24.url,
         "quote": "We will publish the outputs plan and the quality information for the first results by the end "
                  "of September 2021", "due": "2021-09-30"},
        {"id": "welsh-housing-plan", "actor": "Welsh Government", "event": "expected by OSR (in Welsh)",
         "document": L26.url, "due": "2022-09-30"},
        {"id": "welsh-housing-plan", "event": "made", "document": L27.url, "due": "2022-09-30"},
    ]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else layout.SITE_ROOT
    m = build(target)
    print(f"{len(m['documents'])} documents, {len(m['not_documents'])} non-document pages -> {target}")
