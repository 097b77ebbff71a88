"""The whole digest: every seed read first, then cleaned and extracted (pelican's read-then-write)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

from builder.cache import ArticleCache, code_fingerprint, key_of
from builder.clean.options import CleanOptions
from builder.clean.pipeline import clean_article
from builder.duplicates import merge_duplicates
from builder.errors import BuilderError
from builder.extract.events import find_events
from builder.extract.figures import find_figures
from builder.extract.options import ExtractOptions
from builder.extract.players import find_players
from builder.extract.themes import assign_themes
from builder.ingest import list_seeds, read_seed, read_sidecar, seed_hash
from builder.model import Article, SourceText
from builder.script import Converters
from builder.taxonomy import Taxonomy

log = logging.getLogger(__name__)
T = TypeVar("T")
U = TypeVar("U")


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
    # Articles by id: every page looks articles up, so a scan would make page writing quadratic.
    by_stem: dict[str, Article] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_stem", {a.stem: a for a in self.articles})

    def article(self, stem: str) -> Article:
        """The article with this id."""
        return self.by_stem[stem]


@dataclass(frozen=True)
class DigestOptions:
    """How the digest is built: where results are cached and how many processes work in parallel."""

    cache: Path | None = None
    workers: int = 1
    # Where progress and stage times go (the MkDocs plugin passes its own logger, which MkDocs shows).
    progress: logging.Logger = log


def build_digest(
    seeds_dir: Path,
    taxonomy: Taxonomy,
    converters: Converters,
    extract: ExtractOptions,
    options: DigestOptions | None = None,
) -> Digest:
    """Read every seed, then clean and extract each; a bad seed is skipped with its reason.

    Articles come from the cache when their seed, sidecar, taxonomy and the builder's code are unchanged;
    the rest are cleaned and extracted in ``options.workers`` processes.
    """
    options = options or DigestOptions()
    started = time.perf_counter()
    code = code_fingerprint()
    cache = ArticleCache(options.cache)
    try:
        seeds = list_seeds(seeds_dir)
        keys: dict[Path, str] = {}
        cleaned: dict[Path, Article] = {}
        to_clean: list[tuple[SourceText, CleanOptions]] = []
        skipped: list[Skipped] = []
        for path in seeds:
            try:
                sidecar = read_sidecar(path)
                key = key_of("clean", code, path.as_posix(), seed_hash(path), repr(sidecar))
                known = cache.get(key)
                if known is not None:
                    cleaned[path] = known
                else:
                    to_clean.append((read_seed(path), CleanOptions(converters=converters, sidecar=sidecar)))
                keys[path] = key
            except BuilderError as exc:
                log.info("skipped %s", exc)
                skipped.append(Skipped(path, str(exc)))
        options.progress.info(
            "digest: %d seeds read, %d from cache, %d to clean (%.1f s)",
            len(seeds),
            len(cleaned),
            len(to_clean),
            time.perf_counter() - started,
        )
        step = time.perf_counter()
        for (source, _), article in zip(
            to_clean, _run(_clean_one, to_clean, options, "cleaning"), strict=True
        ):
            cleaned[source.provenance.path] = article
            cache.put(keys[source.provenance.path], article)
        options.progress.info(
            "digest: %d articles cleaned (%.1f s)", len(to_clean), time.perf_counter() - step
        )

        step = time.perf_counter()
        merged = merge_duplicates([cleaned[p] for p in sorted(cleaned)], converters)
        used = set(keys.values())
        articles: dict[str, Article] = {}
        to_extract: list[tuple[Article, ExtractOptions]] = []
        extract_keys: dict[str, str] = {}
        taxonomy_key = repr(taxonomy)
        for article in merged:
            key = key_of("extract", code, taxonomy_key, repr(article))
            extract_keys[article.stem] = key
            used.add(key)
            known = cache.get(key)
            if known is not None:
                articles[article.stem] = known
            else:
                to_extract.append((article, extract))
        for (article, _), done in zip(
            to_extract, _run(_extract_one, to_extract, options, "extracting"), strict=True
        ):
            articles[article.stem] = done
            cache.put(extract_keys[article.stem], done)
        options.progress.info(
            "digest: %d articles, %d merged as copies, %d extracted (%.1f s)",
            len(articles),
            len(cleaned) - len(merged),
            len(to_extract),
            time.perf_counter() - step,
        )
        cache.commit(used)
    finally:
        cache.close()
    return Digest(
        articles=tuple(articles[stem] for stem in sorted(articles)),
        taxonomy=taxonomy,
        skipped=tuple(skipped),
    )


# Below this many articles a process pool costs more than it saves.
PARALLEL_FROM = 64
# Progress lines on long runs: one per this share of the work.
PROGRESS_SHARE = 0.1


def _run(
    work: Callable[[tuple[T, U]], Article], items: list[tuple[T, U]], options: DigestOptions, doing: str
) -> Iterator[Article]:
    """``work`` over ``items`` in order, in parallel processes when it pays, logging progress."""
    every = max(1, int(len(items) * PROGRESS_SHARE))
    workers = options.workers
    if workers <= 1 or len(items) < PARALLEL_FROM:
        results: Iterable[Article] = map(work, items)
        pool = None
    else:
        # forkserver, not fork: `mkdocs serve` has threads running, and forking them is unsafe.
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver"))
        results = pool.map(work, items, chunksize=max(1, len(items) // (workers * 8)))
    try:
        for number, result in enumerate(results, start=1):
            if number % every == 0 and len(items) >= PARALLEL_FROM:
                options.progress.info("digest: %s %d/%d", doing, number, len(items))
            yield result
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _clean_one(item: tuple[SourceText, CleanOptions]) -> Article:
    return clean_article(*item)


def _extract_one(item: tuple[Article, ExtractOptions]) -> Article:
    return extract_article(*item)


def extract_article(article: Article, options: ExtractOptions) -> Article:
    """The extraction chain: players, then themes (which count players), figures, events."""
    article = find_players(article, options)
    article = assign_themes(article, options)
    article = find_figures(article)
    return find_events(article)
