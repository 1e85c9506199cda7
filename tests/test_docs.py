"""Docs that are tested: the front door (README, make help, .ci/run) says what the project really does."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_TARGETS = ["install", "demo", "archive", "refresh", "extract", "serve", "test", "eval", "bench", "clean"]


def makefile_targets() -> list[str]:
    text = (ROOT / "Makefile").read_text()
    return re.findall(r"^([a-z][a-z-]*):(?!=)", text, flags=re.M)


def test_every_target_has_a_help_line_and_make_help_lists_it():
    text = (ROOT / "Makefile").read_text()
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for target in makefile_targets():
        assert re.search(rf"^{target}:.*## \S", text, flags=re.M), f"target {target} has no '## help' line"
        assert f"make {target} " in out, f"make help does not list {target}"
    for target in REQUIRED_TARGETS:
        assert target in makefile_targets(), f"the Makefile contract needs a `{target}` target"


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block
    for target in ("archive", "refresh", "extract", "serve"):
        assert f"make {target}" in readme, f"README does not show make {target}"
    assert "MIRROR=" in readme


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_cli_command_is_documented_in_its_help():
    from frontdoor.cli import COMMANDS, __doc__ as cli_doc

    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s", cli_doc, flags=re.M), f"python -m frontdoor {command} lacks a doc line"
