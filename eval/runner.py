"""Run the project's extractors (and the dateparser baseline, and the reply finder) on each gold document.

Each extractor is imported lazily: a missing module makes that extractor "not available" (reported, scored as
zeros in results.json) and the other stages still run. An extractor that raises on one document has the error
recorded against that document; its predictions there count as empty.
"""
from __future__ import annotations

import datetime as dt
import importlib
import inspect
import time
from pathlib import Path
from typing import Any

from eval import score as S
from eval.goldset import GOLD_DIR, GoldDoc, html_paragraphs, load_gold, pdf_paragraphs

STAGES = ("doc_type", "parties", "dates", "commitments")


def _mention(m: Any) -> dict | None:
    if m is None:
        return None
    return {"name": m.name, "role": m.role, "organisation": m.organisation, "organisation_id": m.organisation_id,
            "party_id": m.party_id}


def _date(d: Any) -> dict:
    return {"text": d.text, "start": d.start, "end": d.end, "granularity": d.granularity,
            "paragraph": d.paragraph, "char_start": d.char_start}


def _in_order(dates: list[dict]) -> list[dict]:
    return sorted(dates, key=lambda d: (d.get("paragraph") or 0, d.get("char_start") or 0))


def extract(doc: GoldDoc) -> tuple[dict[str, Any], dict[str, str], str | None]:
    """Predicted facts for one document, which stages were missing (stage -> reason), and a per-document error."""
    from extract.records import Extraction  # the records module is part of the skeleton, always present

    g = doc.gold
    missing: dict[str, str] = {}
    error = None
    try:
        from extract.pipeline import extract_document

        result = extract_document(doc.content, content_type=doc.content_type, url=g["url"], date=g["date"])
    except ImportError as exc:
        try:
            result, missing = _staged(doc, Extraction, exc)
        except Exception as inner:  # noqa: BLE001 - one document's failure is recorded and the run goes on
            result, error = Extraction(), f"{type(inner).__name__}: {inner}"
    except Exception as exc:  # noqa: BLE001 - one document's failure is recorded and the run goes on
        result, error = Extraction(), f"{type(exc).__name__}: {exc}"
    if result.error:
        error = result.error
    sections = [p.section for p in result.paragraphs]
    body = [d for d in result.dates
            if d.paragraph is None or d.paragraph >= len(sections) or sections[d.paragraph] not in ("related", "header")]
    pred = {
        "title": result.title,
        "doc_type": result.doc_type,
        "sender": _mention(result.sender),
        "recipients": [_mention(m) for m in result.recipients],
        "copied": [_mention(m) for m in result.copied],
        "dates": _in_order([_date(d) for d in body]),
        "commitments": [
            {"kind": c.kind, "actor": c.actor, "actor_id": c.actor_id, "quote": c.quote,
             "due": _date(c.due) if c.due else None}
            for c in result.commitments
        ],
        "paragraphs": [p.text for p in result.paragraphs if p.section not in ("related", "header")],
        "related": [{"url": link.url, "label_date": link.label_date} for link in result.links
                    if link.kind in ("related", "inline")],
    }
    return pred, missing, error


def _staged(doc: GoldDoc, Extraction, first: ImportError) -> tuple[Any, dict[str, str]]:
    """The pipeline could not run whole: run what exists, stage by stage, and say what is missing."""
    missing = {}
    result = Extraction()
    try:
        pipeline = importlib.import_module("extract.pipeline")
        parsed = pipeline.read_document(doc.content, content_type=doc.content_type, url=doc.gold["url"])
    except ImportError as exc:
        reason = f"module {exc.name or first.name} missing"
        return result, {stage: reason for stage in STAGES}
    result.paragraphs, result.title, result.date = parsed.paragraphs, parsed.title, doc.gold["date"]
    try:
        result.doc_type = pipeline._doc_type(doc.gold["url"], result.title, parsed, {})
    except ImportError as exc:
        missing["doc_type"] = f"module {exc.name} missing"
    try:
        pipeline._parties(result, parsed, doc.gold["url"], {})
    except ImportError as exc:
        missing["parties"] = f"module {exc.name} missing"
    try:
        from extract.dates.finder import extract_dates

        result.dates = extract_dates(result.paragraphs, result.date)
    except ImportError as exc:
        missing["dates"] = f"module {exc.name} missing"
    try:
        facts = pipeline._facts
        if "url" in inspect.signature(facts).parameters:
            facts(result, url=doc.gold["url"])
        else:
            facts(result)
    except ImportError as exc:
        missing["commitments"] = f"module {exc.name} missing"
    return result, missing


def baseline_dates(doc: GoldDoc, paragraphs: list[str]) -> list[dict]:
    """`dateparser.search.search_dates` on the document's paragraphs, English, day-month order, document date."""
    from dateparser.search import search_dates

    if not paragraphs:
        content = doc.content
        paragraphs = pdf_paragraphs(content) if content[:4] == b"%PDF" else html_paragraphs(content)
    base = dt.datetime.fromisoformat(doc.gold["date"])
    settings = {"DATE_ORDER": "DMY", "RELATIVE_BASE": base}
    found = search_dates("\n".join(paragraphs), languages=["en"], settings=settings) or []
    return [{"text": text, "start": when.date().isoformat(), "end": when.date().isoformat()} for text, when in found]


def _threads(docs: list[GoldDoc], preds: dict[str, dict]) -> dict[str, Any]:
    try:
        threads = importlib.import_module("archive.derive.threads")
    except ImportError as exc:
        return {"available": False, "reason": f"archive.derive.threads missing ({exc.name})"}
    finder = getattr(threads, "infer_reply_links", None)
    if finder is None:
        return {"available": False, "reason": "archive.derive.threads has no infer_reply_links"}
    by_id = {d.id: d for d in docs}
    inputs = []
    for d in docs:
        p = preds[d.id]
        inputs.append({"url": d.gold["url"], "date": d.gold["date"], "title": p.get("title") or "",
                       "text": "\n\n".join(p.get("paragraphs") or []), "sender": p.get("sender"),
                       "recipients": p.get("recipients"), "related": p.get("related"), "doc_type": p.get("doc_type")})
    gold = {(d.gold["url"], by_id[d.gold["thread"]["replies_to"]].gold["url"])
            for d in docs if d.gold["thread"]["replies_to"]}
    try:
        found = finder(inputs)
    except Exception as exc:  # noqa: BLE001 - a bug in the links stage is reported, not fatal
        return {"available": False, "reason": f"infer_reply_links raised {type(exc).__name__}: {exc}"}
    pred = {(reply, orig) for reply, orig, *_ in found}
    out = {"available": True, "reply_links": S.score_links(gold, pred)}
    out["reply_links"]["wrong"] = sorted(f"{a} -> {b}" for a, b in pred - gold)
    out["reply_links"]["missed"] = sorted(f"{a} -> {b}" for a, b in gold - pred)
    out["followups"] = _followups(docs, preds, inputs)
    return out


def _followups(docs: list[GoldDoc], preds: dict[str, dict], inputs: list[dict]) -> dict[str, Any]:
    """archive.followup.infer_followups, fed (a) the gold commitments and (b) the predicted ones."""
    try:
        followup = importlib.import_module("archive.derive.followup")
    except ImportError as exc:
        return {"available": False, "reason": f"archive.derive.followup missing ({exc.name})"}
    infer = getattr(followup, "infer_followups", None)
    if infer is None:
        return {"available": False, "reason": "archive.derive.followup has no infer_followups"}
    url = {d.id: d.gold["url"] for d in docs}
    gold = {(url[d.id], url[f["commitment"]["doc"]], f["commitment"]["index"]): f["status"]
            for d in docs for f in d.gold["thread"]["followups"]}
    as_of = max(d.gold["date"] for d in docs)
    oracle = [dict(c, doc=url[d.id], index=i) for d in docs for i, c in enumerate(d.gold["commitments"])]
    predicted, to_gold = [], {}
    for d in docs:
        pcs = preds[d.id]["commitments"]
        mapping = {pi: gi for gi, pi in S.match_commitments(d.gold["commitments"], pcs)}
        for pi, c in enumerate(pcs):
            predicted.append(dict(c, doc=url[d.id], index=pi))
            to_gold[(url[d.id], pi)] = mapping.get(pi, f"unmatched-{pi}")
    out: dict[str, Any] = {"available": True}
    for label, commitments, remap in (("with_gold_commitments", oracle, None),
                                      ("with_predicted_commitments", predicted, to_gold)):
        try:
            found = infer(inputs, commitments, as_of)
        except Exception as exc:  # noqa: BLE001 - a bug in the links stage is reported, not fatal
            out[label] = {"available": False, "reason": f"infer_followups raised {type(exc).__name__}: {exc}"}
            continue
        pred: dict[tuple, str] = {}
        for (doc, index), evidence_url, status, *_ in found:
            if remap is not None:
                index = remap.get((doc, index), f"unmatched-{index}")
            pred.setdefault((evidence_url, doc, index), status)
        figures = S.score_links(set(gold), set(pred))
        matched = set(gold) & set(pred)
        figures["status_accuracy"] = S.share(sum(1 for k in matched if gold[k] == pred[k]), len(matched))
        out[label] = figures
    return out


def _timebank() -> dict[str, Any]:
    """The TimeBank benchmark for dates (eval/timebank.py, another session's), when it exists."""
    try:
        timebank = importlib.import_module("eval.timebank")
    except ImportError as exc:
        return {"available": False, "reason": f"eval.timebank not available ({exc.name})"}
    scorer = getattr(timebank, "score_timebank", None)
    if scorer is None:
        return {"available": False, "reason": "eval.timebank has no score_timebank()"}
    try:
        return dict(scorer(), available=True)
    except Exception as exc:  # noqa: BLE001 - reported, the gold scores still print
        return {"available": False, "reason": f"score_timebank raised {type(exc).__name__}: {exc}"}


def register_aliases() -> dict[str, str] | None:
    """normalised name or alias -> organisation id, from register/organisations.yml when it exists."""
    path = Path(__file__).resolve().parent.parent / "register" / "organisations.yml"
    if not path.exists():
        return None
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data.get("organisations", data) if isinstance(data, dict) else data
    out: dict[str, str] = {}
    for entry in entries or []:
        if not isinstance(entry, dict) or not entry.get("id"):
            continue
        names = [entry.get("name")]
        for key, value in entry.items():
            if any(w in key for w in ("alias", "abbrev", "short", "former")) and isinstance(value, list):
                names += [v.get("name") if isinstance(v, dict) else v for v in value]
        for name in names:
            if isinstance(name, str) and name:
                out[S.norm_org(name)] = entry["id"]
    return out


def evaluate(gold_dir: Path | str | None = None) -> dict[str, Any]:
    docs = load_gold(gold_dir or GOLD_DIR)
    started = time.perf_counter()
    preds, missing, errors, base = {}, {}, {}, {}
    for doc in docs:
        pred, miss, error = extract(doc)
        preds[doc.id] = pred
        for stage, reason in miss.items():
            missing.setdefault(stage, reason)
        if error:
            errors[doc.id] = error
        base[doc.id] = baseline_dates(doc, pred["paragraphs"])
    aliases = register_aliases()
    ok = {stage: stage not in missing for stage in STAGES}
    G = {d.id: d.gold for d in docs}
    res: dict[str, Any] = {"documents": len(docs), "errors": errors,
                           "seconds": round(time.perf_counter() - started, 2)}

    def section(stage: str, figures: dict) -> dict:
        figures = dict(figures, available=ok[stage])
        if not ok[stage]:
            figures["reason"] = missing[stage]
        return figures

    def figures(ids: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        out["dates"] = section("dates", S.score_dates((G[i]["dates"], preds[i]["dates"], G[i]["date"]) for i in ids))
        out["dates_baseline"] = dict(S.score_dates((G[i]["dates"], base[i], G[i]["date"]) for i in ids),
                                     available=True)
        out["commitments"] = section(
            "commitments", S.score_commitments(((G[i]["commitments"], preds[i]["commitments"]) for i in ids), aliases))
        out["sender"] = section("parties", S.score_sender(((G[i]["sender"], preds[i]["sender"]) for i in ids), aliases))
        for key in ("recipients", "copied"):
            out[key] = section("parties", S.score_party_lists(((G[i][key], preds[i][key]) for i in ids), aliases))
        right = sum(1 for i in ids if (preds[i]["doc_type"] or "").lower() == G[i]["doc_type"])
        out["doc_type"] = section("doc_type", {"right": right, "total": len(ids), "accuracy": S.share(right, len(ids))})
        return out

    res.update(figures(list(G)))
    # documents marked "split": "holdout" were added after the extractors were written: scored apart as well
    splits = sorted({g.get("split", "dev") for g in G.values()})
    if len(splits) > 1:
        res["splits"] = {}
        for name in splits:
            ids = [i for i in G if G[i].get("split", "dev") == name]
            res["splits"][name] = dict(figures(ids), documents=len(ids))
            res["splits"][name]["targets"] = S.targets_for(res["splits"][name])
    res["threads"] = _threads(docs, preds)
    res["timebank"] = _timebank()
    res["targets"] = S.targets_for(res)
    res["per_document"] = {
        i: {"dates": S.score_dates([(G[i]["dates"], preds[i]["dates"], G[i]["date"])])["f1"],
            "commitments": S.score_commitments([(G[i]["commitments"], preds[i]["commitments"])], aliases)["f1"],
            "sender_right": S.party_match(G[i]["sender"], preds[i]["sender"], aliases) if G[i]["sender"] else None}
        for i in G
    }
    return res
