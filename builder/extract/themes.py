"""Assign paragraphs to themes with a score and the evidence that put them there."""

from __future__ import annotations

from dataclasses import replace

from builder.extract.options import ExtractOptions, simplified_aligned
from builder.model import Article, ThemeHit


def assign_themes(article: Article, options: ExtractOptions) -> Article:
    """Score every paragraph and lede against every theme; pins in the taxonomy override."""
    hits: list[ThemeHit] = []
    players_by_block: dict[int, set[str]] = {}
    for mention in article.mentions:
        players_by_block.setdefault(mention.block, set()).add(mention.player)
    for index, block in enumerate(article.blocks):
        pin = f"{article.stem}#{index}"
        simple = simplified_aligned(block.text, options.converters).lower()
        for theme in options.taxonomy.themes:
            if pin in theme.exclude:
                continue
            found = [t for t in options.theme_terms[theme.id] if t.occurs_in(simple)]
            evidence = sorted(t.term for t in found)
            score = sum(t.weight for t in found)
            players = sorted(players_by_block.get(index, set()))
            if theme.player_weight:
                score += theme.player_weight * len(players)
                evidence += [options.taxonomy.player(p).name for p in players]
            if pin in theme.include:
                hits.append(ThemeHit(theme.id, index, max(score, theme.min_score), (*evidence, "策展人指定")))
            elif block.kind != "heading" and score >= theme.min_score:
                hits.append(ThemeHit(theme.id, index, score, tuple(evidence)))
    return replace(article, theme_hits=tuple(hits))
