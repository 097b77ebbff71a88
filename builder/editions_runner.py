"""Building every edition of the site from one digest.

MkDocs builds one site per configuration. The primary edition (the site root) is MkDocs' own build;
when it has finished, ``build_other_editions`` builds each other edition into its folder through
MkDocs' public entry points (``load_config`` and ``build``, as Material's projects plugin and
mkdocs-static-i18n build their nested sites), handing the new build's plugin what the primary build
has already made (``SharedBuild``) through its public ``join`` method. (MkDocs keeps one instance of a
plugin that has an ``on_startup`` event per process, so the plugin of another edition's configuration
is in fact the primary's own instance, switched to that edition by ``on_config``; ``join`` states the
hand-over all the same, and works with a fresh instance too.) ``write_search_index`` then
writes one search index per edition, each page indexed with every edition's text of it.

MkDocs renders on one core. On a large publish (cold or incremental), ``OtherEditionsApart`` runs the
other editions' builds in a forked copy of the process while the primary edition builds: the copy
starts with everything made so far (the digest, the state, the pages every edition shares) without
pickling any of it, and only what it made comes back (the editions' search pages and their part of the
state), so the result is the same as building them one after the other here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import posixpath
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, NoReturn, Protocol, runtime_checkable

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from builder.cache import TermsCache, code_fingerprint, key_of
from builder.digest import Digest
from builder.editions import ConversionMemo, Edition
from builder.model import Article
from builder.pages.data import ArticleData
from builder.preview import EditionOutput, PreviewState
from builder.progress import Progress, log_lines_only
from builder.script import Converters
from builder.search import (
    INDEX_DIR,
    SearchPage,
    Terms,
    TermsPrefetch,
    character_map,
    cut_texts,
    page_texts,
    search_index_files,
    search_words,
)
from builder.writer import text_hash, write_files

log = logging.getLogger("mkdocs.plugins.digest")
# Passed in `extra` to the builds of the other editions; the primary build has none.
EDITION_KEY = "digest_edition_index"


@dataclass(frozen=True)
class SharedBuild:
    """What the primary edition's build hands every other edition's: made once, used by all."""

    converters: Converters
    digest: Digest
    state: PreviewState
    # MkDocs renders only modified pages (a preview rebuild, an incremental publish).
    dirty: bool
    # The memos in ``state`` are used and kept (a preview; a publish that keeps its state).
    memoised: bool
    # Pages' texts being cut into search terms in worker processes while MkDocs renders (large builds).
    prefetch: TermsPrefetch | None = None


@runtime_checkable
class EditionPlugin(Protocol):
    """The digest plugin as the runner sees it in another edition's configuration."""

    def join(self, shared: SharedBuild) -> None:
        """Build this edition from the primary build's digest and state instead of reading seeds."""

    @property
    def search_pages(self) -> dict[str, SearchPage]:
        """This edition's rendered pages as search sees them, by page URL."""


def edition_site_url(site_url: str | None, edition: Edition) -> str | None:
    """Where an edition is hosted, from the site's URL."""
    return posixpath.join(site_url, edition.path) + "/" if site_url else None


def build_other_editions(
    config: MkDocsConfig, editions: tuple[Edition, ...], shared: SharedBuild
) -> list[dict[str, SearchPage]]:
    """Build every edition after the first into its folder of the primary's site; their search pages."""
    site = Path(config.site_dir)
    found = []
    for number, edition in enumerate(editions[1:], start=1):
        overrides: dict[str, Any] = {
            "site_dir": str(site / edition.path),
            "extra": {**config.extra, EDITION_KEY: number},
            "strict": config.strict,
        }
        if config.site_url:
            overrides["site_url"] = edition_site_url(config.site_url, edition)
        sub = load_config(config.config_file_path, **overrides)
        plugin = sub.plugins["digest"]
        if not isinstance(plugin, EditionPlugin):
            raise TypeError(f"the digest plugin of {config.config_file_path} cannot build an edition")
        plugin.join(shared)
        build(sub, dirty=shared.dirty)
        found.append(plugin.search_pages)
    return found


@dataclass(frozen=True)
class EditionsBuilt:
    """The other editions built apart: their search pages, and their pages' texts cut into terms."""

    search_pages: list[dict[str, SearchPage]]
    cut: list[tuple[str, str, dict[str, int]]]


@dataclass(frozen=True)
class _EditionsMade:
    """What the forked build of the other editions hands back: each edition's search pages, and its part
    of the state (what it generated, what each file was made from, its pages' converted pieces, its
    ``digest.json`` parts), by edition number."""

    search_pages: list[dict[str, SearchPage]]
    # Their pages' texts cut into search terms there (what ``TermsPrefetch`` does for the primary's).
    cut: list[tuple[str, str, dict[str, int]]]
    outputs: dict[int, EditionOutput]
    made: dict[str, dict[str, tuple[str, str]]]
    conversions: dict[str, ConversionMemo]
    data: dict[str, tuple[str, dict[str, tuple[Article, ArticleData]]]]


class OtherEditionsApart:
    """The other editions' builds, running in a forked copy of this process (see the module's notes).

    ``collect`` waits for them and takes their part of the state into this process's; it answers None
    when the copy died without a word (killed, out of memory), and the caller builds them here instead.
    An error in their build is raised here, as if they had been built here. ``stop`` ends the copy (a
    failed primary build)."""

    def __init__(
        self, config: MkDocsConfig, editions: tuple[Edition, ...], shared: SharedBuild, cutters: int = 0
    ) -> None:
        """Fork the copy; ``cutters``: worker processes of its own that cut its pages' words for search
        while they render (none: it cuts them after)."""
        labels = "、".join(e.label for e in editions[1:])
        log.info("digest: building the %s edition in a second process meanwhile", labels)
        # What is buffered now would be written twice, by this process and by the copy.
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        answer, tell = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the forked copy; what it does is checked by its output)
            os.close(answer)
            _build_apart(config, editions, shared, os.fdopen(tell, "wb"), cutters=cutters, parent=parent)
        os.close(tell)
        self._pid: int | None = pid
        self._answer = os.fdopen(answer, "rb")

    def collect(self, state: PreviewState, digest: Digest) -> EditionsBuilt | None:
        """The other editions' search pages once they are built, their state taken into ``state``."""
        try:
            outcome = _Unpickler(self._answer, digest, state).load()
        except (EOFError, pickle.UnpicklingError, OSError):
            outcome = None
        finally:
            self._answer.close()
            self._reap()
        if isinstance(outcome, BaseException):
            raise outcome
        if not isinstance(outcome, _EditionsMade):
            log.info("digest: the process building the other editions died; building them here")
            return None
        state.editions.update(outcome.outputs)
        state.render.made.update(outcome.made)
        state.render.conversions.update(outcome.conversions)
        state.render.data.parts.update(outcome.data)
        return EditionsBuilt(outcome.search_pages, outcome.cut)

    def stop(self) -> None:
        """End the copy now (the primary build failed: nothing it makes will be used)."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self._answer.close()
        self._reap()

    def _reap(self) -> None:
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None


def _build_apart(
    config: MkDocsConfig,
    editions: tuple[Edition, ...],
    shared: SharedBuild,
    tell: IO[bytes],
    *,
    cutters: int,
    parent: int,
) -> NoReturn:
    """In the forked copy: build the other editions, hand back what they made (or the error), exit."""
    status = 1
    try:
        _exit_with(parent)
        names = _Pickler.names_in(shared.digest, shared.state)
        # Two processes redrawing one live line would garble it.
        log_lines_only()
        outcome: object
        taxonomy, terms = shared.state.taxonomy, shared.state.terms
        words = search_words(taxonomy, shared.converters) if taxonomy is not None else ()
        # Cut here, while the primary edition may still be rendering, not after it in one process: in a
        # full build as they render, by workers of the copy's own (the cold build of 10,000 articles
        # spent 27 s cutting after its last page, while the primary waited), then what they missed;
        # only texts the search index has not cut before. In an incremental build (few new texts, no
        # workers) the copy cuts them once it has built: the primary, which renders the same number of
        # pages and cuts its own new texts meanwhile (``cut_for_search``), is seldom done sooner; after
        # both editions, in one process, cutting them took 0.6 s of a publish of ten new articles at
        # 1,000.
        # Started afresh ("spawn"): the fork server this process knows of is its parent's.
        prefetch = TermsPrefetch(words, cutters, start="spawn") if cutters else None
        try:
            pages = build_other_editions(config, editions, replace(shared, prefetch=prefetch))
            cut = list(prefetch.results()) if prefetch is not None else []
            built = [p for found in pages for p in found.values()]
            # Not the long texts the parent works out from what was at their place before (``Terms.of``).
            texts = terms.to_cut(built) if terms is not None else page_texts(built)
            done = {text for text, _, _ in cut}
            cut += cut_texts([t for t in texts if t not in done], shared.converters, words)
            numbers = range(1, len(editions))
            codes = [e.code for e in editions[1:]]
            render = shared.state.render
            outcome = _EditionsMade(
                pages,
                cut,
                {n: shared.state.edition(n) for n in numbers},
                {c: render.made[c] for c in codes if c in render.made},
                {c: render.conversions[c] for c in codes if c in render.conversions},
                {c: render.data.parts[c] for c in codes if c in render.data.parts},
            )
        except BaseException as exc:
            if prefetch is not None:
                prefetch.close()
            outcome = exc
        with tell:
            try:
                _Pickler(tell, names).dump(outcome)
            except (pickle.PicklingError, TypeError, AttributeError):
                # An error that cannot be pickled is said in words.
                _Pickler(tell, names).dump(PluginError(f"building the other editions: {outcome}"))
        status = 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        # Not SystemExit: the copy must not run this process's exit handlers or unwind into MkDocs.
        os._exit(status)


def _exit_with(parent: int) -> None:
    """End this forked copy soon after the process it was forked from ends (killed or interrupted):
    an orphan would go on writing into a release folder the next build removes."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class _Pickler(pickle.Pickler):
    """Objects both processes hold travel by name: articles (the digest is the same in both, and the
    memos that hold articles recognise them by identity), the other editions' search pages made
    before the fork (an incremental build renders few pages again; search reuses the terms of the
    rest by the identity of their page objects) and the articles' ``digest.json`` parts made before it
    (13.7 MB of the 28 MB sent back after ten articles were added to 1,000). Names are taken before
    the build, in the copy, with the objects themselves: held, a dropped page's id cannot pass to a new
    object made meanwhile."""

    def __init__(self, file: IO[bytes], names: dict[int, tuple[object, tuple[str, ...]]]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._names = names

    @staticmethod
    def names_in(digest: Digest, state: PreviewState) -> dict[int, tuple[object, tuple[str, ...]]]:
        """The objects both processes hold, with their names, by ``id``."""
        names: dict[int, tuple[object, tuple[str, ...]]] = {
            id(a): (a, ("article", a.stem)) for a in digest.articles
        }
        named = state.named_pages(first=1)
        names.update(
            {key: (page, ("page", str(number), url)) for key, (page, (number, url)) in named.items()}
        )
        for code, (_, parts) in state.render.data.parts.items():
            names.update({id(data): (data, ("data", code, stem)) for stem, (_, data) in parts.items()})
        return names

    def persistent_id(self, obj: object) -> tuple[str, ...] | None:
        if type(obj) is Article or type(obj) is SearchPage or type(obj) is ArticleData:
            known = self._names.get(id(obj))
            if known is not None and known[0] is obj:
                return known[1]
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: IO[bytes], digest: Digest, state: PreviewState) -> None:
        super().__init__(file)
        self._digest = digest
        self._state = state

    def persistent_load(self, pid: Any) -> Article | SearchPage | ArticleData:
        match pid:
            case ("article", stem):
                return self._digest.article(stem)
            case ("page", number, url):
                return self._state.edition(int(number)).search_pages[url]
            case ("data", code, stem):
                return self._state.render.data.parts[code][1][stem][1]
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def write_search_index(
    site: Path,
    editions: tuple[Edition, ...],
    editions_pages: list[dict[str, SearchPage]],
    shared: SharedBuild,
    cache_dir: str,
    *,
    cut: Iterable[tuple[str, str, dict[str, int]]] = (),
    settled: Callable[[], None] | None = None,
    served: bool = True,
) -> int:
    """Write every edition's chunked search index, each page indexed with all its editions' text;
    the bytes written. ``settled`` is called once the state holds all this changes in it, before the
    files are written (a publish keeps the state meanwhile); ``served``: whether a server may be
    reading ``site`` meanwhile (``writer.write_files``)."""
    state = shared.state
    state.terms = search_terms(shared, cache_dir)
    if not state.characters:
        state.characters = character_map(shared.converters)
    state.terms.absorb(cut)
    if shared.prefetch is not None:
        state.terms.absorb(shared.prefetch.results())
    paths = [e.path for e in editions] or [""]
    made = []
    for number, pages in enumerate(editions_pages):
        others = [p for k, p in enumerate(editions_pages) if k != number]
        label = editions[number].label if editions else ""
        progress = Progress(log, f"indexing {label} pages for search".replace("  ", " "), len(pages))
        made.append(search_index_files(pages.values(), others, state.terms, state.characters, progress))
    # Only now: a page's long texts are worked out from what was at their place before (``Terms.of``).
    state.terms.keep_only(page for pages in editions_pages for page in pages.values())
    written = [state.edition(number).search_files for number in range(len(made))]
    for number, files in enumerate(made):
        state.edition(number).search_files = {relative: text_hash(text) for relative, text in files.items()}
    if settled is not None:
        settled()
    size = 0
    try:
        for path, files, before in zip(paths, made, written, strict=True):
            size += write_files(
                files, site / path / INDEX_DIR, before if shared.dirty else None, served=served
            )
    except BaseException:
        for number in range(len(made)):  # what is on disk is unknown: the next build writes every file
            state.edition(number).search_files = {}
        raise
    state.terms.save()
    return size


def search_terms(shared: SharedBuild, cache_dir: str) -> Terms:
    """The state's word cutter for search, made for this build or given back its converters and cache."""
    state = shared.state
    if state.terms is None:
        # The code fingerprint: the user words taught to jieba come from the taxonomy.
        words = search_words(state.taxonomy, shared.converters) if state.taxonomy is not None else ()
        code = key_of(code_fingerprint(), repr(state.taxonomy))
        return Terms(shared.converters, _terms_cache(cache_dir), code, words=words)
    if not state.terms.attached:
        # Restored from the last publish (builder.published): its converters and cache come back.
        state.terms.attach(shared.converters, _terms_cache(cache_dir))
    return state.terms


def cut_for_search(pages: Iterable[SearchPage], shared: SharedBuild, cache_dir: str) -> None:
    """Cut these pages' texts into search terms now: the primary edition's, while the other editions
    still build apart (the index waits for them; cut after, the new articles of an incremental publish
    added a second to that wait)."""
    terms = shared.state.terms = search_terms(shared, cache_dir)
    terms.learn(pages)


def _terms_cache(cache_dir: str) -> TermsCache | None:
    return TermsCache(Path(cache_dir) / "terms.sqlite") if cache_dir else None
