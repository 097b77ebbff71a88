"""Quotes hold what put them on the page; counts come from one place; lists of names stay out of search.

The browser tests (tests/browser/test_what_readers_see.py) check the same as a reader sees it; these
check the pieces: the quote cutter on any text, the five seeds' every mention, the index's counts.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.digest import Digest, build_digest
from builder.extract.options import ExtractOptions
from builder.pages.display import quote_of
from builder.pages.index import build_index
from builder.pages.markup import excerpt
from builder.script import Converters
from builder.search import page_sections
from tests.conftest import SEEDS

LIMIT = 90


@pytest.fixture(scope="module")
def digest(converters: Converters, extract_options: ExtractOptions) -> Digest:
    return build_digest(SEEDS, extract_options.taxonomy, converters, extract_options)


# Chinese-like text: Han characters, Latin words, digits, every mark the cutter reads, spaces.
pieces = st.lists(
    st.sampled_from(
        [
            "大模型",
            "算力",
            "的",
            "阿里巴巴",
            "OpenAI",
            "GPT-4",
            "1,000",
            "12:30",
            "。",
            "，",
            ",",
            "；",
            "：",
            "?",
            "！",
            " ",
            "”",
        ]
    ),
    min_size=1,
    max_size=120,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(pieces, st.data())
def test_a_quote_always_holds_its_span_and_stays_short(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    quote = excerpt(text, start, end, LIMIT)
    assert text[start:end].strip() in quote
    assert len(quote) <= LIMIT + 1  # the limit, and an ellipsis at the front when cut there
    assert quote.strip("…") in text  # never anything the text does not say


def test_damage_never_ends_a_sentence() -> None:
    # Page 001's shape: mojibake whose lost characters read as "?" in the middle of a sentence.
    text = "数据参数。大厂流量大、用户覆盖面广,能够?榇竽P偷纳商峁┳銐虻臄?据参数。比如百度。"
    damaged = [(text.index("?"), text.index("据参数。比如"))]
    quote = excerpt(text, text.index("据参数。比如"), None, LIMIT, damaged)
    assert quote.startswith("大厂流量大")
    # Read without the damage, the "?" before 据 would end a sentence and the quote start mid-word.
    assert excerpt(text, text.index("据参数。比如"), None, LIMIT) == "据参数。"


def test_a_long_sentence_is_cut_at_clauses_around_the_span() -> None:
    text = "，".join(f"第{n}个分句说了一些关于大模型的事情" for n in range(20)) + "。"
    target = text.index("第15个")
    quote = excerpt(text, target, target + 4, LIMIT)
    assert quote.startswith("…第") and quote.endswith("…") and "第15个" in quote


def test_every_mention_in_the_seeds_is_in_its_quote(digest: Digest) -> None:
    missing = [
        (a.stem, m.player, m.text)
        for a in digest.articles
        for m in a.mentions
        if m.text not in quote_of(a, m.block, m.start, m.end)
    ]
    assert missing == []
    checked = sum(len(a.mentions) for a in digest.articles)
    assert checked > 150


def test_counts_are_paragraphs_and_agree_with_the_theme_counts(digest: Digest) -> None:
    index = build_index(digest)
    for player, paragraphs in index.paragraphs.items():
        assert len(paragraphs) == len(set(paragraphs)) == index.paragraph_count(player)
        blocks = {(stem, m.block) for stem, m in index.mentions[player]}
        assert set(paragraphs) == blocks
    # A paragraph naming a player twice counts once (page 002 names 阿里巴巴 several times in one).
    assert any(len(index.mentions[p]) > index.paragraph_count(p) for p in index.paragraphs)
    for theme, players in index.theme_players.items():
        for player, n in players.items():
            assert index.player_themes[player][theme] == n
            hit_blocks = {(stem, h.block) for stem, h in index.hits[theme]}
            assert n == len(hit_blocks & set(index.paragraphs[player]))


def test_search_leaves_out_what_is_marked_as_a_list_of_names() -> None:
    html = (
        '<h1 id="t">百度</h1><p>搜索公司。</p>'
        "<p data-search-exclude>常一同出现：<a>阿里巴巴</a>（3）</p>"
        '<div data-search-exclude=""><ul><li><div>腾讯</div></li></ul><img src="x"></div>'
        '<h2 id="m">提及</h2><p>百度推出文心一言。</p>'
    )
    text = " ".join(s.text for s in page_sections(html))
    assert "搜索公司" in text and "文心一言" in text
    assert not re.search("阿里巴巴|腾讯", text)


# Pieces of rendered pages for the section reader: sections, excluded lists, scripts, long text that
# crosses the reader's chunks, character references and tags cut anywhere by a chunk's end.
_HTML_PIECES = st.one_of(
    st.integers(0, 99).map(lambda n: f'<h2 id="h{n}">标题{n}<a class="headerlink" href="#h{n}">¶</a></h2>'),
    st.integers(0, 99).map(lambda n: f'<div id="d{n}"><p>段落&amp;{n}&#44;</p></div>'),
    st.integers(1, 12000).map(lambda n: "<p>" + ("大模型算力 AI&#45;" * n)[:n] + "</p>"),
    st.just("<p data-search-exclude>常一同出现：<a>阿里巴巴</a></p>"),
    st.just("<script>var x = '<h2 id=\"no\">';</script>"),
    st.integers(0, 99).map(lambda n: f'<p id="e{n}"></p>'),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_HTML_PIECES, max_size=12).map("".join), st.integers(1, 3))
def test_reading_only_the_opening_sections_gives_the_same_opening(page: str, limit: int) -> None:
    assert page_sections(page, limit) == page_sections(page)[:limit]
