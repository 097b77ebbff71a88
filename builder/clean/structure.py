"""Tell headings, the standfirst (lede) and paragraphs apart among the lines the cleaner kept."""

from __future__ import annotations

from builder.clean.textshape import NOT_HEADING_END, han_count, strip_lost_run, visible_length
from builder.model import Article, Block, BlockKind

MAX_HEADING = 40


def find_structure(article: Article) -> Article:
    """Give every kept line its kind: heading, lede (before the byline) or paragraph."""
    blocks: list[Block] = []
    count = len(article.blocks)
    for index, block in enumerate(article.blocks):
        kind: BlockKind
        if index < count - 1 and is_heading(block.text):
            kind = "heading"
        elif article.byline_line is not None and block.line < article.byline_line:
            kind = "lede"
        else:
            kind = "paragraph"
        blocks.append(Block(kind, block.text, block.line))
    return article.with_blocks(tuple(blocks))


def is_heading(text: str) -> bool:
    """Short, unpunctuated at the end, no full stop inside: a section heading."""
    core = strip_lost_run(text)
    return (
        0 < visible_length(core) <= MAX_HEADING
        and han_count(core) >= 2
        and "。" not in core
        and core[-1] not in NOT_HEADING_END
    )
