"""Split decoded text into numbered lines: the raw blocks every later step works on."""

from __future__ import annotations

import re

from builder.model import Article, Block, Metadata, Removal, RemovalReason, SourceText

# Full-width and no-break spaces pad lines in scraped pages (seed 004: `       原文標題 : ...`).
_PADDING = " \t\u3000\u00a0\u200b\ufeff"
# Control characters are never article text (a browser would not show them): removed and recorded.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def split_lines(source: SourceText) -> Article:
    """One ``line`` block per non-blank line, numbered as in the seed (1-based)."""
    blocks = []
    removed = []
    for number, raw in enumerate(source.text.split("\n"), start=1):
        text = _CONTROL.sub("", raw)
        if text != raw:
            found = "".join(sorted({f"\\x{ord(ch):02x}" for ch in _CONTROL.findall(raw)}))
            removed.append(Removal(number, found, RemovalReason.CONTROL_CHARACTERS))
        text = text.strip(_PADDING)
        if text:
            blocks.append(Block(kind="line", text=text, line=number))
    return Article(
        blocks=tuple(blocks),
        metadata=Metadata(),
        provenance=source.provenance,
        removed=tuple(removed),
        page_metadata=source.page_metadata,
        notes=source.page_metadata.notes if source.page_metadata else (),
    )
