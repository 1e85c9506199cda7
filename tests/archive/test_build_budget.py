"""One hostile letter cannot hold the build: each document is extracted with a time and memory budget, and one
over it gets an `errors` row (`timeout` / `too_large`) while the run goes on (issue 14 item 3).

The letters are generated here and crawled from the real mirror server on 127.0.0.1; the budget is set the way an
operator sets it (ARCHIVE_EXTRACT_* in the environment), small so that the test stays cheap."""
from __future__ import annotations

import sqlite3

import pytest

from archive.build import build
from bench.hostile_letters import commitment_bomb
from crawler.run import crawl
from mirror.hostile import letter, letter_url, write_site
from mirror.serve import start

NORMAL = letter("Quarterly figures", "<p>We will publish the revised quarterly figures by 30 June 2024.</p>")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("budget")
    write_site(root / "site", {"quarterly-figures": NORMAL, "commitment-bomb": commitment_bomb(2_600_000)})
    with start(root / "site") as mirror:
        crawl(root / "data", mirror=mirror.url, sources=["osr"], throttle=False)
    return root


def _outcome(db):
    conn = sqlite3.connect(db)
    docs = {url: (error, text) for url, error, text in conn.execute("select url, error, text from documents")}
    errors = conn.execute("select url, error, detail from errors where stage = 'extract'").fetchall()
    commitments = conn.execute("select count(*) from commitments c join documents d on d.id = c.document_id "
                               "where d.url = ?", [letter_url("quarterly-figures")]).fetchone()[0]
    conn.close()
    return docs, errors, commitments


@pytest.mark.parametrize("env, code", [
    ({"ARCHIVE_EXTRACT_CPU_SECONDS": "1.5"}, "timeout"),
    ({"ARCHIVE_EXTRACT_MAX_PAYLOAD_MB": "2"}, "too_large"),
])
def test_a_letter_over_budget_is_refused_with_an_errors_row_and_the_run_goes_on(data, tmp_path, monkeypatch,
                                                                                   env, code):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    summary = build(data / "data", tmp_path / "archive.db", as_of="2024-06-01")
    docs, errors, commitments = _outcome(tmp_path / "archive.db")
    bomb = letter_url("commitment-bomb")
    assert docs[bomb][0].startswith(f"{code}: ") and docs[bomb][1] is None
    assert [(url, error) for url, error, _detail in errors] == [(bomb, code)]
    assert "stopped" in errors[0][2] or "not parsed" in errors[0][2]
    normal_error, normal_text = docs[letter_url("quarterly-figures")]
    assert normal_error is None and "revised quarterly figures" in normal_text and commitments == 1
    assert summary.documents == 2 and summary.errors == 1


def test_budget_from_the_environment_is_checked():
    from archive.extract_budget import Budget

    assert Budget.from_env({}) == Budget()
    assert Budget.from_env({"ARCHIVE_EXTRACT_CPU_SECONDS": "5"}).cpu_seconds == 5
    for bad in ("0", "-1", "soon"):
        with pytest.raises(ValueError, match="ARCHIVE_EXTRACT_MEMORY_MB"):
            Budget.from_env({"ARCHIVE_EXTRACT_MEMORY_MB": bad})


def test_a_document_with_more_facts_than_any_letter_keeps_its_text_not_its_facts(tmp_path, monkeypatch):
    many = commitment_bomb(30_000)          # a few hundred commitments with due dates
    write_site(tmp_path / "site", {"quarterly-figures": NORMAL, "many-commitments": many})
    with start(tmp_path / "site") as mirror:
        crawl(tmp_path / "data", mirror=mirror.url, sources=["osr"], throttle=False)
    monkeypatch.setenv("ARCHIVE_EXTRACT_MAX_COMMITMENTS", "100")
    build(tmp_path / "data", tmp_path / "archive.db", as_of="2024-06-01")
    docs, errors, commitments = _outcome(tmp_path / "archive.db")
    error, text = docs[letter_url("many-commitments")]
    assert error.startswith("too_large: ") and "facts not loaded" in error
    assert text and "We will publish the revised x-00001 series" in text, "the text stays searchable"
    assert [(url, code) for url, code, _detail in errors] == [(letter_url("many-commitments"), "too_large")]
    assert commitments == 1, "the other letter keeps its commitment"
    conn = sqlite3.connect(tmp_path / "archive.db")
    assert conn.execute("select count(*) from commitments").fetchone()[0] == 1
    conn.close()
