"""Generate the PDF fixtures for tests/extract/readers/test_pdf.py with reportlab (invented wording).

Run: .venv/bin/python tests/files/docs/make_pdfs.py   (writes next to this script; output is committed)

* letter_3pages.pdf: a three-page letter with a running header ("OFFICIAL"), a footer with the office address
  and "Page N of 3", words hyphenated at line ends, and a salutation, copy line and sign-off; page 3 holds an
  annex line with a web link annotation over its last words.
* report_two_columns.pdf: page 1 full-width title and introduction; page 2 two columns, a full-width footer.
* letter.docx: a minimal Word document (zipfile, hand-written WordprocessingML): address block, date line,
  salutation, two paragraphs, a table, a sign-off with a line break between name and role.
* Also `multi_page_pdf(pages)` builds the benchmark set used by bench/documents.py.
"""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

HERE = Path(__file__).parent
WIDTH, HEIGHT = A4
PARAGRAPHS = [
    "Thank you for your letter of 14 October about the annual statistics on harbour traffic. I am grateful to "
    "your team for the clear account of the changes made to the survey of port operators since last year.",
    "We have now completed our review of the statistics against the Code of Practice for Statistics. The "
    "statistics remain valuable to a wide range of users, including local authorities, port operators and "
    "researchers who study the movement of freight around the coast.",
    "We found that the explanation of the methods has improved. However, users still find it hard to compare "
    "the quarterly figures with the annual totals, because the two series use different definitions of a "
    "vessel arrival. We would like the department to publish a short reconciliation by the end of March.",
    "The department should also consider how it communicates uncertainty. The estimates for the smallest ports "
    "rest on a handful of returns, and the published tables do not yet say so. A simple quality rating for each "
    "port would help users to judge how much weight the figures can bear.",
    "We welcome the plan to move the release to a fixed date each year, and the decision to pre-announce any "
    "revisions. These steps will strengthen the trustworthiness of the statistics and the confidence of users.",
]


def _wrap(text: str, width: int, hyphenate: bool, font: str = "Helvetica", size: float = 11) -> list[str]:
    """Greedy wrap by printed width, as word processors do (`width` is in average characters, ~0.5 em each);
    with hyphenate, a long word that does not fit is split with a hyphen when the first part fits."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    limit = width * size * 0.5
    fits = lambda s: stringWidth(s, font, size) <= limit  # noqa: E731
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if fits(candidate):
            line = candidate
            continue
        cut = next((n for n in range(len(word) - 3, 3, -1) if fits(f"{line} {word[:n]}-".strip())), 0) \
            if hyphenate and len(word) >= 9 else 0
        if cut:
            lines.append(f"{line} {word[:cut]}-".strip())
            line = word[cut:]
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def letter_3pages() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("Letter on harbour traffic statistics")
    body: list[tuple[str, str]] = [("Dear Owain,", "p")]
    for text in PARAGRAPHS * 2:
        body.append((text, "p"))
    body += [("I am copying this letter to Dr Sian Lloyd, Head of Profession for Statistics.", "p"),
             ("Yours sincerely,", "p"), ("Ed Humpherson", "line"), ("Director General for Regulation", "line")]
    pages = 3
    y, page = None, 0

    def new_page():
        nonlocal y, page
        if page:
            c.showPage()
        page += 1
        c.setFont("Helvetica", 9)
        c.drawString(72, HEIGHT - 40, "OFFICIAL")
        c.drawRightString(WIDTH - 72, HEIGHT - 40, "Office for Statistics Regulation")
        c.drawString(72, 40, "1 Drummond Gate, London SW1V 2QQ")
        c.drawRightString(WIDTH - 72, 40, f"Page {page} of {pages}")
        c.setFont("Helvetica", 11)
        y = HEIGHT - 90
        if page == 1:
            for line in ("Owain Price", "Head of Maritime Statistics", "Department for Coasts",
                         "", "12 November 2021", ""):
                c.drawString(72, y, line)
                y -= 15

    new_page()
    for text, kind in body:
        lines = _wrap(text, 84, hyphenate=True) if kind == "p" else [text]
        for line in lines:
            if y < 80:
                new_page()
            c.drawString(72, y, line)
            y -= 15
        if kind == "p":
            y -= 10
    while page < pages:
        new_page()
        c.drawString(72, y, "Annex: the figures reviewed are the quarterly and annual harbour traffic tables.")
        c.linkURL("https://www.example.gov.uk/harbour-traffic-tables/", (300, y - 3, 520, y + 10), relative=0)
    c.save()
    return buf.getvalue()


def report_two_columns() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, HEIGHT - 80, "Review of harbour statistics")
    c.setFont("Helvetica", 11)
    y = HEIGHT - 120
    for line in _wrap(PARAGRAPHS[1], 84, False):
        c.drawString(72, y, line)
        y -= 15
    c.setFont("Helvetica", 9)
    c.drawCentredString(WIDTH / 2, 40, "1")
    c.showPage()
    c.setFont("Helvetica", 10)
    col_width = 38
    left = _wrap("LEFT COLUMN BEGINS. " + PARAGRAPHS[2] + " " + PARAGRAPHS[3] + " LEFT COLUMN ENDS.", col_width,
                 False, size=10)
    right = _wrap("RIGHT COLUMN BEGINS. " + PARAGRAPHS[4] + " " + PARAGRAPHS[0] + " RIGHT COLUMN ENDS.",
                  col_width, False, size=10)
    for x, lines in ((60, left), (WIDTH / 2 + 15, right)):
        y = HEIGHT - 80
        for line in lines:
            c.drawString(x, y, line)
            y -= 13
    c.setFont("Helvetica", 9)
    c.drawCentredString(WIDTH / 2, 40, "2")
    c.save()
    return buf.getvalue()


def multi_page_pdf(pages: int) -> bytes:
    """A plain multi-page document for the benchmark: 30 lines of text per page."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    text = " ".join(PARAGRAPHS)
    lines = _wrap(text, 84, True)
    for number in range(1, pages + 1):
        c.setFont("Helvetica", 11)
        y = HEIGHT - 72
        for i in range(40):
            c.drawString(72, y, lines[(number + i) % len(lines)])
            y -= 16
        c.setFont("Helvetica", 9)
        c.drawCentredString(WIDTH / 2, 40, f"Page {number}")
        c.showPage()
    c.save()
    return buf.getvalue()


def letter_docx() -> bytes:
    import zipfile

    def para(*runs: str) -> str:
        inner = "<w:r><w:br/></w:r>".join(f'<w:r><w:t xml:space="preserve">{r}</w:t></w:r>' for r in runs)
        return f"<w:p>{inner}</w:p>"

    rows = "".join(f"<w:tr><w:tc>{para(a)}</w:tc><w:tc>{para(b)}</w:tc></w:tr>"
                   for a, b in (("Series", "Months late"), ("Harbour arrivals", "4")))
    link = ('<w:p><w:r><w:t xml:space="preserve">Our findings are in </w:t></w:r><w:hyperlink r:id="rId9">'
            '<w:r><w:t>the review of harbour statistics</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>')
    body = "".join([para("Owain Price", "Department for Coasts"), para("3 December 2021"), para("Dear Owain,"),
                    para(PARAGRAPHS[0]), para(PARAGRAPHS[2]), link, f"<w:tbl>{rows}</w:tbl>",
                    para("Yours sincerely,"), para("Mark Pont", "Director for Regulation")])
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f"<w:body>{body}</w:body></w:document>")
    core = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<dc:title>Letter on harbour arrivals</dc:title></cp:coreProperties>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/hyperlink" Target="https://osr.statisticsauthority.gov.uk/'
                'publication/review-of-harbour-statistics/" TargetMode="External"/></Relationships>')
        for name, data in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", document),
                           ("docProps/core.xml", core), ("word/_rels/document.xml.rels", rels)):
            info = zipfile.ZipInfo(name, date_time=(2021, 12, 3, 0, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def main() -> None:
    (HERE / "letter.docx").write_bytes(letter_docx())
    (HERE / "letter_3pages.pdf").write_bytes(letter_3pages())
    (HERE / "report_two_columns.pdf").write_bytes(report_two_columns())


if __name__ == "__main__":
    main()
