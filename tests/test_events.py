"""Events, not year mentions: every dated expression in the seeds against the judgement in
tests/golden/events.yml (written by reading)."""

from __future__ import annotations

import pytest
import yaml

from builder.digest import Digest
from builder.pages.index import build_index
from tests.conftest import ROOT
from tests.theme_gold import seed_digest

GOLD = yaml.safe_load((ROOT / "tests" / "golden" / "events.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def digest() -> Digest:
    return seed_digest()


def _found(digest: Digest, stem: str) -> dict[tuple[int, str], str]:
    """(block, date as the seed writes it) -> kind, for every event and forecast the build keeps."""
    article = digest.article(stem)
    found = {}
    for event in article.events:
        published = article.published_text(event.block)
        compact = event.text.replace(" ", "")
        assert compact in published.replace(" ", ""), (stem, event)
        found[(event.block, compact)] = event.kind
    return found


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_the_timeline_keeps_events_marks_forecasts_and_leaves_the_rest(digest: Digest, stem: str) -> None:
    found = _found(digest, stem)
    for entry in GOLD[stem]:
        match = [
            kind
            for (block, text), kind in found.items()
            if block == entry["block"] and entry["date"].startswith(text)
        ]
        if entry["kind"] == "none":
            assert match == [], (stem, entry)
        else:
            assert match == [entry["kind"]], (stem, entry, found)
    listed = {(e["block"], e["date"]) for e in GOLD[stem]}
    extra = [key for key in found if not any(b == key[0] and d.startswith(key[1]) for b, d in listed)]
    assert extra == [], (stem, extra)  # every date the build lists was judged by reading


# The latest date each undated seed mentions as past or present, read off the seeds (000's 2026 is a
# target, 002's 10月17日 has no year).
INFERRED = {
    "000_15d28169d830768d": "2023",
    "001_df3a99dc514faa2e": "2022",
    "002_73da3ebac38cb5ad": "2023-07",
    "003_29a78f28a3f084e3": "2022-12",
}


def test_an_undated_article_gets_the_latest_date_it_mentions(digest: Digest) -> None:
    assert {a.stem: a.inferred_date for a in digest.articles if not a.metadata.date} == INFERRED
    assert digest.article("004_adf66b7354aa4ca2").inferred_date is None  # it has its own date


def test_inferred_dates_order_the_latest_articles(digest: Digest) -> None:
    order = [a.stem[:3] for a in build_index(digest).latest()]
    assert order == ["002", "000", "004", "003", "001"]  # 2023-07, 2023, 2022-12-20, 2022-12, 2022
