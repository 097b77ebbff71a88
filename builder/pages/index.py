"""Cross-references computed once over the whole digest, for every page to use."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from builder.digest import Digest
from builder.model import Article, Mention, ThemeHit
from builder.pages.display import year_of
from builder.pages.paths import source_page
from builder.pages.related import article_features, find_related
from builder.pages.years import by_year
from builder.taxonomy import Taxonomy


@dataclass
class IndexMemo:
    """Kept by a preview between builds (inside ``RenderMemo``): the related lists and their inputs,
    and the lines theme and player pages showed for each article."""

    # The related-article inputs (features and date order) and the result computed from them.
    related_inputs: tuple[dict[str, set[str]], list[tuple[str, str]]] | None = None
    related: dict[str, list[str]] = field(default_factory=dict)
    # (page, article id) -> the article, the taxonomy, and the lines the page shows for that article.
    lines: dict[tuple[str, str], tuple[Article, Taxonomy, list[str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteIndex:
    """Who is mentioned where, which paragraphs feed which theme, which articles are related."""

    digest: Digest
    mentions: dict[str, list[tuple[str, Mention]]] = field(default_factory=dict)
    hits: dict[str, list[tuple[str, ThemeHit]]] = field(default_factory=dict)
    # Every count a page shows is one of these, computed here once: a player is counted by the
    # paragraphs that name it (one quote each on its page), never by how often a paragraph repeats it.
    # player -> the (article, block) paragraphs naming it, in article then block order.
    paragraphs: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # player -> other player -> paragraphs naming both.
    co_mentions: dict[str, Counter[str]] = field(default_factory=dict)
    # player -> theme -> the theme's paragraphs naming the player; theme_players is the same, transposed.
    player_themes: dict[str, Counter[str]] = field(default_factory=dict)
    theme_players: dict[str, Counter[str]] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)
    # Glossary term (and alias) -> definition, for hover definitions on every page; longest first, the
    # order glossary_spans tries them in.
    glossary: dict[str, str] = field(default_factory=dict)
    # Kept by a preview between builds: lines pages show per article are reused from it.
    memo: IndexMemo | None = None

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

    def paragraph_count(self, player_id: str) -> int:
        """How many paragraphs of the digest name a player: the count every page shows for it."""
        return len(self.paragraphs.get(player_id, []))

    def articles_of(self, player_id: str) -> list[str]:
        """The ids of the articles that mention a player, sorted."""
        return sorted({stem for stem, _ in self.mentions.get(player_id, [])})

    def latest(self) -> list[Article]:
        """Articles newest first; undated ones after, by id."""
        return list(self._newest_first)

    @cached_property
    def _newest_first(self) -> tuple[Article, ...]:
        # Sorted once: every theme, player and listing page asks for this order.
        # An inferred date (约) orders an undated article among the dated ones: 2023 after 2022.
        dated = sorted(
            (a for a in self.digest.articles if a.date_for_order),
            key=lambda a: (a.date_for_order or "", a.stem),
            reverse=True,
        )
        return (*dated, *(a for a in self.digest.articles if not a.date_for_order))

    def by_year(self, articles: list[Article] | None = None) -> dict[str, list[Article]]:
        """Articles (all, or those given, newest first) by year, newest year first, undated last."""
        return by_year(self.latest() if articles is None else articles, year_of)

    def by_source(self) -> dict[str, list[Article]]:
        """Articles newest first by source page, for the source pages."""
        sources: dict[str, list[Article]] = {}
        for article in self.latest():
            sources.setdefault(source_page(article.metadata.source), []).append(article)
        return sources


def build_index(digest: Digest, memo: IndexMemo | None = None) -> SiteIndex:
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
        for block, players in sorted(by_block.items()):
            for player in players:
                index.paragraphs.setdefault(player, []).append((article.stem, block))
                index.co_mentions.setdefault(player, Counter()).update(players - {player})
        for hit in article.theme_hits:
            index.hits.setdefault(hit.theme, []).append((article.stem, hit))
            for player in by_block.get(hit.block, ()):
                index.player_themes.setdefault(player, Counter())[hit.theme] += 1
                index.theme_players.setdefault(hit.theme, Counter())[player] += 1
        features[article.stem] = article_features(article)
    order = sorted((a.metadata.date or "", a.stem) for a in digest.articles)
    if memo is not None and memo.related_inputs == (features, order):
        index.related.update(memo.related)
    else:
        index.related.update(find_related(digest.articles, features))
        if memo is not None:
            memo.related_inputs, memo.related = (features, order), dict(index.related)
    return index
