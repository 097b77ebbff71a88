"""Publication dates in the forms Chinese news pages print them, anywhere in a short line.

`2019-09-23 07:48`, `2016/03/19`, `2023年5月10日`, `2019.09.25`, with or without a prefix
(`最新更新：`, `发表于`, `时间：`) and glued to what stands beside them (`金融市场棱镜2019-09-23 07:48`,
`15:312018/09/16`, `2019-09-26 12:11来源：证券时报网`), as the real-world corpus' pages print them.
A date without a year (`09-30 22:46`) is no date: the year cannot be known from the page.
"""

from __future__ import annotations

import datetime as dt
import re

_FULL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-/.年])\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?=\D|$|\d{1,2}:\d{2})\s*日?"
)
# A time glued in front of a date (China Times: `15:312018/09/16`).
_GLUED_TIME = re.compile(r"(\d{1,2}:\d{2})(?=(?:19|20)\d{2}\s*[-/.年])")
# A line longer than this, or one ending in a full stop, is prose that mentions a date, not a dateline.
MAX_DATELINE = 56


def find_date(text: str) -> str | None:
    """The first valid full date in a short line, as YYYY-MM-DD, or None."""
    if len("".join(text.split())) > MAX_DATELINE or text.rstrip().endswith("。"):
        return None
    for match in _FULL_DATE.finditer(_GLUED_TIME.sub(r"\1 ", text)):
        try:
            date = dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            continue
        return date.isoformat()
    return None


def date_span(text: str) -> tuple[int, int] | None:
    """Where the first valid full date of a line stands (start, end), or None."""
    for match in _FULL_DATE.finditer(text):
        try:
            dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            continue
        return match.start(), match.end()
    return None


# Month, day and time without a year (Baijiahao: `发布时间：09-3022:46`; `05月10日 10:08`).
_YEARLESS = re.compile(r"(?<!\d)\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}(?!\d)")


def is_dateline(text: str) -> bool:
    """A short line that dates the article, with or without the year."""
    if len("".join(text.split())) > MAX_DATELINE or text.rstrip().endswith("。"):
        return False
    return find_date(text) is not None or _YEARLESS.search(text) is not None
