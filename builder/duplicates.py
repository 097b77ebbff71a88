"""Merge seeds that carry the same article (two file names, or near-identical copies from two sites)."""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from dataclasses import replace

from builder.model import AlsoFrom, Article
from builder.script import Converters

log = logging.getLogger(__name__)

# Paragraphs shorter than this are too common to say two articles are one.
MIN_PARAGRAPH = 20
# Share of the smaller article's text that must stand in the other for the two to be one article.
SAME_ARTICLE_SHARE = 0.8
_NOT_TEXT = re.compile(r"[^\w]", re.UNICODE)


def merge_duplicates(articles: list[Article], converters: Converters) -> list[Article]:
    """Keep one article of each group of copies; the kept one lists where the others came from."""
    fingerprints = {a.stem: _fingerprint(a, converters) for a in articles}
    sizes = {stem: sum(fp.values()) for stem, fp in fingerprints.items()}
    holders: dict[str, list[str]] = defaultdict(list)
    for stem in sorted(fingerprints):
        for key in fingerprints[stem]:
            holders[key].append(stem)
    parent = {a.stem: a.stem for a in articles}

    def root(stem: str) -> str:
        while parent[stem] != stem:
            stem = parent[stem]
        return stem

    # Prefix filtering (as in similarity joins): two articles are one only if the smaller shares at
    # least SAME_ARTICLE_SHARE of its text, so it shares at least one of its rarest paragraphs covering
    # more than the rest. Only holders of those are compared: every pair of articles sharing any
    # paragraph would be quadratic in a digest where a paragraph is quoted by thousands.
    candidates: set[tuple[str, str]] = set()
    for stem, prints in fingerprints.items():
        covered = 0
        for key in sorted(prints, key=lambda k: (len(holders[k]), k)):
            candidates.update((min(stem, o), max(stem, o)) for o in holders[key] if o != stem)
            covered += prints[key]
            # The margin keeps float rounding (1 - 0.8 is 0.19999…) from ending the prefix one
            # paragraph early; a longer prefix only adds candidates (found by tests/test_scaling.py).
            if covered > (1 - SAME_ARTICLE_SHARE) * sizes[stem] * (1 + 1e-9):
                break
    for a, b in sorted(candidates):
        shared = sum(
            min(fingerprints[a][k], fingerprints[b][k])
            for k in fingerprints[a].keys() & fingerprints[b].keys()
        )
        smaller = min(sizes[a], sizes[b])
        if smaller and shared / smaller >= SAME_ARTICLE_SHARE:
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
