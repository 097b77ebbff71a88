"""Cross-references computed once over the whole digest, for every page to use."""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from builder.clean.textshape import han_count
from builder.digest import Digest
from builder.model import Article, Mention, ThemeHit
from builder.pages.markup import link

if TYPE_CHECKING:
    from builder.pages.data import ArticleData
    from builder.pages.site import SitePages

ARTICLES = "articles"
PLAYERS = "players"
THEMES = "themes"
HAN_PER_MINUTE = 400


def article_page(stem: str) -> str:
    """The source path of an article's page."""
    return f"{ARTICLES}/{stem}.md"


def player_page(player_id: str) -> str:
    """The source path of a player's page."""
    return f"{PLAYERS}/{player_id}.md"


def theme_page(theme_id: str) -> str:
    """The source path of a theme's page."""
    return f"{THEMES}/{theme_id}.md"


ARCHIVE = "archive"
SOURCES = "sources"
UNDATED = "undated"
# Listing pages show this many articles (or quoted articles) and link to per-year pages for the rest,
# so no page grows with the digest (at 10,000 articles a flat list is megabytes for every reader).
LATEST_ON_PAGE = 50
# The figures and the timeline stay one page up to this many rows, then split by year.
ROWS_ON_PAGE = 400


def archive_page(year: str) -> str:
    """The source path of the page listing one year's articles (``undated`` for the rest)."""
    return f"{ARCHIVE}/{year}.md"


def source_page(source: str | None) -> str:
    """The source path of the page listing one source's articles (the name is article text: hashed)."""
    name = source or ""
    return f"{SOURCES}/s-{hashlib.blake2b(name.encode('utf-8'), digest_size=6).hexdigest()}.md"


def year_page(page: str, year: str) -> str:
    """The per-year page under a theme's or player's page: ``themes/compute-gap/2024.md``."""
    return f"{page.removesuffix('.md')}/{year}.md"


def year_label(year: str) -> str:
    """How a page names a year it files articles under."""
    return "日期不详" if year == UNDATED else f"{year} 年"


def year_of(article: Article) -> str:
    """The year an article is filed under, or ``undated``."""
    return article.metadata.date[:4] if article.metadata.date else UNDATED


def block_anchor(index: int) -> str:
    """The stable anchor of a block on its article page."""
    return f"p{index}"


def stem_anchor(stem: str) -> str:
    """An id for an article's section on a theme or player page, safe whatever the file name."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", stem):
        return stem
    return "a-" + hashlib.blake2b(stem.encode("utf-8"), digest_size=6).hexdigest()


def display_title(article: Article) -> str:
    """The article's title, or its first sentence when the page had none (never invented)."""
    if article.metadata.title:
        return article.metadata.title
    for block in article.blocks:
        if block.kind != "heading":
            first = block.text.split("。")[0]
            return first if len(first) <= 28 else first[:27] + "…"
    return article.stem


def reading_minutes(article: Article) -> int:
    """Reading time at 400 Han characters a minute."""
    return max(1, math.ceil(sum(han_count(b.text) for b in article.blocks) / HAN_PER_MINUTE))


@dataclass(frozen=True)
class SiteIndex:
    """Who is mentioned where, which paragraphs feed which theme, which articles are related."""

    digest: Digest
    mentions: dict[str, list[tuple[str, Mention]]] = field(default_factory=dict)
    hits: dict[str, list[tuple[str, ThemeHit]]] = field(default_factory=dict)
    co_mentions: dict[str, Counter[str]] = field(default_factory=dict)
    player_themes: dict[str, Counter[str]] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)
    # Glossary term (and alias) -> definition, for hover definitions on every page; longest first, the
    # order glossary_spans tries them in.
    glossary: dict[str, str] = field(default_factory=dict)
    # Kept by a preview between builds: lines pages show per article are reused from it.
    memo: RenderMemo | None = None

    def article_lines(
        self, page: str, articles: list[Article], render: Callable[[Article], list[str]]
    ) -> list[str]:
        """What a theme or player page (``page``) shows for each article: ``render(article)``, or the
        lines it gave for the same article object last time (they depend on nothing else but the
        taxonomy)."""
        lines: list[str] = []
        for article in articles:
            known = self.memo.lines.get((page, article.stem)) if self.memo is not None else None
            if known is not None and known[0] is article and known[1] is self.digest.taxonomy:
                lines += known[2]
                continue
            shown = render(article)
            if self.memo is not None:
                self.memo.lines[(page, article.stem)] = (article, self.digest.taxonomy, shown)
            lines += shown
        return lines

    def mention_count(self, player_id: str) -> int:
        """How many times a player is mentioned across the digest."""
        return len(self.mentions.get(player_id, []))

    def articles_of(self, player_id: str) -> list[str]:
        """The ids of the articles that mention a player, sorted."""
        return sorted({stem for stem, _ in self.mentions.get(player_id, [])})

    def latest(self) -> list[Article]:
        """Articles newest first; undated ones after, by id."""
        return list(self._newest_first)

    @cached_property
    def _newest_first(self) -> tuple[Article, ...]:
        # Sorted once: every theme, player and listing page asks for this order.
        dated = sorted(
            (a for a in self.digest.articles if a.metadata.date),
            key=lambda a: (a.metadata.date, a.stem),
            reverse=True,
        )
        return (*dated, *(a for a in self.digest.articles if not a.metadata.date))

    def by_year(self, articles: list[Article] | None = None) -> dict[str, list[Article]]:
        """Articles (all, or those given, newest first) by year, newest year first, undated last."""
        years: dict[str, list[Article]] = {}
        for article in self.latest() if articles is None else articles:
            years.setdefault(year_of(article), []).append(article)
        return dict(sorted(years.items(), key=lambda kv: (kv[0] != UNDATED, kv[0]), reverse=True))

    def by_source(self) -> dict[str, list[Article]]:
        """Articles newest first by source page, for the source pages."""
        sources: dict[str, list[Article]] = {}
        for article in self.latest():
            sources.setdefault(source_page(article.metadata.source), []).append(article)
        return sources


@dataclass
class RenderMemo:
    """Results kept between builds in one process (a preview), reused only when their inputs are equal:
    most of a digest is unchanged from one edit to the next."""

    # The related-article inputs (features and date order) and the result computed from them.
    related_inputs: tuple[dict[str, set[str]], list[tuple[str, str]]] | None = None
    related: dict[str, list[str]] = field(default_factory=dict)
    # Article pages: stem -> (what the page is made of, its Markdown before edition conversion).
    articles: dict[str, tuple[object, str]] = field(default_factory=dict)
    # Per edition: a page's Markdown before conversion -> after.
    converted: dict[str, dict[str, str]] = field(default_factory=dict)
    # (page, article id) -> the article, the taxonomy, and the lines the page shows for that article.
    lines: dict[tuple[str, str], tuple[Article, object, list[str]]] = field(default_factory=dict)
    # The digest last rendered and its pages before conversion (the other editions reuse them).
    pages: tuple[Digest, SitePages] | None = None
    # Per edition: each article's share of digest.json, with the article it was made from.
    data: dict[str, dict[str, tuple[Article, ArticleData]]] = field(default_factory=dict)


def build_index(digest: Digest, memo: RenderMemo | None = None) -> SiteIndex:
    """Compute every cross-reference once."""
    index = SiteIndex(digest, memo=memo)
    glossary = {
        form: term.definition for term in digest.taxonomy.glossary for form in (term.term, *term.aliases)
    }
    index.glossary.update(sorted(glossary.items(), key=lambda kv: (-len(kv[0]), kv[0])))
    if memo is not None:
        alive = {article.stem for article in digest.articles}
        memo.lines = {key: value for key, value in memo.lines.items() if key[1] in alive}
    features: dict[str, set[str]] = {}
    for article in digest.articles:
        by_block: dict[int, set[str]] = defaultdict(set)
        for mention in article.mentions:
            index.mentions.setdefault(mention.player, []).append((article.stem, mention))
            by_block[mention.block].add(mention.player)
        for players in by_block.values():
            for player in players:
                index.co_mentions.setdefault(player, Counter()).update(players - {player})
        for hit in article.theme_hits:
            index.hits.setdefault(hit.theme, []).append((article.stem, hit))
            for player in by_block.get(hit.block, ()):
                index.player_themes.setdefault(player, Counter())[hit.theme] += 1
        features[article.stem] = {m.player for m in article.mentions} | {
            f"theme:{h.theme}" for h in article.theme_hits
        }
    order = sorted((a.metadata.date or "", a.stem) for a in digest.articles)
    if memo is not None and memo.related_inputs == (features, order):
        index.related.update(memo.related)
    else:
        index.related.update(find_related(digest.articles, features))
        if memo is not None:
            memo.related_inputs, memo.related = (features, order), dict(index.related)
    return index


# Related articles are looked for among the articles nearest in date that share a feature: a window of
# this many on either side in each feature's date-ordered list. On a small digest that is every article;
# on a large one it keeps the work per article bounded (exact Jaccard over all pairs is quadratic).
RELATED_WINDOW = 200


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


def earlier_pages(articles: list[Article], page: str, owner: str, index: SiteIndex) -> list[str]:
    """Links from a theme's or player's page to its per-year pages for articles beyond the newest."""
    if not articles:
        return []
    lines = ["## 更早的文章 {#earlier}", ""]
    for year, group in index.by_year(articles).items():
        lines.append(f"- {link(year_label(year), page, year_page(owner, year))}（{len(group)} 篇）")
    return [*lines, ""]
