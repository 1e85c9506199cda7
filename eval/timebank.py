"""Benchmark the date extractor on TimeBank + AQUAINT (TempEval-3 TBAQ-cleaned, 256 real news articles).

    python -m eval.timebank [--data DIR] [--no-baseline] [--json]

Each article's text goes through extract_dates with its document creation time (DCT) as the reference date, and
the result is compared with the TIMEX3 annotations of type DATE:
* recognition: precision / recall / F1 with overlap matching: a gold expression is found when some prediction
  overlaps it (a range "between 1994 and 1997" finds both annotated years), a prediction is false when it
  overlaps no annotated expression at all. A prediction that overlaps only a gold TIME, DURATION or SET expression
  is left out of the precision (TimeML calls "the past year" a DURATION; we give it an interval): it is neither
  right nor wrong here.
* value: each gold value is mapped to an inclusive interval (YYYY-MM-DD, YYYY-MM, YYYY, YYY decade, YY century,
  YYYY-Qn, YYYY-Hn, YYYY-SP/SU/FA/WI with our season months, YYYY-Www, YYYY-Www-WE); a matched prediction is
  correct when its [start, end] equals that interval. PRESENT_REF, PAST_REF, FUTURE_REF and values with X are
  underspecified: they count for recognition only. value_accuracy = correct / matched pairs with a mappable gold
  value; value_f1 uses precision = correct / (predictions matched to a mappable gold value + unmatched
  predictions) and recall = correct / mappable gold values.
The same figures are computed for dateparser.search.search_dates (its dates are days) as the baseline.
News uses US conventions, so both systems read numeric dates month first here (dayfirst=False); our extractor
also runs once with bare weekdays ("on Friday") switched on, a news-only option reported as its own row.
The data is read from ../shared/data/timebank-aquaint/ and never copied.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from extract.dates import calendar as cal
from extract.dates.finder import extract_dates

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "timebank-aquaint"


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Article:
    name: str
    dct: date
    text: str
    timexes: list[Timex] = field(default_factory=list)


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_article(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    parts: list[str] = []
    length, pos, open_timex = 0, 0, None
    timexes = []
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            if open_timex is not None:
                attrs, start = open_timex
                text = "".join(parts)[start:length]
                timexes.append(Timex(start, length, attrs.get("type", ""), attrs.get("value", ""), text))
            open_timex = None
        else:
            open_timex = (dict(_ATTR.findall(m.group(3))), length)
    parts.append(html.unescape(body[pos:]))
    return Article(path.name, date.fromisoformat(dct_m.group(1)), "".join(parts), timexes)


def read_corpus(data_dir: Path = DATA_DIR) -> list[Article]:
    files = sorted(data_dir.glob("*/*.tml"))
    return [read_article(p) for p in files]


_SEASON_CODES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def value_interval(value: str) -> tuple[date, date] | None:
    """A TIMEX3 value as an inclusive interval, or None when it is underspecified."""
    v = value.split("T")[0]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = date.fromisoformat(v)
            return d, d
        if re.fullmatch(r"\d{4}-\d{2}", v):
            return cal.month(int(v[:4]), int(v[5:]))
        if re.fullmatch(r"\d{4}", v):
            return cal.year(int(v))
        if re.fullmatch(r"\d{3}", v):
            return cal.decade(int(v) * 10)
        if re.fullmatch(r"\d{2}", v):
            return cal.century(int(v) * 100)
        m = re.fullmatch(r"(\d{4})-([QH])(\d)", v)
        if m:
            fn = cal.quarter if m.group(2) == "Q" else cal.half
            return fn(int(m.group(1)), int(m.group(3)))
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            return cal.season(int(m.group(1)), _SEASON_CODES[m.group(2)])
        m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v)
        if m:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            if m.group(3):
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
    except ValueError:
        return None
    return None


@dataclass
class Pred:
    start: int
    end: int
    interval: tuple[date, date] | None


def ours(article: Article, **options) -> list[Pred]:
    out = []
    for d in extract_dates(article.text, article.dct, dayfirst=False, **options):
        iv = (date.fromisoformat(d.start), date.fromisoformat(d.end)) if d.start else None
        out.append(Pred(d.char_start, d.char_end, iv))
    return out


def baseline(article: Article) -> list[Pred]:
    from dateparser.search import search_dates

    settings = {
        "DATE_ORDER": "MDY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RELATIVE_BASE": datetime.combine(article.dct, datetime.min.time()),
    }
    found = search_dates(article.text, languages=["en"], settings=settings) or []
    out, pos = [], 0
    for text, when in found:
        at = article.text.find(text, pos)
        if at < 0:
            at = article.text.find(text)
        if at < 0:
            continue
        pos = at + len(text)
        d = when.date()
        out.append(Pred(at, at + len(text), (d, d)))
    return out


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def score(articles: list[Article], system) -> dict:
    tp = fp = fn = pred_tp = matched_mappable = correct = gold_mappable = unmatched_pred = 0
    examples: list[tuple[str, str, str]] = []
    for art in articles:
        preds = system(art)
        golds = [t for t in art.timexes if t.type == "DATE"]
        for g in golds:
            iv = value_interval(g.value)
            gold_mappable += iv is not None
            hit = next((p for p in preds if _overlaps(p.start, p.end, g.start, g.end)), None)
            if hit is None:
                fn += 1
                continue
            tp += 1
            if iv is not None:
                matched_mappable += 1
                if hit.interval == iv:
                    correct += 1
                elif len(examples) < 25:
                    examples.append((art.text[hit.start:hit.end], g.value, str(hit.interval)))
        for p in preds:
            if any(_overlaps(p.start, p.end, g.start, g.end) for g in golds):
                pred_tp += 1
            elif not any(_overlaps(p.start, p.end, g.start, g.end) for g in art.timexes):
                fp += 1  # (a prediction overlapping only a TIME / DURATION / SET is left out)
                unmatched_pred += 1
    precision = pred_tp / (pred_tp + fp) if pred_tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    vp = correct / (matched_mappable + unmatched_pred) if matched_mappable + unmatched_pred else 0.0
    vr = correct / gold_mappable if gold_mappable else 0.0
    return {
        "gold": tp + fn, "gold_found": tp, "fn": fn, "predicted": pred_tp + fp, "pred_right": pred_tp, "fp": fp,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(_f1(precision, recall), 3),
        "value_accuracy": round(correct / matched_mappable, 3) if matched_mappable else 0.0,
        "value_f1": round(_f1(vp, vr), 3), "value_correct": correct, "value_scored": matched_mappable,
        "value_errors": examples,
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_timebank(data_dir: Path = DATA_DIR, *, with_baseline: bool = True) -> dict:
    """Scores for our extractor (letters' settings but month-first numbers; and with bare weekdays) and for the
    dateparser baseline, with the seconds each took."""
    articles = read_corpus(Path(data_dir))
    result = {"articles": len(articles), "published_reference": {"HeidelTime value F1 (TempEval-3 platinum)": 0.776}}
    runs = [("ours", ours), ("ours_bare_weekdays", lambda a: ours(a, bare_weekdays=True))]
    if with_baseline:
        runs.append(("dateparser", baseline))
    for name, system in runs:
        t0 = time.perf_counter()
        result[name] = score(articles, system)
        result[name]["seconds"] = round(time.perf_counter() - t0, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA_DIR)
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser (slow)")
    ap.add_argument("--json", action="store_true", help="print everything as JSON, with value errors")
    ap.add_argument("--errors", type=int, default=0, help="print this many value errors per system")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no TimeBank data at {args.data}", file=sys.stderr)
        return 2
    res = score_timebank(args.data, with_baseline=not args.no_baseline)
    if args.json:
        print(json.dumps(res, indent=1, default=str))
        return 0
    print(f"TimeBank/AQUAINT: {res['articles']} articles, TIMEX3 DATE expressions")
    print(f"{'system':<20}{'P':>7}{'R':>7}{'F1':>7}{'val.acc':>9}{'val.F1':>8}{'secs':>7}")
    for name in ("ours", "ours_bare_weekdays", "dateparser"):
        if name in res:
            r = res[name]
            print(f"{name:<20}{r['precision']:>7}{r['recall']:>7}{r['f1']:>7}{r['value_accuracy']:>9}"
                  f"{r['value_f1']:>8}{r['seconds']:>7}")
            for ex in r["value_errors"][:args.errors]:
                print("   ", ex)
    print("published reference: HeidelTime value F1 0.776 (TempEval-3 platinum, all TIMEX3 types)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
