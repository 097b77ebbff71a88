"""MkDocs wiring only: build the digest from seeds/ in every build, once per edition."""

from __future__ import annotations

import logging
import os
import posixpath
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import jieba
import jinja2
import jinja2.bccache
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from builder.cache import TermsCache, code_fingerprint, key_of
from builder.config import DigestConfig
from builder.digest import PARALLEL_FROM, Digest, DigestMemo, DigestOptions, build_digest
from builder.editions import Edition, EditionText, make_edition_text
from builder.errors import BuilderError
from builder.extract.options import make_extract_options
from builder.ingest import read_taxonomy
from builder.pages.context import RenderMemo
from builder.pages.site import render_site
from builder.script import Converters, make_converters
from builder.search import INDEX_DIR, SearchPage, Terms, character_map, page_for_search, search_index_files
from builder.taxonomy import Taxonomy
from builder.writer import remove_outputs, write_files

log = logging.getLogger("mkdocs.plugins.digest")
# Passed in `extra` to the builds of the other editions; the primary build has none.
EDITION_KEY = "digest_edition_index"


class DigestPlugin(BasePlugin[DigestConfig]):
    """Generates the digest's pages from the seeds and the taxonomy, in every edition."""

    def __init__(self) -> None:
        self._converters: Converters | None = None
        self._digest: Digest | None = None
        self._editions: tuple[Edition, ...] = ()
        self._index = 0
        self._text: EditionText | None = None
        self._taxonomy: Taxonomy | None = None
        # Rendered pages' text for search, by page URL; the word cutter remembers texts across builds.
        self._search_pages: dict[str, SearchPage] = {}
        self._terms: Terms | None = None
        self._characters: dict[str, str] = {}
        self._started = time.perf_counter()
        self._site_name = ""
        # The other editions' pages, rendered in a worker process while this edition builds
        # (MkDocs builds on one core; on a large digest the other core writes the next edition).
        self._rendered: dict[int, Future[tuple[tuple[str, str | None], dict[str, str]]]] = {}
        # Incremental preview (`mkdocs serve --dirty`): what each edition generated last time, so
        # only pages whose text changed are rendered again. Kept by the primary build for all editions.
        self._dirty = False
        self._state: dict[int, EditionState] = {}
        self._memo = RenderMemo()
        self._digest_memo = DigestMemo()
        # Compiled theme templates, shared by every edition's build and kept across preview rebuilds.
        self._templates = TemplateCache()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this hook keeps one plugin instance across `mkdocs serve` rebuilds."""
        self._dirty = dirty
        if dirty:
            # `mkdocs serve --dirty` warns that navigation may be stale; ours is fixed in mkdocs.yml
            # and every page whose generated text changed is rebuilt, so the warning (which would
            # stop a strict build) does not apply.
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load the taxonomy, pick this build's edition, convert the theme's own strings."""
        if self._converters is None:
            self._converters = make_converters()
        try:
            taxonomy = read_taxonomy(Path(self.config.taxonomy))
        except BuilderError as exc:
            raise PluginError(str(exc)) from exc
        if self._taxonomy is not None and self._taxonomy == taxonomy:
            # Unchanged since the last build: keep the same object, which the preview's memo
            # recognises by identity (comparing the whole taxonomy per page would cost more).
            taxonomy = self._taxonomy
        elif self._taxonomy is not None:
            self._terms = None  # new words for jieba: the search terms are cut again
        self._taxonomy = taxonomy
        self._editions = tuple(Edition(**dict(e)) for e in self.config.editions)
        _check_editions(self._editions)
        self._index = int(config.extra.get(EDITION_KEY, 0))
        self._text = None
        if self._editions:
            edition = self._editions[self._index]
            self._text = make_edition_text(edition, taxonomy.fixed_names)
            self._site_name = config.site_name  # as written, before this edition converts it
            _convert_theme_strings(config, self._text)
            config.theme["language"] = edition.language
            config.extra["alternate"] = True  # makes Material include our partials/alternate.html
            config.extra["digest_switch"] = [
                {"label": other.label, "lang": other.code, "prefix": _prefix(edition, other)}
                for other in self._editions
                if other is not edition
            ]
        _teach_jieba(taxonomy, self._converters)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read every seed once per build (the other editions reuse it)."""
        if self._index == 0 or self._digest is None:
            assert self._converters is not None and self._taxonomy is not None
            taxonomy = self._taxonomy
            extract = make_extract_options(taxonomy, self._converters)
            # Relative, so messages on the site name `seeds/x.txt`, not this machine's full paths.
            seeds = Path(os.path.relpath(self.config.seeds))
            self._started = time.perf_counter()
            options = DigestOptions(
                cache=Path(self.config.cache_dir) / "articles.sqlite" if self.config.cache_dir else None,
                memo=self._digest_memo if self._dirty else None,
                workers=self.config.workers or os.cpu_count() or 1,
                progress=log,
            )
            self._digest = build_digest(seeds, taxonomy, self._converters, extract, options)
            # INFO, not WARNING: a bad seed must not fail a strict MkDocs build unless strict_seeds asks.
            for skipped in self._digest.skipped:
                log.info("seed skipped: %s", skipped.message)
            if self.config.strict_seeds and self._digest.skipped:
                problems = "; ".join(s.message for s in self._digest.skipped)
                raise PluginError(
                    f"digest.strict_seeds: {len(self._digest.skipped)} seed(s) cannot be read: {problems}"
                )

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages; a page a person wrote by hand always wins."""
        assert self._digest is not None
        site_url = config.site_url or None
        started = time.perf_counter()
        if self._index == 0:
            self._start_other_editions(config)
        ahead = self._rendered.pop(self._index, None)
        try:
            settings, generated = ahead.result() if ahead is not None else ((None, None), {})
        except Exception as exc:  # the worker died (out of memory, killed): render here instead
            log.info("digest: rendering this edition here, the worker failed: %s", exc)
            settings, generated = (None, None), {}
        if settings != (config.site_name, site_url):
            memo = self._memo if self._dirty else None
            generated = render_site(self._digest, self._text, config.site_name, site_url, memo)
        log.info("digest: %d pages written (%.1f s)", len(generated), time.perf_counter() - started)
        state = self._edition_state()
        changed = 0
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                log.info("keeping the hand-written %s instead of generating it", path)
                continue
            file = GeneratedFile.generated(config, path, content=content)
            assert isinstance(file, GeneratedFile)
            file.changed = not self._dirty or state.generated.get(path) != content
            changed += file.changed
            files.append(file)
        if self._dirty:
            gone = sorted(state.generated.keys() - generated.keys())
            remove_outputs(
                [File.generated(config, p, content="").dest_uri for p in gone], Path(config.site_dir)
            )
            log.info("digest: %d generated files changed, %d removed", changed, len(gone))
        state.generated = generated
        # As Page.url names them (the home page's File.url is "./", its Page.url "").
        pages = {"" if f.url in (".", "./") else f.url for f in files.documentation_pages()}
        state.search_pages = {url: p for url, p in state.search_pages.items() if url in pages}
        self._search_pages = state.search_pages
        return files

    def _start_other_editions(self, config: MkDocsConfig) -> None:
        """On a large digest, render the other editions' pages in a worker process now."""
        assert self._digest is not None
        if len(self._editions) < 2 or len(self._digest.articles) < PARALLEL_FROM:
            return
        if self._dirty:
            # A preview renders every edition here: the memo it keeps for fast rebuilds (conversions,
            # digest.json parts) must hold every edition's, and the pages are rendered once for all.
            return
        pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("forkserver"))
        for number, edition in enumerate(self._editions[1:], start=1):
            text = make_edition_text(edition, self._taxonomy.fixed_names if self._taxonomy else ())
            site_url = posixpath.join(config.site_url, edition.path) + "/" if config.site_url else None
            name = text.convert(self._site_name)
            self._rendered[number] = pool.submit(_render_edition, self._digest, text, name, site_url)
        pool.shutdown(wait=False)

    def _edition_state(self) -> EditionState:
        """This edition's state from the previous build (the other editions' lives in the primary)."""
        if self._index not in self._state:
            self._state[self._index] = EditionState()
        return self._state[self._index]

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Reuse compiled templates: each edition is a build of its own, with a new environment."""
        env.bytecode_cache = self._templates
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hand-written pages are converted into the edition's script too."""
        # Material's one-file index is replaced by the digest's chunked one (on_post_build).
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if self._text is not None and page.file.generated_by is None:
            return self._text.convert(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep each rendered page's text for the search index."""
        self._search_pages[page.url] = page_for_search(page.url, page.title or "", html)
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """From the primary build: build the other editions, then make search script-blind."""
        if self._index != 0:
            return
        site = Path(config.site_dir)
        editions_pages = [self._search_pages]
        for number, edition in enumerate(self._editions[1:], start=1):
            overrides: dict[str, Any] = {
                "site_dir": str(site / edition.path),
                "extra": {**config.extra, EDITION_KEY: number},
                "strict": config.strict,
            }
            if config.site_url:
                overrides["site_url"] = posixpath.join(config.site_url, edition.path) + "/"
            sub = load_config(config.config_file_path, **overrides)
            plugin = sub.plugins["digest"]
            assert isinstance(plugin, DigestPlugin)
            plugin._converters, plugin._digest = self._converters, self._digest
            plugin._dirty, plugin._state, plugin._rendered = self._dirty, self._state, self._rendered
            plugin._memo, plugin._templates = self._memo, self._templates
            build(sub, dirty=self._dirty)
            editions_pages.append(plugin._search_pages)
        started = time.perf_counter()
        size = self._write_search(site, editions_pages)
        log.info("digest: search index written, %.1f MB (%.1f s)", size / 1e6, time.perf_counter() - started)
        digest = self._digest
        assert digest is not None
        log.info(
            "digest: %d articles, %d flags, %d seeds skipped; %d pages in %d edition(s); built in %.1f s",
            len(digest.articles),
            sum(len(a.flags) for a in digest.articles),
            len(digest.skipped),
            sum(len(pages) for pages in editions_pages),
            len(editions_pages),
            time.perf_counter() - self._started,
        )

    def _write_search(self, site: Path, editions_pages: list[dict[str, SearchPage]]) -> int:
        """Write every edition's chunked search index, each page indexed with all its editions' text."""
        assert self._converters is not None
        if self._terms is None:
            cache = (
                TermsCache(Path(self.config.cache_dir) / "terms.sqlite") if self.config.cache_dir else None
            )
            # The code fingerprint: the user words taught to jieba come from the taxonomy.
            self._terms = Terms(self._converters, cache, key_of(code_fingerprint(), repr(self._taxonomy)))
            self._characters = character_map(self._converters)
        paths = [e.path for e in self._editions] or [""]
        self._terms.keep_only(page for pages in editions_pages for page in pages.values())
        size = 0
        for number, (path, pages) in enumerate(zip(paths, editions_pages, strict=True)):
            others = [p for k, p in enumerate(editions_pages) if k != number]
            files = search_index_files(pages.values(), others, self._terms, self._characters)
            state = self._state.setdefault(number, EditionState())
            size += write_files(files, site / path / INDEX_DIR, state.search_files if self._dirty else None)
            state.search_files = files
        self._terms.save()
        return size

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when a seed, a sidecar or the taxonomy changes."""
        server.watch(str(Path(self.config.seeds).resolve()))
        server.watch(str(Path(self.config.taxonomy).resolve()))
        return server


@dataclass
class EditionState:
    """What one edition generated in the previous build, for incremental preview."""

    generated: dict[str, str] = field(default_factory=dict)
    search_pages: dict[str, SearchPage] = field(default_factory=dict)
    # The search index files written last time (path under the index folder -> text).
    search_files: dict[str, str] = field(default_factory=dict)


def _render_edition(
    digest: Digest, text: EditionText, site_name: str, site_url: str | None
) -> tuple[tuple[str, str | None], dict[str, str]]:
    """An edition's generated files, with the settings they were rendered for (run in a worker)."""
    return (site_name, site_url), render_site(digest, text, site_name, site_url)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory (Jinja checks each against its template's source on load)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket with the template's compiled code, if kept."""
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a template's compiled code."""
        self._compiled[bucket.key] = bucket.bytecode_to_string()


class GeneratedFile(File):
    """A generated file that MkDocs rebuilds in a dirty build only when its text changed."""

    changed = True

    def is_modified(self) -> bool:
        """Whether the text differs from the previous build's (always, outside `serve --dirty`)."""
        return self.changed


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _check_editions(editions: tuple[Edition, ...]) -> None:
    if editions and editions[0].path:
        raise PluginError("digest.editions: the first edition is the site root and must have no path")
    paths = [e.path for e in editions[1:]]
    if any(not p or "/" in p.strip("/") for p in paths) or len(set(paths)) != len(paths):
        raise PluginError("digest.editions: every other edition needs its own one-folder path")


def _prefix(current: Edition, other: Edition) -> str:
    """The relative path from one edition's root to another's."""
    return posixpath.relpath(other.path or ".", current.path or ".") + "/"


def _convert_theme_strings(config: MkDocsConfig, text: EditionText) -> None:
    config.site_name = text.convert(config.site_name)
    if config.site_description:
        config.site_description = text.convert(config.site_description)
    for scheme in config.theme.get("palette") or []:
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if toggle and toggle.get("name"):
            toggle["name"] = text.convert(toggle["name"])
    if config.nav:
        config.nav = _convert_nav(config.nav, text)


def _convert_nav(nav: Any, text: EditionText) -> Any:
    if isinstance(nav, list):
        return [_convert_nav(item, text) for item in nav]
    if isinstance(nav, dict):
        return {text.convert(str(k)): _convert_nav(v, text) for k, v in nav.items()}
    return nav


def _teach_jieba(taxonomy: Any, converters: Converters) -> None:
    """Players, models and glossary terms are single words for search, in both scripts."""
    for player in taxonomy.players:
        for name in player.names:
            for form in {name, converters.simplified(name), str(converters.s2t.convert(name))}:
                if len(form) > 1:
                    jieba.add_word(form, freq=200000)
    for term in taxonomy.glossary:
        for form in (term.term, *term.aliases):
            jieba.add_word(form, freq=200000)
