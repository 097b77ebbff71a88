"""Scoring the editions' conversion against the errors found by reading (``tests/golden/conversion.yml``).

Used by ``tests/test_regional.py`` and ``benchmarks/conversion.py``. An entry is counted as an error
when the edition's conversion of the block holding ``source`` does not show ``shown`` as many times as
the block holds ``source``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import opencc
import yaml

from builder.clean.options import CleanOptions
from builder.clean.pipeline import clean_article
from builder.clean.textshape import han_characters
from builder.editions import Edition, make_edition_text
from builder.ingest import read_seed, read_sidecar, read_taxonomy
from builder.model import Article
from builder.script import make_converters

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "golden" / "conversion.yml"
# (writing, text) -> the text in the edition's script; writing "name/<writing>" is a name (an outlet,
# an author) in an article written as <writing>.
Convert = Callable[[str, str], str]
# The two editions as mkdocs.yml configures them.
EDITIONS = {
    "zh-Hant": Edition("zh-Hant", "zh-TW", "s2twp", "繁體", "zh-Hant"),
    "zh-Hans": Edition("zh-Hans", "zh-Hans", "tw2sp", "简体", ""),
}


@dataclass(frozen=True)
class Entry:
    """One place where reading found (or guards against) a conversion error."""

    where: str  # seed stem prefix, or "site"
    source: str
    shown: str
    found: str
    kind: str


@dataclass(frozen=True)
class Score:
    """Errors left, by kind, and the edition's article text length."""

    errors: dict[str, list[Entry]]
    characters: int

    def per_10k(self, kind: str) -> float:
        """Errors of one kind per 10,000 Han characters of article text."""
        return 10_000 * len(self.errors.get(kind, [])) / self.characters


def load_gold() -> dict[str, list[Entry]]:
    """The entries per edition code."""
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return {
        code: [
            Entry(str(e["in"]), str(e["source"]), str(e["shown"]), str(e["found"]), str(e["kind"]))
            for e in rows
        ]
        for code, rows in data.items()
    }


def seed_articles() -> list[Article]:
    """The five seeds, cleaned as the build cleans them."""
    converters = make_converters()
    return [
        clean_article(read_seed(path), CleanOptions(converters=converters, sidecar=read_sidecar(path)))
        for path in sorted((ROOT / "seeds").glob("*.txt"))
    ]


def edition_convert(code: str) -> Convert:
    """The build's conversion into one edition (as mkdocs.yml and taxonomy.yml configure it)."""
    edition = EDITIONS[code]
    taxonomy = read_taxonomy(ROOT / "taxonomy.yml")
    text = make_edition_text(edition, taxonomy.names, taxonomy.conversions_for(code))
    return lambda writing, value: text.convert(value, "name" if writing.startswith("name/") else writing)


def plain_opencc_convert(code: str) -> Convert:
    """The first round's conversion: OpenCC's phrase configurations and nothing else."""
    config = EDITIONS[code].opencc
    # The first round converted names like the rest of their article's text.
    regional, t2s = opencc.OpenCC(config), opencc.OpenCC("t2s")
    if EDITIONS[code].traditional:
        return lambda writing, value: str(
            regional.convert(str(t2s.convert(value)) if "hant" in writing else value)
        )
    return lambda writing, value: str(regional.convert(value)) if "hant" in writing else value


def score(entries: list[Entry], articles: list[Article], convert: Convert) -> Score:
    """Check every entry against ``convert`` (writing, text) -> shown text."""
    errors: dict[str, list[Entry]] = {}
    by_prefix = {a.stem[:3]: a for a in articles}
    for entry in entries:
        if entry.where == "site":
            wrong = entry.shown not in convert("hans", entry.source)
        else:
            article = by_prefix[entry.where]
            writing = article.writing or "hans"
            texts = [(writing, article.metadata.title or "")] + [(writing, b.text) for b in article.blocks]
            # The site shows an article's outlet and author as names.
            texts += [(f"name/{writing}", n) for n in (article.metadata.source, article.metadata.author) if n]
            holding = [(w, t) for w, t in texts if entry.source in t]
            if not holding:
                raise ValueError(f"{entry.where}: {entry.source!r} is not in the article")
            wrong = any(convert(w, t).count(entry.shown) < t.count(entry.source) for w, t in holding)
        if wrong:
            errors.setdefault(entry.kind, []).append(entry)
    characters = sum(
        len(han_characters(t))
        for a in articles
        for t in [a.metadata.title or "", *(b.text for b in a.blocks)]
    )
    return Score(errors, characters)
