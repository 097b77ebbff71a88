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
from builder.duplicates import CopiesMemo, merge_duplicates
from builder.errors import BuilderError
from builder.extract.dating import infer_date
from builder.extract.events import find_events
from builder.extract.figures import find_figures
from builder.extract.options import ExtractOptions
from builder.extract.players import find_players
from builder.extract.summary import rank_sentences
from builder.extract.themes import assign_themes
from builder.ingest import list_seeds, read_seed, read_sidecar, seed_hash
from builder.model import Article, SourceText
from builder.progress import Progress, tracked
from builder.script import Converters
from builder.taxonomy import Taxonomy
from builder.typeset import typeset_article

log = logging.getLogger(__name__)
T = TypeVar("T")
R = TypeVar("R")


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


@dataclass
class DigestMemo:
    """What a preview keeps between rebuilds: the articles already loaded or made (by cache key), so
    an edit does not load every other article again, and the copies found among them."""

    articles: dict[str, Article] = field(default_factory=dict)
    copies: CopiesMemo = field(default_factory=CopiesMemo)


@dataclass(frozen=True)
class DigestOptions:
    """How the digest is built: where results are cached and how many processes work in parallel."""

    cache: Path | None = None
    # Kept by a preview server between rebuilds.
    memo: DigestMemo | None = None
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
    memo = options.memo
    cache = ArticleCache(options.cache, memo.articles if memo is not None else None)
    try:
        seeds = _read_seeds(seeds_dir, converters, code, cache)
        options.progress.info(
            "digest: %d seeds read, %d from cache, %d to clean (%.1f s)",
            len(seeds.keys) + len(seeds.skipped),
            len(seeds.cleaned),
            len(seeds.to_clean),
            time.perf_counter() - started,
        )
        step = time.perf_counter()
        # A new article is extracted right after cleaning, in the same worker (one pool, not two):
        # the extraction stands unless a copy is merged into the article below.
        cleaned = dict(seeds.cleaned)
        extracted: dict[int, Article] = {}
        items = [(source, clean, extract) for source, clean in seeds.to_clean]
        for (source, _), (article, done) in zip(
            seeds.to_clean, _run(_clean_and_extract, items, options, "cleaning"), strict=True
        ):
            cleaned[source.provenance.path] = article
            extracted[id(article)] = done
            cache.put(seeds.keys[source.provenance.path], article)
        options.progress.info(
            "digest: %d articles cleaned (%.1f s)", len(seeds.to_clean), time.perf_counter() - step
        )
        step = time.perf_counter()
        merged = merge_duplicates(
            [cleaned[p] for p in sorted(cleaned)], converters, memo.copies if memo is not None else None
        )
        clean_keys = {id(article): seeds.keys[path] for path, article in cleaned.items()}
        used = set(seeds.keys.values())
        articles, again = _extracted(
            merged,
            versions=(code, repr(taxonomy)),
            clean_keys=clean_keys,
            fresh=extracted,
            cache=cache,
            used=used,
        )
        to_extract = [(article, extract) for article, _ in again]
        for (article, key), done in zip(
            again, _run(_extract_one, to_extract, options, "extracting"), strict=True
        ):
            articles[article.stem] = done
            cache.put(key, done)
        options.progress.info(
            "digest: %d articles, %d merged as copies, %d extracted (%.1f s)",
            len(articles),
            len(cleaned) - len(merged),
            len(extracted) + len(again),
            time.perf_counter() - step,
        )
        cache.commit(used)
    finally:
        cache.close()
    return Digest(
        articles=tuple(articles[stem] for stem in sorted(articles)),
        taxonomy=taxonomy,
        skipped=tuple(seeds.skipped),
    )


@dataclass
class _Seeds:
    """Every seed's cache key, the articles the cache already holds, the rest to clean, the skipped."""

    keys: dict[Path, str] = field(default_factory=dict)
    cleaned: dict[Path, Article] = field(default_factory=dict)
    to_clean: list[tuple[SourceText, CleanOptions]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _read_seeds(seeds_dir: Path, converters: Converters, code: str, cache: ArticleCache) -> _Seeds:
    """Read the seeds the cache does not hold (a seed that cannot be read is skipped, with why)."""
    seeds = _Seeds()
    for path in list_seeds(seeds_dir):
        try:
            sidecar = read_sidecar(path)
            key = key_of("clean", code, path.as_posix(), seed_hash(path), repr(sidecar))
            known = cache.get(key)
            if known is not None:
                seeds.cleaned[path] = known
            else:
                seeds.to_clean.append((read_seed(path), CleanOptions(converters=converters, sidecar=sidecar)))
            seeds.keys[path] = key
        except BuilderError as exc:
            log.info("skipped %s", exc)
            seeds.skipped.append(Skipped(path, str(exc)))
    return seeds


def _extracted(
    merged: list[Article],
    *,
    versions: tuple[str, str],
    clean_keys: dict[int, str],
    fresh: dict[int, Article],
    cache: ArticleCache,
    used: set[str],
) -> tuple[dict[str, Article], list[tuple[Article, str]]]:
    """The merged articles already extracted (cached, or just now with their cleaning), and the rest
    with their cache keys. ``versions`` are the code fingerprint and the taxonomy's."""
    articles: dict[str, Article] = {}
    again: list[tuple[Article, str]] = []
    for article in merged:
        # An article no copy was merged into is the cleaned one, which its clean key determines;
        # a merged one is keyed by its whole value.
        key = key_of("extract", *versions, clean_keys.get(id(article)) or repr(article))
        used.add(key)
        known = fresh.get(id(article)) or cache.get(key)
        if known is None:
            again.append((article, key))
            continue
        if id(article) in fresh:
            cache.put(key, known)
        articles[article.stem] = known
    return articles, again


# Below this many articles a process pool costs more than it saves.
PARALLEL_FROM = 64
CHUNKS_PER_WORKER = 4


def _run(work: Callable[[T], R], items: list[T], options: DigestOptions, doing: str) -> Iterator[R]:
    """``work`` over ``items`` in order, in parallel processes when it pays, logging progress."""
    workers = options.workers
    if workers <= 1 or len(items) < PARALLEL_FROM:
        results: Iterable[R] = map(work, items)
        pool = None
    else:
        # forkserver, not fork: `mkdocs serve` has threads running, and forking them is unsafe.
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver"))
        # Few chunks: each one carries (and rebuilds) the OpenCC converters, a tenth of a second each.
        results = pool.map(work, items, chunksize=max(1, len(items) // (workers * CHUNKS_PER_WORKER)))
    try:
        yield from tracked(results, Progress(options.progress, doing, len(items)))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _clean_and_extract(item: tuple[SourceText, CleanOptions, ExtractOptions]) -> tuple[Article, Article]:
    source, clean, extract = item
    article = clean_article(source, clean)
    return article, read_for_readers(extract_article(article, extract), extract)


def _extract_one(item: tuple[Article, ExtractOptions]) -> Article:
    return read_for_readers(extract_article(*item), item[1])


def read_for_readers(article: Article, options: ExtractOptions) -> Article:
    """After extraction: the text typeset as readers see it (the extraction stages read it as the
    source published it), then its sentences ranked for the summary and the key points."""
    return rank_sentences(typeset_article(article), options)


def extract_article(article: Article, options: ExtractOptions) -> Article:
    """The extraction chain: players, then themes (which count players), figures, events, and an
    undated article's inferred date."""
    article = find_players(article, options)
    article = assign_themes(article, options)
    article = find_figures(article, options)
    article = find_events(article, options)
    return infer_date(article, options)
