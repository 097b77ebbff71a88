"""Split decoded text into numbered lines: the raw blocks every later step works on."""

from __future__ import annotations

from builder.model import Article, Block, Metadata, SourceText

# Full-width and no-break spaces pad lines in scraped pages (seed 004: `       原文標題 : ...`).
_PADDING = " \t\u3000\u00a0\u200b\ufeff"


def split_lines(source: SourceText) -> Article:
    """One ``line`` block per non-blank line, numbered as in the seed (1-based)."""
    blocks = tuple(
        Block(kind="line", text=text.strip(_PADDING), line=number)
        for number, text in enumerate(source.text.split("\n"), start=1)
        if text.strip(_PADDING)
    )
    return Article(blocks=blocks, metadata=Metadata(), provenance=source.provenance)
