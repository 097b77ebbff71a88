"""Summaries and key points: drawn from the articles' most central sentences, or the curator's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from builder.digest import Digest
from builder.errors import SidecarError
from builder.model import Article, Sidecar
from builder.pages.article import render_article
from builder.pages.display import summary_of, summary_text
from builder.pages.index import build_index
from builder.pages.keypoints import player_key_points, theme_key_points
from builder.sidecar import parse_sidecar
from tests.theme_gold import seed_digest


@pytest.fixture(scope="module")
def digest() -> Digest:
    return seed_digest()


def test_every_seed_gets_a_two_or_three_sentence_summary_of_its_own_words(digest: Digest) -> None:
    for article in digest.articles:
        sentences = summary_of(article)
        assert 2 <= len(sentences) <= 3, article.stem
        assert len({s.block for s in sentences}) == len(sentences)  # one per paragraph
        assert list(sentences) == sorted(sentences, key=lambda s: (s.block, s.start))  # reading order
        for s in sentences:
            assert article.blocks[s.block].text[s.start : s.end] == s.text
            assert not s.leans
            assert not any(f.block == s.block and f.start < s.end and s.start <= f.end for f in article.flags)
        assert summary_text(article) == "".join(s.text for s in sentences)


def test_key_sentences_are_ranked_and_never_repeat(digest: Digest) -> None:
    for article in digest.articles:
        scores = [k.score for k in article.key_sentences]
        assert scores and scores == sorted(scores, reverse=True) and scores[0] == 1.0
        assert len({k.text for k in article.key_sentences}) == len(article.key_sentences)


def test_the_curators_summary_wins(clean: Callable[..., Article], digest: Digest) -> None:
    article = digest.article("002_73da3ebac38cb5ad")
    written = replace(
        article, metadata=replace(article.metadata, summary="中美大模型差距至少两年,且在拉大。")
    )
    assert summary_text(written) == "中美大模型差距至少两年，且在拉大。"  # typeset as the rest
    page = render_article(written, build_index(replace(digest, articles=(written,))))
    assert "**摘要**（编辑撰写）" in page.markdown and page.description == summary_text(written)
    sidecar = parse_sidecar("summary: 编辑写的摘要。\n", Path("x.yml"))
    assert sidecar == Sidecar(summary="编辑写的摘要。")
    cleaned = clean("正文第一段，写得足够长，才能算作正文里的一段文字。", sidecar=sidecar)
    assert cleaned.metadata.summary == "编辑写的摘要。"
    with pytest.raises(SidecarError, match="summary"):
        parse_sidecar("summary: [一, 二]\n", Path("x.yml"))


def test_theme_key_points_come_from_its_paragraphs_or_the_curators_notes(digest: Digest) -> None:
    index = build_index(digest)
    for theme in digest.taxonomy.themes:
        lines = theme_key_points(theme, index)
        points = [line for line in lines if line.startswith("- ")]
        assert 3 <= len(points) <= 5, theme.id
        assert all("原文" in p for p in points)
    theme = replace(digest.taxonomy.themes[0], notes=("编辑写的第一点。", "编辑写的第二点。"))
    lines = theme_key_points(theme, index)
    assert lines[0].startswith("## 要点（编辑撰写）")
    assert [line for line in lines if line.startswith("- ")] == ["- 编辑写的第一点。", "- 编辑写的第二点。"]


def test_player_key_points_name_the_player(digest: Digest) -> None:
    index = build_index(digest)
    alibaba = digest.taxonomy.player("alibaba")
    points = [line for line in player_key_points(alibaba, index) if line.startswith("- ")]
    assert len(points) >= 3
    names = (alibaba.name, *alibaba.aliases, *alibaba.models)
    assert all(any(n in p for n in names) for p in points)
