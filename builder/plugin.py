"""MkDocs wiring only: build the digest from seeds/ during every build and serve reload."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from builder.config import DigestConfig
from builder.digest import build_digest
from builder.extract.options import make_extract_options
from builder.ingest import read_taxonomy
from builder.pages.site import render_site
from builder.script import Converters, make_converters

log = logging.getLogger("mkdocs.plugins.digest")


class DigestPlugin(BasePlugin[DigestConfig]):
    """Generates the digest's pages from the seeds and the taxonomy."""

    def __init__(self) -> None:
        self._converters: Converters | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this hook keeps one plugin instance across `mkdocs serve` rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Build the OpenCC converters once and teach jieba the players' names for search."""
        if self._converters is None:
            self._converters = make_converters()
        taxonomy = read_taxonomy(Path(self.config.taxonomy))
        for player in taxonomy.players:
            for name in player.names:
                for form in {
                    name,
                    self._converters.simplified(name),
                    str(self._converters.s2t.convert(name)),
                }:
                    if len(form) > 1:
                        jieba.add_word(form, freq=200000)
        for term in taxonomy.glossary:
            for form in (term.term, *term.aliases):
                jieba.add_word(form, freq=200000)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages; a page a person wrote by hand always wins."""
        assert self._converters is not None
        taxonomy = read_taxonomy(Path(self.config.taxonomy))
        digest = build_digest(
            Path(self.config.seeds),
            taxonomy,
            self._converters,
            make_extract_options(taxonomy, self._converters),
        )
        for message in (s.message for s in digest.skipped):
            log.warning("seed skipped: %s", message)
        for path, content in render_site(digest).items():
            if files.get_file_from_path(path) is not None:
                log.info("keeping the hand-written %s instead of generating it", path)
                continue
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when a seed, a sidecar or the taxonomy changes."""
        server.watch(str(Path(self.config.seeds).resolve()))
        server.watch(str(Path(self.config.taxonomy).resolve()))
        return server
