"""What the last publish kept for the next one, next to the cache: the whole ``PreviewState``, so the next
publish (``builder.publish``) renders only what changed, as a preview rebuild does.

One file per site folder, ``published-<hash of its path>.pickle`` in the cache folder, written whole
and renamed into place (an interrupted write leaves the previous record). A short header names the
release it was made for and the fingerprint of everything every page depends on (configuration,
theme, taxonomy, library and builder versions: ``publish.build_fingerprint``); the state follows, one
pickle, so the memos in it still recognise their objects by identity. The state is loaded only for the
release named and under the same fingerprint (a changed builder never unpickles an older one's
objects); any doubt means a full build. The file is the builder's own cache, never read from elsewhere.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from builder.apart import Apart
from builder.preview import PreviewState

log = logging.getLogger(__name__)

_FORMAT = 2


def _record_path(cache_dir: Path, site: Path) -> Path:
    name = hashlib.blake2b(str(site.absolute()).encode("utf-8"), digest_size=8).hexdigest()
    return cache_dir / f"published-{name}.pickle"


def has_record(cache_dir: Path, site: Path, release: str, fingerprint: str) -> bool:
    """Whether a record of the publish of ``release`` into ``site`` under ``fingerprint`` is kept (its
    header only is read: whether ``read_record`` may find the state)."""
    try:
        with _record_path(cache_dir, site).open("rb") as handle:
            return bool(pickle.load(handle) == (_FORMAT, release, fingerprint))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return False


def read_record(cache_dir: Path, site: Path, release: str, fingerprint: str) -> PreviewState | None:
    """The state kept by the publish of ``release`` into ``site`` under ``fingerprint``, or None."""
    path = _record_path(cache_dir, site)
    collecting = gc.isenabled()
    # Millions of objects made in one go, none of them garbage: the collector's passes over them took
    # 0.9 of the 2.4 s a record of 1,000 articles took to load.
    gc.disable()
    try:
        with path.open("rb") as handle:
            header = pickle.load(handle)
            if header != (_FORMAT, release, fingerprint):
                return None
            state = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as exc:
        log.info("publish record %s unreadable (%s): full build", path, exc)
        return None
    finally:
        if collecting:
            gc.enable()
    return state if isinstance(state, PreviewState) else None


@dataclass
class PendingRecord:
    """A record being written aside (``write_record_aside``), put in place once its release is live."""

    path: Path
    partial: Path
    writing: Apart

    def place(self) -> None:
        """Wait for the record to be written, then rename it into place (OSError if it could not be)."""
        try:
            self.writing.wait()
            os.replace(self.partial, self.path)
        except OSError:
            self.partial.unlink(missing_ok=True)
            raise

    def discard(self) -> None:
        """Its release was not published: wait for the writing and drop what it wrote."""
        self.writing.wait(check=False)
        self.partial.unlink(missing_ok=True)


def write_record_aside(
    cache_dir: Path, site: Path, release: str, fingerprint: str, state: PreviewState
) -> PendingRecord:
    """Start keeping ``state`` as the record of ``release``, as it is now, in a forked process (``Apart``)
    while the build goes on: pickling the state of 1,000 articles took 1.3 s, the last of a publish of
    ten new articles, after the search index; beside the search index's files being written, most of
    it is gone from the publish. The fork keeps the state as it was at this moment whatever the build
    does next; the record is renamed into place by ``PendingRecord.place``, once ``release`` is live."""
    path = _record_path(cache_dir, site)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")

    def write(alive: Callable[[], bool]) -> None:
        with partial.open("wb") as handle:
            pickle.dump((_FORMAT, release, fingerprint), handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)

    return PendingRecord(path, partial, Apart("keeping the state for the next publish", write))
