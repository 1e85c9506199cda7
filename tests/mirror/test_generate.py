"""The large generated mirror: built from the real 2020 list, consistent, and served by the mirror server."""
from __future__ import annotations

import io
import json
import random
import re
import time

import pdfplumber
import pytest

from mirror import generate as gen
from mirror import layout
from mirror.serve import start
from mirror.templates import long_date
from tests.mirror.test_server import fetch
from tests.mirror.test_site import get, links_of

needs_csv = pytest.mark.skipif(not gen.CSV_PATH.is_file(), reason=f"{gen.CSV_PATH} (the real list) is absent")


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    if not gen.CSV_PATH.is_file():
        pytest.skip(f"{gen.CSV_PATH} (the real list) is absent")
    out = tmp_path_factory.mktemp("big") / "site"
    t = time.perf_counter()
    manifest = gen.generate(out, n_letters=2500, seed=0)
    return out, manifest, time.perf_counter() - t


def test_generates_the_count_quickly_from_the_real_rows(big):
    out, manifest, seconds = big
    assert seconds < 30
    rows = gen.read_rows()
    assert manifest["counts"]["letters"] == 2500 and manifest["counts"]["real_rows"] == len(rows) == 1244
    letters = [d for d in manifest["documents"] if d["kind"] == "letter"]
    assert len(letters) == len({d["url"] for d in letters}) == 2500
    real = {(r["title"], r["date"], r["subtitle"]) for r in rows}
    assert real <= {(d["title"], d["date"], d["fromto"]) for d in letters}
    hosts = {d["url"].split("/")[2] for d in letters}
    assert hosts == {gen.OSR, gen.UKSA}
    slugs = [d["url"].rstrip("/").rsplit("/", 1)[1] for d in letters]
    assert any(s.isdigit() for s in slugs) and sum(bool(re.search(r"-\d+$", s)) for s in slugs) > 1000


def test_every_document_file_exists_and_says_what_the_manifest_says(big):
    out, manifest, _ = big
    for doc in manifest["documents"]:
        host, path, query = layout.split_real_url(doc["url"])
        found = layout.resolve(out, host, path, query)
        assert found.file is not None, doc["url"]
        if doc["kind"] == "letter":
            text = found.file.read_text(encoding="utf-8")
            assert long_date(doc["date"]) in text
            assert doc["title"].replace("&", "&amp;").replace("<", "&lt;") in text


def test_old_urls_redirect_to_the_new_homes(big):
    out, manifest, _ = big
    old = {u: v for u, v in manifest["aliases"].items() if u.startswith("https://www.statisticsauthority.gov.uk/")}
    assert len(old) == 1244
    changed = [u for u, v in old.items() if u.rsplit("/", 2)[1] != v.rsplit("/", 2)[1]]
    assert 10 < len(changed) < 150  # some slugs changed on the way
    with start(out) as mirror:
        for url in random.Random(1).sample(sorted(old), 40) + changed[:5]:
            status, headers, _ = fetch(mirror.mirror_url(url))
            assert status == 301 and headers["Location"] == old[url]
            assert get(mirror, url)[:2] == (old[url], 200)


def test_listings_paginate_over_every_letter_and_the_server_serves_them(big):
    out, manifest, _ = big
    aliases = manifest["aliases"]
    with start(out) as mirror:
        for host in (gen.OSR, gen.UKSA):
            expected = {d["url"] for d in manifest["documents"] if d["kind"] == "letter" and f"//{host}/" in d["url"]}
            url, found, pages = f"https://{host}/correspondence-list/", set(), 0
            while url:
                final, status, _, body = get(mirror, url)
                assert status == 200
                pages += 1
                parsed = links_of(body, final)
                assert f"{len(expected)} item(s) of correspondence found" in body.decode()
                found |= {aliases.get(x, x) for x in parsed.links} & expected
                url = parsed.rel_next[0] if parsed.rel_next else None
            assert found == expected and pages == -(-len(expected) // gen.PER_PAGE)
        sample = random.Random(2).sample([d["url"] for d in manifest["documents"]], 60)
        for url in sample:
            assert get(mirror, url)[1] == 200
        assert len(mirror.requests) > 100


def test_legacy_pdfs_hold_the_letter(big):
    out, manifest, _ = big
    pdfs = [d for d in manifest["documents"] if d["kind"] == "attachment"]
    assert len(pdfs) == gen.LEGACY_PDFS and all(re.search(r"_tcm97-\d+\.pdf$", d["url"]) for d in pdfs)
    with start(out) as mirror:
        doc = pdfs[0]
        page = get(mirror, doc["parent_url"])[3].decode()
        assert doc["url"] in page
        with pdfplumber.open(io.BytesIO(get(mirror, doc["url"])[3])) as pdf:
            assert long_date(doc["date"]) in pdf.pages[0].extract_text()


@needs_csv
def test_same_seed_same_tree_and_small_counts(tmp_path):
    a = gen.generate(tmp_path / "a", n_letters=100, seed=0)
    b = gen.generate(tmp_path / "b", n_letters=100, seed=0)
    assert a == b and a["counts"]["letters"] == 100
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_missing_csv_is_reported(tmp_path):
    with pytest.raises(gen.CsvMissing):
        gen.generate(tmp_path / "x", csv_path=tmp_path / "absent.csv")


def test_publications_listing_sitemap_and_rest_api_agree(big):
    out, manifest, _ = big
    pubs = {d["url"]: d for d in manifest["documents"] if d["kind"] == "publication"}
    assert len(pubs) >= 100 and any(d["parts"] for d in pubs.values())
    with start(out) as mirror:
        url, listed = f"https://{gen.OSR}/publications-list/", set()
        while url:
            final, status, _, body = get(mirror, url)
            parsed = links_of(body, final)
            listed |= set(parsed.links) & set(pubs)
            url = parsed.rel_next[0] if parsed.rel_next else None
        assert listed == set(pubs)
        api, page, total_pages = set(), 1, None
        while total_pages is None or page <= total_pages:
            _, status, headers, body = get(mirror, f"https://{gen.OSR}/wp-json/wp/v2/publication?per_page=100&page={page}")
            assert status == 200 and int(headers["X-WP-Total"]) == len(pubs)
            total_pages = int(headers["X-WP-TotalPages"])
            api |= {item["link"] for item in json.loads(body)}
            page += 1
        assert total_pages == 2 and api == set(pubs)
        for doc in list(pubs.values())[:10]:
            for part in [doc["url"], *doc["parts"]]:
                assert get(mirror, part)[1] == 200
