"""Save a web page into ``seeds/`` by its address: ``python -m builder fetch URL [--name STEM]``.

The page is written as ``<stem>.html`` with a sidecar ``<stem>.yml`` holding the address and the
date it was saved. Both are written aside and renamed into place only when the whole answer
arrived, so a failed fetch leaves nothing behind. Every failure is one line naming the address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.ingest import MAX_SEED_BYTES

TIMEOUT_S = 20.0
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_USER_AGENT = "digest-builder/0.1 (+curator fetch)"


class FetchError(Exception):
    """A page could not be saved; the message is the one line the curator sees."""


@dataclass(frozen=True)
class Fetched:
    """Where a fetched page was saved."""

    page: Path
    sidecar: Path
    final_url: str


def fetch_page(
    url: str,
    seeds: Path,
    *,
    name: str | None = None,
    today: dt.date | None = None,
    timeout: float = TIMEOUT_S,
) -> Fetched:
    """Download ``url`` (redirects followed) and save it as an HTML seed with its sidecar."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise FetchError(f"{url}: not an http or https address")
    stem = name or default_stem(url)
    if not _STEM.match(stem):
        raise FetchError(f"{url}: --name {stem!r} is not a usable file name (letters, digits, . _ -)")
    page, sidecar = seeds / f"{stem}.html", seeds / f"{stem}.yml"
    for existing in (page, sidecar, seeds / f"{stem}.txt"):
        if existing.exists():
            raise FetchError(f"{url}: {existing} already exists; choose another --name")
    body, final_url = _download(url, timeout)
    meta = {"url": final_url, "fetched": (today or dt.date.today()).isoformat()}
    try:
        seeds.mkdir(parents=True, exist_ok=True)
        _write_aside(page, body)
        try:
            _write_aside(sidecar, yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).encode("utf-8"))
        except OSError:
            page.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise FetchError(f"{url}: cannot save into {seeds} ({exc.strerror or exc})") from exc
    return Fetched(page=page, sidecar=sidecar, final_url=final_url)


def default_stem(url: str) -> str:
    """A stable file name for an address: its host and a short hash (`www.hk01.com-3f2a…`)."""
    host = urllib.parse.urlsplit(url).hostname or "page"
    return f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}"


def _download(url: str, timeout: float) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in _HTML_TYPES:
                raise FetchError(f"{url}: the answer is {kind}, not an HTML page")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_SEED_BYTES:
                raise FetchError(
                    f"{url}: the page is {int(declared):,} bytes, over the {MAX_SEED_BYTES:,} a seed may be"
                )
            body = response.read(MAX_SEED_BYTES + 1)
            if len(body) > MAX_SEED_BYTES:
                raise FetchError(f"{url}: the page is over the {MAX_SEED_BYTES:,} bytes a seed may be")
            return body, response.geturl()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: cannot connect ({exc.reason})") from exc
    except TimeoutError as exc:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from exc
    except OSError as exc:
        raise FetchError(f"{url}: the transfer failed ({exc})") from exc


def _write_aside(path: Path, data: bytes) -> None:
    """Write next to ``path`` and rename into place: a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.part")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
