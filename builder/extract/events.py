"""Find dated events for the timeline; relative dates are resolved against the article's date."""

from __future__ import annotations

import re
from dataclasses import replace

from builder.model import Article, Event

_FULL = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")
_RELATIVE = re.compile(r"(?P<rel>今年|去年|明年)(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")
_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年(?!\d{1,2}月)")
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]?")
_OFFSET = {"今年": 0, "去年": -1, "明年": 1}


def find_events(article: Article) -> Article:
    """Every dated expression with the sentence it stands in, resolved to YYYY[-MM[-DD]]."""
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
        for start, end, date, approximate in sorted(found):
            events.append(
                Event(index, date, approximate, block.text[start:end], _sentence_at(block.text, start))
            )
    return replace(article, events=tuple(events))


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


def _sentence_at(text: str, position: int) -> str:
    for match in _SENTENCE.finditer(text):
        if match.start() <= position < max(match.end(), match.start() + 1):
            return match.group(0).strip()
    return text
