"""The whole digest: every seed read first, then cleaned and extracted (pelican's read-then-write)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from builder.clean.options import CleanOptions
from builder.clean.pipeline import clean_article
from builder.duplicates import merge_duplicates
from builder.errors import BuilderError
from builder.extract.events import find_events
from builder.extract.figures import find_figures
from builder.extract.options import ExtractOptions
from builder.extract.players import find_players
from builder.extract.themes import assign_themes
from builder.ingest import list_seeds, read_seed, read_sidecar
from builder.model import Article, Sidecar, SourceText
from builder.script import Converters
from builder.taxonomy import Taxonomy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Skipped:
    """A seed that could not be read, and why (shown on the site, never silently lost)."""

    path: Path
    message: str


@dataclass(frozen=True)
class Digest:
    """All articles, sorted by id, with the taxonomy they were read against."""

    articles: tuple[Article, ...]
    taxonomy: Taxonomy
    skipped: tuple[Skipped, ...] = ()

    def article(self, stem: str) -> Article:
        """The article with this id."""
        return next(a for a in self.articles if a.stem == stem)


def build_digest(
    seeds_dir: Path, taxonomy: Taxonomy, converters: Converters, extract: ExtractOptions
) -> Digest:
    """Read every seed, then clean and extract each; a bad seed is skipped with its reason."""
    sources: list[tuple[SourceText, Sidecar | None]] = []
    skipped: list[Skipped] = []
    for path in list_seeds(seeds_dir):
        try:
            sources.append((read_seed(path), read_sidecar(path)))
        except BuilderError as exc:
            log.info("skipped %s", exc)
            skipped.append(Skipped(path, str(exc)))
    cleaned = [
        clean_article(source, CleanOptions(converters=converters, sidecar=sidecar))
        for source, sidecar in sources
    ]
    articles = [extract_article(article, extract) for article in merge_duplicates(cleaned, converters)]
    return Digest(articles=tuple(articles), taxonomy=taxonomy, skipped=tuple(skipped))


def extract_article(article: Article, options: ExtractOptions) -> Article:
    """The extraction chain: players, then themes (which count players), figures, events."""
    article = find_players(article, options)
    article = assign_themes(article, options)
    article = find_figures(article)
    return find_events(article)
