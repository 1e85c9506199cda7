"""Make the sample mirror's attachments: PDFs with real text (reportlab) and a minimal .docx (zipfile).

INVENTED SAMPLE CONTENT. Output is byte-for-byte reproducible (reportlab's invariant mode, fixed zip dates), so
`python -m mirror.make_pdfs` can be re-run and committed. The PDFs exercise what real letters do to extractors:
a multi-page report with a running header, footer and page numbers; a letter whose line breaks inside a
hyphenated word; a letter whose annex page is set in two columns.
"""
from __future__ import annotations

import io
import sys
import textwrap
import zipfile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from mirror import layout

O = "https://osr.statisticsauthority.gov.uk"
U = "https://uksa.statisticsauthority.gov.uk"
W = "https://www.statisticsauthority.gov.uk"

REPORT_PDF = f"{O}/wp-content/uploads/2023/07/Data_sharing_and_linkage_follow-up_report.pdf"
DILNOT_PDF = f"{U}/wp-content/uploads/2015/12/letter-from-sir-andrew-dilnot-to-gareth-wynne-mp-201114_tcm97-44523.pdf"
HOA_PDF = (f"{W}/archive/reports---correspondence/correspondence/"
           "letter-from-head-of-assessment-to-national-statistician-130313_tcm97-43210.pdf")
SURVEILLANCE_PDF = f"{O}/wp-content/uploads/2020/05/Ed-Humpherson-to-Neil-Cartwright-COVID-19-surveillance-data-1.pdf"
ANNEX_DOCX = f"{O}/wp-content/uploads/2020/03/Annex_Migration_statistics_findings.docx"

WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 72, WIDTH - 72, HEIGHT - 90, 80


class Pages:
    """A tiny typesetter: wrapped paragraphs, explicit lines, running header/footer, page numbers."""

    def __init__(self, title: str, header: str = "", footer: str = "", numbering: str = "Page {n} of {total}"):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.c.setTitle(title)
        self.c.setAuthor("Invented sample content")
        self.header, self.footer, self.numbering = header, footer, numbering
        self.pages: list[list] = [[]]
        self.y = TOP

    def _need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.pages.append([])
            self.y = TOP

    def line(self, text: str, size: float = 11, font: str = "Helvetica", gap: float = 0) -> None:
        self._need(size * 1.45)
        self.pages[-1].append(("text", LEFT, self.y, text, font, size))
        self.y -= size * 1.45 + gap

    def para(self, text: str, size: float = 11, font: str = "Helvetica", width: int = 88) -> None:
        for ln in textwrap.wrap(text, width=width):
            self.line(ln, size, font)
        self.y -= size * 0.8

    def page_break(self) -> None:
        self.pages.append([])
        self.y = TOP

    def lines(self, lines: list[str], size: float = 11) -> None:
        for ln in lines:
            self.line(ln, size)
        self.y -= size * 0.8

    def columns(self, heading: str, left: list[str], right: list[str], size: float = 9.5) -> None:
        """A page of its own with a heading and two columns of already-broken lines."""
        self.pages.append([])
        self.y = TOP
        self.line(heading, 13, "Helvetica-Bold", gap=6)
        top = self.y
        mid = (LEFT + RIGHT) / 2
        for x, col in ((LEFT, left), (mid + 12, right)):
            y = top
            for ln in col:
                self.pages[-1].append(("text", x, y, ln, "Helvetica", size))
                y -= size * 1.4

    def save(self) -> bytes:
        total = len(self.pages)
        for n, items in enumerate(self.pages, 1):
            c = self.c
            if self.header:
                c.setFont("Helvetica", 8.5)
                c.drawString(LEFT, HEIGHT - 50, self.header)
                c.line(LEFT, HEIGHT - 56, RIGHT, HEIGHT - 56)
            if self.footer:
                c.setFont("Helvetica", 8.5)
                c.drawString(LEFT, 45, self.footer)
            if self.numbering:
                c.setFont("Helvetica", 8.5)
                c.drawRightString(RIGHT, 45, self.numbering.format(n=n, total=total))
            for _, x, y, text, font, size in items:
                c.setFont(font, size)
                c.drawString(x, y, text)
            c.showPage()
        c.save()
        return self.buf.getvalue()


def report_pdf() -> bytes:
    p = Pages("Data sharing and linkage for the public good: follow-up report",
              header="Data sharing and linkage for the public good: follow-up report",
              footer="Office for Statistics Regulation | July 2023")
    p.line("Data sharing and linkage for the public good: follow-up report", 16, "Helvetica-Bold", gap=10)
    p.line("Published: 13 July 2023", 10, gap=12)
    chapters = [
        ("1. Introduction", [
            "This report follows up our 2021 review of data sharing and linkage across government. It looks at "
            "what has changed since the National Statistician published the Data Linkage Work Programme in March "
            "2021, and at the barriers that remain.",
            "We spoke to analysts in twelve departments, to researchers in universities and to the teams that run "
            "the trusted research environments. We thank everyone who gave us their time."]),
        ("2. What has improved", [
            "Linked census and benefits data became available to accredited researchers in January 2022, a month "
            "later than the programme planned. The common linkage spine is now used by four departments.",
            "The first annual update to the work programme was published in May 2022, a few weeks after the end of "
            "April date the programme had set. It was clear and candid about the delays.",
            "Quality information is now published alongside most linked outputs, as we recommended in 2018."]),
        ("3. What still needs to change", [
            "Access to linked data still takes too long. Researchers told us that approval for a new project can "
            "take more than a year when several departments hold the data.",
            "We recommend that the Data Linkage Steering Group publishes the time taken to approve access to "
            "linked data, starting in 2024. We expect ONS to set out a plan for a single application process by the "
            "end of March 2024.",
            "We will review progress against these recommendations in a further report in 2025."]),
    ]
    for i, (heading, paras) in enumerate(chapters):
        if i:
            p.page_break()
        p.line(heading, 13, "Helvetica-Bold", gap=4)
        for text in paras:
            p.para(text)
    return p.save()


def dilnot_pdf() -> bytes:
    p = Pages("Letter from Sir Andrew Dilnot to Gareth Wynne MP", header="UK Statistics Authority",
              footer="1 Drummond Gate, London SW1V 2QQ   Telephone: 0845 604 1857", numbering="{n}")
    p.lines(["Gareth Wynne MP", "House of Commons", "London SW1A 0AA", "", "20 November 2014"])
    p.line("Dear Mr Wynne,", gap=6)
    p.para("Thank you for your letter of 3 November about the statistics on NHS waiting times in Wales, and about "
           "the comparisons made between them and the figures published for England.")
    # a line broken inside a hyphenated word, as typeset letters often are
    p.lines(["The two sets of statistics are produced from different sources of admin-",
             "istrative data and are not measured in the same way. In Wales the waiting time is",
             "counted from the date of referral; in England it is counted from a slightly different",
             "point in the pathway."])
    p.para("The Authority’s Monitoring and Assessment team has reviewed the published figures. We found that the "
           "differences in definitions are explained in the technical notes, but not in the main releases, where "
           "most users will look.")
    p.para("We will publish an assessment of the Welsh waiting time statistics by the end of March 2015, and I "
           "have asked the Chief Statistician for Wales to consider how the comparability of the figures can be "
           "explained more clearly in the meantime.")
    p.page_break()
    for _ in range(1):
        p.para("Comparisons between the four nations of the United Kingdom are of real interest to Parliament and "
               "to the public. They should be made with care, and with a clear statement of the differences in "
               "how the figures are compiled.")
    p.para("I am copying this letter to the Chief Statistician for Wales.")
    p.lines(["Yours sincerely", "", "", "Sir Andrew Dilnot CBE", "Chair, UK Statistics Authority"])
    return p.save()


def head_of_assessment_pdf() -> bytes:
    p = Pages("Letter from the Head of Assessment to the National Statistician", header="UK Statistics Authority",
              numbering="Page {n}")
    p.lines(["National Statistician", "Office for National Statistics", "", "13 March 2013"])
    p.line("Dear National Statistician,", gap=6)
    p.para("Our assessment of the statistics on international migration is now complete. I attach an annex setting "
           "out our findings on the coherence between the Home Office’s immigration statistics and ONS’s estimates.")
    p.para("We ask ONS and the Home Office to publish a joint note on the relationship between the two sources by "
           "the end of 2013, and to report on progress to the Authority’s Assessment Committee in the autumn.")
    p.lines(["Yours sincerely", "", "Head of Assessment", "UK Statistics Authority"])
    left = ["Annex A: findings", "", "A1. The two sources measure different", "things: visas granted and people",
            "arriving to stay for a year or more.", "", "A2. The release does not explain the", "difference, and users"
            " draw the", "wrong conclusions from it.", "", "A3. Revisions to the estimates are not", "announced in"
            " advance."]
    right = ["Annex B: requirements", "", "B1. Publish a joint note on coherence", "by the end of 2013.", "",
             "B2. Pre-announce revisions at least", "four weeks ahead.", "", "B3. Consult users on the", "presentation"
             " of the quarterly", "release during 2014."]
    p.columns("Annex: coherence of migration statistics", left, right)
    return p.save()


def surveillance_pdf() -> bytes:
    p = Pages("Ed Humpherson to Neil Cartwright: COVID-19 surveillance data", header="Office for Statistics Regulation",
              numbering="")
    p.lines(["Neil Cartwright", "Public Health England", "", "14 May 2020"])
    p.line("Dear Neil,", gap=6)
    p.para("Thank you for the work your team has done to publish COVID-19 surveillance data at a time of great "
           "pressure. I am writing to set out what we, as the regulator, expect of the weekly surveillance report.")
    p.para("We ask Public Health England to publish the methods used to estimate cases by region by the end of "
           "June 2020, and to explain in each report how the figures relate to the daily counts published on the "
           "dashboard.")
    p.para("I am copying this letter to the Chief Medical Officer’s office and to the National Statistician.")
    p.lines(["Yours sincerely", "", "Ed Humpherson", "Director General for Regulation"])
    return p.save()


def minimal_docx(paragraphs: list[str]) -> bytes:
    """A valid Word document with one style-free paragraph per item (fixed dates, so reproducible)."""
    from xml.sax.saxutils import escape
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(t)}</w:t></w:r></w:p>" for t in paragraphs)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 3, 5, 14, 0, 0)), text.encode("utf-8"))
    return buf.getvalue()


def annex_docx() -> bytes:
    return minimal_docx([
        "Annex: detailed findings on migration statistics",
        "1. The quarterly immigration release does not explain how visa data relate to ONS’s long-term "
        "international migration estimates.",
        "2. Users told us that they could not tell which source to use for net migration.",
        "3. We ask the Home Office to publish a statement on the relationship between the sources by June 2020.",
    ])


ATTACHMENTS = {REPORT_PDF: report_pdf, DILNOT_PDF: dilnot_pdf, HOA_PDF: head_of_assessment_pdf,
               SURVEILLANCE_PDF: surveillance_pdf, ANNEX_DOCX: annex_docx}


def write_all(root: Path) -> dict[str, Path]:
    out = {}
    for url, make in ATTACHMENTS.items():
        path = layout.file_for_url(Path(root), url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
        out[url] = path
    return out


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else layout.SITE_ROOT
    for url, path in write_all(root).items():
        print(f"{path.stat().st_size:>8}  {url}")
