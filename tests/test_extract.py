"""Extraction stages: players in either script, themes with evidence, figures, events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from builder.digest import Digest, build_digest, extract_article
from builder.extract.options import ExtractOptions, make_extract_options
from builder.ingest import read_taxonomy
from builder.model import Article
from builder.script import Converters
from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="session")
def digest(converters: Converters, extract_options: ExtractOptions) -> Digest:
    return build_digest(SEEDS, extract_options.taxonomy, converters, extract_options)


GOLDEN = yaml.safe_load((ROOT / "tests" / "golden" / "extraction.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", sorted(GOLDEN))
def test_seed_players_match_the_golden_list(stem: str, digest: Digest) -> None:
    found = {m.player for m in digest.article(stem).mentions}
    assert set(GOLDEN[stem]["players"]) <= found
    assert not set(GOLDEN[stem]["absent"]) & found


@pytest.mark.parametrize("stem", sorted(GOLDEN))
def test_seed_themes_match_the_golden_list(stem: str, digest: Digest) -> None:
    themes = {h.theme for h in digest.article(stem).theme_hits}
    assert set(GOLDEN[stem]["themes"]) <= themes


def test_every_player_in_the_taxonomy_is_named_by_some_seed_or_is_a_known_extra(digest: Digest) -> None:
    mentioned = {m.player for a in digest.articles for m in a.mentions}
    never = sorted(p.id for p in digest.taxonomy.players if p.id not in mentioned)
    assert never == []


def test_players_match_in_either_script(extract: Callable[..., Article]) -> None:
    simplified = extract("阿里巴巴发布了通义千问大模型，百度则发布了文心一言，竞争非常激烈。")
    traditional = extract("阿里巴巴發布了通義千問大模型，百度則發布了文心一言，競爭非常激烈。")
    assert [(m.player, m.via) for m in simplified.mentions] == [
        (m.player, m.via) for m in traditional.mentions
    ]
    assert {m.player for m in traditional.mentions} == {"alibaba", "baidu"}


def test_misspellings_and_models_count_for_their_owner(extract: Callable[..., Article]) -> None:
    article = extract(
        "创业派有美团联合创始人王惠文创立的光年之外，腾讯混元大模型也在其列，这是一个很长的句子。"
    )
    assert {m.player for m in article.mentions} >= {"wang-huiwen", "tencent", "meituan", "lightyear"}
    assert [(m.player, m.via) for m in article.mentions if m.text == "混元"] == [("tencent", "model")]


def test_false_friends_and_embedded_latin_are_not_mentions(extract: Callable[..., Article]) -> None:
    article = extract("在这一波AI浪潮中，ChatGPT和A100芯片都很重要，生成式AI的浪潮早已席卷全球。")
    players = [m.player for m in article.mentions]
    assert "inspur" not in players
    assert players.count("openai") == 1  # ChatGPT, not also the GPT inside it
    assert [m.text for m in article.mentions if m.player == "nvidia"] == ["A100"]


def test_theme_assignment_carries_evidence(extract: Callable[..., Article]) -> None:
    article = extract("由于高性能GPU芯片短缺，中美两国在算力上的差距正在拉大，卡脖子的不仅是硬件。")
    hit = next(h for h in article.theme_hits if h.theme == "compute-gap")
    assert {"GPU", "芯片", "算力", "中美", "差距"} <= set(hit.evidence)
    assert hit.score >= 5


def test_relative_dates_resolve_against_the_article_date(extract: Callable[..., Article]) -> None:
    text = "今年8月，Gartner发布了报告，认为国内生成式AI技术还处于期望膨胀期，这是一段足够长的文字。"
    dated = extract(text, date="2023-10-20")
    assert [(e.date, e.approximate) for e in dated.events] == [("2023-08", False)]
    undated = extract(text + "\n2022年12月，OpenAI推出对话式AI ChatGPT，这也是一段足够长的文字。")
    assert ("2022-08", True) in [(e.date, e.approximate) for e in undated.events]
    assert ("2022-12", False) in [(e.date, e.approximate) for e in undated.events]


def test_pins_force_a_paragraph_in_or_out(
    converters: Converters, clean: Callable[..., Article], tmp_path: Path
) -> None:
    base = (ROOT / "taxonomy.yml").read_text(encoding="utf-8")
    pinned = base.replace(
        "    min_score: 5\n", "    min_score: 5\n    include: ['test#0']\n    exclude: ['test#1']\n", 1
    )
    path = tmp_path / "taxonomy.yml"
    path.write_text(pinned, encoding="utf-8")
    options = make_extract_options(read_taxonomy(path), converters)
    article = extract_article(
        clean(
            "今天天气很好，我们去公园散步，一起聊聊天吧。\n由于高性能GPU芯片短缺，中美两国在算力上的差距正在拉大。",
            read_metadata=False,
        ),
        options,
    )
    hits = {(h.theme, h.block) for h in article.theme_hits}
    assert ("compute-gap", 0) in hits
    assert ("compute-gap", 1) not in hits
