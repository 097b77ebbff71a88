"""The hand-labelled theme gold (tests/golden/themes.yml) and how a digest scores against it.

Used by tests/test_themes.py (floors) and benchmarks/themes.py (the figures in the README)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.digest import Digest, build_digest
from builder.extract.options import make_extract_options
from builder.ingest import read_taxonomy
from builder.script import make_converters

GOLD = Path(__file__).resolve().parent / "golden" / "themes.yml"


@dataclass(frozen=True)
class Labelled:
    """One block's labels: the themes it belongs on, and those it is central to."""

    starts: str
    themes: frozenset[str]
    central: frozenset[str]


@dataclass
class ThemeScore:
    """Precision and recall of one theme over every non-heading block of the labelled seeds."""

    theme: str
    found: int = 0  # true positives
    added: list[tuple[str, int]] = field(default_factory=list)  # false positives
    missed: list[tuple[str, int]] = field(default_factory=list)
    central_missed: list[tuple[str, int]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        extra = len(self.added)
        return self.found / (self.found + extra) if self.found + extra else 0.0

    @property
    def recall(self) -> float:
        return self.found / (self.found + len(self.missed)) if self.found + len(self.missed) else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_theme_gold() -> dict[str, dict[int, Labelled]]:
    raw = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    gold: dict[str, dict[int, Labelled]] = {}
    for stem, blocks in raw.items():
        gold[stem] = {
            int(number): Labelled(
                str(entry["starts"]),
                frozenset(t.rstrip("*") for t in entry["themes"]),
                frozenset(t.rstrip("*") for t in entry["themes"] if t.endswith("*")),
            )
            for number, entry in blocks.items()
        }
    return gold


def score_themes(digest: Digest, themes: list[str]) -> dict[str, ThemeScore]:
    """Score the digest's theme hits against the gold, on every non-heading block of the gold's seeds."""
    gold = load_theme_gold()
    scores = {theme: ThemeScore(theme) for theme in themes}
    for stem, labelled in gold.items():
        article = digest.article(stem)
        for number, entry in labelled.items():
            text = article.published_text(number)
            if not text.startswith(entry.starts):
                raise ValueError(f"{stem}#{number} starts {text[:12]!r}, the gold says {entry.starts!r}")
        hits = {(h.block, h.theme) for h in article.theme_hits}
        for number, block in enumerate(article.blocks):
            if block.kind == "heading":
                continue
            wanted = labelled.get(number)
            for theme in themes:
                should = wanted is not None and theme in wanted.themes
                did = (number, theme) in hits
                if should and did:
                    scores[theme].found += 1
                elif did:
                    scores[theme].added.append((stem, number))
                elif should:
                    scores[theme].missed.append((stem, number))
                    if wanted is not None and theme in wanted.central:
                        scores[theme].central_missed.append((stem, number))
    return scores


def macro_f1(scores: dict[str, ThemeScore]) -> float:
    return sum(s.f1 for s in scores.values()) / len(scores)


def seed_digest() -> Digest:
    """The five seeds through the build's cleaning and extraction, with the project's taxonomy."""
    root = GOLD.parent.parent.parent
    converters = make_converters()
    options = make_extract_options(read_taxonomy(root / "taxonomy.yml"), converters)
    return build_digest(root / "seeds", options.taxonomy, converters, options)
