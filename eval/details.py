"""python -m eval.details [AREA ...]: every disagreement with the gold set, document by document.

AREA is any of dates, commitments, parties, doc_type (default: all). For reading, not for scores: the scores are
`python -m eval`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval import score as S
from eval.goldset import GOLD_DIR, load_gold
from eval.runner import extract, register_aliases

AREAS = ("dates", "commitments", "parties", "doc_type")


def _party(p: dict | None) -> str:
    if not p:
        return "—"
    return ", ".join(str(p.get(k)) for k in ("name", "organisation") if p.get(k)) or "—"


def differences(gold: dict, pred: dict, areas=AREAS, aliases=None) -> list[str]:
    out = []
    if "dates" in areas:
        pairs = S.align_dates(gold["dates"], pred["dates"])
        gi_m, pi_m = {g for g, _ in pairs}, {p for _, p in pairs}
        out += [f"  date missed   {d['text']!r} {d['start']}..{d['end']}" for i, d in enumerate(gold["dates"])
                if i not in gi_m]
        out += [f"  date extra    {d['text']!r} {d.get('start')}..{d.get('end')}" for i, d in enumerate(pred["dates"])
                if i not in pi_m and not S.is_date_line(d, gold["date"])]
        for g, p in pairs:
            gd, pd = gold["dates"][g], pred["dates"][p]
            if (gd["start"], gd["end"]) != (pd.get("start"), pd.get("end")):
                out.append(f"  date value    {gd['text']!r} gold {gd['start']}..{gd['end']}"
                           f" got {pd.get('start')}..{pd.get('end')} ({pd['text']!r})")
    if "commitments" in areas:
        pairs = S.match_commitments(gold["commitments"], pred["commitments"])
        gi_m, pi_m = {g for g, _ in pairs}, {p for _, p in pairs}
        out += [f"  commit missed [{c['kind']}/{c['actor']}] {c['quote']!r}"
                for i, c in enumerate(gold["commitments"]) if i not in gi_m]
        out += [f"  commit extra  [{c.get('kind')}/{c.get('actor')}] {c['quote']!r}"
                for i, c in enumerate(pred["commitments"]) if i not in pi_m]
        for g, p in pairs:
            gc, pc = gold["commitments"][g], pred["commitments"][p]
            if gc["kind"] != pc.get("kind"):
                out.append(f"  commit kind   {gc['kind']} got {pc.get('kind')}: {gc['quote'][:70]!r}")
            if not S.org_match(gc["actor"], pc.get("actor"), pc.get("actor_id"), aliases):
                out.append(f"  commit actor  {gc['actor']} got {pc.get('actor')} ({pc.get('actor_id')}): "
                           f"{gc['quote'][:70]!r}")
            if not S.due_right(gc.get("due"), pc.get("due")):
                got = pc.get("due") and f"{pc['due'].get('text')!r} {pc['due'].get('start')}..{pc['due'].get('end')}"
                want = gc.get("due") and f"{gc['due']['text']!r} {gc['due']['start']}..{gc['due']['end']}"
                out.append(f"  commit due    gold {want} got {got}: {gc['quote'][:60]!r}")
    if "parties" in areas:
        if gold["sender"] and not S.party_match(gold["sender"], pred["sender"], aliases):
            out.append(f"  sender        gold {_party(gold['sender'])} got {_party(pred['sender'])}")
        for key in ("recipients", "copied"):
            pairs = S.match_parties(gold[key], pred[key], aliases)
            if len(pairs) != len(gold[key]) or len(pairs) != len(pred[key]):
                out.append(f"  {key:<13} gold [{'; '.join(map(_party, gold[key]))}]"
                           f" got [{'; '.join(map(_party, pred[key]))}]")
    if "doc_type" in areas and (pred["doc_type"] or "").lower() != gold["doc_type"]:
        out.append(f"  doc_type      gold {gold['doc_type']} got {pred['doc_type']}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.details", description=__doc__.splitlines()[0])
    parser.add_argument("areas", nargs="*", help=f"which disagreements to list: {', '.join(AREAS)} (default all)")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="gold directory (default eval/gold)")
    args = parser.parse_args(argv)
    areas = tuple(args.areas) or AREAS
    unknown = sorted(set(areas) - set(AREAS))
    if unknown:
        parser.error(f"unknown area(s) {unknown}; choose from {', '.join(AREAS)}")
    aliases = register_aliases()
    for doc in load_gold(args.gold):
        pred, missing, error = extract(doc)
        lines = differences(doc.gold, pred, areas, aliases)
        if error:
            lines.insert(0, f"  ERROR {error}")
        if lines:
            print(doc.id)
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
