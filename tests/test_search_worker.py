"""The search worker speaks an internal protocol of Material for MkDocs (its own worker's messages), so it
names the Material release it was written against; an upgrade of Material must come with a look at the
worker. The browser search tests (tests/browser/test_reader.py) check that the messages still work."""

from __future__ import annotations

import re
from importlib.metadata import version

from tests.conftest import ROOT

WORKER = ROOT / "theme" / "assets" / "digest" / "search-worker.js"


def _named_version() -> str:
    found = re.search(r"material-version:\s*([0-9][0-9.]*)", WORKER.read_text(encoding="utf-8"))
    assert found, "the worker names no Material version"
    return found.group(1)


def test_the_worker_names_the_material_release_installed() -> None:
    assert _named_version() == version("mkdocs-material")


def test_the_lock_pins_the_material_release_the_worker_speaks() -> None:
    pins = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert f"mkdocs-material=={_named_version()}" in pins.splitlines()
