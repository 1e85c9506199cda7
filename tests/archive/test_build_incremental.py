"""Issue 11: the build redoes only what changed, and an archive built incrementally equals one built cold, row for
row. Real crawls of the sample mirror (served on 127.0.0.1), a letter changed on the mirror, then both builds."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest

from archive.build import build_staging
from archive.extract_runner import plan_jobs, run_job
from captures.groups import load_groups
from crawler.run import crawl
from mirror.serve import copy_site, start

CHANGED = "https://osr.statisticsauthority.gov.uk/correspondence/mark-pont-to-keith-morris-road-safety-statistics-2/"
# Columns that differ between any two builds by design: when it ran, and surrogate row numbers of child tables
# (a reloaded document's rows are appended); every other column is compared.
VOLATILE = {("archive_info", "value:built_at"), ("errors", "at")}
SURROGATE_ID_TABLES = {"paragraphs", "dates", "links", "document_versions", "errors", "commitment_events",
                       "timeline", "timeline_parties", "roles"}


def table_rows(path) -> dict[str, Counter]:
    conn = sqlite3.connect(path)
    out = {}
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' "
        "ESCAPE '\\' AND sql NOT LIKE '%VIRTUAL TABLE%'")]
    fts = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE '%VIRTUAL TABLE%'")}
    for name in names:
        if any(name.startswith(f"{v}_") for v in fts):
            continue
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{name}])")]
        keep = [c for c in cols if (name, c) not in VOLATILE and not (name in SURROGATE_ID_TABLES and c == "id")]
        rows = conn.execute(f"SELECT {', '.join(f'[{c}]' for c in keep)} FROM [{name}]").fetchall()
        if name == "archive_info":
            rows = [r for r in rows if r[0] != "built_at"]
        out[name] = Counter(rows)
    # references between rows by surrogate id are compared through what they point at
    out["links→"] = Counter(conn.execute(
        "SELECT from_document_id, to_document_id, to_url, kind FROM links ORDER BY 1, 2, 3, 4").fetchall())
    # the full-text indexes, every token instance (term, column, offset) of every row, rows named by their ids
    for table, key in (("documents", "id"), ("commitments", "id")):
        conn.execute(f"CREATE VIRTUAL TABLE temp.vocab_{table} USING fts5vocab(main, {table}_fts, instance)")
        out[f"{table}_fts"] = Counter(conn.execute(
            f"SELECT v.term, t.{key}, v.col, v.offset FROM temp.vocab_{table} v JOIN {table} t ON t.rowid = v.doc"
        ).fetchall())
        assert out[f"{table}_fts"], f"{table}_fts is empty"
    conn.close()
    return out


def _crawled_copy(tmp_path_factory, name: str):
    """A copy of the sample mirror served and crawled once: (folder, DATA, site, mirror)."""
    tmp = tmp_path_factory.mktemp(name)
    site = copy_site(tmp)
    data = tmp / "data"
    with start(site.root) as mirror:
        assert crawl(data, mirror=mirror.url, throttle=False).exit_ok
        yield tmp, data, site, mirror


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    yield from _crawled_copy(tmp_path_factory, "incremental")


def test_nothing_changed_keeps_every_row_and_recomputes_nothing(crawled):
    tmp, data, _site, _mirror = crawled
    first = build_staging(data, tmp / "a.staging", as_of="2024-06-01", workers=1)
    before = table_rows(tmp / "a.staging")
    again = build_staging(data, tmp / "a.staging", as_of="2024-06-01", workers=1)
    assert (again.incremental, again.reloaded, again.extracted, again.derived) == (True, 0, 0, False)
    assert again.documents == first.documents
    assert table_rows(tmp / "a.staging") == before
    # a new as_of changes what "overdue" means: the derived tables are recomputed, the documents kept
    later = build_staging(data, tmp / "a.staging", as_of="2031-01-01", workers=1)
    assert (later.reloaded, later.derived) == (0, True)
    cold = build_staging(data, tmp / "cold-2031.staging", as_of="2031-01-01", incremental=False, workers=1)
    assert cold.documents == later.documents
    assert table_rows(tmp / "a.staging") == table_rows(tmp / "cold-2031.staging")


def test_one_changed_letter_is_reloaded_and_the_result_equals_a_cold_build(crawled):
    tmp, data, site, mirror = crawled
    build_staging(data, tmp / "b.staging", as_of="2024-06-01", workers=1)
    site.change(CHANGED, "Dear Keith,",
                "Dear Keith, We will publish the revised road safety tables by the end of March 2025.")
    assert crawl(data, mirror=mirror.url, throttle=False).exit_ok
    warm = build_staging(data, tmp / "b.staging", as_of="2024-06-01", workers=1)
    # only the changed letter's new capture is extracted: its previous capture, now an older version kept for its
    # history, takes its text from the extraction it had while it was the newest
    assert warm.incremental and warm.extracted == 1 and 1 <= warm.reloaded <= 3, warm.report()
    groups = [g for g in load_groups(data) if g.url == CHANGED]
    old_job = [j for j in plan_jobs(groups) if not j.facts]
    assert len(old_job) == 1 and old_job[0].full_key
    _key, fresh = run_job(str(data), old_job[0])  # what a text-only extraction of it gives
    conn = sqlite3.connect(tmp / "b.staging")
    kept = conn.execute("SELECT v.title, v.text FROM document_versions v JOIN documents d ON d.id = v.document_id "
                        "WHERE d.url = ? ORDER BY v.version", (CHANGED,)).fetchall()
    conn.close()
    fresh = json.loads(fresh)
    assert kept[0] == (fresh["title"], "\n\n".join(p["text"] for p in fresh["paragraphs"] if p["section"] != "related"))
    assert "revised road safety tables" not in kept[0][1] and "revised road safety tables" in kept[1][1]
    cold = build_staging(data, tmp / "cold.staging", as_of="2024-06-01", incremental=False, workers=1)
    assert not cold.incremental
    incremental_rows, cold_rows = table_rows(tmp / "b.staging"), table_rows(tmp / "cold.staging")
    assert incremental_rows.keys() == cold_rows.keys()
    for name in cold_rows:
        assert incremental_rows[name] == cold_rows[name], f"table {name} differs"
    conn = sqlite3.connect(tmp / "b.staging")
    quotes = [r[0] for r in conn.execute(
        "SELECT quote FROM commitments JOIN documents d ON d.id = document_id WHERE d.url = ?", (CHANGED,))]
    conn.close()
    assert any("revised road safety tables" in q for q in quotes)


def test_a_build_killed_half_way_is_followed_by_a_cold_build(crawled, monkeypatch):
    tmp, data, _site, _mirror = crawled
    build_staging(data, tmp / "c.staging", as_of="2024-06-01", workers=1)
    import archive.build as build

    def boom(*_args, **_kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(build, "_derive", boom)
    with pytest.raises(RuntimeError):
        build_staging(data, tmp / "c.staging", as_of="2030-01-01", workers=1)
    monkeypatch.undo()
    after = build_staging(data, tmp / "c.staging", as_of="2030-01-01", workers=1)
    assert not after.incremental, "a half-written staging file must not be built upon"


# The derived tables after changes that reach other documents' rows: each build is incremental (follow-up and the
# timeline recompute only what the change can reach) and must equal a cold build of the same captures.
OSR = "https://osr.statisticsauthority.gov.uk"
ECONOMIC_PROMISE = f"{OSR}/correspondence/response-from-sir-ian-diamond-to-ed-humpherson-economic-statistics-improvements/"
LINKAGE_REPLY = "https://www.ons.gov.uk/news/statementsandletters/responsetotheofficeforstatisticsregulationondatalinkage"
ENERGY_LETTER = f"{OSR}/correspondence/mark-pont-to-richard-alwyn-energy-trends/"
ENERGY_REPLY = f"{OSR}/correspondence/response-from-richard-alwyn-to-mark-pont-energy-trends/"
WITHDRAWN = f"{OSR}/correspondence/crime-statistics-4/"


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    yield from _crawled_copy(tmp_path_factory, "incremental-derive")


def rebuild_equals_cold(tmp, data, staging, as_of: str, name: str):
    warm = build_staging(data, staging, as_of=as_of, workers=1)
    assert warm.incremental and warm.derived, warm.report()
    build_staging(data, tmp / f"{name}.staging", as_of=as_of, incremental=False, workers=1)
    warm_rows, cold_rows = table_rows(staging), table_rows(tmp / f"{name}.staging")
    assert warm_rows.keys() == cold_rows.keys()
    for table in cold_rows:
        assert warm_rows[table] == cold_rows[table], f"after {name}: table {table} differs"
    return warm


def status_of(staging, url: str, quote: str) -> tuple:
    conn = sqlite3.connect(staging)
    row = conn.execute(
        "SELECT c.status, e.url FROM commitments c JOIN documents d ON d.id = c.document_id "
        "LEFT JOIN documents e ON e.id = c.status_evidence_id WHERE d.url = ? AND c.quote LIKE ?",
        (url, f"%{quote}%")).fetchone()
    conn.close()
    return row


def test_changes_that_reach_other_documents_rows_give_the_cold_build(series):
    tmp, data, site, mirror = series
    staging = tmp / "series.staging"
    build_staging(data, staging, as_of="2024-06-01", workers=1)
    assert status_of(staging, ECONOMIC_PROMISE, "Transformation Programme")[0] != "met"

    # a later letter between the same parties, in another thread, now says an older promise was kept (and no longer
    # says something it said: its old words must leave the search index)
    site.change(LINKAGE_REPLY, "I recognise that the programme has taken longer than we planned in March.",
                "We have now published the update on the Economic Statistics Transformation Programme, covering "
                "the new measures of household income and the improvements to trade statistics.")
    assert crawl(data, mirror=mirror.url, throttle=False).exit_ok
    warm = rebuild_equals_cold(tmp, data, staging, "2024-06-01", "evidence")
    assert 0 < warm.followup_recomputed < warm.commitments, warm.report()
    assert status_of(staging, ECONOMIC_PROMISE, "Transformation Programme") == ("met", LINKAGE_REPLY)

    # a new letter joins an existing exchange and reports a promise of it done
    site.add_letter(ENERGY_REPLY, title="Response from Richard Alwyn to Mark Pont: Energy Trends",
                    date="2021-02-10", fromto="Richard Alwyn, Department for Energy to Mark Pont, Office for "
                    "Statistics Regulation", listing=f"{OSR}/correspondence-list/",
                    paragraphs=["Dear Mark,", "Thank you for your letter of 9 June 2020 about Energy Trends.",
                                "We have now published the new quarterly table on renewable heat.",
                                "Yours sincerely,", "Richard Alwyn"])
    assert crawl(data, mirror=mirror.url, throttle=False).exit_ok
    warm = rebuild_equals_cold(tmp, data, staging, "2024-06-01", "new-letter")
    assert 0 < warm.followup_recomputed < warm.commitments, warm.report()
    conn = sqlite3.connect(staging)
    threads = {u: t for u, t in conn.execute("SELECT url, thread_id FROM documents WHERE url IN (?, ?)",
                                              (ENERGY_LETTER, ENERGY_REPLY))}
    conn.close()
    assert threads[ENERGY_REPLY] is not None and threads[ENERGY_REPLY] == threads[ENERGY_LETTER]

    # a letter withdrawn from the site (kept, marked withdrawn), then the date the statuses are computed for moves
    site.delete(WITHDRAWN)
    assert crawl(data, mirror=mirror.url, throttle=False).exit_ok
    rebuild_equals_cold(tmp, data, staging, "2024-06-01", "withdrawn")
    later = rebuild_equals_cold(tmp, data, staging, "2024-09-01", "as-of")
    assert later.reloaded == 0 and later.followup_recomputed < later.commitments, later.report()
    rebuild_equals_cold(tmp, data, staging, "2026-01-01", "as-of-past-due-dates")
