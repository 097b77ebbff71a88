"""Helpers to build the site into a folder and to walk its links as a browser would resolve them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "taxonomy.yml", "docs", "theme", "seeds")


def copy_project(target: Path) -> Path:
    """A copy of the site's inputs, to build with changed seeds or pages."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def build_site(
    project: Path, site: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` on a project folder into ``site`` (``env`` adds variables)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


class PageParser(HTMLParser):
    """Collects ids and the URLs a page links to or loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.text: list[str] = []
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src"):
                self.links.append((tag, name, value))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> PageParser:
    """Parse one built HTML file."""
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file a relative URL on ``page`` points to, and its fragment."""
    page_url = "/" + page.relative_to(site).as_posix()
    parsed = urlparse(urljoin(page_url, url))
    path = site / unquote(parsed.path).lstrip("/")
    if parsed.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return (path if path.exists() else None), unquote(parsed.fragment)


def search_terms(root: Path, location: str) -> set[str]:
    """The terms the chunked search index (builder/search.py) holds for the page at ``location``."""
    index = root / "search" / "digest"
    numbers = {
        json.loads(path.read_text(encoding="utf-8"))["location"]: int(path.stem)
        for path in (index / "d").glob("*.json")
    }
    number = numbers[location]
    terms = set()
    for shard in (index / "s").glob("*.json"):
        for term, flat in json.loads(shard.read_text(encoding="utf-8")).items():
            doc = 0
            for k in range(0, len(flat), 2):
                doc += flat[k]
                if doc == number:
                    terms.add(term)
    return terms


def search_fragments(root: Path) -> str:
    """Every page fragment of the search index, concatenated (the text results are shown from)."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((root / "search/digest/d").glob("*.json")))
