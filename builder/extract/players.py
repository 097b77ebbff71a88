"""Find the players (and their models) an article names, in either script."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from builder.extract.options import ExtractOptions, simplified_aligned
from builder.model import Article, Mention

log = logging.getLogger(__name__)

_ALNUM = re.compile(r"[A-Za-z0-9]")


def find_players(article: Article, options: ExtractOptions) -> Article:
    """Record every mention of a player's name, alias or model; longer names win overlaps."""
    mentions: list[Mention] = []
    for index, block in enumerate(article.blocks):
        simple = simplified_aligned(block.text, options.converters)
        lowered = simple.lower()
        taken = [False] * len(simple)
        for form in options.name_forms:
            needle = form.form.lower() if form.latin else form.form
            haystack = lowered if form.latin else simple
            start = haystack.find(needle)
            while start != -1:
                end = start + len(needle)
                if (
                    not any(taken[start:end])
                    and _bounded(simple, start, end, form.latin)
                    and not _vetoed(simple, start, end, form.not_in)
                ):
                    for k in range(start, end):
                        taken[k] = True
                    mentions.append(
                        Mention(form.player, index, start, end, block.text[start:end], form.via)  # type: ignore[arg-type]
                    )
                start = haystack.find(needle, end)
    mentions.sort(key=lambda m: (m.block, m.start))
    log.debug("%s: %d player mentions", article.provenance.path, len(mentions))
    return replace(article, mentions=tuple(mentions))


def _bounded(text: str, start: int, end: int, latin: bool) -> bool:
    """Latin names must stand alone: `GPT` in `ChatGPT`, `A10` in `A100` are not mentions."""
    if not latin:
        return True
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return not (before and _ALNUM.match(before)) and not (after and _ALNUM.match(after))


def _vetoed(text: str, start: int, end: int, phrases: tuple[str, ...]) -> bool:
    """Whether the mention lies inside one of the phrases in which the name is something else."""
    for phrase in phrases:
        position = text.find(phrase, max(0, start - len(phrase)))
        while position != -1 and position < end:
            if position <= start and end <= position + len(phrase):
                return True
            position = text.find(phrase, position + 1)
    return False
