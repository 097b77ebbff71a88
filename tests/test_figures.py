"""Figures with their meaning: one per clause, each saying what it counts or measures and whom it is
about (seed text; the rules are in builder/extract/figures.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from builder.digest import Digest
from builder.model import Article
from tests.theme_gold import seed_digest


@pytest.fixture(scope="module")
def digest() -> Digest:
    return seed_digest()


def test_one_clause_gives_one_figure_and_every_figure_says_what_it_is(digest: Digest) -> None:
    total = 0
    for article in digest.articles:
        clauses = [(f.block, f.clause_start) for f in article.figures]
        assert len(clauses) == len(set(clauses)), article.stem  # no 1万枚 beside 1万枚GPU
        for f in article.figures:
            clause = article.blocks[f.block].text[f.clause_start : f.clause_end]
            assert f.text in clause and f.thing, (article.stem, f)
            total += 1
    assert total > 20


def test_counts_say_what_they_count_and_ratios_what_they_measure(extract: Callable[..., Article]) -> None:
    # Shapes from seeds 002 and 003, in sentences of our own.
    article = extract(
        "业内一种公认说法是，1万枚英伟达A100芯片是门槛，截至2023年7月，国内已有130个大模型问世，"
        "访问量环比下滑9.7%。数据显示，头部应用活跃率低，均在20%以下。目前已有11%的结果由生成式AI生成。"
    )
    by_text = {f.text: f for f in article.figures}
    gpus = by_text["1万枚英伟达A100芯片"]
    assert (gpus.value, gpus.unit, gpus.thing) == (10000, "万枚", "英伟达A100芯片")
    assert any(f.thing.startswith("大模型") and f.value == 130 for f in article.figures)
    assert by_text["9.7%"].thing == "访问量环比下滑"
    assert by_text["20%"].thing == "头部应用活跃率低"  # the clause before says what
    assert by_text["11%"].thing == "结果由生成式AI生成"  # what the percentage is of
    assert not any("2023" in f.text for f in article.figures)


def test_a_figure_is_about_the_player_its_clause_names(extract: Callable[..., Article]) -> None:
    article = extract("通义大模型通过阿里云服务企业超过9万，百度的文心一言用户规模已达4500万。")
    subjects = {f.text: f.subject for f in article.figures}
    assert subjects == {"9万": "alibaba", "4500万": "baidu"}
