"""How pages show an article's facts: its title, its year, its reading time, quotes from it."""

from __future__ import annotations

import math
from functools import lru_cache

from builder.clean.textshape import han_count
from builder.model import Article, KeySentence
from builder.pages.markup import excerpt
from builder.pages.paths import UNDATED
from builder.typeset import typeset_text

HAN_PER_MINUTE = 400
# Quotes on theme and player pages: long enough for most whole sentences (longer ones are cut at
# clauses around what put them there).
QUOTE_LIMIT = 140


def display_title(article: Article) -> str:
    """The article's title (typeset), or its first sentence when the page had none (never invented)."""
    if article.metadata.title:
        return _typeset_title(article.metadata.title)
    for block in article.blocks:
        if block.kind != "heading":
            first = block.text.split("。")[0]
            return first if len(first) <= 28 else first[:27] + "…"
    return article.stem


def quote_of(article: Article, block: int, start: int, end: int, limit: int = QUOTE_LIMIT) -> str:
    """A quote from one of the article's paragraphs that holds ``[start, end)``; damage there never
    ends a sentence."""
    damaged = [(f.start, f.end) for f in article.flags if f.block == block]
    return excerpt(article.blocks[block].text, start, end, limit, damaged)


@lru_cache(maxsize=65536)
def _typeset_title(title: str) -> str:
    # Titles are shown on many pages (listings, themes, players, related lists): typeset once each.
    return typeset_text(title).text


def reading_minutes(article: Article) -> int:
    """Reading time at 400 Han characters a minute."""
    return max(1, math.ceil(sum(han_count(b.text) for b in article.blocks) / HAN_PER_MINUTE))


def year_of(article: Article) -> str:
    """The year an article is filed under (its date, else the inferred one), or ``undated``."""
    date = article.date_for_order
    return date[:4] if date else UNDATED


def date_label(article: Article) -> str:
    """How pages show an article's date: its own, ``约`` the inferred one, or 日期不详."""
    if article.metadata.date:
        return article.metadata.date
    return f"约 {article.inferred_date}" if article.inferred_date else "日期不详"


def year_label(year: str) -> str:
    """How a page names a year it files articles under."""
    return "日期不详" if year == UNDATED else f"{year} 年"


# A summary: two or three of the article's most central sentences, one per paragraph, in reading order.
SUMMARY_SENTENCES = 3
SUMMARY_CHARACTERS = 180


def summary_of(article: Article) -> tuple[KeySentence, ...]:
    """The sentences of the article's extracted summary, in reading order."""
    chosen: list[KeySentence] = []
    for sentence in article.key_sentences:
        if sentence.leans:
            continue
        length = sum(len(k.text) for k in chosen)
        if any(k.block == sentence.block for k in chosen) or (
            chosen and length + len(sentence.text) > SUMMARY_CHARACTERS
        ):
            continue
        chosen.append(sentence)
        if len(chosen) == SUMMARY_SENTENCES:
            break
    return tuple(sorted(chosen, key=lambda k: (k.block, k.start)))


def summary_text(article: Article) -> str:
    """The article's summary as text: the curator's when there is one, else the extracted sentences."""
    if article.metadata.summary:
        return typeset_text(article.metadata.summary).text
    return "".join(k.text for k in summary_of(article))
