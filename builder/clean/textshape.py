"""Character classes and line-shape measures the cleaning heuristics share."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

# Sentence-ending marks. The seeds fold full-width punctuation to ASCII (`,` `?` `;`), so both count.
TERMINAL = "。！？!?…"
# A line that ends with one of these continues a sentence or introduces one: not a heading.
NOT_HEADING_END = TERMINAL + "；;，,：:、"
CLAUSE_PUNCT = "，。；！？、,;!?：:"
# Runs of two or more '?' stand for lost characters (seed 004: `工具的復利???????`).
LOST_RUN = re.compile(r"\?{2,}")
# The ranges of is_han, for counting a whole text in one pass.
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")


def is_han(ch: str) -> bool:
    """A CJK unified ideograph (basic block or extension A)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def is_pua(ch: str) -> bool:
    """A private-use code point: never real text in a scraped article."""
    return "\ue000" <= ch <= "\uf8ff"


def han_count(text: str) -> int:
    """How many Han characters a text holds."""
    return len(_HAN.findall(text))


def han_characters(text: str) -> list[str]:
    """The Han characters of a text, in order."""
    return _HAN.findall(text)


def visible_length(text: str) -> int:
    """Length ignoring white space."""
    # str.split() splits on exactly the characters str.isspace() names.
    return len("".join(text.split()))


def strip_lost_run(text: str) -> str:
    """The text without a trailing run of '?' that stands for lost characters."""
    return LOST_RUN.sub("", text.rstrip()).rstrip() if text.rstrip().endswith("??") else text.rstrip()


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence (closing quotes and brackets aside)."""
    core = strip_lost_run(text).rstrip("”’」』）)》】\"' ")
    return bool(core) and core[-1] in TERMINAL


def fold(text: str) -> str:
    """Comparison form of a name or title: NFKC (full-width Latin and digits as ASCII), no white
    space, lower case, so a headline matches its copy in a page's <title>."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def touches_body(text: str) -> bool:
    """A short sentence that may stand at the body's edge (seed 004's opener `ChatGPT被玩瘋了!`)."""
    return ends_sentence(text) and han_count(text) >= 4


def clause_punctuation(text: str) -> int:
    """How many clause or sentence marks a text holds."""
    return sum(1 for ch in text if ch in CLAUSE_PUNCT)


@functools.lru_cache(maxsize=65536)
def is_common_han(ch: str) -> bool:
    """In GB2312 level 1 or Big5 level 1: the characters ordinary prose is made of.

    Mojibake from shifted bytes is mostly made of rarer characters (seed 001: 榇竽峁銐虻臄).
    """
    try:
        gb = ch.encode("gb2312")
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        big5 = ch.encode("big5")
        if len(big5) == 2 and 0xA4 <= big5[0] <= 0xC6:
            return True
    except UnicodeEncodeError:
        pass
    return False


# The ranges of is_odd_symbol, to find candidates in a text without testing every character.
ODD_SYMBOL = re.compile(
    "[\u3040-\u30ff\u3100-\u312f\u2500-\u257f\u2460-\u24ff\u0391-\u03c9\u0410-\u044f\ue000-\uf8ff]"
)


def is_odd_symbol(ch: str) -> bool:
    """Symbols a GBK byte shift produces in Chinese prose: kana, bopomofo, box drawing, ⑼, Greek."""
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3100 <= code <= 0x312F  # bopomofo
        or 0x2500 <= code <= 0x257F  # box drawing
        or 0x2460 <= code <= 0x24FF  # enclosed and parenthesised numbers
        or 0x0391 <= code <= 0x03C9  # Greek
        or 0x0410 <= code <= 0x044F  # Cyrillic
        or is_pua(ch)
    )


# A sentence ends at its end marks and any closing quote or bracket right after them.
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*")


def sentence_bounds(text: str, position: int, damaged: Sequence[tuple[int, int]] = ()) -> tuple[int, int]:
    """Start and end of the sentence holding ``position``, surrounding white space left out.

    An end mark inside or right after a ``damaged`` span (mojibake, lost characters) is a lost
    character, not a question mark: seed 001's ``能夠?榇竽P…`` is one sentence."""
    first, last = 0, len(text)
    for mark in _SENTENCE_END.finditer(text):
        at = mark.end()
        if any(a < at <= b + 1 for a, b in damaged):
            continue
        if at <= position:
            first = at
        else:
            last = at
            break
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last
