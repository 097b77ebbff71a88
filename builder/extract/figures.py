"""Pull out key figures: a number with magnitude and unit, and the thing it counts."""

from __future__ import annotations

import re
from dataclasses import replace

from builder.model import Article, Figure

_MAGNITUDE = {"万亿": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "千": 1e3}
_FIGURE = re.compile(
    r"(?<![\dA-Za-z.])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<mag>万亿|萬億|亿|億|万|萬|千)?"
    r"(?P<unit>%|％|倍|个|個|家|款|位|名|枚|亿元|億元|万元|萬元|美元|元|人|次|种|種|GB|TB|B(?![A-Za-z]))?"
)
# The counted thing: what follows, up to a clause mark or a function word (seed 002: `1万枚英伟达A100芯片`).
_THING = re.compile(
    r"^(?![的是在和与及等了到至])[\u4e00-\u9fffA-Za-z0-9]{1,10}?(?=[的是在和与及等了到至,，。;；、:：!！?？)）“”\"]|$)"
)


def find_figures(article: Article) -> Article:
    """Every number that carries a magnitude or a unit; years and dates are events, not figures."""
    figures: list[Figure] = []
    for index, block in enumerate(article.blocks):
        if block.kind == "heading":
            continue
        for match in _FIGURE.finditer(block.text):
            mag, unit = match.group("mag") or "", match.group("unit") or ""
            if not mag and not unit:
                continue
            after = block.text[match.end() : match.end() + 1]
            if not mag and after in "年月日号號":
                continue
            value = float(match.group("num").replace(",", "")) * _MAGNITUDE.get(
                mag.replace("萬億", "万亿"), 1.0
            )
            rest = block.text[match.end() :]
            thing_match = _THING.match(rest)
            thing = thing_match.group(0) if thing_match and unit not in ("%", "％", "倍") else ""
            end = match.end() + len(thing)
            figures.append(
                Figure(index, match.start(), end, block.text[match.start() : end], value, mag + unit, thing)
            )
    return replace(article, figures=tuple(figures))
