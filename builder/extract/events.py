"""Find dated events for the timeline; relative dates are resolved against the article's date.

A date is an event only where someone does something then: the sentence names a player (the actor)
and an action (发布, 推出, 上线 …) stands near the date. A target or a prediction (到2025年, 目标是, 预计)
is kept as a forecast, marked so. Every other date is not an event and is left out: a statistic's period
(2021年1-2月招聘同比上升), a count's cut-off (截至2023年7月), a span (2021年以来), a year in a title
(《2023年中国…》), background (2016年掀起的浪潮).
"""

from __future__ import annotations

import re
from dataclasses import replace

from builder.clean.textshape import sentence_bounds
from builder.extract.discourse import forecast_before
from builder.extract.options import ExtractOptions, simplified_aligned
from builder.model import Article, Event, EventKind

_FULL = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")
_RELATIVE = re.compile(r"(?P<rel>今年|去年|明年)(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")
_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年(?!\d{1,2}月)")
_OFFSET = {"今年": 0, "去年": -1, "明年": 1}
# What an actor does, near the date (within ACTION_REACH characters either side, same sentence).
_ACTION = re.compile(
    r"发布|发表|推出|上线|开源|宣布|投资|合作|布局|带来|收购|融资|成立|上市|亮相|开放|接入|启动|签约|入局"
)
ACTION_REACH = 30
_FORECAST_IN = re.compile(r"预测|预计|目标是|有望")
_CUT_OFF_BEFORE = re.compile(r"(?:截至|截止|截止到)[^，。；,;]{0,2}$")
_SPAN_AFTER = re.compile(r"^[^，。；,;]{0,3}以来")
_TITLE = re.compile(r"《[^《》]*》")


def find_events(article: Article, options: ExtractOptions) -> Article:
    """Every dated event or forecast with the sentence it stands in, resolved to YYYY[-MM[-DD]]."""
    base_year = int(article.metadata.date[:4]) if article.metadata.date else None
    # Without the article's date, the latest year-and-month it names is the best guess; a bare
    # year is often a forecast (seed 002: `到2025年`) and is used only when nothing else is there.
    full_years = [int(m.group("y")) for b in article.blocks for m in _FULL.finditer(b.text)]
    bare_years = [int(m.group("y")) for b in article.blocks for m in _YEAR.finditer(b.text)]
    guess = max(full_years or bare_years, default=None)
    events: list[Event] = []
    for index, block in enumerate(article.blocks):
        if block.kind == "heading":
            continue
        found: list[tuple[int, int, str, bool]] = []

        def add(
            start: int,
            end: int,
            date: str,
            approximate: bool,
            found: list[tuple[int, int, str, bool]] = found,
        ) -> None:
            """Keep a dated span unless an earlier, more precise pattern already took it."""
            if not any(s < end and start < e for s, e, _, _ in found):
                found.append((start, end, date, approximate))

        for m in _FULL.finditer(block.text):
            add(m.start(), m.end(), _date(int(m.group("y")), m.group("m"), m.group("d")), False)
        for m in _RELATIVE.finditer(block.text):
            year, approx = _resolve(base_year, guess, _OFFSET[m.group("rel")])
            if year is not None:
                add(m.start(), m.end(), _date(year, m.group("m"), m.group("d")), approx)
        for m in _MONTH_DAY.finditer(block.text):
            year, approx = _resolve(base_year, guess, 0)
            if year is not None:
                add(m.start(), m.end(), _date(year, m.group("m"), m.group("d")), approx)
        for m in _YEAR.finditer(block.text):
            add(m.start(), m.end(), m.group("y"), False)
        damaged = [(f.start, f.end) for f in article.flags if f.block == index]
        actors = [(m.start, m.end) for m in article.mentions if m.block == index]
        for start, end, date, approximate in sorted(found):
            first, last = sentence_bounds(block.text, start, damaged)
            # Words are matched on the Simplified copy (aligned: same offsets), the text kept as written.
            simple = simplified_aligned(block.text, options.converters)
            kind = _kind(simple, start, end, (first, last), actors)
            if kind is not None:
                sentence = block.text[first:last].strip()
                events.append(Event(index, date, approximate, block.text[start:end], sentence, kind))
    return replace(article, events=tuple(events))


def _kind(
    text: str, start: int, end: int, sentence: tuple[int, int], actors: list[tuple[int, int]]
) -> EventKind | None:
    """What a date in a sentence is: an event, a forecast, or (None) neither."""
    first, last = sentence
    if any(m.start() < start < m.end() for m in _TITLE.finditer(text)):
        return None
    before, after = text[first:start], text[end:last]
    if _CUT_OFF_BEFORE.search(before) or _SPAN_AFTER.match(after):
        return None
    if not any(first <= a and b <= last for a, b in actors):
        return None
    if forecast_before(before) or _FORECAST_IN.search(before):
        return "forecast"
    near = text[max(first, start - ACTION_REACH) : min(last, end + ACTION_REACH)]
    # "推出以来" (since its launch) dates nothing: seed 002's 今年6月 is a traffic figure.
    acted = [m for m in _ACTION.finditer(near) if not near.startswith("以来", m.end())]
    return "event" if acted else None


def _resolve(base: int | None, guess: int | None, offset: int) -> tuple[int | None, bool]:
    if base is not None:
        return base + offset, False
    if guess is not None:
        return guess + offset, True
    return None, True


def _date(year: int, month: str, day: str | None) -> str:
    m = int(month)
    if not 1 <= m <= 12:
        return str(year)
    if day and 1 <= int(day) <= 31:
        return f"{year:04d}-{m:02d}-{int(day):02d}"
    return f"{year:04d}-{m:02d}"
