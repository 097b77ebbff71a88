"""Typeset what readers see as Chinese: full-width punctuation between Han characters, a space between
Han and Latin letters or digits, by the usual copywriting rules as autocorrect-py implements them.

The sources write ``玩瘋了的ChatGPT不止AIGC,Maas或成為…`` (half-width commas between Han characters, no
space around Latin words); the pages show ``玩瘋了的 ChatGPT 不止 AIGC,Maas 或成為…``. One stage at the end of
extraction, so every page, quote, feed entry, search text and ``digest.json`` shows the same text:

- damage is never touched (a ``?`` standing for a lost character must not become ``？``): flagged
  spans are kept byte for byte and only the text around them is typeset;
- every offset into a block (flags, mentions, figures) is carried over to the typeset text, and event
  sentences are cut again from it;
- the text as the source published it is kept (``Article.published``) for the page's 原文 section.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace

import autocorrect_py

from builder.model import Article, Event


@dataclass(frozen=True)
class Typeset:
    """A typeset text and where each offset of the original went (one more entry than characters)."""

    text: str
    positions: tuple[int, ...]

    def at(self, offset: int) -> int:
        """Where an offset of the original text lies in the typeset one."""
        return self.positions[offset]

    def end_at(self, offset: int) -> int:
        """Where a span of the original ending at ``offset`` ends in the typeset text: just after its
        last character, before any space typesetting put after it."""
        return self.positions[offset - 1] + 1 if offset > 0 else self.positions[0]


def typeset_text(text: str, keep: Sequence[tuple[int, int]] = ()) -> Typeset:
    """Typeset a text, leaving the ``keep`` spans (damage) exactly as they are."""
    out: list[str] = []
    positions: list[int] = []
    at = 0
    for span_start, end in sorted((*keep, (len(text), len(text)))):
        start = max(span_start, at)  # overlapping spans: the earlier one already covers the overlap
        free = text[at:start]
        formatted = str(autocorrect_py.format(free)) if free.strip() else free
        base = sum(len(p) for p in out)
        positions += [base + p for p in _align(free, formatted)[:-1]]
        out.append(formatted)
        base += len(formatted)
        kept = text[start:end]
        positions += [base + k for k in range(len(kept))]
        out.append(kept)
        at = max(at, end)
    result = "".join(out)
    return Typeset(result, (*positions, len(result)))


def _align(original: str, formatted: str) -> list[int]:
    """For each offset of ``original`` (and its end), the offset in ``formatted``.

    autocorrect inserts spaces and swaps punctuation for its full-width form, so a walk over both
    usually explains every difference; anything else is aligned by difflib."""
    positions: list[int] = []
    i = j = 0
    while i < len(original) and j < len(formatted):
        if original[i] == formatted[j] or (
            not original[i].isalnum()
            and not formatted[j].isalnum()
            and not original[i].isspace()
            and not formatted[j].isspace()
        ):
            positions.append(j)
            i += 1
            j += 1
        elif formatted[j] == " ":
            j += 1
        elif original[i].isspace():
            positions.append(j)
            i += 1
        else:
            return _align_by_diff(original, formatted)
    if i < len(original) or formatted[j:].strip():
        return _align_by_diff(original, formatted)
    positions += [j] * (len(original) - i)
    return [*positions, len(formatted)]


def _align_by_diff(original: str, formatted: str) -> list[int]:
    positions = [0] * (len(original) + 1)
    matcher = difflib.SequenceMatcher(None, original, formatted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i1, i2):
            positions[k] = j1 + (k - i1 if tag == "equal" else min(k - i1, max(j2 - j1 - 1, 0)))
    positions[len(original)] = len(formatted)
    return positions


def typeset_article(article: Article) -> Article:
    """The article with every block typeset and every offset into a block carried over."""
    damage: dict[int, list[tuple[int, int]]] = {}
    for flag in article.flags:
        damage.setdefault(flag.block, []).append((flag.start, flag.end))
    done = [typeset_text(block.text, damage.get(n, ())) for n, block in enumerate(article.blocks)]
    if all(t.text == b.text for t, b in zip(done, article.blocks, strict=True)):
        return replace(article, published=tuple(b.text for b in article.blocks))
    blocks = tuple(
        replace(b, text=t.text) if t.text != b.text else b for t, b in zip(done, article.blocks, strict=True)
    )

    def moved(block: int, start: int, end: int) -> tuple[int, int]:
        return done[block].at(start), max(done[block].at(start), done[block].end_at(end))

    flags = []
    for f in article.flags:
        start, end = moved(f.block, f.start, f.end)
        flags.append(replace(f, start=start, end=end))
    mentions = []
    for m in article.mentions:
        start, end = moved(m.block, m.start, m.end)
        mentions.append(replace(m, start=start, end=end, text=blocks[m.block].text[start:end]))
    figures = []
    for g in article.figures:
        start, end = moved(g.block, g.start, g.end)
        clause_start, clause_end = moved(g.block, g.clause_start, g.clause_end)
        figures.append(
            replace(
                g,
                start=start,
                end=end,
                text=blocks[g.block].text[start:end],
                clause_start=clause_start,
                clause_end=clause_end,
                thing=typeset_text(g.thing).text if g.thing else g.thing,
            )
        )
    events = [_moved_event(e, article.blocks[e.block].text, done[e.block]) for e in article.events]
    return replace(
        article,
        blocks=blocks,
        published=tuple(b.text for b in article.blocks),
        flags=tuple(flags),
        mentions=tuple(mentions),
        figures=tuple(figures),
        events=tuple(events),
    )


def _moved_event(event: Event, original: str, done: Typeset) -> Event:
    """An event's sentence and text, cut again from the typeset block where they came from."""
    at = original.find(event.sentence)
    if at == -1:
        return event
    sentence = done.text[done.at(at) : done.end_at(at + len(event.sentence))]
    inner = event.sentence.find(event.text)
    if inner == -1:
        return replace(event, sentence=sentence)
    text = done.text[done.at(at + inner) : done.end_at(at + inner + len(event.text))].strip()
    return replace(event, sentence=sentence.strip(), text=text)
