"""The real development set: hand-annotated real letters, scored by their own reference scorer.

`../shared/data/real-letters/` (beside the project checkout, never copied into it) holds real regulator letters,
their annotations and `score.py`, which wraps each text in a page, runs `python -m extract` on it and prints
precision, recall and F1 per fact. `python -m eval` runs that scorer as it is (so the figures are the scorer's,
not ours), reads its printed measures and shows them beside the invented gold's; they are recorded in
eval/results.json under "real_letters". Where the folder is absent the section says so and why.

The issue's targets for the real set are printed with PASS / FAIL. Those already met when this was wired in (sender,
recipients, dates F1 and value accuracy: GATING) set `make eval`'s exit code, so a regression fails it; the
commitment measures, still below their targets, are reported without failing the run.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL_DIR = ROOT.parent / "shared" / "data" / "real-letters"

# the reference scorer's own targets (issue 12): reported, not yet an exit-code gate
TARGETS = {"sender": 0.97, "recipients_f1": 0.97, "dates_f1": 0.95, "dates_value": 0.95,
           "commitments_f1": 0.85, "actor": 0.90, "due": 0.85}

GATING = ("sender", "recipients_f1", "dates_f1", "dates_value")

_PATTERNS = {
    "letters": r"^(\d+) real letters",
    "failed": r"extract failed on (\d+)",
    "sender": r"sender accuracy ([\d.]+)",
    "recipients_precision": r"recipients P ([\d.]+)",
    "recipients_recall": r"recipients P [\d.]+ R ([\d.]+)",
    "recipients_f1": r"recipients P [\d.]+ R [\d.]+ F1 ([\d.]+)",
    "dates_precision": r"^dates P ([\d.]+)",
    "dates_recall": r"^dates P [\d.]+ R ([\d.]+)",
    "dates_f1": r"^dates P [\d.]+ R [\d.]+ F1 ([\d.]+)",
    "dates_value": r"value accuracy ([\d.]+)",
    "commitments_precision": r"^commitments P ([\d.]+)",
    "commitments_recall": r"^commitments P [\d.]+ R ([\d.]+)",
    "commitments_f1": r"^commitments P [\d.]+ R [\d.]+ F1 ([\d.]+)",
    "kind": r"; kind ([\d.]+)",
    "actor": r"; actor ([\d.]+)",
    "due": r"; due ([\d.]+)",
}


def parse_scorer_output(out: str) -> dict[str, Any]:
    """The measures the reference scorer printed (each None when its line is missing)."""
    measures: dict[str, Any] = {}
    for key, rx in _PATTERNS.items():
        m = re.search(rx, out, re.M)
        measures[key] = None if m is None else (int(m.group(1)) if key in ("letters", "failed") else float(m.group(1)))
    return measures


def score_real(real_dir: Path = REAL_DIR, out_dir: Path | None = None) -> dict[str, Any]:
    """Run the reference scorer on the real set: {"available", "reason"?, measures..., "targets", "details"}."""
    scorer = Path(real_dir) / "score.py"
    if not scorer.is_file():
        return {"available": False, "reason": f"real development set absent ({scorer} not found)"}
    scratch = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="osr-real-letters-"))
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(scorer), sys.executable, str(scratch)], cwd=ROOT,
                          capture_output=True, text=True, timeout=1800)
    measures = parse_scorer_output(proc.stdout)
    if measures["sender"] is None or measures["dates_f1"] is None:
        tail = (proc.stderr or proc.stdout or "").strip().splitlines()[-3:]
        return {"available": False, "reason": f"reference scorer printed no measures (exit {proc.returncode}): "
                                              + " | ".join(tail)}
    targets = [{"measure": k, "value": measures[k], "target": t, "gating": k in GATING,
                "result": "n/a" if measures[k] is None else ("PASS" if measures[k] >= t else "FAIL")}
               for k, t in TARGETS.items()]
    return dict(measures, available=True, seconds=round(time.perf_counter() - started, 1), targets=targets,
                details=str(scratch / "details.txt"), scorer_summary=proc.stdout.strip().splitlines()[-1:])


# (label, real-set key, invented-gold section, invented-gold key)
ROWS = [
    ("sender accuracy", "sender", "sender", "accuracy"),
    ("recipients precision", "recipients_precision", "recipients", "precision"),
    ("recipients recall", "recipients_recall", "recipients", "recall"),
    ("recipients F1", "recipients_f1", "recipients", "f1"),
    ("dates precision", "dates_precision", "dates", "precision"),
    ("dates recall", "dates_recall", "dates", "recall"),
    ("dates F1", "dates_f1", "dates", "f1"),
    ("dates value accuracy", "dates_value", "dates", "value_accuracy"),
    ("commitments precision", "commitments_precision", "commitments", "precision"),
    ("commitments recall", "commitments_recall", "commitments", "recall"),
    ("commitments F1", "commitments_f1", "commitments", "f1"),
    ("commitment kind", "kind", "commitments", "kind_accuracy"),
    ("commitment actor", "actor", "commitments", "actor_accuracy"),
    ("commitment due date", "due", "commitments", "due_accuracy"),
]


def missed_gating(real: dict[str, Any]) -> list[dict[str, Any]]:
    """The gating real-set targets missed (none when the real set was not scored)."""
    return [t for t in real.get("targets") or [] if t.get("gating") and t["result"] != "PASS"]


def print_beside(res: dict[str, Any], real: dict[str, Any], out=sys.stdout) -> None:
    """The real set's measures in a column beside the invented gold's."""
    w = out.write
    if not real.get("available"):
        w(f"\nReal letters: not scored ({real.get('reason')})\n")
        return
    w(f"\nReal letters ({real['letters']} hand-annotated, reference scorer, {real['seconds']} s; "
      f"extract failed on {real['failed']}) beside the invented gold ({res['documents']} documents):\n")
    w(f"  {'measure':<24} {'invented':>9} {'real':>9}   real-set target (* sets the exit code)\n")
    for label, rkey, section, gkey in ROWS:
        gold = (res.get(section) or {}).get(gkey)
        value = real.get(rkey)
        target = TARGETS.get(rkey)
        verdict = "" if target is None or value is None else \
            f"≥ {target:.2f}  {'PASS' if value >= target else 'FAIL'}{' *' if rkey in GATING else ''}"
        w(f"  {label:<24} {_fmt(gold):>9} {_fmt(value):>9}   {verdict}\n")
    w(f"  misses: {real['details']}\n")


def _fmt(v) -> str:
    return "-" if v is None else f"{v:.3f}"
