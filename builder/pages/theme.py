"""A theme page: the curator's intro, the evidence grouped by article, the players and figures."""

from __future__ import annotations

from collections import Counter
from functools import partial

from builder.model import Article, ThemeHit
from builder.pages.display import date_label, display_title, quote_of
from builder.pages.figures import figure_table
from builder.pages.index import SiteIndex
from builder.pages.keypoints import theme_key_points
from builder.pages.markup import (
    SEARCH_EXCLUDE,
    Quote,
    escape,
    glossed,
    href,
    link,
    name,
    quote_block,
)
from builder.pages.page import Page
from builder.pages.paths import article_page, block_anchor, player_page, stem_anchor, theme_page
from builder.pages.years import LATEST_ON_PAGE, earlier_section, older_year_pages
from builder.taxonomy import Theme

MAX_QUOTES_PER_ARTICLE = 6
# The theme whose page also lists every player with its count (the roster).
ROSTER_THEME = "players"


def theme_sources(theme: Theme, index: SiteIndex) -> tuple[object, ...]:
    """What a theme's pages (its page and its year pages) are made from: the taxonomy and the articles
    with paragraphs on it, by id; for the roster's theme, every article (the roster counts each
    player's paragraphs). Pages made from equal sources are the same (a preview reuses them,
    ``builder.pages.site``)."""
    digest = index.digest
    if theme.id == ROSTER_THEME:
        return (digest.taxonomy, *digest.articles)
    stems = sorted({stem for stem, _ in index.hits.get(theme.id, [])})
    return (digest.taxonomy, *(digest.article(stem) for stem in stems))


def render_theme(theme: Theme, index: SiteIndex) -> Page:
    """One theme's page."""
    page = theme_page(theme.id)
    taxonomy = index.digest.taxonomy
    hits = index.hits.get(theme.id, [])
    intro = glossed(theme.intro, index.glossary)
    lines = [f"# {escape(theme.name)}", "", intro, ""]
    lines += [f"共 {len(hits)} 段文字来自 {len({s for s, _ in hits})} 篇文章。", ""]
    lines += theme_key_points(theme, index)
    players = index.theme_players.get(theme.id, Counter())
    if theme.id == ROSTER_THEME:
        lines += ["## 玩家一览 {#roster}", "", "括号内为全部文章中提到该玩家的段落数。", ""]
        for category, name in taxonomy.categories:
            members = [p for p in taxonomy.players if p.category == category and index.paragraph_count(p.id)]
            if members:
                members.sort(key=lambda p: (-index.paragraph_count(p.id), p.id))
                count = index.paragraph_count
                names = "、".join(
                    f"{link(p.name, page, player_page(p.id))}（{count(p.id)}）" for p in members
                )
                lines += [f"**{escape(name)}**：{names}", SEARCH_EXCLUDE, ""]
    elif players:
        lines += ["## 相关玩家 {#players}", "", "括号内为本主题的段落中提到该玩家的段落数。", ""]
        top = sorted(players.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
        lines += [
            "、".join(f"{link(taxonomy.player(p).name, page, player_page(p))}（{n}）" for p, n in top),
            SEARCH_EXCLUDE,
            "",
        ]
    lines += ["## 原文摘录 {#evidence}", ""]
    by_article = by_stem(hits)
    quoted = [a for a in index.latest() if a.stem in by_article]
    lines += _evidence(quoted[:LATEST_ON_PAGE], by_article, page, index)
    lines += earlier_section(index.by_year(quoted[LATEST_ON_PAGE:]), page)
    shown = quoted[:LATEST_ON_PAGE]
    figures = [
        (article, figure)
        for article in shown
        for figure in article.figures
        if any(h.theme == theme.id and h.block == figure.block for h in article.theme_hits)
    ]
    if figures:
        lines += ["## 关键数字 {#figures}", "", figure_table(figures, page, index), ""]
    return Page(page, "\n".join(lines) + "\n", theme.intro)


def by_stem(hits: list[tuple[str, ThemeHit]]) -> dict[str, list[ThemeHit]]:
    """A theme's hits grouped by article."""
    grouped: dict[str, list[ThemeHit]] = {}
    for stem, hit in hits:
        grouped.setdefault(stem, []).append(hit)
    return grouped


def _evidence(
    articles: list[Article], by_article: dict[str, list[ThemeHit]], page: str, index: SiteIndex
) -> list[str]:
    return index.article_lines(
        page, articles, partial(_article_evidence, by_article=by_article, page=page, index=index)
    )


def _article_evidence(
    article: Article, by_article: dict[str, list[ThemeHit]], page: str, index: SiteIndex
) -> list[str]:
    """One article's heading, source and strongest quotes on a theme's page."""
    article_hits = by_article[article.stem]
    date = date_label(article)
    lines = [
        f"### {link(display_title(article), page, article_page(article.stem), script=article.writing)}"
        f" {{#{stem_anchor(article.stem)}}}",
        "",
    ]
    lines += [f"{name(article.metadata.source or '来源不详', article.writing)} · {date}", ""]
    strongest = sorted(article_hits, key=lambda h: (-h.score, h.block))[:MAX_QUOTES_PER_ARTICLE]
    quotes: list[Quote] = []
    for hit in sorted(strongest, key=lambda h: h.block):
        paragraph = article.blocks[hit.block].text
        focus = min(((paragraph.find(e), e) for e in hit.evidence if e in paragraph), default=(0, ""))
        quote = quote_of(article, hit.block, focus[0], focus[0] + len(focus[1]))
        quoted = glossed(quote, index.glossary, article.writing)
        to_paragraph = href(page, article_page(article.stem), block_anchor(hit.block))
        quotes.append(Quote(quoted, to_paragraph, "入选依据：" + "、".join(hit.evidence[:6])))
    return lines + quote_block(quotes)


def theme_year_pages(theme: Theme, index: SiteIndex) -> list[Page]:
    """The per-year pages of a theme's evidence beyond what its page shows."""
    hits = by_stem(index.hits.get(theme.id, []))
    quoted = [a for a in index.latest() if a.stem in hits]
    return older_year_pages(
        theme_page(theme.id),
        theme.name,
        "摘录",
        index.by_year(quoted[LATEST_ON_PAGE:]),
        lambda articles, page: _evidence(articles, hits, page, index),
    )
