"""Remove an article body that the page carries twice, keeping the better copy of each paragraph."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from difflib import SequenceMatcher

from builder.clean.damage import damage_score
from builder.clean.textshape import han_count
from builder.model import Article, Block, Removal, RemovalReason

log = logging.getLogger(__name__)

# A repeat counts as a second body, not a repeated slogan, from this many blocks and Han characters.
MIN_RUN_BLOCKS = 3
MIN_RUN_HAN = 80
# Two copies of a paragraph that differ only by damage (seed 001: `異?;钴S` against `異常活躍`).
NEAR_RATIO = 0.85
_MIN_ANCHOR = 6
_KEY_DROP = re.compile(r"[^\w]", re.UNICODE)


def remove_repeated_body(article: Article) -> Article:
    """Drop every repeated run of blocks; where the copies differ, keep the less damaged text."""
    blocks = list(article.blocks)
    removed: list[Removal] = []
    while True:
        run = _longest_repeat(blocks)
        if run is None:
            break
        first, second, length = run
        for k in range(length):
            kept, copy = blocks[first + k], blocks[second + k]
            if copy.text != kept.text and damage_score(copy.text) < damage_score(kept.text):
                removed.append(
                    Removal(kept.line, kept.text, RemovalReason.REPEATED_DAMAGED_COPY, str(copy.line))
                )
                blocks[first + k] = copy
            else:
                removed.append(Removal(copy.line, copy.text, RemovalReason.REPEATED_COPY, str(kept.line)))
        del blocks[second : second + length]
        log.info(
            "%s: removed a repeated body of %d lines (copy starting at line %d)",
            article.provenance.path,
            length,
            article.blocks[0].line if not blocks else removed[-length].line,
        )
    if not removed:
        return article
    return article.with_blocks(tuple(blocks), tuple(removed))


def _key(text: str) -> str:
    return _KEY_DROP.sub("", text).lower()


def _near(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b or abs(len(a) - len(b)) > 0.2 * max(len(a), len(b)):
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= NEAR_RATIO and matcher.ratio() >= NEAR_RATIO


def _longest_repeat(blocks: list[Block]) -> tuple[int, int, int] | None:
    """The longest run ``blocks[i:i+n]`` repeated at ``blocks[j:j+n]`` (j >= i+n), or None."""
    keys = [_key(b.text) for b in blocks]
    where: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        # A run worth removing holds 80 Han characters, so it has a line this long to anchor on;
        # short repeats (menu labels, `分享`) are left out as anchors: a 945-line portal page
        # (NetEase, real-world corpus) spent most of its cleaning time extending runs from them.
        if len(key) >= _MIN_ANCHOR:
            where[key].append(index)
    best: tuple[int, int, int] | None = None
    best_han = 0
    for positions in where.values():
        # Anchors are exact repeats; a key seen very often is chrome (`暫無評論`), not a body.
        for a_pos, i in enumerate(positions[:8]):
            for j in positions[a_pos + 1 : 8]:
                start_i, start_j = i, j
                while (
                    start_i > 0 and start_i - 1 < start_j - 1 and _near(keys[start_i - 1], keys[start_j - 1])
                ):
                    if start_j - 1 <= start_i:
                        break
                    start_i, start_j = start_i - 1, start_j - 1
                length = 0
                while (
                    start_j + length < len(blocks)
                    and start_i + length < start_j
                    and _near(keys[start_i + length], keys[start_j + length])
                ):
                    length += 1
                han = sum(han_count(blocks[start_i + k].text) for k in range(length))
                if length >= MIN_RUN_BLOCKS and han >= MIN_RUN_HAN and han > best_han:
                    best, best_han = (start_i, start_j, length), han
    return best
