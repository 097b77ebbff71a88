"""The local preview: `mkdocs serve` picks up an edited or a new seed without a restart.

Run as `make serve` runs it (`--strict --dirty`): only pages whose generated text changed are rebuilt.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.conftest import free_port
from tests.sitecheck import copy_project


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_until(condition: object, timeout: float = 90) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.5)
    return False


def _search_pages(base: str) -> dict[str, str]:
    """Every page the search index holds: location -> its text."""
    manifest = json.loads(fetch(base + "search/digest/index.json") or '{"docs": 0}')
    fragments = (fetch(base + f"search/digest/d/{n}.json") for n in range(manifest["docs"]))
    pages = (json.loads(f) for f in fragments if f)
    return {p["location"]: " ".join(s[2] for s in p["sections"]) for p in pages}


def _search_locations(base: str) -> set[str]:
    return set(_search_pages(base))


def test_serve_rebuilds_when_a_seed_changes_or_arrives(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        page = base + "articles/000_15d28169d830768d/"
        assert wait_until(lambda: "韭菜" in (fetch(page) or "")), "the preview never came up"
        assert wait_until(lambda: "" in _search_locations(base)), "the home page is not searchable"
        searchable = _search_locations(base)
        # An edit that changes one article's text and no listing: the search index is written again,
        # and still holds every page it held (the unchanged home page among them).
        body = project / "seeds" / "002_73da3ebac38cb5ad.txt"
        body.write_bytes(
            body.read_bytes().replace(
                "一切才刚刚开始。".encode(), "一切才刚刚开始，策展人补上了这一句。".encode()
            )
        )
        assert wait_until(
            lambda: "策展人补上了这一句" in _search_pages(base).get("articles/002_73da3ebac38cb5ad/", "")
        ), "the edited text never reached search"
        assert _search_locations(base) == searchable, sorted(searchable ^ _search_locations(base))
        seed = project / "seeds" / "000_15d28169d830768d.txt"
        seed.write_text(
            seed.read_text(encoding="utf-8").replace("是韭菜騙局還是百年機遇", "策展人改過的標題"),
            encoding="utf-8",
        )
        assert wait_until(lambda: "策展人改过的标题" in (fetch(page) or "")), "the edit never showed"
        assert "策展人改過的標題" in (fetch(base + "zh-Hant/articles/000_15d28169d830768d/") or "")
        (project / "seeds" / "777_new.txt").write_text(
            "原标题:新来的文章\n百度发布了文心大模型4.0，算力需求持续增长，这是一段足够长的正文文字。\n",
            encoding="utf-8",
        )
        assert wait_until(lambda: "新来的文章" in (fetch(base + "articles/777_new/") or "")), (
            "the new seed never showed"
        )
        assert "新来的文章" in (fetch(base + "articles/") or "")  # listings rebuilt with it
        # Search finds it: the new page is in the index (a fragment per page), and every page it
        # found before the edits, the unchanged ones (the home page among them) included.
        # (It is the only article with no date, said or inferred: the undated year page comes with it.)
        grown = searchable | {"articles/777_new/", "archive/undated/"}
        assert wait_until(lambda: _search_locations(base) == grown), sorted(grown ^ _search_locations(base))
        (project / "seeds" / "777_new.txt").unlink()
        assert wait_until(lambda: fetch(base + "articles/777_new/") is None), "the removed seed's page stayed"
        assert "新来的文章" not in (fetch(base + "articles/") or "")
        assert "策展人改过的标题" in (fetch(page) or "")  # unchanged pages are still served
    finally:
        server.terminate()
        server.wait(timeout=20)
