"""Cleaning quality and speed on the real-world corpus (``tests/realworld/``), text and HTML input.

Prints, per page and overall: body recall and precision (by characters), share of chrome lines
kept, title and date accuracy and time per page, for the cleaner on the scraped text, the cleaner
on the saved HTML, and trafilatura alone on the HTML as the yardstick.

    .venv/bin/python benchmarks/cleaning.py [--pages] [--only text|html|trafilatura]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.clean.chrome import chrome_reason  # noqa: E402
from tests.realworld.runners import RUNNERS, scraped_lines  # noqa: E402
from tests.realworld.scoring import Output, PageScore, corpus_names, load_gold, pooled, score_page  # noqa: E402


def run(label: str, runner: Callable[[str], Output], names: list[str], pages: bool) -> None:
    """Score one way of cleaning over the corpus and print its table."""
    scores: list[PageScore] = []
    times: list[float] = []
    # One page untimed first: imports and dictionaries load once per process, not per page. The
    # chrome verdicts cache is emptied so one way of reading does not time on another's cache.
    runner(names[0])
    chrome_reason.cache_clear()
    for name in names:
        gold = load_gold(name)
        start = time.perf_counter()
        output = runner(name)
        times.append(time.perf_counter() - start)
        scores.append(score_page(gold, scraped_lines(name), output))
    if pages:
        print(f"\n{label}")
        print(f"{'page':28} {'recall':>7} {'prec':>6} {'chrome kept':>12} {'title':>6} {'date':>5} {'ms':>7}")
        for s, t in zip(scores, times, strict=True):
            date = "-" if s.date_right is None else ("ok" if s.date_right else "NO")
            print(
                f"{s.name:28} {s.recall:7.3f} {s.precision:6.3f} {s.chrome_kept:5d}/{s.chrome_lines:<6d}"
                f" {'ok' if s.title_right else 'NO':>6} {date:>5} {t * 1000:7.1f}"
            )
    print(summary(label, scores, times))


def summary(label: str, scores: list[PageScore], times: list[float]) -> str:
    """One line of overall figures (recall and precision pooled over characters)."""
    recall, kept = pooled(scores)
    precision = sum(s.output_in_gold for s in scores) / max(1, sum(s.output_chars for s in scores))
    titles = sum(s.title_right for s in scores) / len(scores)
    dated = [s for s in scores if s.date_right is not None]
    dates = sum(bool(s.date_right) for s in dated) / len(dated)
    names = " | ".join(
        f"{sum(bool(v) for v in values)}/{len(values)}"
        for values in (
            [s.author_right for s in scores if s.author_right is not None],
            [s.source_right for s in scores if s.source_right is not None],
        )
    )
    mean_ms = sum(times) / len(times) * 1000
    slowest_ms = max(times) * 1000
    right_titles = sum(s.title_right for s in scores)
    right_dates = sum(bool(s.date_right) for s in dated)
    return (
        f"| {label} | {recall:.3f} | {precision:.3f} | {kept:.1%}"
        f" | {titles:.0%} ({right_titles}/{len(scores)})"
        f" | {dates:.0%} ({right_dates}/{len(dated)}) | {names}"
        f" | {mean_ms:.1f} ms (slowest {slowest_ms:.0f} ms) |"
    )


def main() -> None:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", action="store_true", help="a row per page")
    parser.add_argument("--only", choices=sorted(RUNNERS), action="append")
    args = parser.parse_args()
    names = corpus_names()
    print(f"{len(names)} pages from {len({load_gold(n).site for n in names})} sites")
    columns = ("input", "body recall", "body precision", "chrome lines kept", "title right", "date right")
    print("| " + " | ".join((*columns, "author", "source", "time per page")) + " |")
    print("|" + " --- |" * (len(columns) + 3))
    for label in args.only or list(RUNNERS):
        run(label, RUNNERS[label], names, args.pages)


if __name__ == "__main__":
    main()
