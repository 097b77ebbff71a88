"""Merge seeds that carry the same article (two file names, or near-identical copies from two sites)."""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from builder.model import AlsoFrom, Article
from builder.script import Converters

log = logging.getLogger(__name__)

# Paragraphs shorter than this are too common to say two articles are one.
MIN_PARAGRAPH = 20
# Share of the smaller article's text that must stand in the other for the two to be one article.
SAME_ARTICLE_SHARE = 0.8
_NOT_TEXT = re.compile(r"[^\w]", re.UNICODE)


@dataclass
class CopiesMemo:
    """Kept by a preview between builds: fingerprints, and the pairs of copies found, of the article
    objects they were worked out for (an unchanged article comes back as the same object)."""

    # By article id: the article object the fingerprint was made of (reused while it comes back).
    fingerprints: dict[str, tuple[Article, dict[str, int]]] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)


def merge_duplicates(
    articles: list[Article], converters: Converters, memo: CopiesMemo | None = None
) -> list[Article]:
    """Keep one article of each group of copies; the kept one lists where the others came from."""
    fingerprints = {a.stem: _fingerprint_of(a, converters, memo) for a in articles}
    holders: dict[str, list[str]] = defaultdict(list)
    for stem in sorted(fingerprints):
        for key in fingerprints[stem]:
            holders[key].append(stem)
    if memo is None or not memo.articles:
        pairs = set()
        for batch in _candidates(fingerprints, holders):
            pairs |= _copies(batch, fingerprints)
    else:
        # Whether two articles are copies depends on those two only: pairs of unchanged articles
        # stand, and a changed article is compared with every article sharing a paragraph with it.
        changed = {a.stem for a in articles if memo.articles.get(a.stem) is not a}
        pairs = {
            p for p in memo.pairs if p[0] in fingerprints and p[1] in fingerprints and not changed & set(p)
        }
        candidates = {
            (min(stem, other), max(stem, other))
            for stem in changed
            for key in fingerprints[stem]
            for other in holders[key]
            if other != stem
        }
        pairs |= _copies(candidates, fingerprints)
    if memo is not None:
        memo.articles = {a.stem: a for a in articles}
        memo.pairs = pairs
        memo.fingerprints = {a.stem: (a, fingerprints[a.stem]) for a in articles}
    parent = {a.stem: a.stem for a in articles}

    def root(stem: str) -> str:
        while parent[stem] != stem:
            stem = parent[stem]
        return stem

    for a, b in sorted(pairs):
        parent[root(b)] = root(a)
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[root(article.stem)].append(article)
    merged = []
    for group in groups.values():
        kept, *others = sorted(group, key=_preference)
        for other in others:
            log.info(
                "%s: same article as %s; merged into its page", other.provenance.path, kept.provenance.path
            )
        also = tuple(AlsoFrom(o.stem, o.metadata.source, o.metadata.url, o.script) for o in others)
        merged.append(replace(kept, also_from=kept.also_from + also) if also else kept)
    return sorted(merged, key=lambda a: a.stem)


def _candidates(
    fingerprints: dict[str, dict[str, int]], holders: dict[str, list[str]]
) -> Iterator[set[tuple[str, str]]]:
    """Pairs that may be copies, a batch per article: every pair that is, and few that are not.

    Prefix filtering (as in similarity joins), applied more than once: two articles are one only if
    the smaller shares at least SAME_ARTICLE_SHARE of its text, so the other holds at least one
    paragraph of every part of it that covers more than the rest. The smaller article's paragraphs,
    rarest first, are cut into such parts; the candidates are the articles holding a paragraph of each
    part (the first part alone left every article sharing one of its paragraphs: 47 of the 570 s of a
    cold build of 10,000 articles, whose paragraphs are each quoted by hundreds). The holders of a
    paragraph are a bit set over the articles, so a part is an OR and the filter an AND. Only pairs from
    the smaller article's side are kept (either side for two of one size).
    """
    stems = sorted(fingerprints)
    number = {stem: n for n, stem in enumerate(stems)}
    held_by = {key: sum(1 << number[stem] for stem in holding) for key, holding in holders.items()}
    sizes = {stem: sum(prints.values()) for stem, prints in fingerprints.items()}
    for stem, prints in fingerprints.items():
        size = sizes[stem]
        # The margin keeps float rounding (1 - 0.8 is 0.19999…) from ending a part one paragraph
        # early; a longer part only adds candidates (found by tests/test_scaling.py).
        enough = (1 - SAME_ARTICLE_SHARE) * size * (1 + 1e-9)
        found, part, covered = -1, 0, 0  # -1: every article, until a part is complete
        for key in sorted(prints, key=lambda k: (len(holders[k]), k)):
            part |= held_by[key]
            covered += prints[key]
            if covered > enough:
                found &= part
                if found.bit_count() <= 1:  # itself alone
                    break
                part, covered = 0, 0
        yield {
            (stem, other) if stem < other else (other, stem)
            for other in (stems[n] for n in _set_bits(found if found > 0 else 0))
            if (sizes[other], other) > (size, stem)
        }


def _set_bits(mask: int) -> Iterator[int]:
    """The numbers of the bits set in ``mask``, lowest first."""
    bits = bin(mask)[:1:-1]  # lowest bit first, without "0b"
    position = bits.find("1")
    while position != -1:
        yield position
        position = bits.find("1", position + 1)


def _copies(
    candidates: set[tuple[str, str]], fingerprints: dict[str, dict[str, int]]
) -> set[tuple[str, str]]:
    """The candidate pairs whose smaller article shares SAME_ARTICLE_SHARE of its text with the other."""
    pairs = set()
    for a, b in candidates:
        shared = sum(
            min(fingerprints[a][k], fingerprints[b][k])
            for k in fingerprints[a].keys() & fingerprints[b].keys()
        )
        smaller = min(sum(fingerprints[a].values()), sum(fingerprints[b].values()))
        if smaller and shared / smaller >= SAME_ARTICLE_SHARE:
            pairs.add((a, b))
    return pairs


def _fingerprint_of(article: Article, converters: Converters, memo: CopiesMemo | None) -> dict[str, int]:
    known = memo.fingerprints.get(article.stem) if memo is not None else None
    return known[1] if known is not None and known[0] is article else _fingerprint(article, converters)


def _fingerprint(article: Article, converters: Converters) -> dict[str, int]:
    """Hashes of the article's paragraphs in one script, without punctuation, with their lengths."""
    prints: dict[str, int] = {}
    for block in article.blocks:
        if block.kind == "heading":
            continue
        text = _NOT_TEXT.sub("", converters.simplified(block.text)).lower()
        if len(text) >= MIN_PARAGRAPH:
            prints[hashlib.blake2b(text.encode(), digest_size=12).hexdigest()] = len(text)
    return prints


def _preference(article: Article) -> tuple[int, int, str]:
    """The copy to keep: more metadata, then fewer damage flags, then the first by name."""
    meta = article.metadata
    known = sum(1 for value in (meta.title, meta.date, meta.author, meta.source) if value)
    return (-known, len(article.flags), article.stem)
