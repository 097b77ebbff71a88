"""Script handling with OpenCC: converters built once and passed in, and script detection."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

import opencc

from builder.clean.textshape import han_characters
from builder.model import Article, Script


@dataclass(frozen=True)
class Converters:
    """The OpenCC converters a build needs; built once by ``make_converters``."""

    t2s: opencc.OpenCC
    s2t: opencc.OpenCC
    # Han character -> the script it belongs to ("hant", "hans", or "" for both), as worked out.
    scripts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

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
    counts: Counter[str] = Counter()
    for block in article.blocks:
        counts.update(han_characters(block.text))
    scripts = converters.scripts
    new = sorted(ch for ch in counts if ch not in scripts)
    if new:
        simplified = _each_converted(new, converters.t2s)
        traditional = _each_converted(new, converters.s2t)
        for ch, simple, traditional_form in zip(new, simplified, traditional, strict=True):
            scripts[ch] = "hant" if simple != ch else "hans" if traditional_form != ch else ""
    own = Counter({"hant": 0, "hans": 0})
    for ch, n in counts.items():
        own[scripts[ch]] += n
    script: Script = "hant" if own["hant"] > own["hans"] else "hans"
    return replace(article, script=script)


def _each_converted(characters: list[str], converter: opencc.OpenCC) -> list[str]:
    """Each character converted on its own, in one OpenCC call (no phrase spans a line break)."""
    converted = str(converter.convert("\n".join(characters))).split("\n")
    if len(converted) != len(characters):
        return [str(converter.convert(ch)) for ch in characters]
    return converted
