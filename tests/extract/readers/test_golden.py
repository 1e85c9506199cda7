"""Golden JSON for every fixture document in tests/files/docs/, compared whole.

Each golden file holds what the readers found (title, dates, from/to, lead, paragraphs with sections and pages,
links with label dates, language), the letter parties from every signal, and the doc type. Regenerate only on
purpose, then review the diff like code:  UPDATE_GOLDEN=1 .venv/bin/pytest tests/extract/readers/test_golden.py
"""
from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from extract.readers.docx import parse_docx
from extract.doctype import doc_type_for
from extract.readers.html import parse_html
from extract.parties.letter import letter_parties
from extract.readers.pdf import parse_pdf, shutdown_workers

DOCS = Path(__file__).resolve().parents[2] / "files" / "docs"
GOLDEN = DOCS / "golden"
# The real URL each fixture stands for (the readers use it for links, slugs and doc types).
URLS = {
    "osr_letter_wordpress.html": "https://osr.statisticsauthority.gov.uk/correspondence/"
                                 "ed-humpherson-to-alys-fenwick-quarterly-estimates-of-tidal-energy-output/",
    "uksa_letter_latin1.html": "https://uksa.statisticsauthority.gov.uk/correspondence/"
                               "letter-from-sir-robert-ashdown-to-marian-kettering-mp/",
    "ons_statement.html": "https://www.ons.gov.uk/news/statementsandletters/responsetotheregulatoronhouseholdwealth",
    "legacy_summary.html": "https://www.statisticsauthority.gov.uk/reports---correspondence/correspondence/"
                           "letter-from-sir-michael-halberd-to-the-coastal-survey-agency/index.html",
    "report_chapter.html": "https://osr.statisticsauthority.gov.uk/publication/systemic-review-of-coastal-statistics/"
                           "pages/3/",
    "organisation_archive.html": "https://uksa.statisticsauthority.gov.uk/organisation/harbour-statistics-board/",
    "welsh_letter.html": "https://osr.statisticsauthority.gov.uk/correspondence/llythyr-at-gareth-pryce-ystadegau-tai/",
    "lead_line_2017.html": "https://www.statisticsauthority.gov.uk/correspondence/statistics-on-coastal-erosion/",
    "letter_3pages.pdf": "https://osr.statisticsauthority.gov.uk/wp-content/uploads/2021/11/Letter_harbour_traffic.pdf",
    "report_two_columns.pdf": "https://osr.statisticsauthority.gov.uk/wp-content/uploads/2023/07/Review_harbour.pdf",
    "letter.docx": "https://osr.statisticsauthority.gov.uk/wp-content/uploads/2021/12/Letter_harbour_arrivals.docx",
}


def read(name: str) -> dict:
    content = (DOCS / name).read_bytes()
    url = URLS[name]
    if name.endswith(".pdf"):
        parsed = parse_pdf(content)
    elif name.endswith(".docx"):
        parsed = parse_docx(content)
    else:
        parsed = parse_html(content, url)
    parties = letter_parties(parsed, url)
    out = dataclasses.asdict(parsed)
    out["doc_type"] = doc_type_for(url, parsed.title, parsed)
    out["parties"] = {key: [dataclasses.asdict(m) for m in getattr(parties, key)]
                      for key in ("senders", "recipients", "copied")}
    out["parties"]["salutation_names"] = parties.salutation_names
    return out


@pytest.fixture(scope="module", autouse=True)
def _workers():
    yield
    shutdown_workers()


def test_every_fixture_has_a_url():
    fixtures = {p.name for p in DOCS.iterdir() if p.suffix in (".html", ".pdf", ".docx")}
    assert fixtures == set(URLS), "add new fixtures to URLS (and write their golden file)"


@pytest.mark.parametrize("name", sorted(URLS))
def test_golden(name):
    got = read(name)
    golden = GOLDEN / (name + ".json")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden file for {name}: run with UPDATE_GOLDEN=1 and review it"
    assert got == json.loads(golden.read_text(encoding="utf-8"))
