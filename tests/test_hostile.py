"""Hostile and broken seeds (tests/hostile/): text is never markup, bad files are skipped with a reason."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.sitecheck import PageParser, build_site, copy_project

HOSTILE = ROOT / "tests" / "hostile"
# Every markup-looking string of markup.txt that must reach readers as these very characters.
LITERALS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<iframe src="javascript:alert(3)"></iframe>',
    "# 井号开头的一行",
    "> 大于号开头的一行",
    "- 减号开头的一行",
    "1. 数字加点开头的一行",
    "|a|b| 竖线开头的一行",
    "!!! note 感叹号开头的一行",
    '--8<-- "mkdocs.yml"',
    "[点我](javascript:alert(4))",
    '{: .evil onclick="alert(5)" }',
    "{{ page.title }}",
    "[[x]]",
]
SKIPPED = {
    "empty.txt": "empty",
    "binary.txt": "binary file",
    "broken-utf8.txt": "broken-utf8.txt:4: invalid UTF-8 byte 0xff",
    "huge.txt": "over the 10 MB a seed may be",
    "long-line.txt": "long-line.txt:1: line is",
    "bad-yaml.txt": "bad-yaml.yml:2: invalid YAML",
    "unknown-key.txt": "unknown key 'titel'",
    "wrong-type.txt": "key 'date'",
    "yaml-tag.txt": "invalid YAML: could not determine a constructor",
}
ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "a",
    "abbr",
    "mark",
    "div",
    "details",
    "summary",
    "ul",
    "li",
    "strong",
    "em",
    "hr",
    "small",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "article",
    "span",
    "code",
    "img",
    "svg",
    "path",
    "label",
    "input",
    "nav",
    "button",
}


def hostile_project(target: Path) -> Path:
    project = copy_project(target)
    for path in HOSTILE.iterdir():
        if path.suffix in (".txt", ".yml", ".html"):
            shutil.copy2(path, project / "seeds" / path.name)
    line = ("百度算力" * 10 + "。\n").encode()
    (project / "seeds" / "huge.txt").write_bytes(line * (50 * 1024 * 1024 // len(line) + 1))
    (project / "seeds" / "long-line.txt").write_bytes(("百度算力" * 10 + "，").encode() * 42_700)  # 5 MB
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    project = hostile_project(base / "project")
    result = build_site(project, base / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return base / "site"


def article_text(html: str) -> tuple[set[str], str]:
    body = html[html.index("<article") : html.index("</article>")]
    parser = PageParser()
    parser.feed(body)
    return parser.tags, "".join(parser.text)


@pytest.mark.parametrize("edition", ["", "zh-Hant/"])
def test_a_hostile_html_page_is_read_as_data(site: Path, edition: str) -> None:
    """A saved page full of scripts, handlers and frames: its text is shown, nothing of it runs."""
    html = (site / edition / "articles/hostile-page/index.html").read_text(encoding="utf-8")
    tags, text = article_text(html)
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    parsed = PageParser()
    parsed.feed(html)
    assert not [name for name, _ in parsed.attributes if name.startswith("on")]
    for literal in ("<script>alert(6)</script>", "<img src=x onerror=alert(7)>"):
        assert literal in text, literal
    assert not re.search(r"alert\((1[0-9]|20)\)", html), "markup of the page reached the site"


@pytest.mark.parametrize("edition", ["", "zh-Hant/"])
@pytest.mark.parametrize(
    "page", ["articles/markup/index.html", "themes/compute-gap/index.html", "players/baidu/index.html"]
)
def test_article_text_reaches_every_page_as_literal_characters(site: Path, edition: str, page: str) -> None:
    html = (site / edition / page).read_text(encoding="utf-8")
    tags, text = article_text(html)
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    parsed = PageParser()
    parsed.feed(html)
    assert not [name for name, _ in parsed.attributes if name.startswith("on")], (
        "an event handler was injected"
    )
    assert 'href="javascript:' not in html and 'src="javascript:' not in html
    assert "evil" not in " ".join(re.findall(r'class="([^"]*)"', html))
    if page.startswith("articles"):
        for literal in LITERALS:
            assert literal in text, literal
        assert "<title>&#60;&#47;title&#62;&#60;script&#62;" in html  # the title, inert
    else:
        assert any(
            literal in text
            # (the 繁體 edition writes the second as 井號開頭)
            for literal in (
                "<script>alert(1)</script>",
                "# 井号开头的一行",
                "# 井號開頭的一行",
                "{{ page.title }}",
            )
        )


def test_data_feed_and_search_carry_the_text_literally(site: Path) -> None:
    data = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    markup = next(a for a in data["articles"] if a["id"] == "markup")
    joined = "\n".join(b["text"] for b in markup["blocks"])
    for literal in LITERALS:
        assert literal in joined, literal
    titles = [
        e.findtext("{http://www.w3.org/2005/Atom}title")
        for e in ET.parse(site / "feed.xml").getroot().iter("{http://www.w3.org/2005/Atom}entry")
    ]
    assert "</title><script>alert('title')</script>百度<b>算力</b>" in titles
    # Search shows results from fragments that hold the text as data (the worker escapes it; the
    # browser tests check what a reader sees): every literal is there, character for character.
    fragment = next(
        json.loads(p.read_text(encoding="utf-8"))
        for p in (site / "search/digest/d").glob("*.json")
        if json.loads(p.read_text(encoding="utf-8"))["location"] == "articles/markup/"
    )
    shown = "\n".join(text for _, _, text in fragment["sections"])
    for literal in LITERALS:
        assert literal in shown, literal


def test_bad_files_are_skipped_with_a_reason_and_the_rest_builds(site: Path) -> None:
    data = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    skipped = {s["file"]: s["message"] for s in data["skipped"]}
    assert set(skipped) == set(SKIPPED)
    for name, needle in SKIPPED.items():
        assert needle in skipped[name], (name, skipped[name])
        assert "/tmp/" not in skipped[name]  # messages name seeds/…, not the build machine's paths
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ("未能收录的文件" in home and "broken&#45;utf8&#46;txt" in home) or "broken-utf8.txt" in home
    assert {a["id"] for a in data["articles"]} >= {"000_15d28169d830768d", "markup", "文章 with spaces"}


def test_a_file_name_with_spaces_and_han_works(site: Path) -> None:
    page = site / "articles" / "文章 with spaces" / "index.html"
    assert "文件名里有空格和汉字的文章" in page.read_text(encoding="utf-8")
    player = (site / "players" / "baidu" / "index.html").read_text(encoding="utf-8")
    assert "%E6%96%87%E7%AB%A0%20with%20spaces/" in player


def test_the_same_article_from_two_sites_is_one_page(site: Path) -> None:
    assert (site / "articles" / "copy-a" / "index.html").is_file()
    assert not (site / "articles" / "copy-b").exists()
    html = (site / "articles" / "copy-a" / "index.html").read_text(encoding="utf-8")
    assert "同一篇文章也见于" in html and "乙报" in html and "甲网" in html


def test_a_leading_front_matter_block_is_not_page_metadata(site: Path) -> None:
    html = (site / "articles" / "front-matter" / "index.html").read_text(encoding="utf-8")
    assert "layout" not in re.findall(r"<meta[^>]*>", html).__str__()
    assert "这篇文章以三条横线开头" in html


def test_strict_seeds_fails_the_build_naming_the_bad_files(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy2(HOSTILE / "empty.txt", project / "seeds" / "empty.txt")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      taxonomy: taxonomy.yml\n", "      taxonomy: taxonomy.yml\n      strict_seeds: true\n"
        ),
        encoding="utf-8",
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "strict_seeds" in result.stderr and "empty.txt" in result.stderr


def test_file_urls_are_refused_with_a_clear_error(tmp_path: Path) -> None:
    # Quote blocks and the feed link by directory URLs: a site of file URLs would have broken links.
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "use_directory_urls" in result.stderr and "Traceback" not in result.stderr


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"

    def build() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "builder", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )

    assert build().returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "docs" / "broken.md").write_text("# 手写页\n\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    result = build()
    assert result.returncode != 0 and "unchanged" in result.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    # Nothing of the failed build is left: no staging folder, no half-made link.
    assert not list((tmp_path / ".site.releases").glob("building-*"))
    assert not list(tmp_path.glob(".site.swap-*"))


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    trees = []
    for number in (1, 2):
        out = tmp_path / f"site{number}"
        result = build_site(project, out, {"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": str(number)})
        assert result.returncode == 0, result.stderr[-2000:]
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    differing = sorted(name for name in trees[0] if trees[0][name] != trees[1][name])
    assert differing == []
