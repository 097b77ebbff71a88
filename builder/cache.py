"""Cleaned and extracted articles kept by content hash, so an unchanged seed is not cleaned again.

One SQLite file (the standard library's; safe to interrupt, one writer at a time). Like ingest and the
writer, this module touches the file system; the stages themselves never do. A key covers everything a
result depends on: the seed's bytes and name, its sidecar, the taxonomy (for extraction) and the
builder's own code, so editing a cleaning step empties the cache in effect.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sqlite3
from importlib import metadata
from pathlib import Path

from builder.model import Article

log = logging.getLogger(__name__)

_LIBRARIES = ("opencc", "jieba", "pyyaml", "trafilatura", "htmldate", "lxml", "autocorrect-py")


def code_fingerprint() -> str:
    """A hash of the builder's source and the versions of the libraries whose output it stores."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?".encode())
    return digest.hexdigest()


def key_of(*parts: str) -> str:
    """One key from several strings."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _connect(path: Path | None, table: str, value_type: str) -> sqlite3.Connection | None:
    """Open (or create) one cache table; a cache that cannot be opened costs time, never the build."""
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # One thread at a time, not always the one that opened it: a preview writes its search index in
        # a thread after the build, and the next build waits for it (``DigestPlugin.on_post_build``).
        db = sqlite3.connect(path, check_same_thread=False)
        db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value {value_type})")
    except (OSError, sqlite3.Error) as exc:
        log.warning("cache %s unavailable (%s): building without it", path, exc)
        return None
    return db


class ArticleCache:
    """Articles by key; ``None`` as the path gives a cache that remembers nothing on disk.

    ``memory`` (kept by a preview server between builds) holds the articles already loaded, so a
    rebuild after one edit does not read and unpickle every other article again.
    """

    def __init__(self, path: Path | None, memory: dict[str, Article] | None = None) -> None:
        self._db = _connect(path, "article", "BLOB")
        self._memory = memory

    def get(self, key: str) -> Article | None:
        """The stored article, or None."""
        if self._memory is not None and key in self._memory:
            return self._memory[key]
        article = self._load(key)
        if article is not None and self._memory is not None:
            self._memory[key] = article
        return article

    def _load(self, key: str) -> Article | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT value FROM article WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            article = pickle.loads(row[0])
        except (pickle.UnpicklingError, AttributeError, EOFError, ImportError, TypeError):
            return None
        if not isinstance(article, Article):
            return None
        return article

    def put(self, key: str, article: Article) -> None:
        """Store an article (written when the build commits)."""
        if self._memory is not None:
            self._memory[key] = article
        if self._db is not None:
            self._db.execute(
                "INSERT OR REPLACE INTO article (key, value) VALUES (?, ?)",
                (key, pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)),
            )

    def commit(self, keep: set[str]) -> None:
        """Write what was stored and forget every entry this build did not use."""
        if self._memory is not None:
            for key in self._memory.keys() - keep:
                del self._memory[key]
        if self._db is None:
            return
        used = sorted(keep)
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM used")
        self._db.executemany("INSERT OR IGNORE INTO used (key) VALUES (?)", ((k,) for k in used))
        self._db.execute("DELETE FROM article WHERE key NOT IN (SELECT key FROM used)")
        self._db.commit()

    def close(self) -> None:
        """Close the file."""
        if self._db is not None:
            self._db.close()
            self._db = None


class TermsCache:
    """Search terms of a text (word -> count) by the text's hash, between builds: cutting Chinese into
    words is the slowest part of writing the search index, and most text is unchanged."""

    def __init__(self, path: Path | None) -> None:
        self._db = _connect(path, "terms", "TEXT")
        self._used: set[str] = set()

    def get(self, key: str) -> dict[str, int] | None:
        """The stored terms, or None."""
        self._used.add(key)
        if self._db is None:
            return None
        row = self._db.execute("SELECT value FROM terms WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def touch(self, key: str) -> None:
        """Mark a stored text as still in use."""
        self._used.add(key)

    def put(self, key: str, terms: dict[str, int]) -> None:
        """Store the terms of a text."""
        if self._db is not None:
            self._db.execute(
                "INSERT OR REPLACE INTO terms (key, value) VALUES (?, ?)",
                (key, json.dumps(terms, ensure_ascii=False, sort_keys=True)),
            )

    def commit(self) -> None:
        """Write what was stored and forget the texts no build used since this cache was opened."""
        if self._db is None:
            return
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM used")
        self._db.executemany(
            "INSERT OR IGNORE INTO used (key) VALUES (?)", ((k,) for k in sorted(self._used))
        )
        self._db.execute("DELETE FROM terms WHERE key NOT IN (SELECT key FROM used)")
        self._db.commit()
        self._used.clear()
