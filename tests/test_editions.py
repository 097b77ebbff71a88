"""Two editions, one digest: conversion pitfalls, segmentation in both scripts, and the built editions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.editions import (
    ConversionMemo,
    Edition,
    EditionText,
    as_name,
    in_script,
    make_edition_text,
    protect,
)
from builder.script import Converters
from builder.search import Terms
from tests.conftest import SEEDS
from tests.sitecheck import PageParser, search_terms, target_file

HANT = Edition("zh-Hant", "zh-Hant", "s2twp", "繁體", "zh-Hant")
HANS = Edition("zh-Hans", "zh-Hans", "tw2sp", "简体", "")
STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def to_hant() -> EditionText:
    return make_edition_text(HANT, ("腾讯视频", "通义千问"))


@pytest.fixture(scope="module")
def to_hans() -> EditionText:
    return make_edition_text(HANS, ("腾讯视频",))


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("之后", "之後"),
        ("皇后", "皇后"),  # 后 stays where it means empress
        ("头发", "頭髮"),
        ("发展", "發展"),
        ("干净", "乾淨"),
        ("干部", "幹部"),
        ("干涉", "干涉"),
        ("面条", "麵條"),
        ("面对", "面對"),
        ("台湾", "臺灣"),
        ("软件", "軟體"),  # Taiwan wording, not just script
        ("网络", "網路"),
        ("信息", "資訊"),
    ],
)
def test_phrase_conversion_pitfalls(
    to_hant: EditionText, to_hans: EditionText, simplified: str, traditional: str
) -> None:
    assert to_hant.convert(simplified, "hans") == traditional
    assert to_hans.convert(traditional, "hant-tw") == simplified


@pytest.mark.parametrize(
    "text", ["ChatGPT 4.0 GPT-4o 72B", "https://example.com/a?b=1#c", "2023-10-17 13:36", "A100 × 10000"]
)
def test_text_without_han_never_changes(to_hant: EditionText, to_hans: EditionText, text: str) -> None:
    for script in ("hans", "hant"):
        assert to_hant.convert(text, script) == text
        assert to_hans.convert(text, script) == text


def test_fixed_names_keep_their_wording_and_change_only_script(
    to_hant: EditionText, to_hans: EditionText
) -> None:
    # Taiwan phrasing would rename the product: 视频 (video) becomes 影片.
    assert str(opencc.OpenCC("s2twp").convert("腾讯视频")) == "騰訊影片"
    assert to_hant.convert("腾讯视频的视频软件", "hans") == "騰訊視頻的影片軟體"
    assert to_hans.convert("騰訊視頻的軟體", "hant-tw") == "腾讯视频的软件"


def test_text_is_converted_by_the_script_it_is_in(to_hant: EditionText, to_hans: EditionText) -> None:
    # Taiwan-to-mainland phrasing applied to mainland text would rewrite 文件名 (file name) as 文档名.
    assert to_hans.convert("文件名里的软件", "hans") == "文件名里的软件"
    # Mainland wording in Traditional script (seed 000's 軟件) takes Taiwan wording in the 繁體 edition.
    assert to_hant.convert("傳統的軟件服務", "hant") == "傳統的軟體服務"


def test_protected_text_is_never_converted(to_hant: EditionText) -> None:
    assert to_hant.convert_markdown("软件" + protect("软件，原文") + "软件") == "軟體软件，原文軟體"


# Pieces a generated page is made of: the site's own wording (a line about computing, which is
# converted line by line), article text as each region writes it, names, text never converted.
_PIECES = [
    "## 要点\n\n- 信息与软件\n",
    "服务器的参数与开发工具\n",
    in_script("傳統的軟件服務與發展", "hant"),
    in_script("我们的软件和网络信息", "hans"),
    in_script("這套軟體的資訊很多", "hant-tw"),
    in_script("面对干净的头发", "hans"),
    as_name("腾讯视频", "hans"),
    as_name("通義千問", "hant"),
    protect("软件，原文"),
    # One text, written in two ways: converted in two ways.
    in_script("软件信息", "hans"),
    in_script("软件信息", "hant-tw"),
    '<a href="../a/">原文</a>\n',
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),
            st.lists(st.sampled_from(_PIECES), max_size=6) | st.none(),
        ),
        max_size=12,
    )
)
def test_a_memo_of_converted_pieces_converts_every_page_as_converting_it_whole(
    to_hant: EditionText, steps: list[tuple[str, list[str] | None]]
) -> None:
    """Pages made, made again and removed in any order: each is converted as ``convert_markdown``
    converts it, and the memo keeps exactly the pieces some page still holds."""
    memo = ConversionMemo(to_hant.made_from)
    pages: dict[str, str] = {}
    for path, made in steps:
        if made is None:
            pages.pop(path, None)
            memo.keep_pages(pages)
            continue
        pages[path] = markdown = "".join(made)
        assert memo.convert_page(path, markdown, to_hant) == to_hant.convert_markdown(markdown)
    held = {piece for markdown in pages.values() for piece in to_hant.markdown_pieces(markdown)}
    assert len(memo) == len(held)


def test_traditional_is_segmented_as_well_as_simplified(converters: Converters) -> None:
    # jieba alone, on Traditional text, cuts 建行業垂類 into 建行 / 業垂類 (seed 000).
    # Index terms are the Simplified words, whichever script the text is in.
    assert set(Terms(converters).of("建行業垂類")) == {"建", "行业", "垂类"}
    assert set(Terms(converters).of("建行业垂类")) == {"建", "行业", "垂类"}


def _content_chars(html: str) -> str:
    """The text a reader reads in the article area, less the as-published sections."""
    body = html[html.index("<article") : html.index("</article>")]
    # The collapsed sections that show text exactly as the source published it (the original text,
    # the cleaning report's removed and flagged lines) are in the source's script by design.
    body = re.sub(r"<details\b.*?</details>", "", body, flags=re.S)
    parser = PageParser()
    parser.feed(body)
    return "".join(parser.text)


def _simplified_only(ch: str, s2t: opencc.OpenCC) -> bool:
    try:
        ch.encode("big5")
        return False
    except UnicodeEncodeError:
        return s2t.convert(ch) != ch


def _traditional_only(ch: str, t2s: opencc.OpenCC) -> bool:
    try:
        ch.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return t2s.convert(ch) != ch


def test_each_edition_is_in_its_own_script(site: Path) -> None:
    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    checked = 0
    for page in sorted((site / "zh-Hant").rglob("index.html")):
        text = _content_chars(page.read_text(encoding="utf-8"))
        wrong = sorted({ch for ch in text if _simplified_only(ch, s2t)})
        assert wrong == [], (page, wrong)
        checked += 1
    for page in sorted(site.rglob("index.html")):
        if "zh-Hant" in page.parts:
            continue
        text = _content_chars(page.read_text(encoding="utf-8"))
        wrong = sorted({ch for ch in text if _traditional_only(ch, t2s)})
        assert wrong == [], (page, wrong)
        checked += 1
    assert checked > 100


def test_html_lang_and_ui_language_match_the_edition(site: Path) -> None:
    hans = (site / "index.html").read_text(encoding="utf-8")
    hant = (site / "zh-Hant/index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in hans and '<html lang="zh-TW"' in hant
    assert "搜索" in hans and "搜尋" in hant
    assert "大模型竞赛文摘" in hans and "大模型競賽文摘" in hant


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "articles/001_df3a99dc514faa2e/index.html",
        "themes/compute-gap/index.html",
        "players/baidu/index.html",
    ],
)
def test_the_switch_goes_to_the_same_page_in_the_other_edition(site: Path, page: str) -> None:
    for here, there in ((site / page, site / "zh-Hant" / page), (site / "zh-Hant" / page, site / page)):
        switch = re.findall(
            r'<a class="md-header__button digest-edition-switch"[^>]*href="([^"]+)"',
            here.read_text(encoding="utf-8"),
        )
        assert len(switch) == 1, here
        target, _ = target_file(site, here, switch[0])
        assert target == there


def test_article_pages_offer_the_text_as_published(site: Path) -> None:
    html = (site / "zh-Hant/articles/002_73da3ebac38cb5ad/index.html").read_text(encoding="utf-8")
    source = re.findall(r'<p class="digest-source" lang="zh-Hans">(.*?)</p>', html, re.S)
    assert source and "以ChatGPT为代表的AI大模型的诞生" in source[0]
    assert (
        "以 ChatGPT 為代表的 AI 大模型的誕生" in html
    )  # converted and typeset; the source text as published


def test_each_edition_publishes_its_data(site: Path) -> None:
    hans = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    hant = json.loads((site / "zh-Hant/digest.json").read_text(encoding="utf-8"))
    assert (hans["edition"], hant["edition"]) == ("zh-Hans", "zh-Hant")
    assert [a["id"] for a in hans["articles"]] == [a["id"] for a in hant["articles"]] == STEMS
    by_id = {a["id"]: a for a in hant["articles"]}
    assert by_id["002_73da3ebac38cb5ad"]["blocks"][0]["text"].startswith("以 ChatGPT 為代表")  # typeset
    assert by_id["002_73da3ebac38cb5ad"]["source_blocks"][0].startswith("以ChatGPT为代表")  # as published
    assert (site / "sitemap.xml").is_file() and (site / "zh-Hant/sitemap.xml").is_file()


def test_search_is_script_blind_in_both_editions(site: Path) -> None:
    for root in (site, site / "zh-Hant"):
        terms = search_terms(root, "articles/000_15d28169d830768d/")
        # Terms are Simplified; each edition's page carries the other edition's wording too.
        for word in ("算力", "通义千问", "软件", "软体"):
            assert word in terms, (root, word)
        # Traditional text cut on its Simplified form (seed 000's 建行業垂類), not into 建行 / 業垂類.
        assert {"行业", "垂类"} <= terms and "建行" not in terms
        manifest = json.loads((root / "search/digest/index.json").read_text(encoding="utf-8"))
        # The worker maps a Traditional query to these terms character by character.
        assert manifest["characters"]["義"] == "义" and manifest["characters"]["體"] == "体"
        assert "义" not in manifest["characters"]
