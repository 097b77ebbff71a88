"""Progress of long work (cleaning, page rendering, the search index) for a curator watching a build.

Log lines in MkDocs' style through the logger given (``digest: cleaning 4,000/10,000 (40%), 152/s,
about 40 s left``), one per tenth of the work, and only once the work has run for a while, so short
builds and CI logs stay quiet and readable. On a terminal (not under CI) a live line is kept up to date
instead, and the final count is logged.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")

# Nothing is reported for work that is over sooner than this.
QUIET_FOR = 2.0
SHARE = 0.1
# A live line is redrawn at most this often.
REDRAW = 0.2
# Whether this process may keep a live line on a terminal (``log_lines_only``).
_LIVE = {"allowed": True}


def log_lines_only() -> None:
    """Report progress in log lines only from now on in this process (one of two processes building at
    once: two live lines on one terminal would garble each other)."""
    _LIVE["allowed"] = False


class Progress:
    """Counts units of one piece of work and reports count, rate and time left."""

    def __init__(
        self,
        logger: logging.Logger,
        doing: str,
        total: int,
        *,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._log = logger
        self._doing = doing
        self._total = total
        self._clock = clock
        self._started = clock()
        self._done = 0
        self._next_share = SHARE
        self._drawn = 0.0
        stream = stream if stream is not None else sys.stderr
        live = _LIVE["allowed"] and stream.isatty() and not os.environ.get("CI")
        self._live = stream if live else None

    def step(self, count: int = 1) -> None:
        """Count ``count`` more units done."""
        self._done += count
        now = self._clock()
        if now - self._started < QUIET_FOR or not self._total:
            return
        if self._live is not None:
            if now - self._drawn >= REDRAW or self._done >= self._total:
                self._drawn = now
                self._live.write("\r\033[K" + self.describe(now))
                self._live.flush()
            return
        if self._done / self._total >= self._next_share:
            while self._done / self._total >= self._next_share:
                self._next_share += SHARE
            self._log.info("%s", self.describe(now))

    def finish(self) -> None:
        """End the live line with the final count, logged (only if anything was shown)."""
        now = self._clock()
        if self._live is not None and now - self._started >= QUIET_FOR:
            self._live.write("\r\033[K")
            self._live.flush()
            self._log.info("%s", self.describe(now))

    def describe(self, now: float) -> str:
        """``digest: <doing> 400/1,000 (40%), 95/s, about 6 s left``."""
        elapsed = max(now - self._started, 1e-9)
        rate = self._done / elapsed
        share = 100 * self._done // max(self._total, 1)
        line = f"digest: {self._doing} {self._done:,}/{self._total:,} ({share}%), {rate:,.0f}/s"
        left = self._total - self._done
        if left > 0 and rate > 0:
            line += f", about {_duration(left / rate)} left"
        return line


def tracked(items: Iterable[T], progress: Progress) -> Iterator[T]:
    """``items``, counting each one as it is taken."""
    try:
        for item in items:
            yield item
            progress.step()
    finally:
        progress.finish()


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    return f"{seconds / 60:.0f} min"
