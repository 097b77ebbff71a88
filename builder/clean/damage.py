"""Find and flag what is broken in the text: mojibake runs, lost characters, censored spans."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from builder.clean.textshape import ODD_SYMBOL, is_common_han, is_han, is_odd_symbol
from builder.model import Article, Flag, FlagKind

log = logging.getLogger(__name__)

_CENSORED = re.compile(r"\*{3,}|(?:\*\s){2,}\*")
_LOST_RUN = re.compile(r"\?{2,}")
# Where a mojibake run stops: real punctuation and spaces. `;` and `?` are not here: a byte shift
# makes `；` (A3BB) and lost bytes (`?`) inside runs (seed 001: `容易?;ヂ?網`).
_RUN_BOUNDARY = set("，。、：！「」『』“”‘’《》（）【】,.:!()[]\"' \t")
# Most common chars between two suspect ones that still belong to the same run, and between two
# runs that are one (seed 001: `?榇竽P偷纳\ue302商峁` is one run, 竽 being in Big5 level 1).
_MAX_GAP = 3
_MAX_RUN_GAP = 5
# Words that make a '?' a real question mark rather than a lost character (seed 000: `是不是就沒了活路?非也`).
_QUESTION_WORDS = re.compile(
    "[嗎吗呢麼么何誰谁哪怎幾几豈岂乎吧嘛呀啊]|是否|是不是|難道|难道|多少|有沒有|有没有|能否|可否"
)
# What `_is_suspect` can accept: an odd symbol or a '?'.
_SUSPECT_CANDIDATE = re.compile(rf"{ODD_SYMBOL.pattern}|\?")
_CLAUSE_MARKS = frozenset("，。；！？,;!?、：:")
_MAX_CLAUSE = 200


@dataclass(frozen=True)
class Damage:
    """A damaged span of one text."""

    kind: FlagKind
    start: int
    end: int
    note: str


def find_damage(text: str) -> list[Damage]:
    """Every damaged span of a text, sorted, not overlapping."""
    found: list[Damage] = []
    taken = [False] * len(text)

    def add(kind: FlagKind, start: int, end: int, note: str) -> None:
        if any(taken[start:end]):
            return
        for k in range(start, end):
            taken[k] = True
        found.append(Damage(kind, start, end, note))

    for match in _CENSORED.finditer(text):
        add("censored", match.start(), match.end(), "原文在此处屏蔽了内容")
    for start, end in _mojibake_runs(text):
        add("mojibake", start, end, "原文的字节按错误的编码读出，无法确定地还原")
    for match in _LOST_RUN.finditer(text):
        add("lost", match.start(), match.end(), f"原文此处丢失了 {match.end() - match.start()} 个字符")
    index = text.find("?")
    while index != -1:
        if not taken[index] and _is_lost_question_mark(text, index):
            add("lost", index, index + 1, "原文此处丢失了一个字符")
        index = text.find("?", index + 1)
    return sorted(found, key=lambda d: d.start)


def damage_score(text: str) -> int:
    """How many characters of a text are damaged: used to choose the better of two copies."""
    return sum(d.end - d.start for d in find_damage(text))


def flag_damage(article: Article) -> Article:
    """Flag every damaged span of every block, leaving spans a declared repair already flagged."""
    flags = list(article.flags)
    covered = {(f.block, k) for f in article.flags for k in range(f.start, f.end)}
    for index, block in enumerate(article.blocks):
        for damage in find_damage(block.text):
            if any((index, k) in covered for k in range(damage.start, damage.end)):
                continue
            span = block.text[damage.start : damage.end]
            flags.append(Flag(damage.kind, index, span, damage.start, damage.end, damage.note))
            log.info("%s:%d: flagged %s %r", article.provenance.path, block.line, damage.kind, span)
    flags.sort(key=lambda f: (f.block, f.start))
    return replace(article, flags=tuple(flags))


def _is_suspect(text: str, index: int) -> bool:
    ch = text[index]
    if is_odd_symbol(ch):
        return True
    if ch == "?":
        # `?;` never stands in real text: a lost byte next to a shifted `；` (seed 001: `異?;钴S`).
        if text[index + 1 : index + 2] == ";":
            return True
        neighbours = text[max(0, index - 1) : index] + text[index + 1 : index + 2]
        return any((is_han(n) and not is_common_han(n)) or is_odd_symbol(n) for n in neighbours)
    return False


def _is_rare(ch: str) -> bool:
    return is_han(ch) and not is_common_han(ch)


def _mojibake_runs(text: str) -> list[tuple[int, int]]:
    """Runs seeded by odd symbols, grown over rare characters with short gaps of common ones."""
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        # Only an odd symbol or a '?' can be suspect: jump to the next one.
        candidate = _SUSPECT_CANDIDATE.search(text, index)
        if candidate is None:
            break
        index = candidate.start()
        if not _is_suspect(text, index):
            index += 1
            continue
        start, end = index, index + 1
        start = _grow(text, start, -1)
        end = _grow(text, end - 1, +1) + 1
        previous_end = runs[-1][1] if runs else -1
        joinable = (
            runs
            and start - previous_end <= _MAX_RUN_GAP
            and not any(ch in _RUN_BOUNDARY for ch in text[previous_end:start])
        )
        if runs and (start <= previous_end or joinable):
            runs[-1] = (runs[-1][0], max(end, runs[-1][1]))
        else:
            runs.append((start, end))
        index = end
    return runs


def _grow(text: str, edge: int, step: int) -> int:
    """Move a run's edge outward to the farthest suspect, rare or '?' char within the gap limit."""
    position = edge
    gap = 0
    probe = edge + step
    while 0 <= probe < len(text) and text[probe] not in _RUN_BOUNDARY:
        ch = text[probe]
        if _is_suspect(text, probe) or _is_rare(ch) or ch == "?":
            position, gap = probe, 0
        else:
            gap += 1
            if gap > _MAX_GAP:
                break
        probe += step
    return position


def _is_lost_question_mark(text: str, index: int) -> bool:
    """A lone '?' inside a clause with no question word stands for a lost character."""
    after = text[index + 1 : index + 2]
    if not after or not (is_han(after) or after.isalnum()):
        return False  # at the end of a sentence or before punctuation: a real question mark
    # Scan back to the clause start only (a 100,000-character line must not cost a full split per '?').
    start = index
    while start > 0 and text[start - 1] not in _CLAUSE_MARKS and index - start < _MAX_CLAUSE:
        start -= 1
    return not _QUESTION_WORDS.search(text[start:index])
