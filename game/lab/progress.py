"""A one-line progress bar on stderr, for runs long enough to wonder about.

It draws only on a terminal: redirected to a file or a CI log, a bar redrawn with
carriage returns is noise, so it stays silent there.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: runs below this finish in a second or two; no bar
PROGRESS_MIN_RUNS = 200_000


class ProgressBar:
    """Call with (runs done, runs in all) as chunks finish; :meth:`close` ends the line."""

    def __init__(self, stream: TextIO | None = None, min_runs: int = PROGRESS_MIN_RUNS, width: int = 30,
                 force: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.min_runs = min_runs
        self.width = width
        self.force = force
        self.began = time.perf_counter()
        self.drawn = False

    def enabled(self, total: int) -> bool:
        """Whether to draw for a run of ``total`` runs."""
        if total < self.min_runs:
            return False
        return self.force or bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled(total):
            return
        elapsed = time.perf_counter() - self.began
        rate = done / elapsed if elapsed > 0 else 0.0
        remaining = (total - done) / rate if rate > 0 else 0.0
        filled = int(self.width * done / total)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\rlab [{bar}] {done / total:4.0%} {done:,}/{total:,} runs, "
                          f"{rate:,.0f}/s, {remaining:4.0f} s left ")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Finish the bar's line so the next output starts on its own."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False
