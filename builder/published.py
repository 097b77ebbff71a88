"""What the last publish kept for the next one, next to the cache: the whole ``PreviewState``, so the next
publish (``builder.publish``) renders only what changed, as a preview rebuild does.

Two files per site folder in the cache folder, each written whole and renamed into place (an interrupted
write leaves the previous one): ``published-<hash of its path>.pickle``, the state less its search
terms, written from the moment every edition is built; and ``….search.pickle``, what the search index
changes in the state after that (the word cutter, the character map, each edition's index files),
written once it has made them. Each starts with a short header naming the release it was made for and
the fingerprint of everything every page depends on (configuration, theme, taxonomy, library and
builder versions: ``publish.build_fingerprint``). The state part is one pickle, so the memos in it still
recognise their objects by identity; the search part names the rendered pages its terms were cut from
(by edition and URL) and is given back those very objects. The state is loaded only when both parts
name the release asked for, under the same fingerprint (a changed builder never unpickles an older
one's objects); any doubt means a full build. The files are the builder's own cache, never read from
elsewhere.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import logging
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from builder.apart import Apart
from builder.preview import NamedPages, PreviewState
from builder.search import SearchPage, Terms

log = logging.getLogger(__name__)

_FORMAT = 3
_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, KeyError)


def _record_paths(cache_dir: Path, site: Path) -> tuple[Path, Path]:
    """The state part's file and the search part's."""
    name = hashlib.blake2b(str(site.absolute()).encode("utf-8"), digest_size=8).hexdigest()
    return cache_dir / f"published-{name}.pickle", cache_dir / f"published-{name}.search.pickle"


def has_record(cache_dir: Path, site: Path, release: str, fingerprint: str) -> bool:
    """Whether a record of the publish of ``release`` into ``site`` under ``fingerprint`` is kept (the
    headers only are read: whether ``read_record`` may find the state)."""
    try:
        for path in _record_paths(cache_dir, site):
            with path.open("rb") as handle:
                if pickle.load(handle) != (_FORMAT, release, fingerprint):
                    return False
    except _UNREADABLE:
        return False
    return True


def read_record(cache_dir: Path, site: Path, release: str, fingerprint: str) -> PreviewState | None:
    """The state kept by the publish of ``release`` into ``site`` under ``fingerprint``, or None."""
    state_path, search_path = _record_paths(cache_dir, site)
    collecting = gc.isenabled()
    # Millions of objects made in one go, none of them garbage: the collector's passes over them took
    # 0.9 of the 2.4 s a record of 1,000 articles took to load.
    gc.disable()
    try:
        with state_path.open("rb") as handle:
            if pickle.load(handle) != (_FORMAT, release, fingerprint):
                return None
            state = pickle.load(handle)
        if not isinstance(state, PreviewState):
            return None
        with search_path.open("rb") as handle:
            if pickle.load(handle) != (_FORMAT, release, fingerprint):
                return None
            search = _SearchUnpickler(handle, state).load()
        if not isinstance(search, _SearchPart):
            return None
    except FileNotFoundError:
        return None
    except _UNREADABLE as exc:
        log.info("publish record %s unreadable (%s): full build", state_path, exc)
        return None
    finally:
        # What was loaded lives to the end of the publish: frozen, the collector's full passes skip its
        # millions of objects (three of them took 0.4 s of a publish of ten new articles at 1,000), and
        # a forked process (``Apart``, the other editions) copies none of their pages by marking them.
        gc.freeze()
        if collecting:
            gc.enable()
    state.terms, state.characters = search.terms, search.characters
    for number, files in search.search_files.items():
        state.edition(number).search_files = files
    return state


@dataclass(frozen=True)
class _SearchPart:
    """What the search index changes in the state once every edition is built."""

    terms: Terms | None
    characters: dict[str, str]
    search_files: dict[int, dict[str, str]]


def _named_page(number: int, url: str) -> SearchPage:
    """A page of the state part, by name: only ``_SearchUnpickler`` calls it, bound to that state."""
    raise pickle.UnpicklingError(f"page {number} {url} outside a publish record")


class _SearchPickler(pickle.Pickler):
    """Writes the rendered pages the state part holds by name (``_named_page``): their terms are kept
    while the same page objects come back (``Terms.of_page``)."""

    def __init__(self, file: BinaryIO, names: NamedPages) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._names = names

    def reducer_override(self, obj: Any) -> Any:  # pickle's signature
        # Called for objects other than built-in containers and scalars: pages, their terms.
        if type(obj) is SearchPage:
            known = self._names.get(id(obj))
            if known is not None and known[0] is obj:
                return _named_page, known[1]
        return NotImplemented


class _SearchUnpickler(pickle.Unpickler):
    def __init__(self, file: BinaryIO, state: PreviewState) -> None:
        super().__init__(file)
        self._state = state

    def find_class(self, module: str, name: str) -> Any:  # pickle's signature
        if module == __name__ and name == _named_page.__name__:
            editions = self._state.editions
            return lambda number, url: editions[number].search_pages[url]
        return super().find_class(module, name)


@dataclass
class _PendingFile:
    """One part being written aside, renamed into place once done."""

    path: Path
    partial: Path
    writing: Apart

    @staticmethod
    def start(path: Path, what: str, write: Callable[[BinaryIO], None]) -> _PendingFile:
        partial = path.with_name(f".{path.name}.{os.getpid()}")

        def task(alive: Callable[[], bool]) -> None:
            with partial.open("wb") as handle:
                write(handle)

        return _PendingFile(path, partial, Apart(what, task))

    def written(self) -> None:
        """Wait for the part to be written (OSError if it could not be)."""
        try:
            self.writing.wait()
        except OSError:
            self.partial.unlink(missing_ok=True)
            raise

    def discard(self) -> None:
        self.writing.wait(check=False)
        self.partial.unlink(missing_ok=True)


class PendingRecord:
    """A record written aside while the build ends, each part in a forked process (``Apart``) that keeps
    the state as it was when the part was started, whatever the build does next: the state part once
    every edition is built (``write_state``; pickling the state of 1,000 articles took 1.3 s, now beside
    the search index), the search part once the index is made (``write_search``). ``place`` renames both
    into place, once the release they describe is live; ``discard`` drops them."""

    def __init__(self, cache_dir: Path, site: Path, release: str, fingerprint: str) -> None:
        self._paths = _record_paths(cache_dir, site)
        self._cache_dir = cache_dir
        self._header = (_FORMAT, release, fingerprint)
        self._state: _PendingFile | None = None
        self._search: _PendingFile | None = None
        self._names: NamedPages = {}

    def write_state(self, state: PreviewState) -> None:
        """Start writing the state part: from now on only the search part's contents may change."""
        self.discard()
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        self._names = state.named_pages()
        kept = copy.copy(state)
        kept.terms = None  # the search part's
        header = self._header

        def write(handle: BinaryIO) -> None:
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(kept, handle, protocol=pickle.HIGHEST_PROTOCOL)

        self._state = _PendingFile.start(self._paths[0], "keeping the state for the next publish", write)

    @property
    def settled(self) -> bool:
        """Whether the search part, the last, is being written (``write_search``)."""
        return self._search is not None

    def write_search(self, state: PreviewState) -> None:
        """Start writing the search part (and the state part, if not started)."""
        if self._state is None:
            self.write_state(state)
        if self._search is not None:
            self._search.discard()
        part = _SearchPart(
            state.terms,
            state.characters,
            {number: output.search_files for number, output in sorted(state.editions.items())},
        )
        header, names = self._header, self._names

        def write(handle: BinaryIO) -> None:
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            _SearchPickler(handle, names).dump(part)

        what = "keeping the search terms for the next publish"
        self._search = _PendingFile.start(self._paths[1], what, write)

    def place(self) -> None:
        """Wait for both parts to be written, then rename them into place (OSError if they could not
        be; then neither is). Between the two renames the parts name different releases, which
        ``read_record`` refuses: an interruption there means a full build, never a mixed state."""
        if self._state is None or self._search is None:
            raise OSError("the state was never settled")
        parts = (self._state, self._search)
        try:
            for part in parts:
                part.written()
            for part in parts:
                os.replace(part.partial, part.path)
        except OSError:
            self.discard()
            raise
        self._state = self._search = None

    def discard(self) -> None:
        """The release was not published: wait for the writing and drop what it wrote."""
        for part in (self._state, self._search):
            if part is not None:
                part.discard()
        self._state = self._search = None
        self._names = {}
