"""How Chinese text signals its relations: whether a paragraph continues what came before, whether a
date is a target or a prediction.

Themes let a continuing paragraph inherit from the one before it (seed 004's 例如，谷歌… after the arms
race paragraph); summaries never open with a sentence that leans on one the reader has not seen.
"""

from __future__ import annotations

import re

# How a paragraph opens when it continues the one before: enumerations, examples, consequences, and
# a demonstrative or 其 standing for what was just said (matched on the Simplified text).
_CONTINUES = re.compile(
    r"^(?:[一二三四五六七八九十]是|[二三四五]来|其[次二三]|最后|此外|另外|另一方面|除此之外|同时|与此同时|而且|并且"
    r"|例如|再例如|比如|譬如|再比如|以[^，,。]{1,12}为例|究其原因|这意味着|这也|这就|这些|这种|这一|这场|这轮|此举"
    r"|因此|因而|于是|所以|可见|不难发现|总而言之|总的来说|换言之|据悉|相比之下|相比而言|其中|而|但|不过|其)"
)


def continues_before(simplified: str) -> bool:
    """Whether a text (Simplified, lower-cased) opens by continuing the one before it."""
    return _CONTINUES.match(simplified.lstrip('“"「（(')) is not None


# A date introduced as a target or a prediction (到2025年, 目标是到2026年, 预计): not something that
# happened, and no evidence of when the article was written. 截至 (a cut-off) and 达到 are not.
_FORECAST_BEFORE = re.compile(
    r"(?:(?<![截达])到|(?<!截)至|预计|预测|目标是?|有望|将于|计划|力争)[^，。；,;]{0,3}$"
)


def forecast_before(simplified_before: str) -> bool:
    """Whether the Simplified text just before a date introduces it as a target or a prediction."""
    return _FORECAST_BEFORE.search(simplified_before) is not None
