"""Progress of long work: quiet for short work, a log line per tenth with count, rate and time left,
and a live line instead on a terminal."""

from __future__ import annotations

import io
import logging

import pytest

from builder.progress import Progress, tracked


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_long_work_logs_a_line_per_tenth_with_rate_and_time_left(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    progress = Progress(
        logging.getLogger("test.progress"), "cleaning", 1000, stream=io.StringIO(), clock=clock
    )
    with caplog.at_level(logging.INFO, logger="test.progress"):
        for _ in range(1000):
            clock.now += 0.01  # 100 a second: 10 s in all
            progress.step()
        progress.finish()
    lines = [r.getMessage() for r in caplog.records]
    # Nothing in the first two seconds (20%), then one line per tenth.
    assert len(lines) == 9
    assert lines[0] == "digest: cleaning 200/1,000 (20%), 100/s, about 8 s left"
    assert lines[-1] == "digest: cleaning 1,000/1,000 (100%), 100/s"


def test_short_work_says_nothing(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    progress = Progress(
        logging.getLogger("test.progress"), "rendering", 50, stream=io.StringIO(), clock=clock
    )
    with caplog.at_level(logging.INFO, logger="test.progress"):
        for _ in tracked(range(50), progress):
            clock.now += 0.01
    assert caplog.records == []


def test_a_terminal_gets_a_live_line_and_the_final_count_logged(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    clock, screen = Clock(), Terminal()
    progress = Progress(logging.getLogger("test.progress"), "indexing", 300, stream=screen, clock=clock)
    with caplog.at_level(logging.INFO, logger="test.progress"):
        for _ in range(300):
            clock.now += 0.05
            progress.step()
        progress.finish()
    assert screen.getvalue().count("\r") > 10
    assert "digest: indexing 300/300 (100%)" in screen.getvalue()
    assert [r.getMessage() for r in caplog.records] == ["digest: indexing 300/300 (100%), 20/s"]


def test_under_ci_a_terminal_gets_log_lines(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    clock, screen = Clock(), Terminal()
    progress = Progress(logging.getLogger("test.progress"), "indexing", 100, stream=screen, clock=clock)
    with caplog.at_level(logging.INFO, logger="test.progress"):
        for _ in range(100):
            clock.now += 0.1
            progress.step()
    assert screen.getvalue() == ""
    assert len(caplog.records) == 9
