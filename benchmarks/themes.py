"""Theme assignment against the hand-labelled gold (tests/golden/themes.yml).

Prints, per theme, precision, recall and F1 over every non-heading block of the five seeds, the macro
F1, and the blocks the gold marks central that the build misses; then every block it misses or adds,
to read.

    .venv/bin/python benchmarks/themes.py
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.theme_gold import macro_f1, score_themes, seed_digest  # noqa: E402


def main() -> None:
    """Print the table and the differences."""
    logging.disable(logging.WARNING)
    digest = seed_digest()
    scores = score_themes(digest, [t.id for t in digest.taxonomy.themes])
    print("| theme | precision | recall | F1 | central missed |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for s in scores.values():
        print(f"| {s.theme} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} | {len(s.central_missed)} |")
    print(f"\nmacro F1 {macro_f1(scores):.3f}")
    for s in scores.values():
        for stem, block in s.missed:
            mark = " (central)" if (stem, block) in s.central_missed else ""
            text = digest.article(stem).blocks[block].text[:40]
            print(f"missed {s.theme}{mark}: {stem[:3]}#{block} {text}")
    for s in scores.values():
        for stem, block in s.added:
            print(f"added {s.theme}: {stem[:3]}#{block} {digest.article(stem).blocks[block].text[:40]}")


if __name__ == "__main__":
    main()
