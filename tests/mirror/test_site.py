"""The shipped sample mirror (mirror/site), served for real: complete, self-consistent and as SITE.md describes."""
from __future__ import annotations

import filecmp
import io
import json
import re
import zipfile
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pdfplumber
import pytest

from mirror import layout
from mirror.build_sample import build
from mirror.serve import start
from mirror.templates import long_date
from tests.mirror.test_server import fetch

OSR = "https://osr.statisticsauthority.gov.uk"
UKSA = "https://uksa.statisticsauthority.gov.uk"
HOSTS = {"osr.statisticsauthority.gov.uk", "uksa.statisticsauthority.gov.uk", "www.ons.gov.uk",
         "analysisfunction.civilservice.gov.uk", "www.statisticsauthority.gov.uk", "gss.civilservice.gov.uk"}
MANIFEST = json.loads((layout.SITE_ROOT / layout.MANIFEST_FILE).read_text(encoding="utf-8"))
DOCS = {d["url"]: d for d in MANIFEST["documents"]}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.rel_next = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("a", "link") and a.get("rel") == "next":
            self.rel_next.append(a["href"])


def links_of(body: bytes, base: str) -> Links:
    parser = Links()
    parser.feed(body.decode("utf-8"))
    parser.links = [urldefrag(urljoin(base, h))[0] for h in parser.links]
    parser.rel_next = [urljoin(base, h) for h in parser.rel_next]
    return parser


@pytest.fixture(scope="module")
def mirror():
    with start() as server:
        yield server


def get(mirror, url, hops=5):
    """Fetch a real URL from the mirror, following (real https) redirects: (final url, status, headers, body)."""
    for _ in range(hops):
        status, headers, body = fetch(mirror.mirror_url(url))
        if status in (301, 302, 307, 308):
            url = headers["Location"]
            assert url.startswith("https://"), "redirects carry the real URL"
            continue
        return url, status, headers, body
    raise AssertionError(f"too many redirects from {url}")


def test_committed_tree_is_a_fresh_build(tmp_path):
    build(tmp_path / "site")
    committed = sorted(p.relative_to(layout.SITE_ROOT).as_posix() for p in layout.SITE_ROOT.rglob("*") if p.is_file())
    fresh = sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert committed == fresh
    match, mismatch, errors = filecmp.cmpfiles(layout.SITE_ROOT, tmp_path / "site", committed, shallow=False)
    assert mismatch == [] and errors == [], "run `python -m mirror.build_sample` and commit mirror/site"


def test_minimum_contents():
    letters = [d for d in DOCS.values() if d["doc_type"] == "letter"]
    assert len(letters) >= 30
    hosts = {urlsplit(u).hostname for u in DOCS}
    assert {"osr.statisticsauthority.gov.uk", "uksa.statisticsauthority.gov.uk", "www.ons.gov.uk",
            "analysisfunction.civilservice.gov.uk"} <= hosts
    slugs = [u.rstrip("/").rsplit("/", 1)[1] for u in DOCS if "/correspondence/" in u]
    assert any(re.fullmatch(r"\d+", s) for s in slugs), "a bare post id"
    assert any(re.search(r"-\d$", s) and not s.isdigit() for s in slugs), "a WordPress -N suffix"
    assert any("-to-" not in s and not s.isdigit() for s in slugs), "a topic-only slug"
    assert any(d["kind"] == "legacy" for d in DOCS.values())
    assert any(d["url"].endswith(".docx") for d in DOCS.values())
    assert any(re.search(r"_tcm97-\d+\.pdf$", u) for u in DOCS)


def test_every_document_is_served_with_its_type(mirror):
    for url, doc in DOCS.items():
        final, status, headers, body = get(mirror, url)
        assert (final, status) == (url, 200), url
        if url.endswith(".pdf"):
            assert headers["Content-Type"] == "application/pdf" and body.startswith(b"%PDF-")
        elif url.endswith(".docx"):
            assert headers["Content-Type"].endswith("wordprocessingml.document")
        else:
            assert headers["Content-Type"] == "text/html; charset=utf-8"
            text = body.decode("utf-8")
            assert "INVENTED SAMPLE CONTENT" in text
            assert doc["title"].replace("&", "&amp;") in text, url
            assert long_date(doc["date"]) in text, url


def test_aliases_lead_to_their_documents(mirror):
    assert len(MANIFEST["aliases"]) >= 5
    for alias, canonical in MANIFEST["aliases"].items():
        assert get(mirror, alias)[:2] == (canonical, 200), alias


def test_old_host_redirect_changes_the_slug(mirror):
    old = "https://www.statisticsauthority.gov.uk/correspondence/crime-statistics-letter/"
    status, headers, _ = fetch(mirror.mirror_url(old))
    assert status == 301 and headers["Location"] == f"{OSR}/correspondence/crime-statistics-4/"


def test_link_closure_finds_every_document_and_nothing_unaccounted(mirror):
    """Follow every <a href> on the mirror's hosts from the listings (from an off-site page only its attachments,
    as the crawler takes one hop there): every link resolves, every document is reachable, and every page
    reached is either a document (or its chapter) or a known non-document page."""
    parts = {p for d in DOCS.values() for p in d.get("parts", [])}
    allowed = set(DOCS) | parts | set(MANIFEST["not_documents"])
    seen, reached, broken = set(), set(), []
    queue = deque([f"{OSR}/correspondence-list/", f"{OSR}/publications-list/", f"{UKSA}/correspondence-list/"])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        final, status, headers, body = get(mirror, url)
        if status != 200:
            broken.append((url, status))
            continue
        reached.add(final)
        if headers["Content-Type"].startswith("text/html"):
            home = urlsplit(final).hostname in {"osr.statisticsauthority.gov.uk", "uksa.statisticsauthority.gov.uk"}
            for link in links_of(body, final).links:
                if urlsplit(link).hostname in HOSTS and link not in seen and (home or link.endswith((".pdf", ".docx"))):
                    queue.append(link)
    assert sorted(broken) == [], "\n".join(f"{s} {u}" for u, s in sorted(broken))
    assert set(DOCS) <= reached
    assert reached - allowed == set()
    assert parts <= reached


def test_listings_paginate_with_rel_next_and_show_every_item(mirror):
    for host in (OSR, UKSA):
        expected = {u for u in DOCS if u.startswith(host + "/correspondence/") or u.startswith(host + "/submission/")}
        url, pages, found = f"{host}/correspondence-list/", 0, set()
        while url:
            final, status, _, body = get(mirror, url)
            text = body.decode("utf-8")
            pages += 1
            count = re.search(r"(\d+) item\(s\) of correspondence found", text)
            assert count and int(count.group(1)) == len(expected)
            parsed = links_of(body, final)
            assert ">Next</a>" in text or not parsed.rel_next
            for link in parsed.links:
                canonical = MANIFEST["aliases"].get(link, link)
                if canonical in expected:
                    found.add(canonical)
                    doc = DOCS[canonical]
                    assert long_date(doc["date"]) in text
                    if doc["fromto"].strip():
                        assert doc["fromto"].replace("&", "&amp;") in text
            url = parsed.rel_next[0] if parsed.rel_next else None
        assert pages >= 2 and found == expected
        _, _, _, body = get(mirror, f"{host}/correspondence-list/?keyword=&theme=&date=&show=all")
        assert f"{len(expected)} item(s) of correspondence found" in body.decode()


def test_publication_with_chapters_and_pdf(mirror):
    pub = next(d for d in DOCS.values() if d["kind"] == "publication" and d.get("parts"))
    assert [p.removeprefix(pub["url"]) for p in pub["parts"]] == ["pages/2/", "pages/3/"]
    text = get(mirror, pub["url"])[3].decode()
    assert "Published: 13 July 2023" in text and "Last updated: 20 July 2023" in text
    m = re.search(r'<a href="([^"]+\.pdf)">Download PDF version \((\d+\.\d\d) KB\)</a>', text)
    assert m and m.group(1).startswith(f"{OSR}/wp-content/uploads/2023/07/")
    pdf = get(mirror, m.group(1))[3]
    assert f"{len(pdf) / 1024:.2f}" == m.group(2)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 3
        assert "Page 2 of 3" in doc.pages[1].extract_text()
        assert "single application process by the end of March 2024" in " ".join(doc.pages[2].extract_text().split())


def test_legacy_pdfs_hold_real_text(mirror):
    dilnot = next(u for u in DOCS if u.endswith("_tcm97-44523.pdf"))
    with pdfplumber.open(io.BytesIO(get(mirror, dilnot)[3])) as doc:
        text = "\n".join(p.extract_text() for p in doc.pages)
        assert len(doc.pages) == 2
    assert "sources of admin-\nistrative data" in text  # a hyphenated line break
    assert "by the end of March 2015" in " ".join(text.split())
    hoa = next(u for u in DOCS if u.endswith("_tcm97-43210.pdf"))
    with pdfplumber.open(io.BytesIO(get(mirror, hoa)[3])) as doc:
        words = doc.pages[1].extract_words()
    left = [w for w in words if w["text"] == "A1."]
    right = [w for w in words if w["text"] == "B1."]
    assert left and right and abs(left[0]["top"] - right[0]["top"]) < 30 and right[0]["x0"] > 250  # two columns
    summary = next(u for u, d in DOCS.items() if d["kind"] == "legacy")
    assert len(re.findall(r"<p>", get(mirror, summary)[3].decode())) <= 3


def test_docx_attachment_is_a_word_document(mirror):
    url = next(u for u in DOCS if u.endswith(".docx"))
    with zipfile.ZipFile(io.BytesIO(get(mirror, url)[3])) as z:
        assert "word/document.xml" in z.namelist()
        assert "by June 2020" in z.read("word/document.xml").decode()


def test_genre_features_present(mirror):
    pages = {u: get(mirror, u)[3].decode() for u, d in DOCS.items() if not u.endswith((".pdf", ".docx"))}
    everything = "\n".join(pages.values())
    for phrase in ["Yours sincerely", "Yours ever,", "Your sincerely", "Dear Iain, Paul, Siobhan", "Dear Sir Ian",
                   "Dear Mr Humpherson,", "Assessment&nbsp;Report 330", "Joining Up Data for Better Statistics",
                   "your letter of 16 January", "by the end of March 2020", "in the second half of 2021",
                   "Please let us know by 30 September", "We welcome the proposal for a conference later in 2019",
                   "I am copying this letter to", "Updated on 5 March 2020", "writes to", "Related Links",
                   "Related links:", "Cyfarwyddwr Cyffredinol Rheoleiddio", "“", "’", "–", "&nbsp;", "\n\n\n"]:
        assert phrase in everything, phrase
    assert any('lang="cy"' in p and "Annwyl" in p for p in pages.values())
    signatures = {frozenset(re.findall(r'class="([^"]+)"', p)) for p in pages.values()}
    assert len(signatures) >= 4, "letters use several distinct templates"


def test_replies_and_threads(mirror):
    texts = {}
    for reply in MANIFEST["replies"]:
        for u in (reply["reply"], reply["to"]):
            texts.setdefault(u, get(mirror, u)[3].decode())
        d = long_date(DOCS[reply["to"]]["date"]).rsplit(" ", 1)[0]
        assert re.search(rf"letter of {d}\b", texts[reply["reply"]]), reply
    thread = next(t for t in MANIFEST["threads"] if t["id"] == "data-linkage")["documents"]
    assert len({urlsplit(u).hostname for u in thread}) >= 3
    edges = set()
    for u in thread:
        body = get(mirror, u)[3]
        for link in links_of(body, u).links:
            link = MANIFEST["aliases"].get(link, link)
            if link in thread and link != u:
                edges.add(frozenset((u, link)))
    connected, frontier = {thread[0]}, [thread[0]]
    while frontier:
        node = frontier.pop()
        for e in edges:
            if node in e:
                (other,) = e - {node}
                if other not in connected:
                    connected.add(other)
                    frontier.append(other)
    assert connected == set(thread)


def test_archive_and_embed_pages_are_not_letters(mirror):
    archive = get(mirror, f"{OSR}/organisation/office-for-national-statistics/")[3].decode()
    full_texts = [u for u, d in DOCS.items() if u.startswith(OSR + "/correspondence/")
                  and "office-for-national-statistics" in get(mirror, u)[3].decode()]
    assert len(full_texts) >= 3
    assert archive.count("Yours sincerely") >= 3 and archive.count("<article") == len(full_texts)
    embed_url = next(u for u in MANIFEST["not_documents"] if u.endswith("/embed/"))
    embed = get(mirror, embed_url)[3].decode()
    assert "Continue reading" in embed and "Yours sincerely" not in embed


def test_robots_sitemaps_and_rest_api(mirror):
    for host in HOSTS - {"gss.civilservice.gov.uk"}:
        status, headers, body = fetch(mirror.mirror_url(f"https://{host}/robots.txt"))
        assert status == 200 and b"Disallow:" in body
    index = get(mirror, f"{OSR}/wp-sitemap.xml")[3].decode()
    children = re.findall(r"<loc>([^<]+)</loc>", index)
    locs = {loc for c in children for loc in re.findall(r"<loc>([^<]+)</loc>", get(mirror, c)[3].decode())}
    assert {u for u in DOCS if u.startswith(OSR + "/correspondence/")} <= locs
    _, _, headers, body = get(mirror, f"{OSR}/wp-json/wp/v2/publication?per_page=100&page=1")
    items = json.loads(body)
    assert int(headers["X-WP-Total"]) == len(items) and headers["X-WP-TotalPages"] == "1"
    assert {i["link"] for i in items} == {u for u, d in DOCS.items() if d["kind"] == "publication"}


def test_site_copy_adds_a_letter_to_the_listing_and_manifest(tmp_path):
    from mirror.sitecopy import copy_site
    site = copy_site(tmp_path)
    url = f"{OSR}/correspondence/ed-humpherson-to-jo-bloggs-new-letter/"
    listing = f"{OSR}/correspondence-list/"
    site.add_letter(url, title="Ed Humpherson to Jo Bloggs: New letter", date="2024-02-01",
                    paragraphs=["We expect the department to publish a plan by the end of 2024."],
                    fromto="Ed Humpherson, Office for Statistics Regulation to Jo Bloggs, Department for Testing",
                    listing=listing)
    n_osr = len([u for u in DOCS if u.startswith(OSR + "/correspondence/")])
    with start(site.root) as server:
        assert get(server, url)[1] == 200
        text = get(server, listing)[3].decode()
        assert f"{n_osr + 1} item(s) of correspondence found" in text
        assert text.index(url) < min(text.index(u) for u in DOCS if u.startswith(OSR + "/correspondence/") and u in text)
        removed = f"{OSR}/correspondence/31379/"
        site.delete(removed)
        assert get(server, removed)[1] == 404
    manifest = json.loads((site.root / layout.MANIFEST_FILE).read_text(encoding="utf-8"))
    urls = {d["url"] for d in manifest["documents"]}
    assert url in urls and removed not in urls and manifest["removed"] == [removed]
    assert json.loads((layout.SITE_ROOT / layout.MANIFEST_FILE).read_text(encoding="utf-8")) == MANIFEST  # untouched
