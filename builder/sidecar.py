"""The curator's per-seed overrides (``seeds/<stem>.yml``), validated strictly: unknown keys are errors."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, get_args

import yaml

from builder.errors import SidecarError
from builder.model import Prose, Sidecar

# key -> what it holds; the error message quotes this so the curator knows what to write.
SIDECAR_KEYS: dict[str, str] = {
    "title": "the article's title (text)",
    "date": "publication date as YYYY-MM-DD",
    "author": "the author's name (text)",
    "source": "the site or publication (text)",
    "url": "the original address (http or https)",
    "fetched": "the date the page was saved, as YYYY-MM-DD (written by `python -m builder fetch`)",
    "keep": "lines to keep even if they look like site chrome (list of text)",
    "drop": "lines to drop even if they look like article text (list of text)",
    "prose": "where Traditional-script prose was written: mainland, taiwan or hongkong (else guessed)",
    "summary": "your own summary of the article, shown instead of the extracted one (text)",
}
_PROSE = get_args(Prose)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _TextDatesLoader(yaml.SafeLoader):
    """Safe loading, but dates stay text: `2023-02-30` must be our error naming the key, not
    PyYAML's bare ValueError."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_sidecar(text: str, path: Path) -> Sidecar:
    """Parse and validate a sidecar's YAML text; every problem names the key (and line)."""
    try:
        data = yaml.load(text, Loader=_TextDatesLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SidecarError(path, f"invalid YAML: {problem}", line=line) from exc
    if data is None:
        return Sidecar()
    if not isinstance(data, dict):
        raise SidecarError(path, "expected a mapping of keys such as title:, date:, keep:")
    unknown = sorted(str(k) for k in data if k not in SIDECAR_KEYS)
    if unknown:
        known = ", ".join(SIDECAR_KEYS)
        raise SidecarError(path, f"unknown key '{unknown[0]}' (allowed: {known})")
    values: dict[str, Any] = {}
    for key in ("title", "author", "source", "url", "summary"):
        if key in data and data[key] is not None:
            values[key] = _text(data[key], key, path)
    if "url" in values and not values["url"].startswith(("http://", "https://")):
        raise SidecarError(path, f"key 'url': expected {SIDECAR_KEYS['url']}, got {values['url']!r}")
    for key in ("date", "fetched"):
        if data.get(key) is not None:
            values[key] = _date(data[key], path, key)
    for key in ("keep", "drop"):
        if data.get(key) is not None:
            values[key] = _lines(data[key], key, path)
    if data.get("prose") is not None:
        if data["prose"] not in _PROSE:
            raise SidecarError(path, f"key 'prose': expected {SIDECAR_KEYS['prose']}, got {data['prose']!r}")
        values["prose"] = data["prose"]
    return Sidecar(**values)


def _text(value: object, key: str, path: Path) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise SidecarError(path, f"key '{key}': expected {SIDECAR_KEYS[key]}, got {type(value).__name__}")
    text = str(value).strip()
    if not text:
        raise SidecarError(path, f"key '{key}': must not be empty")
    return text


def _date(value: object, path: Path, key: str = "date") -> str:
    # YAML reads an unquoted 2023-10-17 as a date already; a string must have the same shape.
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise SidecarError(path, f"key '{key}': expected {SIDECAR_KEYS[key]}, got {value!r}")


def _lines(value: object, key: str, path: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise SidecarError(path, f"key '{key}': expected {SIDECAR_KEYS[key]}, got {type(value).__name__}")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise SidecarError(path, f"key '{key}', item {i + 1}: expected non-empty text")
        out.append(item.strip())
    return tuple(out)
