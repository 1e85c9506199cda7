"""Score the extractors against the gold set: matching, arithmetic, and `run(gold_dir) -> dict`.

The matching rules are written down in eval/README.md ("The scorer"). Everything here works on plain dicts, so the
tests can feed it tiny hand-made cases; `eval/runner.py` turns each gold document into predicted dicts.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from eval.goldset import norm_text

TARGETS = {
    ("dates", "f1"): 0.95,
    ("dates", "value_accuracy"): 0.95,
    ("commitments", "f1"): 0.85,
    ("commitments", "actor_accuracy"): 0.90,
    ("sender", "accuracy"): 0.98,
    ("recipients", "f1"): 0.98,
}


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall, F1 (0.0 when undefined) with the counts they came from."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def share(right: int, total: int) -> float:
    return round(right / total, 4) if total else 0.0


# ---------------------------------------------------------------- dates

_DATE_STOP = {"the", "of", "in", "by", "on", "at", "to", "from", "end", "during", "within", "for", "a", "an", "and",
              "until", "before", "after", "erbyn", "diwedd", "yn", "yr", "ar"}


def date_tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"[a-z0-9]+", norm_text(text).lower()) if t not in _DATE_STOP}


def date_overlap(a: str, b: str) -> float:
    """Jaccard overlap of two date expressions' content words (0 when they share none)."""
    ta, tb = date_tokens(a), date_tokens(b)
    if not ta or not tb:
        return 1.0 if norm_text(a).lower() == norm_text(b).lower() else 0.0
    return len(ta & tb) / len(ta | tb)


def align_dates(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one, order-preserving alignment of two lists of mentions (each in document order) that maximises
    the total overlap; only pairs whose texts overlap may be aligned."""
    n, m = len(gold), len(pred)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            w = date_overlap(gold[i]["text"], pred[j]["text"])
            take = w + best[i + 1][j + 1] if w > 0 else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        w = date_overlap(gold[i]["text"], pred[j]["text"])
        if w > 0 and abs(best[i][j] - (w + best[i + 1][j + 1])) < 1e-9:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def is_date_line(mention: dict, doc_date: str | None) -> bool:
    """The document's own date line ("14 November 2013" at the head of a letter): metadata, not annotated."""
    return bool(doc_date) and mention.get("start") == mention.get("end") == doc_date and bool(
        re.search(r"\b(1[89]|20)\d\d\b", mention.get("text") or ""))


def score_dates(docs: Iterable[tuple]) -> dict[str, Any]:
    """docs: (gold dates, predicted dates[, document date]) per document. Recognition P/R/F1 and value accuracy.
    An unmatched prediction of the document's own date line is ignored (neither right nor wrong)."""
    tp = fp = fn = right = ignored = 0
    for gold, pred, *rest in docs:
        doc_date = rest[0] if rest else None
        pairs = align_dates(gold, pred)
        matched = {pi for _, pi in pairs}
        spare = sum(1 for i, p in enumerate(pred) if i not in matched and is_date_line(p, doc_date))
        ignored += spare
        tp += len(pairs)
        fp += len(pred) - len(pairs) - spare
        fn += len(gold) - len(pairs)
        right += sum(
            1 for gi, pi in pairs
            if gold[gi]["start"] == pred[pi].get("start") and gold[gi]["end"] == pred[pi].get("end")
        )
    out = prf(tp, fp, fn)
    out["value_right"] = right
    out["date_lines_ignored"] = ignored
    out["value_accuracy"] = share(right, tp)
    return out


# ---------------------------------------------------------------- commitments


def quote_tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", norm_text(text or "").lower())


def quote_overlap(a: str, b: str) -> float:
    """Shared tokens (as multisets) over the token count of the longer quote."""
    ta, tb = quote_tokens(a), quote_tokens(b)
    if not ta or not tb:
        return 0.0
    counts: dict[str, int] = {}
    for t in ta:
        counts[t] = counts.get(t, 0) + 1
    shared = 0
    for t in tb:
        if counts.get(t):
            counts[t] -= 1
            shared += 1
    return shared / max(len(ta), len(tb))


def match_commitments(gold: list[dict], pred: list[dict], threshold: float = 0.5) -> list[tuple[int, int]]:
    """One-to-one matching by quote overlap ≥ threshold, best pairs first."""
    scored = sorted(
        ((quote_overlap(g["quote"], p["quote"]), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for overlap, gi, pi in scored:
        if overlap < threshold:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def due_right(gold_due: dict | None, pred_due: dict | None) -> bool:
    if gold_due is None or pred_due is None:
        return gold_due is None and pred_due is None
    return gold_due["start"] == pred_due.get("start") and gold_due["end"] == pred_due.get("end")


def score_commitments(docs: Iterable[tuple[list[dict], list[dict]]], aliases: dict | None = None) -> dict[str, Any]:
    """docs: (gold commitments, predicted commitments) per document."""
    from eval.goldset import KINDS

    tp = fp = fn = kind_right = actor_right = due_ok = 0
    per_kind = {k: [0, 0, 0] for k in sorted(KINDS)}
    for gold, pred in docs:
        pairs = match_commitments(gold, pred)
        tp += len(pairs)
        fp += len(pred) - len(pairs)
        fn += len(gold) - len(pairs)
        matched_same_kind = set()
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            if g["kind"] == p.get("kind"):
                kind_right += 1
                matched_same_kind.add((gi, pi))
            actor_right += org_match(g["actor"], p.get("actor"), p.get("actor_id"), aliases)
            due_ok += due_right(g.get("due"), p.get("due"))
        for kind, counts in per_kind.items():
            k_tp = sum(1 for gi, pi in matched_same_kind if gold[gi]["kind"] == kind)
            counts[0] += k_tp
            counts[1] += sum(1 for p in pred if p.get("kind") == kind) - k_tp
            counts[2] += sum(1 for g in gold if g["kind"] == kind) - k_tp
    out = prf(tp, fp, fn)
    out.update(
        kind_accuracy=share(kind_right, tp),
        actor_accuracy=share(actor_right, tp),
        due_accuracy=share(due_ok, tp),
        per_kind={k: prf(*v) for k, v in per_kind.items()},
    )
    return out


# ---------------------------------------------------------------- parties

_HONORIFICS = {"sir", "dame", "dr", "professor", "prof", "mr", "mrs", "ms", "miss", "lord", "lady", "baroness",
               "rt", "hon", "the", "right", "honourable", "mp", "msp", "ms", "am", "mla", "cbe", "obe", "mbe", "kcb",
               "cb", "frs", "fba", "qc", "kc"}
_FUNCTION_WORDS = {"for", "of", "and", "the", "on", "in", "to", "&"}


def norm_person(name: str | None) -> list[str]:
    words = re.findall(r"[a-z]+(?:['-][a-z]+)*", norm_text(name or "").lower())
    return [w for w in words if w not in _HONORIFICS]


def person_match(a: str | None, b: str | None) -> bool:
    wa, wb = norm_person(a), norm_person(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    return len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1] and wa[0][0] == wb[0][0]


def norm_org(org: str | None) -> str:
    text = norm_text(org or "").lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = re.sub(r"^the ", "", re.sub(r"\s+", " ", text).strip())
    return text


def acronym(org: str | None) -> str:
    """"Office for National Statistics" -> "ONS"; "HM Revenue and Customs" -> "HMRC"; an acronym stays itself."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", norm_text(org or ""))
    if len(words) == 1:
        return words[0].upper()
    out = []
    for w in words:
        if w.lower() in _FUNCTION_WORDS:
            continue
        out.append(w if w.isupper() and len(w) > 1 else w[0].upper())
    return "".join(out)


def org_match(gold: str | None, pred: str | None, pred_id: str | None = None, aliases: dict | None = None) -> bool:
    """Same organisation: equal normalised names, the same acronym, or one register entry holding both."""
    if not gold:
        return False
    candidates = [c for c in (pred, (pred_id or "").split(":", 1)[-1].replace("-", " ")) if c]
    # a bilingual name ("Llywodraeth Cymru / Welsh Government") matches through either half
    candidates += [part for c in candidates if " / " in c for part in c.split(" / ")]
    g = norm_org(gold)
    if aliases and pred_id and aliases.get(g) == pred_id:
        return True
    for cand in candidates:
        c = norm_org(cand)
        if not c:
            continue
        if c == g or acronym(cand).lower() == acronym(gold).lower():
            return True
        if aliases and aliases.get(c) is not None and aliases.get(c) == aliases.get(g):
            return True
    return False


def _id_name(party_id: str | None) -> str | None:
    """"person:ed-humpherson" -> "ed humpherson" (register person ids are name slugs)."""
    if party_id and party_id.startswith("person:"):
        return party_id.split(":", 1)[1].replace("-", " ")
    return None


def party_match(gold: dict, pred: dict | None, aliases: dict | None = None) -> bool:
    """Both named (as written or through the register id the name was resolved to): the names agree.
    Otherwise: the organisations agree; a group addressee without a name may also be matched by its role."""
    if not pred:
        return False
    pred_names = [n for n in (pred.get("name"), _id_name(pred.get("party_id"))) if n]
    if gold.get("name") and pred_names:
        return any(person_match(gold["name"], n) for n in pred_names)
    if org_match(gold.get("organisation"), pred.get("organisation"), pred.get("organisation_id"), aliases):
        return True
    role = norm_org(gold.get("role")) if not gold.get("name") else ""
    return bool(role) and role in {norm_org(pred.get(k)) for k in ("name", "role", "organisation")}


def match_parties(gold: list[dict], pred: list[dict], aliases: dict | None = None) -> list[tuple[int, int]]:
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and party_match(g, p, aliases):
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def score_party_lists(docs: Iterable[tuple[list[dict], list[dict]]], aliases: dict | None = None) -> dict[str, Any]:
    tp = fp = fn = 0
    for gold, pred in docs:
        n = len(match_parties(gold, pred, aliases))
        tp, fp, fn = tp + n, fp + len(pred) - n, fn + len(gold) - n
    return prf(tp, fp, fn)


def score_sender(docs: Iterable[tuple[dict | None, dict | None]], aliases: dict | None = None) -> dict[str, Any]:
    total = right = 0
    for gold, pred in docs:
        total += 1
        if gold is None:
            right += pred is None
        else:
            right += party_match(gold, pred, aliases)
    return {"right": right, "total": total, "accuracy": share(right, total)}


# ---------------------------------------------------------------- threads


def score_links(gold: set[tuple[str, str]], pred: set[tuple[str, str]]) -> dict[str, Any]:
    tp = len(gold & pred)
    return prf(tp, len(pred - gold), len(gold - pred))


def targets_for(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with the measured figure and PASS / FAIL (or n/a when the extractor is not available)."""
    rows = []
    for (area, measure), target in TARGETS.items():
        section = results.get(area) or {}
        value = section.get(measure) if section.get("available", True) else None
        status = "n/a" if value is None else ("PASS" if value >= target else "FAIL")
        rows.append({"extractor": area, "measure": measure, "value": value, "target": target, "result": status})
    return rows


def run(gold_dir: Path | str | None = None) -> dict[str, Any]:
    """Score every extractor on the gold set; see eval/runner.py for how predictions are obtained."""
    from eval.runner import evaluate

    return evaluate(gold_dir)
