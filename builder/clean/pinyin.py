"""Strip pinyin annotations glued to characters (`對(duì)` -> `對`), leaving real parentheses alone."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from builder.model import Article, Block, Removal, RemovalReason

log = logging.getLogger(__name__)

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv{_TONED}]{{1,4}}(?:ng|n|r)?"
# An annotation follows a Han character directly: `臺(tái)`. Real parentheses hold words, spaces,
# capitals or Han text (`(AI Generated Content)`, `(多專家模型)`) and never match a single syllable.
_ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff])\(({_SYLLABLE})\)")
# Seed 001: the annotator also lands after Latin letters (`自O(shè)penAI`); taken only with a tone
# mark and only on a page that already shows annotations after Han characters.
_AFTER_OTHER = re.compile(rf"(?<=[A-Za-z0-9])\(({_SYLLABLE})\)")
# Seed 001: when the annotated character itself was lost, its `(` went with it: `臄?shù)據`.
_ORPHAN_TAIL = re.compile(rf"(?<=\?)({_SYLLABLE})\)")
_HAS_TONE = re.compile(f"[{_TONED}]")
# Toneless syllables (`(de)`) are only taken once the page has shown it carries an annotator.
MIN_TONED_FOR_TONELESS = 3


def strip_pinyin(article: Article) -> Article:
    """Remove pinyin annotations from every line and record what was removed, line by line."""
    toned = sum(
        1
        for block in article.blocks
        for m in _ANNOTATION.finditer(block.text)
        if _HAS_TONE.search(m.group(1))
    )
    allow_toneless = toned >= MIN_TONED_FOR_TONELESS
    blocks: list[Block] = []
    removed: list[Removal] = []
    for block in article.blocks:
        text, taken = strip_pinyin_text(block.text, allow_toneless)
        if taken:
            removed.append(Removal(block.line, "".join(taken), RemovalReason.PINYIN))
        blocks.append(Block(block.kind, text, block.line) if taken else block)
    if removed:
        log.info(
            "%s: removed pinyin annotations on %d lines",
            article.provenance.path,
            len(removed),
        )
    return article.with_blocks(tuple(blocks), tuple(removed))


def strip_pinyin_text(text: str, allow_toneless: bool = False) -> tuple[str, list[str]]:
    """Strip annotations from one string; return the new text and the annotations taken out."""
    taken: list[str] = []

    def take_if(toneless_ok: bool) -> Callable[[re.Match[str]], str]:
        def take(match: re.Match[str]) -> str:
            if toneless_ok or _HAS_TONE.search(match.group(1)):
                taken.append(match.group(0))
                return ""
            return match.group(0)

        return take

    text = _ANNOTATION.sub(take_if(allow_toneless), text)
    if allow_toneless:
        text = _AFTER_OTHER.sub(take_if(False), text)
    # An orphaned tail only counts with a tone mark: `?shù)` is pinyin, `?so)` need not be.
    return _ORPHAN_TAIL.sub(take_if(False), text), taken
