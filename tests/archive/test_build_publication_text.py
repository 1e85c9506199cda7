"""A report published as HTML chapters and a PDF is one document: the landing page, the chapters in order, then what
only the PDF says (issue 12 item 7). Before, a report whose HTML was short was read as a pre-2016 summary page and
its text replaced by the PDF's, so words only in the HTML could not be found.

End to end: the small invented site of tests/files/crawl/site (its report has a short landing page, two chapter pages
and a PDF), with a word written into chapter 2 only and a real PDF (reportlab) that repeats the chapters and adds a
paragraph of its own, served on 127.0.0.1, crawled, built, and searched through the archive's full-text index.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from archive.build import build
from archive.publication_text import with_pdf_text
from crawler.run import crawl
from extract.records import Extraction, Paragraph
from mirror.serve import start
from mirror.sitecopy import copy_site

SITE = Path(__file__).resolve().parents[1] / "files" / "crawl" / "site"
O = "https://osr.statisticsauthority.gov.uk"
REPORT = f"{O}/publication/review-of-widget-statistics/"
PDF = f"{O}/wp-content/uploads/2023/07/Review_of_widget_statistics.pdf"
HTML_ONLY = "zephyrine"   # invented words: one written into chapter 2's HTML only, one into the PDF only
PDF_ONLY = "quindecagonal"
SHARED = "Widget counts are now collected from every regional office."


def _pdf() -> bytes:
    from mirror.make_pdfs import Pages

    p = Pages("Review of widget statistics", header="Review of widget statistics", footer="Invented Regulator")
    p.line("Review of widget statistics", 16, "Helvetica-Bold", gap=10)
    p.para("Chapter 1 text.")
    p.para(f"Chapter 2 text. {SHARED}")
    p.para("Chapter 3 text.")
    p.para(f"Annex: the {PDF_ONLY} adjustment of the widget index is described in full here.")
    return p.save()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    site = copy_site(tmp_path_factory.mktemp("site"), src=SITE)
    site.change(REPORT + "pages/2/", "Chapter 2 text.",
                f"Chapter 2 text. {SHARED} The {HTML_ONLY} ledger of widget returns was audited twice.")
    site.write(PDF, _pdf(), ext=".pdf")
    root = tmp_path_factory.mktemp("run")
    with start(site.root) as mirror:
        crawl(root / "data", mirror=mirror.url, throttle=False, settings={"DOWNLOAD_TIMEOUT": 5, "RETRY_TIMES": 1})
    build(root / "data", root / "archive.db", as_of="2024-01-31")
    return sqlite_utils.Database(root / "archive.db")


def _found(db, word: str) -> set[str]:
    return {r["url"] for r in db.query(
        "select d.url from documents_fts f join documents d on d.rowid = f.rowid where documents_fts match ?", [word])}


def test_a_word_only_in_an_html_chapter_is_found(archive):
    assert REPORT in _found(archive, HTML_ONLY)


def test_a_word_only_in_the_pdf_is_found_in_the_report_too(archive):
    assert {REPORT, PDF} <= _found(archive, PDF_ONLY)


def test_landing_page_chapters_then_pdf_in_order_and_shared_text_once(archive):
    report = archive.execute("select id, text from documents where url = ?", [REPORT]).fetchone()
    text = report[1]
    order = [text.find(s) for s in ("Chapter 1 text.", "Chapter 2 text.", "Chapter 3 text.", PDF_ONLY)]
    assert -1 not in order and order == sorted(order), order
    assert text.count(SHARED) == 1  # the HTML and the PDF both carry it: read once
    pages = [r[0] for r in archive.execute("select page from paragraphs where document_id = ? order by n", [report[0]])]
    assert pages[0] is None and pages[-1] == 1  # HTML paragraphs first, then the PDF's (with its page number)


def test_pdf_paragraphs_repeating_the_html_are_not_added():
    page = Extraction(paragraphs=[Paragraph("Findings"), Paragraph("The index rose by 2% in 2023.")])
    pdf = Extraction(paragraphs=[Paragraph("Findings", page=1), Paragraph("The index rose by 2%\nin 2023.", page=1),
                                 Paragraph("Page 1 of 2", page=1), Paragraph("Page 1 of 2", page=2),
                                 Paragraph("An annex only the PDF has.", page=2)])
    merged = with_pdf_text(page, [pdf])
    assert [p.text for p in merged.paragraphs] == ["Findings", "The index rose by 2% in 2023.", "Page 1 of 2",
                                                   "An annex only the PDF has."]
    assert with_pdf_text(page, [Extraction(paragraphs=[Paragraph("Findings", page=1)])]) is page
