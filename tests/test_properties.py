"""Invariants of the cleaner over arbitrary input (hypothesis)."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.model import Article
from tests.conftest import SEEDS

# Pieces real pages are made of: seed lines (body, chrome, damage) and odd characters.
SEED_LINES = sorted(
    {
        line.strip()
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip()
    }
)
# And lines of the real-world corpus' scraped pages: menus, datelines, comment threads, teasers.
PAGE_LINES = sorted(
    {
        line.strip()
        for path in sorted((SEEDS.parent / "tests" / "realworld" / "text").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if line.strip() and len(line) < 400
    }
)
ODD = "?;*()（）:：,，。!！、“”《》 \t\u3000\ue1d6⑼ㄓΦぞヂ┳榇竽對(duì)臺(tái)文|原標題:2022-12-20 13:36"
fragments = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(PAGE_LINES),
    st.text(alphabet=st.sampled_from(ODD + "大模型算力百度阿里AIGCabc0123"), max_size=40),
    st.text(max_size=30),
)
documents = st.lists(fragments, max_size=25).map("\n".join)
PROPERTY_SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _repaired_chars(article: Article) -> set[str]:
    return {ch for flag in article.flags if flag.kind == "repaired" for ch in flag.text}


@PROPERTY_SETTINGS
@given(documents)
def test_cleaning_never_crashes_and_keeps_flags_consistent(clean: Callable[..., Article], text: str) -> None:
    article = clean(text)
    for flag in article.flags:
        assert article.blocks[flag.block].text[flag.start : flag.end] == flag.text


@PROPERTY_SETTINGS
@given(documents)
def test_cleaning_never_invents_a_character(clean: Callable[..., Article], text: str) -> None:
    article = clean(text)
    allowed = set(text) | _repaired_chars(article)
    produced = {ch for block in article.blocks for ch in block.text}
    fields = vars(article.metadata)
    produced |= {ch for key, value in fields.items() if value and key != "date" for ch in value}
    assert produced <= allowed
    # The date is normalised to YYYY-MM-DD (`2019/04/02`, `2019年4月2日` alike): its digits are read.
    if article.metadata.date:
        assert set(article.metadata.date.replace("-", "")) <= allowed | {"0"}


@PROPERTY_SETTINGS
@given(documents)
def test_cleaning_is_idempotent(clean: Callable[..., Article], text: str) -> None:
    first = clean(text)
    again = clean("\n".join(b.text for b in first.blocks), read_metadata=False)
    assert [b.text for b in again.blocks] == [b.text for b in first.blocks]
    assert again.removed == ()


@PROPERTY_SETTINGS
@given(documents)
def test_nothing_is_lost_silently(clean: Callable[..., Article], text: str) -> None:
    article = clean(text)
    kept = {b.line for b in article.blocks}
    accounted = kept | {r.line for r in article.removed}
    pad = " \t\u3000\u00a0\u200b\ufeff"
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip(pad):
            assert number in accounted
