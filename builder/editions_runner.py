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
"""

from __future__ import annotations

import logging
import posixpath
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from builder.cache import TermsCache, code_fingerprint, key_of
from builder.digest import Digest
from builder.editions import Edition, EditionText, make_edition_text
from builder.pages.site import render_site
from builder.preview import PreviewState
from builder.progress import Progress
from builder.script import Converters
from builder.search import (
    INDEX_DIR,
    SearchPage,
    Terms,
    TermsPrefetch,
    character_map,
    search_index_files,
    search_words,
)
from builder.taxonomy import Taxonomy
from builder.writer import text_hash, write_files

log = logging.getLogger("mkdocs.plugins.digest")
# Passed in `extra` to the builds of the other editions; the primary build has none.
EDITION_KEY = "digest_edition_index"
# An edition's generated files with the site name and URL they were rendered for.
Rendered = tuple[tuple[str, str | None], dict[str, str]]


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
    # The other editions' pages, being rendered in a worker process while the primary edition builds.
    ahead: dict[int, Future[Rendered]] = field(default_factory=dict)
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


def render_ahead(
    digest: Digest,
    editions: tuple[Edition, ...],
    taxonomy: Taxonomy,
    site_name: str,
    site_url: str | None,
) -> dict[int, Future[Rendered]]:
    """Start rendering the other editions' pages in a worker process (MkDocs builds on one core; on a
    large digest another core renders the next edition meanwhile)."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("forkserver"))
    ahead = {}
    for number, edition in enumerate(editions[1:], start=1):
        text = make_edition_text(edition, taxonomy.names, taxonomy.conversions_for(edition.code))
        name = text.convert(site_name)
        ahead[number] = pool.submit(_render_edition, digest, text, name, edition_site_url(site_url, edition))
    pool.shutdown(wait=False)
    return ahead


def _render_edition(digest: Digest, text: EditionText, site_name: str, site_url: str | None) -> Rendered:
    """An edition's generated files, with the settings they were rendered for (run in a worker)."""
    return (site_name, site_url), render_site(digest, text, site_name, site_url)


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


def write_search_index(
    site: Path,
    editions: tuple[Edition, ...],
    editions_pages: list[dict[str, SearchPage]],
    shared: SharedBuild,
    cache_dir: str,
) -> int:
    """Write every edition's chunked search index, each page indexed with all its editions' text;
    the bytes written."""
    state = shared.state
    if state.terms is None:
        # The code fingerprint: the user words taught to jieba come from the taxonomy.
        words = search_words(state.taxonomy, shared.converters) if state.taxonomy is not None else ()
        code = key_of(code_fingerprint(), repr(state.taxonomy))
        state.terms = Terms(shared.converters, _terms_cache(cache_dir), code, words=words)
    elif not state.terms.attached:
        # Restored from the last publish (builder.published): its converters and cache come back.
        state.terms.attach(shared.converters, _terms_cache(cache_dir))
    if not state.characters:
        state.characters = character_map(shared.converters)
    if shared.prefetch is not None:
        state.terms.absorb(shared.prefetch.results())
    paths = [e.path for e in editions] or [""]
    state.terms.keep_only(page for pages in editions_pages for page in pages.values())
    size = 0
    for number, (path, pages) in enumerate(zip(paths, editions_pages, strict=True)):
        others = [p for k, p in enumerate(editions_pages) if k != number]
        label = editions[number].label if editions else ""
        progress = Progress(log, f"indexing {label} pages for search".replace("  ", " "), len(pages))
        files = search_index_files(pages.values(), others, state.terms, state.characters, progress)
        output = state.edition(number)
        size += write_files(files, site / path / INDEX_DIR, output.search_files if shared.dirty else None)
        output.search_files = {relative: text_hash(text) for relative, text in files.items()}
    state.terms.save()
    return size


def _terms_cache(cache_dir: str) -> TermsCache | None:
    return TermsCache(Path(cache_dir) / "terms.sqlite") if cache_dir else None
