"""要点: the few sentences that open a theme's or a player's page, drawn from the articles' most central
sentences (``Article.key_sentences``), each linked to its paragraph; or the curator's own."""

from __future__ import annotations

from builder.model import Article, KeySentence
from builder.pages.index import SiteIndex
from builder.pages.markup import escape, glossed, link
from builder.pages.paths import article_page, block_anchor, player_page, theme_page
from builder.taxonomy import Player, Theme

MAX_POINTS = 5
PER_ARTICLE = 2


def theme_key_points(theme: Theme, index: SiteIndex) -> list[str]:
    """A theme's key points: the curator's notes, else the most central sentences of its paragraphs,
    weighed by how strongly each paragraph is on the theme."""
    page = theme_page(theme.id)
    if theme.notes:
        return _section([escape(note) for note in theme.notes], written=True)
    strength: dict[tuple[str, int], float] = {
        (stem, hit.block): min(hit.score / theme.min_score, 2.0) for stem, hit in index.hits.get(theme.id, [])
    }
    candidates = [
        (sentence.score * strength[(article.stem, sentence.block)], article, sentence)
        for article in index.digest.articles
        for sentence in article.key_sentences
        if (article.stem, sentence.block) in strength
    ]
    return _section(_points(candidates, page, index))


def player_key_points(player: Player, index: SiteIndex) -> list[str]:
    """A player's key points: the most central sentences that name it."""
    page = player_page(player.id)
    named: dict[str, list[tuple[int, int]]] = {}
    for stem, mention in index.mentions.get(player.id, []):
        named.setdefault(stem, []).append((mention.block, mention.start))
    candidates = [
        (sentence.score, article, sentence)
        for stem, places in named.items()
        for article in [index.digest.article(stem)]
        for sentence in article.key_sentences
        if any(b == sentence.block and sentence.start <= s < sentence.end for b, s in places)
    ]
    return _section(_points(candidates, page, index))


def _points(candidates: list[tuple[float, Article, KeySentence]], page: str, index: SiteIndex) -> list[str]:
    """The best sentences, at most PER_ARTICLE from one article, each with a link to its paragraph."""
    chosen: list[tuple[Article, KeySentence]] = []
    for _, article, sentence in sorted(candidates, key=lambda c: (-c[0], c[1].stem, c[2].block, c[2].start)):
        if sum(1 for a, _ in chosen if a.stem == article.stem) >= PER_ARTICLE:
            continue
        chosen.append((article, sentence))
        if len(chosen) == MAX_POINTS:
            break
    return [
        glossed(s.text, index.glossary, a.writing)
        + " "
        + link("原文", page, article_page(a.stem), block_anchor(s.block))
        for a, s in chosen
    ]


def _section(points: list[str], written: bool = False) -> list[str]:
    if not points:
        return []
    heading = "## 要点 {#key-points}" if not written else "## 要点（编辑撰写） {#key-points}"
    # Left out of search: the sentences are the articles' own, and a search lands on their paragraphs
    # (on another player's page, a key point naming this one would rank above the article).
    return [
        heading,
        "",
        '<div data-search-exclude="" markdown>',
        "",
        *(f"- {p}" for p in points),
        "",
        "</div>",
        "",
    ]
