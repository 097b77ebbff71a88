"""An undated article's date, inferred from the dates it mentions (shown with 约).

Three of the five seeds carry no date; listed as 日期不详 they fall to the end of every "latest" list,
and the only dated one (2022) reads as the newest although the others mention later events. An article
is written no earlier than the latest date it mentions as past or present, so that date, to the
precision the text gives, is its inferred date. Targets and predictions (到2026年, 预计) say nothing
about when the article was written and are left out; relative dates (今年8月) need a year to resolve
and are left out too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from builder.extract.discourse import forecast_before
from builder.extract.options import ExtractOptions, simplified_aligned
from builder.model import Article

_FULL = re.compile(r"(?P<y>(?:19|20)\d{2})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?|底|末)?")


def infer_date(article: Article, options: ExtractOptions) -> Article:
    """An undated article with ``inferred_date`` set to the latest date it mentions (else unchanged)."""
    if article.metadata.date:
        return article
    found: list[tuple[int, int, int]] = []
    for block in article.blocks:
        simple = simplified_aligned(block.text, options.converters)
        for match in _FULL.finditer(simple):
            if forecast_before(simple[max(0, match.start() - 8) : match.start()]):
                continue
            month = int(match.group("m") or 0)
            day = int(match.group("d") or 0)
            if match.group(0).endswith(("底", "末")):
                month = 12
            if not 0 <= month <= 12 or not 0 <= day <= 31:
                continue
            found.append((int(match.group("y")), month, day if month else 0))
    if not found:
        return article
    year, month, day = max(found)
    date = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return replace(article, inferred_date=date)
