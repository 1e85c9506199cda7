"""Every page and every canned query of the archive, fetched from a real Datasette over a fixture archive
(issue #7 items 1-4, 7, 8). The answers are checked against the fixture database itself, read with sqlite3."""
from __future__ import annotations

import csv
import hashlib
import io
import re
import sqlite3

import pytest
import yaml

from bench.fixture_archive import make_fixture_archive
from archive.schema import TABLES
from frontdoor.serve import METADATA
from captures.warcstore import WarcWriter
from bench.datasette import running_datasette

QUERIES = yaml.safe_load(METADATA.read_text())["databases"]["archive"]["queries"]
PAYLOAD = b"<html><body><p>Raw capture <script>alert(1)</script> of letter one</p></body></html>"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("web")
    db_path = make_fixture_archive(root / "archive.db", n_documents=200, seed=3)
    data = root / "data"
    writer = WarcWriter(data, "test-run")
    conn = sqlite3.connect(db_path)
    cap_id, url = conn.execute("select id, url from captures order by id limit 1").fetchone()
    ref = writer.write_response(url, 200, [("Content-Type", "text/html; charset=utf-8")], PAYLOAD)
    writer.close()
    with conn:
        conn.execute("update captures set warc_file = ?, warc_offset = ?, sha256 = ? where id = ?",
                     (ref.warc_file, ref.offset, ref.sha256, cap_id))
        conn.execute("update captures set warc_file = 'warc/missing.warc.gz' where id = ?", (cap_id + 1,))
    conn.row_factory = sqlite3.Row
    with running_datasette(db_path, data_dir=data) as server:
        yield server, conn, cap_id
    conn.close()


def example_params(conn) -> dict:
    org = conn.execute("select organisation_id from document_parties where role = 'recipient' and organisation_id"
                       " != 'org:osr' group by 1 order by count(*) desc limit 1"
                       ).fetchone()[0]
    person = conn.execute("select actor from commitments group by actor order by count(*) desc limit 1").fetchone()[0]
    thread = conn.execute("select id from threads order by document_count desc, id limit 1").fetchone()[0]
    return {"org": org, "person": person, "thread": thread, "a": "org:osr"}


def params_for(name, conn) -> dict:
    """Example parameters for each canned query; a test fails when a query is added without any."""
    p = example_params(conn)
    period = {"from": "2019-01-01", "to": "2023-12-31"}
    return {
        "search": {"q": "statistics", "from": "", "to": ""},
        "search_ranked": {"q": "statistics"},
        "search_commitments": {"q": "publish"},
        "timeline_events": {"party": p["org"], "thread": "", **period},
        "open_commitments": {"party": ""},
        "overdue_commitments": {},
        "commitments_due": period,
        "between_organisations": {"a": p["a"], "b": p["org"]},
        "thread": {"thread_id": p["thread"]},
        "promises": {"party": p["org"], "kind": ""},
        "feed_documents": {"org": ""},
        "feed_documents_org": {"org": p["org"]},
        "feed_commitments": {"org": ""},
        "feed_commitments_org": {"org": p["org"]},
        "calendar_due": {"party": ""},
    }[name]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_table_as_html_json_and_csv(site, table):
    server, conn, _ = site
    html = server.text(f"/archive/{table}")
    assert "<table" in html or "0 rows" in html
    data = server.json(f"/archive/{table}.json", _shape="objects")
    count = conn.execute(f"select count(*) from [{table}]").fetchone()[0]
    assert len(data["rows"]) == min(count, 50)
    rows = list(csv.reader(io.StringIO(server.text(f"/archive/{table}.csv"))))
    assert set(TABLES[table]["columns"]) <= set(rows[0])


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_canned_query_answers_in_html_json_and_csv(site, name):
    server, conn, _ = site
    params = params_for(name, conn)
    assert "<table" in server.text(f"/archive/{name}", **params)
    rows = server.rows(name, **params)
    assert rows, f"{name} {params} returned no rows"
    header = next(csv.reader(io.StringIO(server.text(f"/archive/{name}.csv", **params))))
    assert header == list(rows[0])


def test_search_is_newest_first_and_highlights_the_word(site):
    server, conn, _ = site
    rows = server.rows("search", q="statistics", **{"from": "", "to": ""})
    assert len(rows) == 100
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)
    assert all(re.search(r"⟦statistic\w*⟧", r["snippet"], re.I) for r in rows)
    html = server.text("/archive/search", q="statistics", **{"from": "", "to": ""})
    assert '<mark class="m-hit">statistics</mark>' in html


def test_search_finds_exactly_the_documents_holding_a_rare_word(site):
    server, conn, _ = site
    expected = {r[0] for r in conn.execute("select id from documents where text like '%quinquennial%'")}
    assert expected
    for query in ("search", "search_ranked"):
        rows = server.rows(query, q="quinquennial", **({"from": "", "to": ""} if query == "search" else {}))
        assert {r["id"] for r in rows} == expected, query


def test_search_ranked_orders_by_score_and_search_honours_dates(site):
    server, _, _ = site
    rows = server.rows("search_ranked", q="migration estimates")
    assert rows and [r["score"] for r in rows] == sorted(r["score"] for r in rows)
    dated = server.rows("search", q="statistics", **{"from": "2020-01-01", "to": "2020-12-31"})
    assert dated and all("2020-01-01" <= r["date"] <= "2020-12-31" for r in dated)


def test_open_overdue_and_due_commitments(site):
    server, conn, _ = site
    org = example_params(conn)["org"]
    open_rows = server.rows("open_commitments", party=org)
    bound = {r[0] for r in conn.execute(
        "select c.id from commitments c left join parties p on p.id = c.actor where c.actor = ? or"
        " p.organisation_id = ?", (org, org))}
    assert open_rows and {r["id"] for r in open_rows} <= bound
    assert {r["status"] for r in open_rows} <= {"open", "in_progress", "overdue"}
    overdue = server.rows("overdue_commitments")
    assert len(overdue) == conn.execute("select count(*) from commitments where status = 'overdue'").fetchone()[0]
    assert all(r["days_overdue"] > 0 for r in overdue)
    due = server.rows("commitments_due", **{"from": "2022-01-01", "to": "2022-06-30"})
    expected = conn.execute("select count(*) from commitments where due_end >= '2022-01-01'"
                            " and due_start <= '2022-06-30'").fetchone()[0]
    assert len(due) == expected > 0


def test_between_two_organisations_both_directions(site):
    server, conn, _ = site
    p = example_params(conn)
    rows = server.rows("between_organisations", a=p["a"], b=p["org"])
    expected = set()
    for doc_id, in conn.execute("select distinct document_id from document_parties"):
        sides = conn.execute("select role, organisation_id from document_parties where document_id = ?"
                             " and role in ('sender', 'recipient', 'copied')", (doc_id,)).fetchall()
        senders = {o for r, o in sides if r == "sender"}
        others = {o for r, o in sides if r != "sender"}
        if (p["a"] in senders and p["org"] in others) or (p["org"] in senders and p["a"] in others):
            expected.add(doc_id)
    assert {r["id"] for r in rows} == expected and expected


def test_one_thread_in_order_and_promises(site):
    server, conn, _ = site
    p = example_params(conn)
    rows = server.rows("thread", thread_id=p["thread"])
    assert len(rows) == conn.execute("select document_count from threads where id = ?", (p["thread"],)).fetchone()[0]
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    promises = server.rows("promises", party=p["person"], kind="")
    assert promises and all(r["actor_name"] == promises[0]["actor_name"] for r in promises)
    only = server.rows("promises", party=p["person"], kind="commitment")
    assert all(r["kind"] == "commitment" for r in only)


def test_timeline_query_by_party_period_and_thread(site):
    server, conn, _ = site
    p = example_params(conn)
    rows = server.rows("timeline_events", party=p["org"], thread="", **{"from": "2019-01-01", "to": "2023-12-31"})
    involved = {r[0] for r in conn.execute("select timeline_id from timeline_parties where party_id = ?", (p["org"],))}
    assert rows and all(r["id"] in involved and "2019-01-01" <= r["date"] <= "2023-12-31" for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    one = server.rows("timeline_events", party="", thread=p["thread"], **{"from": "", "to": ""})
    assert one and {r["thread_id"] for r in one} == {p["thread"]}


def test_document_page_marks_commitments_dates_parties_and_lists_thread_links_captures(site):
    server, conn, _ = site
    doc_id = conn.execute("select document_id from commitments c join documents d on d.id = c.document_id"
                          " where d.thread_id in (select id from threads where document_count > 2)"
                          " order by document_id limit 1").fetchone()[0]
    html = server.text(f"/archive/documents/{doc_id}")
    for c in conn.execute("select id, quote from commitments where document_id = ?", (doc_id,)):
        assert f'id="{c["id"]}"' in html
    assert 'class="m-date"' in html and 'class="m-party"' in html
    thread = conn.execute("select id from documents where thread_id = (select thread_id from documents"
                          " where id = ?) order by date, id", (doc_id,)).fetchall()
    section = html.split('id="thread"')[1].split("</section>")[0]
    assert [int(i) for i in re.findall(r'<li data-id="(\d+)"', section)] == [t["id"] for t in thread]
    assert 'aria-current="page"' in section
    captures = conn.execute("select id, sha256 from captures where document_id = ?", (doc_id,)).fetchall()
    for cap in captures:
        assert f"/-/captures/{cap['id']}/raw" in html and cap["sha256"] in html
    assert server.get("/archive/documents/999999")[0] == 404


def test_letter_text_is_escaped_everywhere(site):
    server, conn, _ = site
    doc_id = conn.execute("select id from documents where text like '%<script>%' limit 1").fetchone()[0]
    for path, params in [(f"/archive/documents/{doc_id}", {}),
                         ("/archive/search", {"q": "escaped", "from": "", "to": ""}),
                         ("/archive/paragraphs", {"document_id": doc_id})]:
        html = server.text(path, **params)
        assert "<script>alert(" not in html, path
        assert "&lt;script&gt;alert(" in html, path


def test_raw_capture_download(site):
    server, conn, cap_id = site
    status, headers, body = server.get(f"/-/captures/{cap_id}/raw")
    assert status == 200 and body == PAYLOAD
    assert headers["content-type"].startswith("application/octet-stream")
    assert headers["content-disposition"].startswith("attachment")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-payload-sha256"] == hashlib.sha256(PAYLOAD).hexdigest()
    assert server.get(f"/-/captures/{cap_id + 1}/raw")[0] == 404  # its WARC file is not there
    assert server.get("/-/captures/99999999/raw")[0] == 404


def test_timeline_page_is_a_plain_list_with_permalink_filters(site):
    server, conn, _ = site
    p = example_params(conn)
    html = server.text("/timeline", org=p["org"], **{"from": "2018-01-01"})
    ids = re.findall(r'data-document="(\d+)"', html)
    assert ids and re.search(rf'<option value="{re.escape(p["org"])}" selected>', html)
    involved = {r[0] for r in conn.execute(
        "select t.document_id from timeline t join timeline_parties tp on tp.timeline_id = t.id"
        " where tp.party_id = ?", (p["org"],))}
    assert {int(i) for i in ids} <= involved
    dates = re.findall(r'data-date="([\d-]+)"', html)
    assert dates == sorted(dates, reverse=True) and min(dates) >= "2018-01-01"
    thread_html = server.text("/timeline", thread=p["thread"], event="letter_sent")
    assert set(re.findall(r'data-thread="([^"]*)"', thread_html)) == {p["thread"]}
    assert set(re.findall(r'data-event="([^"]*)"', thread_html)) == {"letter_sent"}
    assert f'href="/archive/thread?thread_id={p["thread"]}"' in thread_html
    bad = server.text("/timeline", **{"from": "yesterday", "status": "<b>x</b>"})
    assert "ignored from=" in bad and "<b>x</b>" not in bad


def test_home_page_links_the_archive_pages(site):
    server, _, _ = site
    html = server.text("/")
    for link in ("/guide", "/timeline", "/archive/search", "/archive/feed_documents.atom", "/archive/calendar_due.ics"):
        assert f'href="{link}"' in html
    guide = server.text("/guide")
    assert "Researcher" in guide and "/archive/open_commitments.json" in guide


def test_researchers_guide_examples_answer(site):
    """docs/RESEARCHERS.md: every example address and every SQL example runs against the real server."""
    server, _, _ = site
    guide = (METADATA.parent / "docs" / "RESEARCHERS.md").read_text()
    blocks = re.findall(r"```(sql)?\n(.*?)```", guide, re.S)
    sql_blocks = [body for lang, body in blocks if lang == "sql"]
    addresses = [line.strip() for lang, body in blocks if not lang for line in body.splitlines() if line.strip()]
    addresses += re.findall(r"`(/archive/[^`\s]*(?:\.atom|\.ics|\.json|\.csv)[^`\s]*)`", guide)
    assert len(sql_blocks) >= 3 and len(addresses) >= 8
    for sql in sql_blocks:
        server.json("/archive.json", sql=sql, _shape="array")
    for address in addresses:
        status, _, body = server.get(address)
        assert status == 200, (address, status, body[:300])


def test_readme_guide_examples_answer(site):
    """README.md's short researcher's guide: every address in its table and its SQL run against the real server."""
    server, _, _ = site
    readme = (METADATA.parent / "README.md").read_text()
    guide = readme.split("### Researcher's guide, in short", 1)[1].split("\n## ", 1)[0]
    addresses = [a for a in re.findall(r"`(/(?:archive|timeline)[^`\s]*)`", guide) if "..." not in a and "<" not in a]
    sql_blocks = re.findall(r"```sql\n(.*?)```", guide, re.S)
    assert len(addresses) >= 8 and len(sql_blocks) == 1
    server.json("/archive.json", sql=sql_blocks[0], _shape="array")
    for address in addresses:
        status, _, body = server.get(address)
        assert status == 200, (address, status, body[:300])


def test_query_results_link_documents_commitments_and_threads(site):
    server, conn, _ = site
    thread = example_params(conn)["thread"]
    html = server.text("/archive/thread", thread_id=thread)
    first = conn.execute("select id from documents where thread_id = ? order by date, id", (thread,)).fetchone()[0]
    assert f'<a href="/archive/documents/{first}">{first}</a>' in html
    html = server.text("/archive/overdue_commitments")
    assert re.search(r'<a href="/archive/commitments/c\d+-\d+">', html)
    assert re.search(r'<a href="/archive/thread\?thread_id=t\d+">', html)


@pytest.mark.parametrize("q,dates", [("statistics", ("", "")), ("statistics", ("2019-01-01", "2020-06-30")),
                                     ('"labour market"', ("2018-01-01", "")), ("revision", ("", "2021-12-31"))])
def test_search_strategies_for_common_and_rare_words_agree(site, q, dates):
    """The search query asks FTS5 document by document down the date index when most documents match, walks the
    date index against the match list when a word has 2,000-20,000 matches, and sorts the matches otherwise; forced
    each way on the fixture, all three give the same rows."""
    server, _, _ = site
    sql = QUERIES["search"]["sql"]
    cases = ("when n > 20000", "when n > 2000 and n <= 20000", "when n > 0 and n <= 2000")
    assert all(sql.count(c) == 1 for c in cases)
    params = {"q": q, "from": dates[0], "to": dates[1], "_shape": "array"}

    def forced(chosen: str) -> list[dict]:
        text = sql
        for c in cases:
            text = text.replace(c, "when 1" if c == chosen else "when 0")
        return server.json("/archive.json", sql=text, **params)

    dense, walk, sort = (forced(c) for c in cases)
    assert walk and [r["id"] for r in dense] == [r["id"] for r in walk] == [r["id"] for r in sort]
    assert all((not dates[0] or r["date"] >= dates[0]) and (not dates[1] or r["date"] <= dates[1]) for r in walk)
