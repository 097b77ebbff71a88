"""Typesetting what readers see: the copywriting rules, damage untouched, every offset carried over."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.digest import Digest
from builder.typeset import typeset_text
from tests.theme_gold import seed_digest


@pytest.fixture(scope="module")
def digest() -> Digest:
    return seed_digest()


# Written by applying the rules by hand (full-width punctuation between Han characters, a space
# between Han and Latin letters or digits), on sentences from seed 004.
@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (
            "12月1日,OpenAI發布了一個新模型ChatGPT,該模型",
            "12 月 1 日，OpenAI 發布了一個新模型 ChatGPT，該模型",
        ),
        ("模型平均參數上百億,國外有谷歌、微軟、Meta", "模型平均參數上百億，國外有谷歌、微軟、Meta"),
        ("采用了5000GB中文數據集,是一個中文AI大模型", "采用了 5000GB 中文數據集，是一個中文 AI 大模型"),
    ],
)
def test_the_copywriting_rules(source: str, shown: str) -> None:
    assert typeset_text(source).text == shown


def test_damage_is_kept_exactly() -> None:
    # Seed 001: mojibake whose "?" stands for lost bytes, inside an otherwise ordinary sentence.
    text = "用戶覆蓋面廣,能夠?榇竽P偷纳商峁┳銐虻臄?據參數。"
    start, end = text.index("?"), text.index("據參數")
    done = typeset_text(text, [(start, end)])
    assert done.text[done.at(start) : done.at(end)] == text[start:end]
    assert "，能夠" in done.text  # the text around it is typeset
    assert typeset_text(text).text.count("？") == 2  # without the span, both "?" would be changed


han = st.sampled_from(list("大模型算力芯片生态玩家阿里巴巴"))
other = st.sampled_from(
    ["A", "GPU", "OpenAI", "1", "2023", ",", ".", "?", ":", ";", "!", " ", "(", ")", "“", "”"]
)
texts = st.lists(st.one_of(han, other), min_size=1, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_offsets_are_carried_over_and_kept_spans_untouched(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    done = typeset_text(text, [(start, end)])
    positions = done.positions
    assert len(positions) == len(text) + 1 and positions[-1] == len(done.text)
    assert list(positions) == sorted(positions)
    assert done.text[done.at(start) : done.at(end)] == text[start:end]
    for i, ch in enumerate(text):  # letters, digits and Han characters stay where the map says
        if ch.isalnum():
            assert done.text[done.at(i)] == ch, (text, i)


def test_every_offset_into_the_seeds_still_points_at_its_text(digest: Digest) -> None:
    changed = 0
    for article in digest.articles:
        for n, block in enumerate(article.blocks):
            changed += block.text != article.published_text(n)
        for flag in article.flags:
            assert article.blocks[flag.block].text[flag.start : flag.end] == flag.text
        for mention in article.mentions:
            assert article.blocks[mention.block].text[mention.start : mention.end] == mention.text
        for figure in article.figures:
            assert article.blocks[figure.block].text[figure.start : figure.end] == figure.text
        for event in article.events:
            assert event.sentence in article.blocks[event.block].text
    assert changed > 50  # the seeds are typeset, not left alone
