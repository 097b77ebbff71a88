"""Publication dates in the forms Chinese news pages print them, anywhere in a short line.

`2019-09-23 07:48`, `2016/03/19`, `2023年5月10日`, `2019.09.25`, with or without a prefix
(`最新更新：`, `发表于`, `时间：`) and glued to what stands beside them (`金融市场棱镜2019-09-23 07:48`,
`15:312018/09/16`, `2019-09-26 12:11来源：证券时报网`), as the real-world corpus' pages print them.
A date without a year (`09-30 22:46`) is no date: the year cannot be known from the page.
"""

from __future__ import annotations

import datetime as dt
import re

# The year starts after a non-digit, or right after a time glued in front (China Times:
# `15:312018/09/16`); the day ends before a non-digit or a glued time (`2019-09-3007:42`).
_FULL_DATE = re.compile(
    r"(?:(?<!\d)|(?<=:\d\d))(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*"
    r"(?P<d>\d{1,2})(?=\D|$|\d{1,2}:\d{2})\s*日?"
)
# Month, day and time without a year (Baijiahao: `发布时间：09-3022:46`; `05月10日 10:08`).
_YEARLESS = re.compile(r"(?<!\d)\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}(?!\d)")
# A line longer than this, or one ending in a full stop, is prose that mentions a date, not a dateline.
MAX_DATELINE = 56


def find_date(text: str) -> str | None:
    """The first valid full date in a short line, as YYYY-MM-DD, or None."""
    found = _first_date(text) if _short(text) else None
    return found[0].isoformat() if found else None


def date_span(text: str) -> tuple[int, int] | None:
    """Where the first valid full date of a line stands (start, end), or None."""
    found = _first_date(text)
    return found[1] if found else None


def is_dateline(text: str) -> bool:
    """A short line that dates the article, with or without the year."""
    return _short(text) and (_first_date(text) is not None or _YEARLESS.search(text) is not None)


def _short(text: str) -> bool:
    return len("".join(text.split())) <= MAX_DATELINE and not text.rstrip().endswith("。")


def _first_date(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    for match in _FULL_DATE.finditer(text):
        try:
            date = dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            continue
        return date, (match.start(), match.end())
    return None
