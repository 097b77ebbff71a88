"""Repair mojibake where the repair is certain: GBK text shifted by one byte, decoded again."""

from __future__ import annotations

import logging
from dataclasses import replace

from builder.clean.damage import find_damage
from builder.clean.textshape import is_han
from builder.model import Article, Block, Flag

log = logging.getLogger(__name__)

# A decode counts as certain only when it is this long and made of everyday characters.
MIN_REPAIRED_CHARS = 4
MIN_COMMON_SHARE = 0.75
# Chars before a run that may be its first shifted pair: the page folded full-width `；` to ASCII
# (seed 004: `規;\ue1d6⑼ㄓ…` where `;` is A3BB, the tail of 模 joined to the head of 化). The end
# of a run is extended over Han characters only (seed 004: `⒘鞒袒`, where common 袒 is the pair
# CC BB); never over punctuation, where the bytes fall back in step and the character is real.
_MAX_EDGE = 2


def repair_mojibake(article: Article) -> Article:
    """Decode again every mojibake run that is GBK shifted by one byte; flag each repair."""
    blocks = list(article.blocks)
    flags = list(article.flags)
    for index, block in enumerate(article.blocks):
        text = block.text
        offset = 0
        new_flags: list[Flag] = []
        for damage in find_damage(block.text):
            if damage.kind != "mojibake":
                continue
            found = _best_repair(block.text, damage.start, damage.end)
            if found is None:
                continue
            start, end, repaired = found
            original = block.text[start:end]
            text = text[: start + offset] + repaired + text[end + offset :]
            # Shown to readers, so in Chinese: the repair, the original, and what stays lost.
            note = f"GBK 字节错位一位，重新解码；原文为「{original}」；乱码两端各丢失的一个字符无法恢复"
            new_flags.append(
                Flag("repaired", index, repaired, start + offset, start + offset + len(repaired), note)
            )
            log.info(
                "%s:%d: repaired mojibake %r -> %r",
                article.provenance.path,
                block.line,
                original,
                repaired,
            )
            offset += len(repaired) - (end - start)
        if new_flags:
            blocks[index] = Block(block.kind, text, block.line)
            flags.extend(new_flags)
    return replace(article, blocks=tuple(blocks), flags=tuple(flags))


def _best_repair(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The widest window around the run whose one-byte-shifted GBK decode is certain."""
    best: tuple[int, int, str] | None = None
    for left in range(_MAX_EDGE + 1):
        s = start - left
        if s < 0 or any(not _left_edge_char(ch) for ch in text[s:start]):
            break
        for right in range(_MAX_EDGE + 1):
            e = end + right
            if e > len(text) or any(not is_han(ch) for ch in text[end:e]):
                break
            decoded = decode_shifted_gbk(text[s:e])
            if decoded is not None and (best is None or len(decoded) > len(best[2])):
                best = (s, e, decoded)
    return best


def _left_edge_char(ch: str) -> bool:
    return "!" <= ch <= "~" and ch != "?"


def decode_shifted_gbk(run: str) -> str | None:
    """Re-encode a run as GBK, drop the first byte and decode; None unless the result is certain."""
    data = bytearray()
    for ch in run:
        if ch == "?":
            return None  # a byte already lost: the decode would be a guess
        # The scraper folded full-width ASCII to half-width: unfold before re-encoding.
        wide = chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch
        try:
            encoded = wide.encode("gb18030")
        except UnicodeEncodeError:
            return None
        if len(encoded) != 2:
            return None
        data += encoded
    shifted = bytes(data[1:])
    if len(shifted) % 2:
        shifted = shifted[:-1]
    try:
        decoded = shifted.decode("gb2312")
    except UnicodeDecodeError:
        return None
    if len(decoded) < MIN_REPAIRED_CHARS:
        return None
    common = 0
    for ch in decoded:
        lead = ch.encode("gb2312")[0]
        if 0xB0 <= lead <= 0xD7:
            common += 1
        elif lead not in (0xA1, 0xA3):
            return None  # symbols, kana, rare characters: not an everyday sentence
    if common / len(decoded) < MIN_COMMON_SHARE:
        return None
    return decoded
