"""`python -m eval` also scores the real development set (../shared/data/real-letters) with its reference scorer."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from eval import real

needs_real = pytest.mark.skipif(not (real.REAL_DIR / "score.py").is_file(),
                                reason=f"real development set absent ({real.REAL_DIR})")


def test_without_the_real_set_the_section_says_why(tmp_path):
    res = real.score_real(tmp_path / "no-such-folder")
    assert res["available"] is False and "absent" in res["reason"]
    out = io.StringIO()
    real.print_beside({"documents": 3}, res, out)
    assert "not scored" in out.getvalue() and "absent" in out.getvalue()


@needs_real
@pytest.mark.slow
def test_the_reference_scorer_runs_and_every_measure_is_read(tmp_path):
    res = real.score_real(out_dir=tmp_path)
    assert res["available"], res.get("reason")
    assert res["letters"] >= 40 and res["failed"] == 0
    for key in real.TARGETS:
        assert 0.0 <= res[key] <= 1.0, key
    assert {t["measure"] for t in res["targets"]} == set(real.TARGETS)
    assert Path(res["details"]).is_file()
    out = io.StringIO()
    real.print_beside({"documents": 77, "sender": {"accuracy": 1.0}}, res, out)
    text = out.getvalue()
    assert "sender accuracy" in text and f"{res['dates_f1']:.3f}" in text


def test_only_the_gating_real_set_targets_set_the_exit_code():
    real_res = {"available": True, "targets": [
        {"measure": "sender", "value": 0.5, "target": 0.97, "gating": True, "result": "FAIL"},
        {"measure": "commitments_f1", "value": 0.5, "target": 0.85, "gating": False, "result": "FAIL"}]}
    assert [t["measure"] for t in real.missed_gating(real_res)] == ["sender"]
    assert real.missed_gating({"available": False, "reason": "absent"}) == []
