"""The PDF reader proper; runs inside the worker process that extract/readers/pdf.py starts (memory and time limits).

Engine: pypdfium2 (PDFium), measured here at ~100x pdfplumber's speed. Layout comes from PDFium's text rectangles
(one per run of text on a line, with its box): runs on one line are merged into segments; a page whose segments
leave an empty vertical gutter in the middle with text on both sides is read column by column (full-width parts
stay in place); lines are joined into paragraphs at vertical gaps larger than the usual line spacing; running
headers and footers (the same text, digits aside, at the top or bottom of most pages) and page numbers are dropped;
a word hyphenated at a line end is joined again. Image-only pages are flagged and, when `tesseract` is installed,
read by OCR.

Protocol (stdin/stdout, binary): request = u64 length + JSON options, u64 length + PDF bytes; reply = u64 length +
JSON ({"ok": true, "doc": {...}} or {"ok": false, "error": "..."}). The parent owns limits and timeouts.
"""
from __future__ import annotations

import json
import os
import re
import resource
import shutil
import statistics
import struct
import subprocess
import sys
from collections import Counter

PAGE_NUMBER = re.compile(r"^(page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(\s*(of|/)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.I)
MAX_OCR_PAGES = 30


class ReadError(Exception):
    """A clear, one-line reason why this PDF cannot be read."""


# ------------------------------------------------------------------ layout


def _segments(textpage, page_height: float) -> list[dict]:
    """Text runs merged into line segments: {x0, x1, top, bottom, text}. PDF y grows upwards; we flip to top-down."""
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\r", " ").replace("\n", " ").replace("\x02", "-").replace("\ufffe", "-")
        if text.strip():
            runs.append({"x0": left, "x1": right, "top": page_height - top, "bottom": page_height - bottom,
                         "text": text.strip()})
    runs.sort(key=lambda r: (round(r["top"] / 3), r["x0"]))
    merged: list[dict] = []
    for run in runs:
        height = max(1.0, run["bottom"] - run["top"])
        last = merged[-1] if merged else None
        if last and abs((last["top"] + last["bottom"]) - (run["top"] + run["bottom"])) / 2 < height * 0.6 \
                and 0 <= run["x0"] - last["x1"] < max(8.0, height * 1.2):
            last["text"] += ("" if last["text"].endswith("-") and run["x0"] - last["x1"] < 1 else " ") + run["text"]
            last["x1"] = max(last["x1"], run["x1"])
            last["bottom"] = max(last["bottom"], run["bottom"])
            continue
        merged.append(dict(run))
    return merged


def _gutter(segments: list[dict], page_width: float) -> float | None:
    """x of an (almost) empty vertical band near the middle with several lines on each side, or None."""
    if len(segments) < 6:
        return None
    lo, hi = page_width * 0.3, page_width * 0.7
    narrow = [s for s in segments if s["x1"] - s["x0"] < page_width * 0.45]
    if len(narrow) < 6:
        return None
    covered = [0] * int(page_width + 1)
    for s in narrow:
        for x in range(max(0, int(s["x0"])), min(len(covered), int(s["x1"]) + 1)):
            covered[x] += 1
    allowed = len(narrow) // 10  # a heading or two may cross the gutter; they become full-width bands
    best, start = None, None
    for x in range(int(lo), int(hi) + 1):
        if covered[x] <= allowed:
            start = x if start is None else start
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
        else:
            start = None
    if not best or best[1] - best[0] < 8:
        return None
    middle = (best[0] + best[1]) / 2
    left = sum(1 for s in narrow if s["x1"] <= middle)
    right = sum(1 for s in narrow if s["x0"] >= middle)
    return middle if left >= 3 and right >= 3 else None


def _reading_order(segments: list[dict], page_width: float) -> list[list[dict]]:
    """Columns of segments in reading order: full-width bands in place, columnar bands left then right."""
    segments.sort(key=lambda s: (s["top"], s["x0"]))
    gutter = _gutter(segments, page_width)
    if gutter is None:
        return [segments]
    flows, left, right = [], [], []
    for seg in segments:
        if seg["x0"] < gutter < seg["x1"]:  # crosses the gutter: a full-width line ends the columnar band
            if left or right:
                flows.extend(f for f in (left, right) if f)
                left, right = [], []
            if flows and flows[-1] and flows[-1][-1].get("full"):
                flows[-1].append(dict(seg, full=True))
            else:
                flows.append([dict(seg, full=True)])
        elif seg["x1"] <= gutter:
            left.append(seg)
        else:
            right.append(seg)
    flows.extend(f for f in (left, right) if f)
    return flows


def _join(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith("\n"):
            out += line
        elif out.endswith("-") and out[-2:-1].isalpha() and line[:1].islower():
            out = out[:-1] + line  # "state-" + "ment" -> "statement"
        else:
            out += " " + line
    return out


def _paragraphs(flow: list[dict]) -> list[str]:
    """Lines -> paragraphs: a break where the gap to the next line is well above the usual line spacing.

    The usual spacing is the lower quartile of the gaps, capped at 1.6 line heights, so a page of one-line
    paragraphs still splits. A line much shorter than the column (an address or signature line) is kept as a
    line break inside its paragraph.
    """
    if not flow:
        return []
    height = statistics.median(max(1.0, s["bottom"] - s["top"]) for s in flow)
    gaps = sorted(b["top"] - a["top"] for a, b in zip(flow, flow[1:]) if height * 0.8 < b["top"] - a["top"] < 80)
    usual = min(gaps[len(gaps) // 4] if gaps else height * 1.4, height * 1.6)
    right = max(s["x1"] for s in flow)
    left = min(s["x0"] for s in flow)
    paras, current = [], [flow[0]["text"]]
    for prev, seg in zip(flow, flow[1:]):
        gap = seg["top"] - prev["top"]
        if gap > usual * 1.4 or gap < -2 or _starts_block(seg["text"]) or _ends_block(prev["text"]):
            paras.append(_join(current))
            current = []
        elif _deliberate_break(prev, seg, right) and prev["x1"] - left < (right - left) * 0.7:
            current[-1] += "\n"
        current.append(seg["text"])
    paras.append(_join(current))
    return [p for p in paras if p.strip()]


def _deliberate_break(prev: dict, seg: dict, right: float) -> bool:
    """The line ended early although the next word would have fitted: an address or signature line break."""
    if prev["text"].endswith("-") or not seg["text"].split():
        return False
    char = (prev["x1"] - prev["x0"]) / max(1, len(prev["text"]))
    next_word = len(seg["text"].split()[0]) + 1
    return prev["x1"] + char * next_word * 1.2 < right - char


_STARTS = re.compile(r"^(dear|annwyl|yours|your sincerely|yn gywir|[•▪●◦-]\s)", re.I)
_ENDS = re.compile(r"^(dear|annwyl)\b.{0,40},?$|^(yours\b.*|yn gywir,?)$", re.I)


def _starts_block(text: str) -> bool:
    return bool(_STARTS.match(text))


def _ends_block(text: str) -> bool:
    return len(text) < 60 and bool(_ENDS.match(text))


def _running_lines(pages: list[list[dict]], heights: list[float]) -> set[str]:
    """Normalised texts that repeat at the top or bottom of at least half the pages (two pages or more)."""
    counts: Counter = Counter()
    for segs, height in zip(pages, heights):
        seen = {_norm(s["text"]) for s in segs if s["top"] < height * 0.1 or s["bottom"] > height * 0.9}
        counts.update(seen)
    need = max(2, (len(pages) + 1) // 2)
    return {text for text, n in counts.items() if n >= need} if len(pages) >= 2 else set()


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _join_across_pages(paragraphs: list[dict]) -> list[dict]:
    """A paragraph cut by a page break (no closing punctuation, next page starts lower-case) is joined again."""
    out: list[dict] = []
    for para in paragraphs:
        last = out[-1] if out else None
        if (last and para["page"] == last["page"] + 1 and para["text"][:1].islower()
                and not last["text"].rstrip().endswith((".", ":", "?", "!"))):
            last["text"] = _join([last["text"], para["text"]])
            continue
        out.append(dict(para))
    return out


def _page_links(pdf, page, textpage) -> list[dict]:
    """Web links annotated on the page (URI actions), with the text under each link as its label."""
    import ctypes

    import pypdfium2.raw as raw

    out, pos, link = [], ctypes.c_int(0), raw.FPDF_LINK()
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(pos), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
        if not 0 < size < 4096:
            continue
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(pdf.raw, action, buffer, size)
        url = buffer.value.decode("utf-8", "replace").strip()
        rect = raw.FS_RECTF()
        label = ""
        if raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            label = textpage.get_text_bounded(rect.left, rect.bottom, rect.right, rect.top)
        if url.lower().startswith(("http://", "https://")):
            out.append({"url": url, "label": " ".join(label.split())})
        if len(out) >= 500:
            break
    return out


# ------------------------------------------------------------------ OCR


def _ocr(page) -> str:
    image = page.render(scale=200 / 72, grayscale=True).to_pil()
    import io

    buf = io.BytesIO()
    image.save(buf, format="PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per document; the build runs two at once
    run = subprocess.run(["tesseract", "stdin", "stdout", "-l", "eng", "--psm", "3"], input=buf.getvalue(),
                         capture_output=True, timeout=120, check=False, env=env)
    if run.returncode != 0:
        raise ReadError(f"OCR failed: tesseract exit {run.returncode}: {run.stderr.decode()[-200:]}")
    return run.stdout.decode("utf-8", "replace")


# ------------------------------------------------------------------ reading


def read_pdf(content: bytes, ocr: bool = True) -> dict:
    import pypdfium2 as pdfium

    if not content.strip():
        raise ReadError("empty file (0 bytes of PDF)")
    if not content.lstrip()[:1024].startswith(b"%PDF") and b"%PDF" not in content[:1024]:
        raise ReadError("not a PDF (no %PDF header)")
    if b"%%EOF" not in content[-2048:]:
        raise ReadError(f"truncated PDF: the file ends after {len(content)} bytes without its %%EOF marker")
    try:
        pdf = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as err:
        message = str(err).lower()
        if "password" in message:
            raise ReadError("encrypted PDF: a password is required to open it") from err
        raise ReadError(f"corrupt or truncated PDF: PDFium could not open it ({err})") from err
    try:
        count = len(pdf)
        if count == 0:
            raise ReadError("PDF has no readable pages (empty or broken page tree)")
        raw_pages, heights, widths, image_only, ocr_pages, links = [], [], [], [], {}, []
        for index in range(count):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as err:
                raise ReadError(f"broken page tree: page {index + 1} of {count} cannot be loaded "
                                "(a cycle in the page tree or a missing page object)") from err
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    chars = textpage.count_chars()
                    segs = _segments(textpage, height) if chars else []
                    links.extend(dict(link, page=index + 1) for link in _page_links(pdf, page, textpage))
                finally:
                    textpage.close()
                if not "".join(s["text"] for s in segs).strip():
                    has_image = any(True for _ in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,),
                                                                   max_depth=2))
                    if has_image:
                        image_only.append(index + 1)
                        if ocr and shutil.which("tesseract") and len(ocr_pages) < MAX_OCR_PAGES:
                            ocr_pages[index + 1] = _ocr(page)
                raw_pages.append(segs)
                heights.append(height)
                widths.append(width)
            finally:
                page.close()
        title = (pdf.get_metadata_value("Title") or "").strip() or None
    finally:
        pdf.close()
    running = _running_lines(raw_pages, heights)
    paragraphs = []
    for number, (segs, height, width) in enumerate(zip(raw_pages, heights, widths), start=1):
        kept = [s for s in segs if not ((s["top"] < height * 0.12 or s["bottom"] > height * 0.88)
                                        and (_norm(s["text"]) in running or PAGE_NUMBER.match(s["text"].strip())))]
        for flow in _reading_order(kept, width):
            paragraphs.extend({"text": text, "page": number} for text in _paragraphs(flow))
        if number in ocr_pages:
            for block in re.split(r"\n\s*\n", ocr_pages[number]):
                text = _join([line.strip() for line in block.splitlines() if line.strip()])
                if text:
                    paragraphs.append({"text": text, "page": number})
    paragraphs = _join_across_pages(paragraphs)
    if title and (title.lower() in ("untitled", "title", "document") or title.lower().endswith((".doc", ".docx"))
                  or re.fullmatch(r"[\w.\-]+", title) and not re.search(r"[a-z]{3,}\s", title)):
        title = None  # "Microsoft Word - x.docx", "15-migration-statistics-2013": file names, not titles
    return {"title": title, "pages": count, "paragraphs": paragraphs, "image_only_pages": image_only,
            "ocr": bool(ocr_pages), "links": links}


# ------------------------------------------------------------------ worker loop


def _read_exact(stream, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def main() -> None:
    memory_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            options = json.loads(_read_exact(stdin, struct.unpack("<Q", _read_exact(stdin, 8))[0]))
            content = _read_exact(stdin, struct.unpack("<Q", _read_exact(stdin, 8))[0])
        except EOFError:
            return
        try:
            reply = {"ok": True, "doc": read_pdf(content, ocr=options.get("ocr", True))}
        except ReadError as err:
            reply = {"ok": False, "error": str(err)}
        except MemoryError:
            reply = {"ok": False, "error": f"PDF needs more than the {memory_mb} MB memory limit"}
        except Exception as err:  # noqa: BLE001 - any reader failure is this document's error, reported to the parent
            reply = {"ok": False, "error": f"PDF reader failed: {type(err).__name__}: {err}"[:500]}
        data = json.dumps(reply).encode()
        stdout.write(struct.pack("<Q", len(data)) + data)
        stdout.flush()


if __name__ == "__main__":
    main()
