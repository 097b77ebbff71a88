"""Everything the builder keeps between builds in one process, in one object with one owner.

The primary edition's plugin instance creates a ``PreviewState`` and hands it, by reference, to every
other edition's build (``builder.editions_runner``). In ``mkdocs serve --dirty`` MkDocs keeps that plugin
instance across rebuilds, so the state lives from one edit to the next: each memo in it is reused only
when its inputs are equal to, or the very same objects as, what it was made from. ``python -m builder
build`` keeps it from one publish to the next (``builder.published``: the state in one pickle, which
keeps the identity of the objects inside it, and its search terms beside it, given back the same
rendered pages); a plain ``mkdocs build`` uses it for one build only.

Each part is owned here and defined by the stage that reads it:

- ``digest``: articles already loaded or made, by cache key, and the copies found among them
  (``builder.digest.DigestMemo``, ``builder.duplicates.CopiesMemo``);
- ``render``: the related lists, theme and player lines per article, article pages, conversions and
  ``digest.json`` parts (``builder.pages.site.RenderMemo``);
- ``editions``: what each edition generated and wrote last time, so a rebuild writes only what
  changed (``EditionOutput``);
- ``templates``: the theme's compiled templates (``TemplateCache``);
- ``terms``: the search word cutter and what it has cut (``builder.search.Terms``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import jinja2
import jinja2.bccache

from builder.digest import DigestMemo
from builder.pages.site import RenderMemo
from builder.script import Converters, make_converters
from builder.search import SearchPage, Terms
from builder.taxonomy import Taxonomy

# Rendered pages by ``id``: each page with its name (its edition's number, its URL).
NamedPages = dict[int, tuple[SearchPage, tuple[int, str]]]


@dataclass
class EditionOutput:
    """What one edition generated in the previous build."""

    # Generated file path under docs/ -> the hash of its text (``writer.text_hash``).
    generated: dict[str, str] = field(default_factory=dict)
    # Rendered pages as search sees them, by page URL.
    search_pages: dict[str, SearchPage] = field(default_factory=dict)
    # The search index files written (path under the index folder -> the hash of its text).
    search_files: dict[str, str] = field(default_factory=dict)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory (Jinja checks each against its template's source on load): every
    edition is a build of its own, with a new Jinja environment, and would compile them again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket with the template's compiled code, if kept."""
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a template's compiled code."""
        self._compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class PreviewState:
    """The one owner of everything kept between builds (see the module's documentation)."""

    digest: DigestMemo = field(default_factory=DigestMemo)
    render: RenderMemo = field(default_factory=RenderMemo)
    editions: dict[int, EditionOutput] = field(default_factory=dict)
    templates: TemplateCache = field(default_factory=TemplateCache)
    # The taxonomy of the last build: an unchanged one is kept as the same object, which the memos
    # recognise by identity (comparing the whole taxonomy per page would cost more).
    taxonomy: Taxonomy | None = None
    # Search terms: cut again when the taxonomy (the words taught to jieba) changes.
    terms: Terms | None = None
    # Traditional -> Simplified character map for the search worker (made once).
    characters: dict[str, str] = field(default_factory=dict)
    _converters: Converters | None = field(default=None, repr=False)

    def __getstate__(self) -> dict[str, object]:
        """Kept between publishes (``builder.published``) without the OpenCC converters, made again."""
        return {k: v for k, v in self.__dict__.items() if k != "_converters"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._converters = None

    @property
    def converters(self) -> Converters:
        """The OpenCC converters, made once per process (loading them takes a while)."""
        if self._converters is None:
            self._converters = make_converters()
        return self._converters

    def adopt_taxonomy(self, taxonomy: Taxonomy) -> Taxonomy:
        """The taxonomy to build with: the kept object when equal to the new one; a changed one
        replaces it and the search terms are cut again."""
        if self.taxonomy is not None and self.taxonomy == taxonomy:
            return self.taxonomy
        if self.taxonomy is not None:
            self.terms = None
        self.taxonomy = taxonomy
        return taxonomy

    def edition(self, number: int) -> EditionOutput:
        """What edition ``number`` generated last time (empty before its first build)."""
        return self.editions.setdefault(number, EditionOutput())

    def named_pages(self, first: int = 0) -> NamedPages:
        """The rendered pages of edition ``first`` and those after it, by ``id``, each with its name
        (edition number, URL), by which it travels between processes and into a publish's record. Held
        with the pages themselves, so an id cannot pass to a page made later."""
        return {
            id(page): (page, (number, url))
            for number, output in sorted(self.editions.items())
            if number >= first
            for url, page in output.search_pages.items()
        }


class StateKeeping(Protocol):
    """What a publish gives the primary edition's plugin to keep the state for the next publish
    (``builder.publish``): told when the state stops changing, in two steps, so most of it is kept while
    the search index is still being made."""

    def editions_built(self, state: PreviewState) -> None:
        """Every edition is built: from now on only the search index changes the state (its word
        cutter, the character map, each edition's search files)."""

    def settled(self, state: PreviewState) -> None:
        """Nothing in this build changes the state any more (before the index's files are written)."""
