"""Related articles: the ones sharing most players and themes with an article."""

from __future__ import annotations

import heapq
from collections import defaultdict

from builder.model import Article

# Related articles are looked for among the articles nearest in date that share a feature: a window of
# this many on either side in each feature's date-ordered list. On a small digest that is every article;
# on a large one it keeps the work per article bounded (exact Jaccard over all pairs is quadratic).
RELATED_WINDOW = 200


def article_features(article: Article) -> set[str]:
    """What relates articles: the players they mention and the themes they feed."""
    return {m.player for m in article.mentions} | {f"theme:{h.theme}" for h in article.theme_hits}


def find_related(articles: tuple[Article, ...], features: dict[str, set[str]]) -> dict[str, list[str]]:
    """Up to three related articles each: most shared players and themes (Jaccard), then id."""
    order = sorted(articles, key=lambda a: (a.metadata.date or "", a.stem))
    postings: dict[str, list[str]] = defaultdict(list)
    position: dict[tuple[str, str], int] = {}
    for article in order:
        for feature in sorted(features[article.stem]):
            position[(feature, article.stem)] = len(postings[feature])
            postings[feature].append(article.stem)
    # Feature sets as bit masks: the Jaccard score of ~700 candidates per article is then integer work.
    bit = {feature: 1 << number for number, feature in enumerate(sorted(postings))}
    masks = {stem: sum(bit[f] for f in mine) for stem, mine in features.items()}
    related: dict[str, list[str]] = {}
    for article in articles:
        stem, mine = article.stem, features[article.stem]
        candidates: set[str] = set()
        for feature in mine:
            at = position[(feature, stem)]
            candidates.update(postings[feature][max(0, at - RELATED_WINDOW) : at + RELATED_WINDOW + 1])
        candidates.discard(stem)
        mask = masks[stem]
        best = heapq.nsmallest(
            3,
            (
                (-(mask & masks[other]).bit_count() / (mask | masks[other]).bit_count(), other)
                for other in candidates
            ),
        )
        related[stem] = [other for _, other in best]
    return related
