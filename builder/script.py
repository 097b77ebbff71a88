"""Script handling with OpenCC: converters built once and passed in, and script detection."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import opencc

from builder.clean.textshape import is_han
from builder.model import Article, Script


@dataclass(frozen=True)
class Converters:
    """The OpenCC converters a build needs; built once by ``make_converters``."""

    t2s: opencc.OpenCC
    s2t: opencc.OpenCC

    def __reduce__(self) -> tuple[object, tuple[()]]:
        """Rebuilt, not copied, in worker processes (OpenCC objects cannot be pickled)."""
        return (make_converters, ())

    def simplified(self, text: str) -> str:
        """The text in Simplified script, for matching patterns written once."""
        return str(self.t2s.convert(text))


def make_converters() -> Converters:
    """Build the OpenCC converters (loading their dictionaries takes a moment: do it once)."""
    return Converters(t2s=opencc.OpenCC("t2s"), s2t=opencc.OpenCC("s2t"))


def detect_script(article: Article, converters: Converters) -> Article:
    """Mark the article ``hant`` or ``hans`` by which script's own characters it uses more."""
    counts = Counter(ch for block in article.blocks for ch in block.text if is_han(ch))
    traditional = simplified = 0
    for ch, n in counts.items():
        if converters.t2s.convert(ch) != ch:
            traditional += n
        elif converters.s2t.convert(ch) != ch:
            simplified += n
    script: Script = "hant" if traditional > simplified else "hans"
    return replace(article, script=script)
