"""The whole site built from the seeds with `mkdocs build --strict`, checked as a reader uses it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import SEEDS
from tests.sitecheck import PageParser, build_site, copy_project, parse, search_terms, target_file


def parse_html(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_of_the_digest_is_built(site: Path) -> None:
    expected = [
        "index.html",
        "themes/index.html",
        "players/index.html",
        "articles/index.html",
        "timeline/index.html",
        "figures/index.html",
        "glossary/index.html",
        "about/index.html",
        "digest.json",
        "sitemap.xml",
        "data/index.html",
    ]
    expected += [f"themes/{t}/index.html" for t in ("players", "compute-gap", "ecosystems")]
    expected += [f"articles/{stem}/index.html" for stem in STEMS]
    expected += ["players/baidu/index.html", "players/alibaba/index.html", "players/wang-huiwen/index.html"]
    for name in expected:
        assert (site / name).is_file(), name


def test_no_broken_internal_link_or_anchor(site: Path) -> None:
    broken = []
    for page in html_pages(site):
        for _tag, _attribute, url in parse(page).links:
            if urlparse_scheme(url) or url.startswith(("mailto:", "data:", "javascript:")):
                continue
            target, fragment = target_file(site, page, url)
            if target is None or (
                fragment and target.suffix == ".html" and fragment not in parse(target).ids
            ):
                broken.append((page.relative_to(site).as_posix(), url))
    assert broken == []


def urlparse_scheme(url: str) -> str:
    match = re.match(r"^([a-z][a-z0-9+.-]*):", url)
    return match.group(1) if match and match.group(1) in ("http", "https") else ""


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for tag, attribute, url in parse(page).links:
            loads = attribute == "src" or (tag == "link" and not url.startswith("#"))
            if loads:
                assert not re.match(r"^(https?:)?//", url), (page, url)


def test_a_reader_goes_from_theme_to_quote_to_paragraph_to_player_and_back(site: Path) -> None:
    theme_page = site / "themes/compute-gap/index.html"
    quotes = [
        url for tag, _, url in parse(theme_page).links if tag == "a" and "/articles/" in url and "#p" in url
    ]
    assert quotes, "the theme page quotes no paragraph"
    article_page, anchor = target_file(site, theme_page, quotes[0])
    assert article_page is not None
    html = article_page.read_text(encoding="utf-8")
    paragraph = re.search(rf'<(p|h2)[^>]*id="{re.escape(anchor)}"[^>]*>(.*?)</\1>', html, re.S)
    assert paragraph, anchor
    players = re.findall(r'href="([^"]*players/[^"#]+/)"', paragraph.group(2))
    if not players:  # this paragraph names no player: any paragraph of the article does
        players = re.findall(r'href="(\.\./\.\./players/[^"#]+/)"', html)
    player_page, _ = target_file(site, article_page, players[0])
    assert player_page is not None
    back = [url for tag, _, url in parse(player_page).links if "/articles/" in url]
    assert any(target_file(site, player_page, url)[0] is not None for url in back)


def test_article_pages_show_metadata_flags_and_the_cleaning_report(site: Path) -> None:
    html = (site / "articles/004_adf66b7354aa4ca2/index.html").read_text(encoding="utf-8")
    assert "OFweek" in html and "2022-12-20" in html and "算力智库" in html  # the 简体 edition
    assert 'class="digest-flag digest-repaired"' in html
    assert "清理报告" in html and "暫無評論" in html  # the report lists removed lines as published
    assert 'href="../../players/openai/"' in html
    assert "<abbr" in html


def test_digest_json_carries_the_digest(site: Path) -> None:
    data = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["articles"]] == STEMS
    blocks = {a["id"]: a["blocks"] for a in data["articles"]}
    assert {t["id"] for t in data["themes"]} == {"players", "compute-gap", "ecosystems"}
    for theme in data["themes"]:
        assert theme["excerpts"]
        for excerpt in theme["excerpts"]:
            assert blocks[excerpt["article"]][excerpt["block"]]["text"] == excerpt["text"]
    baidu = next(p for p in data["players"] if p["id"] == "baidu")
    assert baidu["category"] == "internet-giant" and "文心一言" in baidu["models"]
    for mention in baidu["mentions"]:
        assert mention["text"] in blocks[mention["article"]][mention["block"]]["text"]
    assert any(f["text"].startswith("1 万枚") for f in data["figures"])  # typeset: 1 万枚英伟达 A100 芯片
    assert any(e["date"] == "2022-12" for e in data["events"])


def test_search_index_segments_chinese_with_the_players_names(site: Path) -> None:
    terms = search_terms(site, "articles/000_15d28169d830768d/")
    assert {"通义千问", "算力"} <= terms  # a player's name is one word, not 通义 / 千问
    assert not {"通义", "千问"} & terms
    # Material's own one-file index is empty: every page is in the chunked index instead.
    assert json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"] == []


def test_a_hand_written_page_is_never_replaced(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "glossary.md").write_text(
        "# 手写的术语表\n\n策展人自己写的页面。\n", encoding="utf-8"
    )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "策展人自己写的页面" in (tmp_path / "site/glossary/index.html").read_text(encoding="utf-8")


def test_a_hand_written_page_left_out_of_the_navigation_stops_the_build_by_name(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "forgotten.md").write_text("# 忘了加进导航的页面\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "forgotten.md" in result.stderr
    # The generated pages, none of them in the navigation either, are never reported.
    assert "articles/" not in result.stderr


def test_article_text_never_becomes_markup(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    hostile = (
        "这是一篇用来测试的文章，正文里有尖括号<script>alert(1)</script>和<img src=x onerror=alert(1)>，必须原样显示。\n"
        "# 不是标题，只是井号开头的一行文字，这一行也要原样显示出来。\n"
        "正文第三段[点我](javascript:alert(1))，还有{: .evil }和{{ page }}以及 [[x]] 与 |a|b| 这些记号。\n"
    )
    (project / "seeds" / "999_hostile.txt").write_text(hostile, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    html = (tmp_path / "site/articles/999_hostile/index.html").read_text(encoding="utf-8")
    body = html[html.index("<article") : html.index("</article>")]
    assert "<script>alert" not in body and "<img src=x" not in body and 'href="javascript:' not in body
    assert "evil" not in re.findall(r'class="([^"]*)"', body).__str__()
    parser = parse_html(body)
    assert not {"script", "img", "iframe"} & parser.tags
    seen = "".join(parser.text)
    for literal in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "# 不是标题",
        "[点我](javascript:alert(1))",
        "{: .evil }",
        "{{ page }}",
        "[[x]]",
        "|a|b|",
    ):
        assert literal in seen, literal
    assert "999_hostile.txt" in seen  # the cleaning report names the file as plain text


def test_glossary_terms_have_hover_definitions_beyond_article_pages(site: Path) -> None:
    for page in (
        "themes/compute-gap/index.html",
        "players/nvidia/index.html",
        "articles/002_73da3ebac38cb5ad/index.html",
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<abbr title="计算能力[^"]*">算力</abbr>', html), page
