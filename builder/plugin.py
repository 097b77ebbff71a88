"""MkDocs wiring only: build the digest from seeds/ in every build, once per edition.

The stages live elsewhere: reading and cleaning (``builder.digest``), rendering pages
(``builder.pages.site``), the other editions and the search index (``builder.editions_runner``); what
is kept between builds lives in one ``PreviewState`` (``builder.preview``).
"""

from __future__ import annotations

import logging
import os
import posixpath
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from builder.config import DigestConfig
from builder.digest import PARALLEL_FROM, DigestOptions, build_digest
from builder.editions import Edition, EditionText, make_edition_text
from builder.editions_runner import (
    EDITION_KEY,
    EditionsBuilt,
    OtherEditionsApart,
    SharedBuild,
    build_other_editions,
    cut_for_search,
    write_search_index,
)
from builder.errors import BuilderError
from builder.extract.options import make_extract_options
from builder.ingest import read_taxonomy
from builder.pages.markup import GeneratedHtmlBlocks
from builder.pages.site import RenderMemo, Unchanged, render_pages, render_site
from builder.preview import PreviewState, StateKeeping
from builder.progress import Progress
from builder.search import SearchPage, TermsPrefetch, page_for_search, search_words
from builder.taxonomy import Taxonomy
from builder.wordcut import load_dictionary
from builder.writer import remove_outputs, text_hash

log = logging.getLogger("mkdocs.plugins.digest")


def _nothing() -> None:
    """Nothing to wait for."""


class DigestPlugin(BasePlugin[DigestConfig]):
    """Generates the digest's pages from the seeds and the taxonomy, in every edition."""

    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds; handed to the other editions' builds by reference.
        self._state = PreviewState()
        # This build: which edition, its converter, the digest and what the editions share.
        self._editions: tuple[Edition, ...] = ()
        self._number = 0
        self._text: EditionText | None = None
        self._site_name = ""
        self._dirty = False
        # MkDocs' command: the other editions are built in a forked process only by `build`, whose
        # process runs no other threads at that point (`serve` does: forking them would be unsafe).
        self._command = ""
        # The other editions' builds running in a forked process meanwhile (large cold builds).
        self._apart: OtherEditionsApart | None = None
        # Whether the memos are used: in a preview (dirty) and when publishing keeps the state.
        self._keep = False
        # Returns once the published release this build starts from is copied (``resume``).
        self._copied: Callable[[], None] = _nothing
        # Told when this build's state stops changing, in two steps (a publish keeps it: ``keep_state``).
        self._keeper: StateKeeping | None = None
        self._shared: SharedBuild | None = None
        self._search_pages: dict[str, SearchPage] = {}
        # A preview's search index, written after its build (``on_post_build``); whether one was built.
        self._indexing: threading.Thread | None = None
        self._built_once = False
        # Counts the pages MkDocs converts, then writes, for progress lines on long builds.
        self._progress: Progress | None = None
        self._started = time.perf_counter()

    @property
    def search_pages(self) -> dict[str, SearchPage]:
        """This edition's rendered pages as search sees them, by page URL."""
        return self._search_pages

    @property
    def state(self) -> PreviewState:
        """Everything this plugin keeps between builds (for ``builder.published`` to keep)."""
        return self._state

    def keep_state(self, keeper: StateKeeping | None = None) -> None:
        """Use the memos in this build too, so its state can serve the next publish; from a new state, as
        a full build starts from nothing (MkDocs hands a process's later builds this same instance, as
        it has ``on_startup``). ``keeper`` is told when the state stops changing (``StateKeeping``: once
        every edition is built, and before the search index's files are written), to keep it meanwhile."""
        self._state = PreviewState()
        self._keep = True
        self._copied = _nothing
        self._keeper = keeper

    def resume(
        self,
        state: PreviewState,
        copied: Callable[[], None] = _nothing,
        keeper: StateKeeping | None = None,
    ) -> None:
        """Build over a copy of a published release with the state its publish kept (called before the
        build, which must then be a dirty one: ``on_startup(dirty=True)``); ``copied`` returns once the
        copy is complete (it may still be under way), and is called before anything is written;
        ``keeper`` as for ``keep_state``."""
        self._state = state
        self._keep = True
        self._copied = copied
        self._keeper = keeper

    def join(self, shared: SharedBuild) -> None:
        """Build this edition from the primary build's digest and state (called before its build)."""
        self._shared = shared
        self._state = shared.state
        self._dirty = shared.dirty
        self._keep = shared.memoised

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this hook keeps one plugin instance across `mkdocs serve` rebuilds."""
        self._command = command
        self._dirty = dirty
        self._built_once = False
        if dirty:
            # `mkdocs serve --dirty` warns that navigation may be stale; ours is fixed in mkdocs.yml
            # and every page whose generated text changed is rebuilt, so the warning (which would
            # stop a strict build) does not apply.
            logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())

    def on_shutdown(self) -> None:
        """A publish's ``keep_state`` or ``resume`` was for its build only: a later build in this process
        (MkDocs hands it this same instance) uses the memos only if it asks again or is a preview."""
        self._wait_for_search_index()
        self._keep = False
        self._keeper = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load the taxonomy, pick this build's edition, convert the theme's own strings."""
        self._wait_for_search_index()
        if not config.use_directory_urls:
            # HTML blocks (``markup.quote_block``, ``markup.table``) and the feed write page URLs themselves.
            raise PluginError(
                "digest: use_directory_urls must stay true in mkdocs.yml (pages link by directory URLs)"
            )
        if not any(isinstance(e, GeneratedHtmlBlocks) for e in config.markdown_extensions):
            # MkDocs types the list as names; Python-Markdown, which receives it, takes instances too.
            config.markdown_extensions.append(GeneratedHtmlBlocks())  # type: ignore[arg-type]
        try:
            taxonomy = self._state.adopt_taxonomy(read_taxonomy(Path(self.config.taxonomy)))
        except BuilderError as exc:
            raise PluginError(str(exc)) from exc
        self._editions = tuple(Edition(**dict(e)) for e in self.config.editions)
        _check_editions(self._editions, taxonomy)
        self._number = int(config.extra.get(EDITION_KEY, 0))
        self._text = None
        if self._editions:
            edition = self._editions[self._number]
            self._text = make_edition_text(edition, taxonomy.names, taxonomy.conversions_for(edition.code))
            self._site_name = config.site_name  # as written, before this edition converts it
            _convert_theme_strings(config, self._text)
            config.theme["language"] = edition.language
            config.extra["digest_not_found"] = {
                key: self._text.convert(words) for key, words in _NOT_FOUND.items()
            }
            config.extra["alternate"] = True  # makes Material include our partials/alternate.html
            config.extra["digest_switch"] = [
                {"label": other.label, "lang": other.code, "prefix": _prefix(edition, other)}
                for other in self._editions
                if other is not edition
            ]
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read every seed once per build (the other editions are handed the digest by ``join``)."""
        if self._number != 0 and self._shared is not None:
            return
        taxonomy = self._state.taxonomy
        assert taxonomy is not None
        converters = self._state.converters
        extract = make_extract_options(taxonomy, converters)
        # Relative, so messages on the site name `seeds/x.txt`, not this machine's full paths.
        seeds = Path(os.path.relpath(self.config.seeds))
        self._started = time.perf_counter()
        options = DigestOptions(
            cache=Path(self.config.cache_dir) / "articles.sqlite" if self.config.cache_dir else None,
            memo=self._state.digest if self._memoised else None,
            workers=self._workers,
            progress=log,
        )
        digest = build_digest(seeds, taxonomy, converters, extract, options)
        # INFO, not WARNING: a bad seed must not fail a strict MkDocs build unless strict_seeds asks.
        for skipped in digest.skipped:
            log.info("seed skipped: %s", skipped.message)
        if self.config.strict_seeds and digest.skipped:
            problems = "; ".join(s.message for s in digest.skipped)
            raise PluginError(
                f"digest.strict_seeds: {len(digest.skipped)} seed(s) cannot be read: {problems}"
            )
        self._shared = SharedBuild(converters, digest, self._state, self._dirty, self._memoised)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages; a page a person wrote by hand always wins."""
        # Nothing is written into the new release before this (nor a process forked: the copy's wait).
        self._copied()
        self._copied = _nothing
        shared = self._shared
        assert shared is not None
        site_url = config.site_url or None
        started = time.perf_counter()
        memo = self._state.render if self._memoised else None
        if self._number == 0 and self._large_build(shared):
            self._start_helpers(config, shared, memo)
            shared = self._shared
            assert shared is not None
        generated = render_site(shared.digest, self._text, config.site_name, site_url, memo=memo)
        log.info("digest: %d pages written (%.1f s)", len(generated), time.perf_counter() - started)
        output = self._state.edition(self._number)
        changed = 0
        hashes = {
            path: content.text_hash if isinstance(content, Unchanged) else text_hash(content)
            for path, content in generated.items()
        }
        for path, content in generated.items():
            if files.get_file_from_path(path) is not None:
                log.info("keeping the hand-written %s instead of generating it", path)
                continue
            # Reached through the index pages, not the navigation; a hand-written page left out of
            # the navigation still gets MkDocs' warning.
            file = GeneratedFile.generated(
                config,
                path,
                content="" if isinstance(content, Unchanged) else content,
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
            assert isinstance(file, GeneratedFile)
            file.changed = not self._dirty or output.generated.get(path) != hashes[path]
            if isinstance(content, Unchanged):
                # Its text was not made again: only a dirty build, which leaves the file the last build
                # wrote, may skip it (``render_site`` gives Unchanged only against a kept memo).
                if file.changed:
                    raise PluginError(
                        f"{path}: unchanged but not in the last build's output; run a full build"
                    )
                file.unchanged = True
            changed += file.changed
            files.append(file)
        if self._dirty:
            gone = sorted(output.generated.keys() - generated.keys())
            remove_outputs(
                [File.generated(config, p, content="").dest_uri for p in gone], Path(config.site_dir)
            )
            log.info("digest: %d generated files changed, %d removed", changed, len(gone))
        output.generated = hashes
        # As Page.url names them (the home page's File.url is "./", its Page.url "").
        pages = {"" if f.url in (".", "./") else f.url for f in files.documentation_pages()}
        output.search_pages = {url: p for url, p in output.search_pages.items() if url in pages}
        self._search_pages = output.search_pages
        self._finish_progress()
        self._progress = self._start_progress("converting", files)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """In an incremental build, give the navigation the titles of pages it does not render.

        MkDocs takes a page's title from its first heading when it renders it; a page left unrendered
        would be listed as "None" in the navigation of every page that is (a nav entry without a
        title, like `- about.md`, showed so after a seed edit)."""
        if not self._dirty:
            return nav
        for page in nav.pages:
            if page.title is None and not page.file.is_modified():
                page.read_source(config)
                if page.markdown is not None and self._text is not None:
                    page.markdown = self._text.convert(page.markdown)
        return nav

    def _start_progress(self, doing: str, files: Files) -> Progress:
        """Count the pages this build renders (in a dirty build, those modified)."""
        total = sum(1 for f in files.documentation_pages() if not self._dirty or f.is_modified())
        label = self._editions[self._number].label if self._editions else ""
        return Progress(log, f"{doing} {label} pages".replace("  ", " "), total)

    def _finish_progress(self) -> None:
        if self._progress is not None:
            self._progress.finish()
            self._progress = None

    @property
    def _workers(self) -> int:
        """Processes the digest may use: as configured, else one per core."""
        return self.config.workers or os.cpu_count() or 1

    @property
    def _memoised(self) -> bool:
        return self._dirty or self._keep

    def _large_build(self, shared: SharedBuild) -> bool:
        """Whether this build is worth other cores: a publish (not a preview, whose process runs
        threads a fork would not copy) of a large digest, with workers allowed."""
        return self._command == "build" and self._workers > 1 and len(shared.digest.articles) >= PARALLEL_FROM

    def _start_helpers(self, config: MkDocsConfig, shared: SharedBuild, memo: RenderMemo | None) -> None:
        """Start the other editions' builds in a forked process (after the pages every edition shares
        are rendered, which it then reuses); in a full build, then the search word cutters, which
        MkDocs' rendering on one core leaves room for."""
        taxonomy = self._state.taxonomy
        assert taxonomy is not None
        if len(self._editions) > 1 and hasattr(os, "fork"):
            if memo is not None:
                render_pages(shared.digest, memo)
            cutters = 0 if self._dirty else self._workers - 1
            self._apart = OtherEditionsApart(config, self._editions, shared, cutters)
        if not self._dirty:
            # The pages' words cut for search meanwhile, on the cores MkDocs leaves free.
            prefetch = TermsPrefetch(search_words(taxonomy, shared.converters), self._workers - 1)
            self._shared = replace(shared, prefetch=prefetch)

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The not-found page links into its own edition: MkDocs gives a static template the site
        root as its base, which for the 繁體 edition is the other edition."""
        if template_name == "404.html" and self._editions:
            root = (
                urlsplit(config.site_url).path if config.site_url else "/" + self._editions[self._number].path
            )
            # With a trailing slash, as MkDocs writes it: Material resolves the search index against it.
            context["base_url"] = root.rstrip("/") + "/"
        return context

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Reuse compiled templates (each edition is a build of its own, with a new environment); count
        the pages MkDocs now writes with the theme."""
        env.bytecode_cache = self._state.templates
        if self._dirty:
            # A file MkDocs copies (a hand-written docs/…/index.html) may be linked to the live release
            # (``publish.copy_release`` links every index.html); MkDocs copies into it, so make way.
            for file in files:
                named = posixpath.basename(file.dest_uri) == "index.html"
                copied = named and not file.is_documentation_page()
                if copied and file.is_modified():
                    Path(file.abs_dest_path).unlink(missing_ok=True)
        self._finish_progress()
        self._progress = self._start_progress("writing", files)
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
        self._search_pages[page.url] = found = page_for_search(page.url, page.title or "", html)
        if self._shared is not None and self._shared.prefetch is not None:
            self._shared.prefetch.add(found)
        if self._progress is not None:
            self._progress.step()
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Count a page written; make way for it. MkDocs writes into an existing file, and an
        incremental publish starts from links to the live release's files (``publish.copy_release``):
        the old file is deleted so the new one does not change the live release."""
        if self._progress is not None:
            self._progress.step()
        Path(page.file.abs_dest_path).unlink(missing_ok=True)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """From the primary build: build the other editions, then make search script-blind."""
        self._finish_progress()
        if self._number != 0:
            return
        shared = self._shared
        assert shared is not None
        site = Path(config.site_dir)
        # Taken first: building another edition here switches this instance to it.
        primary = self._search_pages
        apart, self._apart = self._apart, None
        if apart is not None and shared.prefetch is None:  # else the prefetch's workers cut them
            cut_for_search(primary.values(), shared, self.config.cache_dir)
        built = apart.collect(self._state, shared.digest) if apart is not None else None
        if built is None:
            built = EditionsBuilt(build_other_editions(config, self._editions, shared), [])
        editions_pages = [primary, *built.search_pages]
        background = self._command == "serve" and self._built_once
        keeper = self._keeper
        if keeper is not None:
            keeper.editions_built(self._state)
        index = partial(
            self._write_search_index,
            site,
            editions_pages,
            shared,
            built.cut,
            background=background,
            settled=partial(keeper.settled, self._state) if keeper is not None else None,
        )
        if background:
            # A preview shows the edit now and brings search up to date a second later: the index is
            # the last second of a 3 s rebuild at 1,000 articles, and MkDocs' server holds every page
            # back until a build is over. The next build waits for it (``on_config``).
            self._indexing = threading.Thread(target=index, name="digest-search-index")
            self._indexing.start()
        else:
            index()
        self._built_once = True
        digest = shared.digest
        log.info(
            "digest: %d articles, %d flags, %d seeds skipped; %d pages in %d edition(s); built in %.1f s",
            len(digest.articles),
            sum(len(a.flags) for a in digest.articles),
            len(digest.skipped),
            sum(len(pages) for pages in editions_pages),
            len(editions_pages),
            time.perf_counter() - self._started,
        )

    def _write_search_index(
        self,
        site: Path,
        editions_pages: list[dict[str, SearchPage]],
        shared: SharedBuild,
        cut: list[tuple[str, str, dict[str, int]]],
        *,
        background: bool,
        settled: Callable[[], None] | None,
    ) -> None:
        """Write the search index (in the ``background`` of a preview: an error is logged, not raised)."""
        started = time.perf_counter()
        try:
            size = write_search_index(
                site,
                self._editions,
                editions_pages,
                shared,
                self.config.cache_dir,
                cut=cut,
                settled=settled,
                served=self._command == "serve",
            )
        except Exception as exc:  # in a preview's thread: said in the log, not as a trace
            if not background:
                raise
            log.error("digest: the search index could not be written: %s", exc)
            return
        log.info("digest: search index written, %.1f MB (%.1f s)", size / 1e6, time.perf_counter() - started)
        if self._command == "serve":
            # The first edit would load jieba's dictionary for its summary (the first build may have
            # found every text's terms in the cache and loaded none); loaded now, while nothing waits.
            threading.Thread(target=load_dictionary, name="jieba-dictionary", daemon=True).start()

    def _wait_for_search_index(self) -> None:
        """Let the last preview build's search index be written (it uses the kept state)."""
        if self._indexing is not None:
            self._indexing.join()
            self._indexing = None

    def on_build_error(self, *, error: Exception) -> None:
        """Stop the other editions' build and the search workers of a failed build."""
        if self._apart is not None:
            self._apart.stop()
            self._apart = None
        if self._shared is not None and self._shared.prefetch is not None:
            self._shared.prefetch.close()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when a seed, a sidecar or the taxonomy changes."""
        server.watch(str(Path(self.config.seeds).resolve()))
        server.watch(str(Path(self.config.taxonomy).resolve()))
        return server


class GeneratedFile(File):
    """A generated file that MkDocs rebuilds in a dirty build only when its text changed."""

    changed = True
    # Its text was not made again (``pages.site.Unchanged``): reading it is an error, never a blank page.
    unchanged = False

    def is_modified(self) -> bool:
        """Whether the text differs from the previous build's (always, outside `serve --dirty`)."""
        return self.changed

    @property
    def content_bytes(self) -> bytes:
        """The text as bytes; an unchanged file's was never made (MkDocs never reads it in a dirty
        build: reading it is a bug, said as one, not a blank page)."""
        self._refuse_if_unchanged()
        return cast(bytes, File.content_bytes.fget(self))  # type: ignore[attr-defined]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_string(self) -> str:
        """The text (see ``content_bytes``)."""
        self._refuse_if_unchanged()
        return cast(str, File.content_string.fget(self))  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    def _refuse_if_unchanged(self) -> None:
        if self.unchanged:
            raise PluginError(f"{self.src_uri}: read, but its text was not made again (unchanged)")


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


# The not-found page's words (theme/404.html), written in Simplified and converted per edition.
_NOT_FOUND = {
    "title": "找不到这个页面",
    "message": "这个地址在文摘里没有页面：可能是链接写错了，或者页面已经移走。",
    "home": "回到首页",
    "articles": "全部文章",
    "themes": "主题",
    "search": "也可以用页面顶部的搜索框找文章和段落。",
}


def _check_editions(editions: tuple[Edition, ...], taxonomy: Taxonomy) -> None:
    codes = {e.code for e in editions}
    for code, _ in taxonomy.conversions:
        if code not in codes:
            raise PluginError(
                f"taxonomy conversions.{code}: no edition has this code ({', '.join(sorted(codes))} do)"
            )
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
