"""Shared text helpers for the document readers: decoding, whitespace cleanup, simple dates, language.

These are deliberately small and fast (regular expressions, no models): they run on every page.
Dates here are only the explicit forms a page or label states ("13 July 2023", "January 2019",
"2019-01-16"); free-text temporal expressions are `extract/dates/finder.py`'s job.
"""
from __future__ import annotations

import calendar
import codecs
import re
import unicodedata

from extract.dates.lexicon import MONTH_ABBR, MONTHS_CY, MONTHS_EN

# ---------------------------------------------------------------- decoding

_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(content: bytes) -> bool:
    """True when the bytes are not text in any encoding a page could declare: NUL bytes, or more than 5% control
    bytes, in the first 8 KB (a UTF-16 page starts with its byte-order mark and is text)."""
    sample = content[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls > 0.05 * max(len(sample), 1)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        found = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # Browsers treat latin-1 and ascii labels as windows-1252 (WHATWG encoding standard).
    return "cp1252" if found in ("latin-1", "iso8859-1", "ascii") else found


def decode_html(content: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Bytes to text, in the order a browser uses: BOM, HTTP charset, meta charset, UTF-8, detection, cp1252.

    Never raises: the last resort is cp1252 with replacement characters. Returns (text, encoding used).
    """
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content[len(bom):].decode(name, errors="replace"), name
    declared = []
    if content_type:
        found = _HTTP_CHARSET.search(content_type)
        if found:
            declared.append(_codec(found.group(1)))
    found = _META_CHARSET.search(content[:4096])
    if found:
        declared.append(_codec(found.group(1).decode("ascii", "replace")))
    for name in declared:
        if name and not name.startswith("utf-16"):  # a meta tag claiming utf-16 in an 8-bit file is a lie
            try:
                return content.decode(name), name
            except UnicodeDecodeError:
                continue  # declared charset is wrong for these bytes: try the next signal
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(content[:65536]).best()
        if best is not None and best.encoding:
            return content.decode(best.encoding, errors="replace"), best.encoding
    except ImportError:  # charset_normalizer is a dependency of requests, normally present
        pass
    return content.decode("cp1252", errors="replace"), "cp1252"


# ---------------------------------------------------------------- whitespace

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\r\f\v]+")


def clean(text: str) -> str:
    """Normalise spaces (&nbsp;, thin spaces, tabs) and drop invisible characters; keep line breaks and quotes."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    out, blank = [], False
    for line in lines:
        if not line:
            blank = True
            continue
        if blank and out:
            out.append("")
        out.append(line)
        blank = False
    return "\n".join(out)


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_INVISIBLE).replace("\n", " ")).strip()


# ---------------------------------------------------------------- explicit dates

# English and Welsh month names and abbreviations ("16 Ionawr 2019"): the one lexicon is extract/dates/lexicon.py.
MONTHS = {**MONTHS_EN, **MONTH_ABBR, **MONTHS_CY}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+((?:19|20)\d\d)\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s*((?:19|20)\d\d)\b", re.I)
MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?,?\s+((?:19|20)\d\d)\b", re.I)
ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= calendar.monthrange(year, month)[1] else None
    except (ValueError, calendar.IllegalMonthError):
        return None


def find_date(text: str) -> str | None:
    """The first explicit full date in `text` as ISO ("Published: 13 July 2023" -> "2023-07-13"), else None."""
    best = None
    for pattern, order in ((DAY_MONTH_YEAR, "dmy"), (MONTH_DAY_YEAR, "mdy"), (ISO_DATE, "iso"),
                           (NUMERIC_DATE, "num")):
        found = pattern.search(text)
        if not found or (best and best[0] <= found.start()):
            continue
        if order == "dmy":
            iso = _iso(int(found.group(3)), MONTHS[found.group(2).lower()], int(found.group(1)))
        elif order == "mdy":
            iso = _iso(int(found.group(3)), MONTHS[found.group(1).lower()], int(found.group(2)))
        elif order == "iso":
            iso = _iso(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        else:  # UK order: day/month/year
            iso = _iso(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        if iso:
            best = (found.start(), iso)
    return best[1] if best else None


def find_interval(text: str) -> tuple[str, str] | None:
    """The last explicit date named in a label, as an inclusive interval.

    "X to Y, January 2019" -> ("2019-01-01", "2019-01-31"); "(16 January 2019)" -> that day.
    The last one wins because labels put the date at the end ("Report on 2018 data (March 2019)").
    """
    hits = []
    for found in DAY_MONTH_YEAR.finditer(text):
        iso = _iso(int(found.group(3)), MONTHS[found.group(2).lower()], int(found.group(1)))
        if iso:
            hits.append((found.start(), found.end(), iso, iso))
    for found in MONTH_YEAR.finditer(text):
        if any(s <= found.start() < e for s, e, _, _ in hits):
            continue
        year, month = int(found.group(2)), MONTHS[found.group(1).lower()]
        if found.group(1).lower() == "may" and not re.search(r"\bMay\b", found.group(0)):
            continue
        last = calendar.monthrange(year, month)[1]
        hits.append((found.start(), found.end(), f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"))
    for found in ISO_DATE.finditer(text):
        iso = _iso(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        if iso:
            hits.append((found.start(), found.end(), iso, iso))
    for found in NUMERIC_DATE.finditer(text):  # "(24/06/2011)": UK order, day first
        iso = _iso(int(found.group(3)), int(found.group(2)), int(found.group(1)))
        if iso:
            hits.append((found.start(), found.end(), iso, iso))
    if not hits:
        bare = list(re.finditer(r"\((?:19|20)\d\d\)", text))  # "(2019)"
        if bare:
            year = int(bare[-1].group(0)[1:5])
            return f"{year}-01-01", f"{year}-12-31"
        return None
    hits.sort()
    return hits[-1][2], hits[-1][3]


# ---------------------------------------------------------------- language

_CY = frozenset("""ac ar bod byddai cael chi cymru dros drwy ei eich eu fod fy gan gyda gael hefyd hon hyn
hynny mae maen mewn nad na nid neu oedd oes pan rhai rydym sef sy sydd swyddfa wedi y yn yr ystadegau
ystadegol ydym ydyw ynghylch gyfer ynglŷn fel rhwng ond hwn hyd gennym gynnwys ein""".split())
_EN = frozenset("""the and of to in is that for we this it be on with as are was have by not at from or which
has our an will would their these been they its you your were also should about more there than can""".split())
_WORD = re.compile(r"[a-zà-ÿŵŷ’']+")


def detect_language(text: str) -> str | None:
    """'cy' or 'en' by counting common function words; None when there is too little text to tell."""
    cy = en = 0
    for word in _WORD.findall(text[:20000].lower()):
        word = word.replace("’", "'").split("'")[0]
        if word in _EN:
            en += 1
        elif word in _CY:
            cy += 1
    if cy + en < 5:
        return None
    return "cy" if cy > en * 1.2 else "en"
