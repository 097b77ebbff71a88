"""What the last published build made, kept next to the cache, so the next publish renders only what
changed (``builder.publish``).

One file per site folder, ``published-<hash of its path>.pickle`` in the cache folder, written whole
and renamed into place (an interrupted write leaves the previous record). It holds, for the release
it describes: the fingerprint of everything every page depends on (configuration, theme, taxonomy,
library and builder versions: ``publish.build_fingerprint``), and per edition what each generated file
and search index file was made from (a hash of its text) and each page as search saw it. A record is
used only for the release it names and under the same fingerprint; any doubt means a full build.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from builder.preview import EditionOutput

log = logging.getLogger(__name__)

_FORMAT = 1


@dataclass(frozen=True)
class PublishedRecord:
    """The outputs of one published release."""

    release: str
    fingerprint: str
    outputs: dict[int, EditionOutput]


def _record_path(cache_dir: Path, site: Path) -> Path:
    name = hashlib.blake2b(str(site.absolute()).encode("utf-8"), digest_size=8).hexdigest()
    return cache_dir / f"published-{name}.pickle"


def read_record(cache_dir: Path, site: Path) -> PublishedRecord | None:
    """The record of the last publish into ``site``, or None (none kept, unreadable, another format)."""
    path = _record_path(cache_dir, site)
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
        log.info("publish record %s unreadable (%s): full build", path, exc)
        return None
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != _FORMAT:
        return None
    record = stored[1]
    return record if isinstance(record, PublishedRecord) else None


def write_record(cache_dir: Path, site: Path, record: PublishedRecord) -> None:
    """Keep the record of a release just published into ``site`` (written aside, renamed into place)."""
    path = _record_path(cache_dir, site)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    with partial.open("wb") as handle:
        pickle.dump((_FORMAT, record), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)
