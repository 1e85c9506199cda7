"""Generate the hostile PDF regression fixtures, one per problem class (output committed next to this script).

Run: .venv/bin/python tests/files/docs/hostile/make_hostile.py

| file | how it is made | what parse_pdf must do |
|---|---|---|
| empty.pdf | zero bytes | DocumentError "empty file" |
| not_a_pdf.pdf | an HTML error page saved under a .pdf name | DocumentError "not a PDF" |
| corrupt.pdf | a %PDF header and %%EOF around 20 KB of random bytes (seeded) | DocumentError "corrupt" |
| truncated.pdf | the first 55% of the bytes of ../letter_3pages.pdf | DocumentError "truncated" |
| encrypted.pdf | reportlab StandardEncryption with a user password | DocumentError "encrypted" |
| no_text.pdf | two pages with vector drawings only (lines, rectangles), no text, no image | DocumentError "no text" |
| image_only.pdf | one page holding a bitmap of a sentence (Pillow), no text layer | image_only_pages == [1]; OCR text when tesseract is installed, else DocumentError "image-only" |
| page_tree_cycle.pdf | hand-written PDF whose /Pages node lists a child /Pages node that lists the first | DocumentError, no hang |
| deep_nesting.html | 10,000 nested <div>s around a letter, then a paragraph after them | whole text read, < 2 s |
| wrong_charset.html | declares UTF-8 in a meta tag, bytes are windows-1252 (curly quotes, £) | decoded as cp1252 |
| binary_garbage.html | 64 KB of seeded random bytes served as HTML | no exception |
| bad.docx | a zip archive with no word/document.xml | DocumentError "not a .docx" |
| huge_inflate.pdf | hand-written PDF whose page content is 1 GiB of spaces, Flate-compressed to about 1 MB | DocumentError (memory or no text), no hang, caller unharmed |
"""
from __future__ import annotations

import io
import random
import zlib
from pathlib import Path

HERE = Path(__file__).parent


def _raw_pdf(objects: list[bytes]) -> bytes:
    """Assemble numbered objects (1-based) into a PDF with a correct xref table; object 1 is the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def page_tree_cycle() -> bytes:
    return _raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ])


def huge_inflate() -> bytes:
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [squeeze.compress(chunk) for _ in range(1024)]  # 1 GiB of spaces
    parts.append(squeeze.flush())
    stream = b"".join(parts)
    return _raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def encrypted() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1,
                      encrypt=StandardEncryption("reader-secret", ownerPassword="owner-secret"))
    c.drawString(72, 760, "This letter is protected by a password and cannot be read without it.")
    c.save()
    return buf.getvalue()


def no_text() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for _ in range(2):
        c.rect(72, 600, 300, 100)
        c.line(72, 500, 500, 500)
        c.showPage()
    c.save()
    return buf.getvalue()


def image_only() -> bytes:
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (1700, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    draw.text((40, 60), "Dear Owain, thank you for your letter", fill=0, font=font)
    draw.text((40, 160), "about the harbour traffic statistics.", fill=0, font=font)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(image), 40, 600, width=515, height=121)
    c.save()
    return buf.getvalue()


def deep_nesting() -> bytes:
    return (b"<html><body><h1>Deep letter</h1>" + b"<div>" * 10_000 + b"<p>Dear Ann,</p><p>The deep paragraph.</p>"
            + b"</div>" * 10_000 + b"<p>Yours sincerely, the paragraph after the deep part.</p></body></html>")


def wrong_charset() -> bytes:
    text = ("<html><head><meta charset='utf-8'><title>Wrong charset</title></head><body><p>Dear Ann,</p>"
            "<p>The survey costs \u00a3120,000 and its \u201cheadline\u201d figure is not comparable.</p></body></html>")
    return text.encode("cp1252")


def bad_docx() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr(zipfile.ZipInfo("readme.txt", date_time=(2020, 1, 1, 0, 0, 0)), "not a Word document")
    return buf.getvalue()


def main() -> None:
    letter = (HERE.parent / "letter_3pages.pdf").read_bytes()
    rng = random.Random(4)
    files = {
        "empty.pdf": b"",
        "not_a_pdf.pdf": b"<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>\n",
        "corrupt.pdf": b"%PDF-1.7\n" + bytes(rng.getrandbits(8) for _ in range(20000)) + b"\n%%EOF\n",
        "truncated.pdf": letter[: int(len(letter) * 0.55)],
        "encrypted.pdf": encrypted(),
        "no_text.pdf": no_text(),
        "image_only.pdf": image_only(),
        "page_tree_cycle.pdf": page_tree_cycle(),
        "huge_inflate.pdf": huge_inflate(),
        "deep_nesting.html": deep_nesting(),
        "wrong_charset.html": wrong_charset(),
        "binary_garbage.html": bytes(rng.getrandbits(8) for _ in range(65536)),
        "bad.docx": bad_docx(),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
