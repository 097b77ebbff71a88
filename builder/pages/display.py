"""How pages show an article's facts: its title, its year, its reading time, quotes from it."""

from __future__ import annotations

import math

from builder.clean.textshape import han_count
from builder.model import Article
from builder.pages.markup import excerpt
from builder.pages.paths import UNDATED

HAN_PER_MINUTE = 400


def display_title(article: Article) -> str:
    """The article's title, or its first sentence when the page had none (never invented)."""
    if article.metadata.title:
        return article.metadata.title
    for block in article.blocks:
        if block.kind != "heading":
            first = block.text.split("。")[0]
            return first if len(first) <= 28 else first[:27] + "…"
    return article.stem


def quote_of(article: Article, block: int, start: int, end: int, limit: int = 90) -> str:
    """A quote from one of the article's paragraphs that holds ``[start, end)``; damage there never
    ends a sentence."""
    damaged = [(f.start, f.end) for f in article.flags if f.block == block]
    return excerpt(article.blocks[block].text, start, end, limit, damaged)


def reading_minutes(article: Article) -> int:
    """Reading time at 400 Han characters a minute."""
    return max(1, math.ceil(sum(han_count(b.text) for b in article.blocks) / HAN_PER_MINUTE))


def year_of(article: Article) -> str:
    """The year an article is filed under, or ``undated``."""
    return article.metadata.date[:4] if article.metadata.date else UNDATED


def year_label(year: str) -> str:
    """How a page names a year it files articles under."""
    return "日期不详" if year == UNDATED else f"{year} 年"
