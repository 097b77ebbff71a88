"""Conversion quality of the editions against the errors found by reading (tests/golden/conversion.yml).

Prints, per edition, errors per 10,000 Han characters of the five seeds' text, by kind, for the
build's conversion (OpenCC plus builder/regional.py and the names) and for plain OpenCC phrase
conversion (the first round's), and lists the errors the build still makes.

    .venv/bin/python benchmarks/conversion.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conversion_gold import edition_convert, load_gold, plain_opencc_convert, score, seed_articles  # noqa: E402

KINDS = ("meaning", "name", "interface", "wording")


def main() -> None:
    """Print the table."""
    gold = load_gold()
    articles = seed_articles()
    print("| edition | conversion | entries | " + " | ".join(f"{k} /10k" for k in KINDS) + " |")
    print("| --- | --- | ---: | " + " | ".join("---:" for _ in KINDS) + " |")
    left = {}
    for code, entries in gold.items():
        for label, convert in (("ours", edition_convert(code)), ("plain OpenCC", plain_opencc_convert(code))):
            result = score(entries, articles, convert)
            cells = " | ".join(f"{result.per_10k(k):.1f} ({len(result.errors.get(k, []))})" for k in KINDS)
            print(f"| {code} | {label} | {len(entries)} | {cells} |")
            if label == "ours":
                left[code] = result
    chars = next(iter(left.values())).characters
    print(f"\n{chars} Han characters of article text; (n) = errors left of the entries of that kind.")
    for code, result in left.items():
        for kind in KINDS:
            for entry in result.errors.get(kind, []):
                print(f"still wrong, {code}, {kind}: {entry.where} {entry.source} -> want {entry.shown}")


if __name__ == "__main__":
    main()
