"""Progress for long stages: a bar that redraws in a terminal, plain log lines every 10% under cron."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last: dict[str, int] = {}
        self.started = time.monotonic()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total <= 0:
            return
        if self.tty:
            width = 30
            filled = int(width * done / total)
            self.stream.write(f"\r{stage:>8} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
            return
        step = done * 10 // total
        if step > self.last.get(stage, -1):
            self.last[stage] = step
            elapsed = time.monotonic() - self.started
            self.stream.write(f"{stage}: {done}/{total} ({elapsed:.0f} s)\n")
            self.stream.flush()
