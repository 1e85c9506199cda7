"""Generate a LARGE mirror (about 2,500 letters) from the 1,244 real rows of the 2020 correspondence list.

    from mirror.generate import generate
    manifest = generate(tmp_path / "big", n_letters=2500, seed=0)   # -> dict, also written to MANIFEST.json

Titles, dates, from/to lines and slugs (numeric post ids, `-N` suffixes) are the real list's, read at run time
from `../shared/data/uksa-correspondence-list-2020-06-19.csv` (never copied into the repo; `CsvMissing` when it
is absent). Bodies are INVENTED from a pool of genre sentences. The real rows were on the combined site
`www.statisticsauthority.gov.uk`; here each moves to osr or uksa (the Chair's letters to uksa), and its old URL
answers with a 301 to the new one; about 4% change slug on the way. The rest of the count is made of later
letters (7-200 days after a real row) that reuse its parties and title under a WordPress `-N` slug. About 5% of listing
links drop the trailing slash; rows before 2016 include legacy summary pages whose letter is a `_tcm97-` PDF.
Listings are paginated with `rel="next"` (osr `/correspondence-list/page/N/`, uksa `?keyword=&theme=&date=&pg=N`)
and each host also has its `?keyword=&theme=&date=&show=all` page. osr also has invented publications (one per
20 letters; a third with `/pages/N/` chapters) on a paginated `/publications-list/`, in its sitemaps and in the
REST API (`/wp-json/wp/v2/publication?per_page=100&page=N` with `X-WP-Total`/`X-WP-TotalPages`).
Same seed, same tree, byte for byte.
"""
from __future__ import annotations

import csv
import json
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from mirror import layout
from mirror.make_pdfs import Pages
from mirror.pages import (Publication, render_publication, robots_txt, sitemap_index, sitemap_urlset,
                          wp_publication_json)
from mirror.templates import MONTHS, Letter, long_date, render_letter, render_listing

CSV_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "uksa-correspondence-list-2020-06-19.csv"
OSR, UKSA = "osr.statisticsauthority.gov.uk", "uksa.statisticsauthority.gov.uk"
CHAIRS = re.compile(r"Norgrove|Dilnot|Scholar|Chote|Chair", re.I)
PER_PAGE = 20
LEGACY_PDFS = 20


class CsvMissing(FileNotFoundError):
    pass


def read_rows(path: Path = CSV_PATH) -> list[dict]:
    if not Path(path).is_file():
        raise CsvMissing(f"{path} is absent (the real correspondence list lives in ../shared/data)")
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---- invented bodies ------------------------------------------------------------------------------------

def _parties(fromto: str) -> tuple[str, str, str]:
    """(sender name, recipient name, recipient organisation) from a 'Name, Org to Name, Org' line."""
    left, _, right = fromto.partition(" to ")
    sender = left.split(",")[0].strip()
    recipient, _, org = right.partition(",")
    return sender, recipient.strip(), org.strip()


def _topic(title: str) -> str:
    if ":" in title:
        return title.split(":", 1)[1].strip()
    m = re.search(r"\b(?:on|regarding|about)\s+(.+)$", title)
    return m.group(1) if m else title


def _salutation(name: str, rng: random.Random) -> str:
    if not name:
        return rng.choice(["Dear Sir or Madam,", "Dear colleague,"])
    words = [w for w in name.split() if w not in ("Sir", "Dame", "Dr", "Professor", "Lord", "Baroness", "MP", "Rt", "Hon")]
    first = words[0] if words else name
    if name.startswith("Sir ") and rng.random() < 0.5:
        return f"Dear Sir {first}"
    return rng.choice([f"Dear {first},", f"Dear {first},", f"Dear {first}", f"Dear {name},"])


def _month_year(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def _body(title: str, when: date, org: str, rng: random.Random) -> list:
    org = org or "the department"
    topic = _topic(title)
    later = when + timedelta(days=rng.randint(60, 400))
    ask = when + timedelta(days=rng.randint(21, 90))
    earlier = when - timedelta(days=rng.randint(20, 120))
    paras = []
    if title.lower().startswith("response"):
        paras.append(f"Thank you for your letter of {earlier.day} {MONTHS[earlier.month - 1]} about {topic}.")
    else:
        paras.append(f"I am writing about {topic}, following our recent review of the statistics.")
    pool = [
        f"We found that users value these statistics, but that the release does not explain clearly enough how "
        f"the figures are compiled or how uncertain they are.",
        f"We expect {org} to publish a development plan for these statistics by the end of {_month_year(later)}.",
        f"Please let us know by {ask.day} {MONTHS[ask.month - 1]} {ask.year} how you intend to respond.",
        f"We welcome the commitment to consult users on the presentation of the figures later in {later.year}.",
        "We would encourage the team to publish its quality information alongside the main release.",
        f"We will review progress in {_month_year(later)} and will write to you again then.",
        ("ul", ["explain the main changes to the methods;", "publish the underlying data in an open format; and",
                "set out a timetable for further improvements."]),
        "The figures are accurate, but the way they were presented risked giving a misleading impression.",
        f"We will publish the revised series in the second half of {later.year}.",
    ]
    paras += rng.sample(pool, rng.randint(2, 4))
    if rng.random() < 0.3:
        paras.append("I am copying this letter to the Head of Profession for Statistics.")
    return paras


# ---- the tree ------------------------------------------------------------------------------------------

def _host_for(row: dict, rng: random.Random) -> str:
    sender = row["subtitle"].split(" to ")[0]
    if CHAIRS.search(sender) or row["title"].lower().startswith("letter from sir"):
        return UKSA
    if "Office for Statistics Regulation" in sender:
        return OSR
    return OSR if rng.random() < 0.8 else UKSA


def _letters(rows: list[dict], n_letters: int, rng: random.Random) -> tuple[list[Letter], dict]:
    letters, aliases, taken = [], {}, set()
    signoffs = ["Yours sincerely"] * 12 + ["Yours sincerely,", "Yours ever,", "Your sincerely", "Best wishes,"]
    for i, row in enumerate(rows[:n_letters]):
        host = _host_for(row, rng)
        slug = row["url"].rstrip("/").rsplit("/", 1)[1]
        if rng.random() < 0.04 and not slug.isdigit():   # the slug changed when the site moved
            slug = "-".join(slug.split("-")[:5]) + "-letter"
        while (host, slug) in taken:
            slug += "-x"
        taken.add((host, slug))
        letters.append(_letter(host, slug, row["title"], row["date"], row["subtitle"], i, rng, signoffs))
        aliases[row["url"]] = letters[-1].url
    for i in range(len(letters), n_letters):
        row = rows[i % len(rows)]
        host = _host_for(row, rng)
        base = re.sub(r"-\d+$", "", row["url"].rstrip("/").rsplit("/", 1)[1])
        base = base if not base.isdigit() else f"letter-{base}"
        k = 2
        while (host, f"{base}-{k}") in taken:
            k += 1
        taken.add((host, f"{base}-{k}"))
        # a later letter with the same title (so WordPress gave it a -N slug), between the same parties
        when = (date.fromisoformat(row["date"]) + timedelta(days=rng.randint(7, 200))).isoformat()
        letters.append(_letter(host, f"{base}-{k}", row["title"], when, row["subtitle"], i, rng, signoffs))
    return letters, aliases


def _role(fromto: str, rng: random.Random) -> str:
    sender = fromto.split(" to ")[0]
    if rng.random() < 0.25:
        return ""  # the role line is sometimes missing
    if CHAIRS.search(sender):
        return "Chair, UK Statistics Authority"
    if "Humpherson" in sender:
        return "Director General for Regulation"
    return sender.partition(",")[2].strip()


def _letter(host, slug, title, when, fromto, i, rng, signoffs) -> Letter:
    sender, recipient, org = _parties(fromto)
    d = date.fromisoformat(when)
    template = "uksa" if host == UKSA else ("osr2020" if d.year >= 2020 else "osr2017")
    return Letter(url=f"https://{host}/correspondence/{slug}/", title=title, date=when, fromto=fromto,
                  template=template, salutation=_salutation(recipient, rng), body=_body(title, d, org, rng),
                  signoff=rng.choice(signoffs), signer=sender, role=_role(fromto, rng), post_id=10000 + i,
                  link_without_slash=rng.random() < 0.05)


def _make_legacy(letter: Letter, out: Path, n: int) -> str:
    """Turn a pre-2016 letter into a one-sentence summary page with its letter as a _tcm97- PDF."""
    slug = letter.url.rstrip("/").rsplit("/", 1)[1]
    pdf_url = f"https://{letter.host}/wp-content/uploads/2016/0{1 + n % 9}/{slug[:60]}_tcm97-{40000 + n * 37}.pdf"
    p = Pages(letter.title, header="UK Statistics Authority", numbering="Page {n}")
    p.lines([long_date(letter.date), ""])
    p.line(letter.salutation or "Dear Sir or Madam,", gap=6)
    for para in letter.body:
        if isinstance(para, str):
            p.para(para)
    p.lines([letter.signoff, "", letter.signer])
    path = layout.file_for_url(out, pdf_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(p.save())
    letter.body = [f"{letter.title}. The letter is attached as a PDF."]
    letter.salutation, letter.signoff, letter.signer, letter.role = "", "", "", ""
    letter.attachments = [(f"{letter.title} (PDF)", pdf_url)]
    return pdf_url


def generate(out_dir, n_letters: int = 2500, seed: int = 0, csv_path: Path = CSV_PATH) -> dict:
    """Write the large mirror to out_dir (replacing it) and return its manifest."""
    rows = read_rows(csv_path)
    out = Path(out_dir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rng = random.Random(seed)
    letters, aliases = _letters(rows, n_letters, rng)
    docs, lastmod = [], []
    pre2016 = [x for x in letters if x.date < "2016-01-01"]
    legacy_urls = {}
    for n, letter in enumerate(pre2016[:: max(1, len(pre2016) // LEGACY_PDFS)][:LEGACY_PDFS]):
        legacy_urls[letter.url] = _make_legacy(letter, out, n)
    for letter in letters:
        path = layout.file_for_url(out, letter.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_letter(letter), encoding="utf-8")
        lastmod.append(f"{path.relative_to(out).as_posix()}\t{letter.date}T10:00:00Z")
        docs.append({"url": letter.url, "kind": "letter", "doc_type": "letter", "title": letter.title,
                     "date": letter.date, "fromto": letter.fromto})
        if letter.url in legacy_urls:
            docs.append({"url": legacy_urls[letter.url], "kind": "attachment", "doc_type": "attachment",
                         "parent_url": letter.url, "title": f"{letter.title} (PDF)", "date": letter.date})
        if letter.link_without_slash:
            aliases[letter.url.rstrip("/")] = letter.url
    not_docs = []
    for host in (OSR, UKSA):
        not_docs += _listings(out, host, [x for x in letters if x.host == host])
        (out / host).mkdir(exist_ok=True)
        (out / host / "robots.txt").write_text(robots_txt(host, sitemap=host == OSR), encoding="utf-8")
    pubs = _publications(out, max(10, n_letters // 20), rng)
    for pub in pubs:
        docs.append({"url": pub.url, "kind": "publication", "doc_type": pub.doc_type, "title": pub.title,
                     "date": pub.date, "parts": [pub.chapter_url(n) for n in range(2, len(pub.chapters) + 1)]})
    not_docs += _publication_listing(out, pubs)
    not_docs += _sitemaps(out, [x for x in letters if x.host == OSR], pubs)
    (out / "www.statisticsauthority.gov.uk").mkdir(exist_ok=True)
    (out / "www.statisticsauthority.gov.uk" / "robots.txt").write_text(robots_txt("www"), encoding="utf-8")
    with open(out / layout.REDIRECTS_FILE, "w", encoding="utf-8") as fh:
        fh.write("# old combined-site URLs -> their new homes\n")
        for old, new in aliases.items():
            if old.startswith("https://www.statisticsauthority.gov.uk/"):
                fh.write(f"{old}\t{new}\t301\n")
    (out / layout.LASTMOD_FILE).write_text("\n".join(lastmod) + "\n", encoding="utf-8")
    counts = {"letters": len(letters), "osr": sum(x.host == OSR for x in letters),
              "uksa": sum(x.host == UKSA for x in letters), "real_rows": min(len(rows), n_letters),
              "attachments": len(legacy_urls), "publications": len(pubs), "documents": len(docs),
              "not_documents": len(not_docs)}
    manifest = {"note": "Generated: real titles, dates and from/to lines; INVENTED bodies", "seed": seed,
                "counts": counts, "documents": docs, "not_documents": not_docs, "aliases": aliases}
    (out / layout.MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return manifest


def _listings(out: Path, host: str, letters: list[Letter]) -> list[str]:
    letters = sorted(letters, key=lambda x: (x.date, x.url), reverse=True)
    chunks = [letters[i:i + PER_PAGE] for i in range(0, len(letters), PER_PAGE)]
    if host == OSR:
        urls = [f"https://{host}/correspondence-list/" + (f"page/{n}/" if n > 1 else "") for n in range(1, len(chunks) + 1)]
    else:
        urls = [f"https://{host}/correspondence-list/" + (f"?keyword=&theme=&date=&pg={n}" if n > 1 else "")
                for n in range(1, len(chunks) + 1)]
    for n, chunk in enumerate(chunks):
        html = render_listing(host, "Correspondence", chunk, total=len(letters), page_url=urls[n],
                              prev_url=urls[n - 1] if n else None, next_url=urls[n + 1] if n + 1 < len(urls) else None)
        path = layout.file_for_url(out, urls[n])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    all_url = f"https://{host}/correspondence-list/?keyword=&theme=&date=&show=all"
    layout.file_for_url(out, all_url).write_text(
        render_listing(host, "Correspondence", letters, total=len(letters), page_url=all_url, prev_url=None,
                       next_url=None), encoding="utf-8")
    return urls + [all_url]


TOPICS = ["labour market statistics", "public sector finances", "crime statistics", "health waiting times",
          "housing statistics", "migration statistics", "education statistics", "trade statistics",
          "population estimates", "energy statistics", "transport statistics", "income and wealth statistics"]
KINDS = ["Assessment of compliance with the Code of Practice for Statistics: {t}", "Systemic review of {t}",
         "Compliance check of {t}", "Review of the quality of {t}"]


def _publications(out: Path, n: int, rng: random.Random) -> list[Publication]:
    """Invented OSR reports; a third have chapter pages; written to the tree."""
    pubs, taken = [], set()
    for i in range(n):
        title = rng.choice(KINDS).format(t=rng.choice(TOPICS))
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        k = 2
        base = slug
        while slug in taken:
            slug, k = f"{base}-{k}", k + 1
        taken.add(slug)
        when = date(2017, 1, 1) + timedelta(days=rng.randint(0, 2900))
        n_chapters = rng.choice([1, 1, 2, 3])
        due = _month_year(when + timedelta(days=200))
        chapters = [(h, [f"This chapter of our {title.split(':')[0].lower()} covers {h.lower()}.",
                         f"We expect the producer to publish an improvement plan by the end of {due}."])
                    for h in ["Summary", "Findings", "Requirements"][:n_chapters]]
        pub = Publication(url=f"https://{OSR}/publication/{slug}/", title=title, date=when.isoformat(),
                          updated=(when + timedelta(days=rng.randint(0, 60))).isoformat(), chapters=chapters,
                          post_id=50000 + i, summary=f"Our {title.lower()}.")
        for c in range(1, n_chapters + 1):
            path = layout.file_for_url(out, pub.chapter_url(c))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_publication(pub, c), encoding="utf-8")
        pubs.append(pub)
    return sorted(pubs, key=lambda p: (p.date, p.url), reverse=True)


def _publication_listing(out: Path, pubs: list[Publication]) -> list[str]:
    """osr /publications-list/ (paginated like the correspondence list) and the REST API, 100 a page."""
    items = [Letter(url=p.url, title=p.title, date=p.date) for p in pubs]
    chunks = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)]
    urls = [f"https://{OSR}/publications-list/" + (f"page/{n}/" if n > 1 else "") for n in range(1, len(chunks) + 1)]
    for n, chunk in enumerate(chunks):
        path = layout.file_for_url(out, urls[n])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_listing(OSR, "Publications", chunk, total=len(items), page_url=urls[n],
                                       prev_url=urls[n - 1] if n else None,
                                       next_url=urls[n + 1] if n + 1 < len(urls) else None, noun="publications"),
                        encoding="utf-8")
    api = f"https://{OSR}/wp-json/wp/v2/publication"
    pages = [pubs[i:i + 100] for i in range(0, len(pubs), 100)]
    for n, chunk in enumerate(pages, 1):
        for query in ([f"?per_page=100&page={n}"] + (["?per_page=100"] if n == 1 else [])):
            path = layout.file_for_url(out, api + query, ext=".json")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wp_publication_json(chunk), encoding="utf-8")
            path.with_name(path.name + ".headers").write_text(
                f"X-WP-Total: {len(pubs)}\nX-WP-TotalPages: {len(pages)}\n", encoding="utf-8")
    return urls + [f"{api}?per_page=100&page={n}" for n in range(1, len(pages) + 1)]


def _sitemaps(out: Path, letters: list[Letter], pubs: list[Publication]) -> list[str]:
    chunks = [letters[i:i + 2000] for i in range(0, len(letters), 2000)]
    urls = [f"https://{OSR}/wp-sitemap-posts-correspondence-{n}.xml" for n in range(1, len(chunks) + 1)]
    for url, chunk in zip(urls, chunks):
        layout.file_for_url(out, url).write_text(
            sitemap_urlset([(x.url, f"{x.date}T10:00:00+00:00") for x in chunk]), encoding="utf-8")
    urls.append(f"https://{OSR}/wp-sitemap-posts-publication-1.xml")
    layout.file_for_url(out, urls[-1]).write_text(
        sitemap_urlset([(p.url, f"{p.updated}T15:00:00+00:00") for p in pubs]), encoding="utf-8")
    index = f"https://{OSR}/wp-sitemap.xml"
    layout.file_for_url(out, index).write_text(sitemap_index(urls), encoding="utf-8")
    return [index, *urls]


if __name__ == "__main__":
    import sys
    import time
    t = time.perf_counter()
    m = generate(sys.argv[1] if len(sys.argv) > 1 else "/tmp/large-mirror")
    print(m["counts"], f"{time.perf_counter() - t:.1f} s")
