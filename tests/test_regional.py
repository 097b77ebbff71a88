"""Regional wording: conversion against the errors found by reading, our phrase tables, names, the
curator's conversions and where Traditional-script prose was written."""

from __future__ import annotations

import functools
from pathlib import Path

import opencc
import pytest
import yaml

from builder.editions import Edition, make_edition_text
from builder.errors import SidecarError
from builder.model import Article, Block, Metadata, Provenance
from builder.regional import make_regional_converter, regional_tables
from builder.script import detect_prose
from builder.sidecar import parse_sidecar
from builder.taxonomy import TaxonomyError, parse_taxonomy
from tests.conversion_gold import (
    EDITIONS,
    edition_convert,
    load_gold,
    plain_opencc_convert,
    score,
    seed_articles,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "realworld" / "gold"


@functools.cache
def _articles() -> list[Article]:
    return seed_articles()


@pytest.mark.parametrize("code", sorted(EDITIONS))
def test_each_edition_meets_the_error_target(code: str) -> None:
    result = score(load_gold()[code], _articles(), edition_convert(code))
    # The target: at most 2 meaning-changing errors per 10,000 characters, none in names or
    # the interface. Wording errors may not grow past what is left today (none).
    assert result.per_10k("meaning") <= 2.0, result.errors.get("meaning")
    assert not result.errors.get("name") and not result.errors.get("interface")
    assert not result.errors.get("wording"), result.errors


@pytest.mark.parametrize("code", sorted(EDITIONS))
def test_plain_opencc_makes_the_errors_the_gold_records(code: str) -> None:
    # The gold is not satisfied by any conversion: the first round's makes most of its errors.
    result = score(load_gold()[code], _articles(), plain_opencc_convert(code))
    assert len(result.errors.get("meaning", [])) >= 10


def test_every_gold_entry_is_found_in_its_article() -> None:
    # score() raises when an entry's source text is not where the entry says.
    for code, entries in load_gold().items():
        score(entries, _articles(), edition_convert(code))


@pytest.mark.parametrize("config", ["s2twp", "tw2sp"])
def test_every_vocabulary_entry_changes_the_output(config: str) -> None:
    table = regional_tables().tables[config]
    converter = make_regional_converter(config, computing=False)
    for source, target in table.vocabulary:
        assert str(converter.convert(source)) == target, source


def test_computing_words_change_only_where_the_text_is_about_programming() -> None:
    table = regional_tables().tables["s2twp"]
    general = make_regional_converter("s2twp", computing=False)
    computing = make_regional_converter("s2twp", computing=True)
    characters, plain = opencc.OpenCC("s2tw"), opencc.OpenCC("s2twp")
    changed = 0
    for word in table.computing:
        assert str(general.convert(word)) == str(characters.convert(word)), word
        assert str(computing.convert(word)) == str(plain.convert(word)), word
        changed += str(plain.convert(word)) != str(characters.convert(word))
    assert changed == len(table.computing), "an entry OpenCC does not change is dead weight"
    tables = regional_tables()
    assert tables.about_computing("这个函数的参数写在源代码里")
    assert not tables.about_computing("模型参数达到1750亿个")


def test_the_sites_own_text_is_judged_for_subject_line_by_line() -> None:
    """The players list is one stretch of the site's own wording: one company's 服务器 and another's
    开发工具 made the whole page "about computing", and 浪潮's 参数规模 read 引數規模."""
    edition = make_edition_text(EDITIONS["zh-Hant"])
    page = (
        "- [浪潮](inspur.md)（2）：服务器厂商，发布参数规模 2457 亿的中文大模型。\n"
        "- [某公司](x.md)（1）：提供服务器与开发工具，函数的参数写在源代码里。\n"
    )
    first, second = edition.convert_markdown(page).splitlines()
    assert "參數規模" in first
    assert "引數" in second  # a line about programming still takes the computing words


def test_longer_phrases_still_win_over_our_entries() -> None:
    general = make_regional_converter("s2twp", computing=False)
    assert str(general.convert("程序员写了测试程序")) == "程式設計師寫了測試程序"
    assert str(general.convert("合并为一家")) == "合併為一家"
    assert str(general.convert("回归分析显示")) == "迴歸分析顯示"


def test_names_change_script_only() -> None:
    text = make_edition_text(EDITIONS["zh-Hant"], ("字节", "阿里云", "华为"))
    # 字节 is ByteDance here; our vocabulary still wins inside a longer phrase about bytes.
    assert text.convert("字节和阿里云、华为") == "字節和阿里雲、華為"
    assert text.convert("GBK 字节错位") == "GBK 位元組錯位"
    # Titles of works keep their wording.
    assert text.convert("《生成式人工智能的经济潜力》与人工智能") == "《生成式人工智能的經濟潛力》與人工智慧"
    # A name our tables give a Taiwan name is not protected.
    assert make_edition_text(EDITIONS["zh-Hant"], ("英伟达",)).convert("英伟达") == "輝達"


def test_curator_conversions_win_and_are_checked() -> None:
    base = (ROOT / "taxonomy.yml").read_text(encoding="utf-8")
    taxonomy = parse_taxonomy(
        base + "\nconversions:\n  zh-Hant: {数字经济: 数字经济, 大厂: 大型企業}\n", Path("t.yml")
    )
    text = make_edition_text(EDITIONS["zh-Hant"], taxonomy.names, taxonomy.conversions_for("zh-Hant"))
    assert text.convert("数字经济与大厂") == "数字经济與大型企業"
    assert taxonomy.conversions_for("zh-Hans") == ()
    with pytest.raises(TaxonomyError, match="conversions"):
        parse_taxonomy(base + "\nconversions:\n  zh-Hant: [数字经济]\n", Path("t.yml"))


def test_sidecar_says_where_prose_was_written() -> None:
    assert parse_sidecar("prose: taiwan\n", Path("s.yml")).prose == "taiwan"
    with pytest.raises(SidecarError, match="prose"):
        parse_sidecar("prose: macau\n", Path("s.yml"))


def _prose(text: str, said: str | None = None) -> str | None:
    blocks = tuple(Block("paragraph", line, n) for n, line in enumerate(text.split("\n"), 1))
    article = Article(blocks, Metadata(), Provenance(Path("x.txt"), "utf-8", ""), script="hant")
    return detect_prose(article, said).prose  # type: ignore[arg-type]


def test_prose_is_told_apart_on_real_pages() -> None:
    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    found: dict[str, list[str | None]] = {"taiwan": [], "hongkong": [], "mainland": []}
    for path in sorted(CORPUS.glob("*.yml")):
        body = "\n".join(yaml.safe_load(path.read_text(encoding="utf-8"))["body"])
        kind = (
            "taiwan"
            if path.stem.startswith("tw-")
            else "hongkong"
            if path.stem.startswith("hk01")
            else "mainland"
        )
        # Mainland pages in Simplified are set in Traditional characters first, as seeds 000, 001 and
        # 004 are: the detector must still call them mainland prose.
        found[kind].append(_prose(body if str(t2s.convert(body)) != body else str(s2t.convert(body))))
    # Measured: 6 of the 7 Taiwan pages (the seventh is 103 characters of a fire report with no
    # telling word, and mainland is the safe side), the Hong Kong page, all 25 mainland pages.
    assert found["taiwan"].count("taiwan") >= 6
    assert found["hongkong"] == ["hongkong"]
    assert set(found["mainland"]) == {"mainland"}
    assert [a.prose for a in _articles() if a.script == "hant"] == ["mainland"] * 3
    assert _prose("短短一句", said="hongkong") == "hongkong"


def test_simplified_edition_changes_only_characters_of_mainland_prose() -> None:
    text = make_edition_text(EDITIONS["zh-Hans"])
    assert text.convert("競爭核心是資質，意味著", "hant") == "竞争核心是资质，意味着"
    # Taiwan prose takes mainland wording, except the words our table keeps.
    assert text.convert("軟體與網路的核心", "hant-tw") == "软件与网络的核心"
    # Hong Kong prose changes characters only.
    assert text.convert("網絡", "hant-hk") == "网络"
    assert Edition("zh-Hans", "zh-Hans", "tw2sp", "简体", "") == EDITIONS["zh-Hans"]
