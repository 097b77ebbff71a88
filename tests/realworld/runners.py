"""The ways of cleaning a corpus page that the benchmark and the tests compare."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import trafilatura

from builder.clean.options import CleanOptions
from builder.clean.pipeline import clean_article
from builder.ingest import read_seed
from builder.model import Article
from builder.script import Converters, make_converters
from tests.realworld.scoring import HERE, Output


@functools.cache
def converters() -> Converters:
    """OpenCC converters, built once."""
    return make_converters()


def scraped_lines(name: str) -> list[str]:
    """The page as the naive scraper turned it into text, a line each."""
    return (HERE / "text" / f"{name}.txt").read_text(encoding="utf-8").splitlines()


def clean_file(path: Path) -> Article:
    """Our cleaner on one file, as a seed."""
    return clean_article(read_seed(path), CleanOptions(converters=converters()))


def _as_output(article: Article) -> Output:
    return Output(
        title=article.metadata.title,
        date=article.metadata.date,
        blocks=tuple(b.text for b in article.blocks),
        author=article.metadata.author,
        source=article.metadata.source,
    )


def clean_text(name: str) -> Output:
    """Our cleaner on the scraped text."""
    return _as_output(clean_file(HERE / "text" / f"{name}.txt"))


def clean_html(name: str) -> Output:
    """Our cleaner on the saved HTML."""
    return _as_output(clean_file(HERE / "html" / f"{name}.html"))


def trafilatura_alone(name: str) -> Output:
    """trafilatura 2 with its defaults (no comments) on the saved HTML: the yardstick."""
    data = (HERE / "html" / f"{name}.html").read_bytes()
    document = trafilatura.bare_extraction(data, include_comments=False, with_metadata=True)
    if document is None:
        return Output(title=None, date=None, blocks=())
    text = document.text or ""
    return Output(
        title=document.title,
        date=document.date[:10] if document.date else None,
        blocks=tuple(line for line in text.splitlines() if line.strip()),
        author=document.author,
        source=document.sitename,
    )


RUNNERS: dict[str, Callable[[str], Output]] = {
    "text": clean_text,
    "html": clean_html,
    "trafilatura": trafilatura_alone,
}
