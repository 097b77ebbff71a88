"""A player page: who they are, their models, every mention, their themes and company."""

from __future__ import annotations

from functools import partial

from builder.model import Article, Mention
from builder.pages.display import display_title, quote_of
from builder.pages.figures import figure_table
from builder.pages.index import SiteIndex
from builder.pages.keypoints import player_key_points
from builder.pages.markup import (
    SEARCH_EXCLUDE,
    Quote,
    escape,
    glossed,
    href,
    link,
    quote_block,
)
from builder.pages.page import Page
from builder.pages.paths import (
    PLAYERS_INDEX,
    article_page,
    block_anchor,
    player_page,
    stem_anchor,
    theme_page,
)
from builder.pages.years import LATEST_ON_PAGE, earlier_section, older_year_pages
from builder.taxonomy import Player

# Figures about a player shown on its page: its newest articles' (the figures pages list them all).
MAX_FIGURES = 10


def player_sources(player: Player, index: SiteIndex) -> tuple[object, ...]:
    """What a player's pages (its page, its year pages) and its row of the comparison are made from:
    the taxonomy and the articles that mention it, by id. Nothing else of the digest is read (its
    counts, themes, company and key points all come from paragraphs naming it), so pages made from
    equal sources are the same (a preview reuses them, ``builder.pages.site``)."""
    digest = index.digest
    return (digest.taxonomy, *(digest.article(stem) for stem in index.articles_of(player.id)))


def render_player(player: Player, index: SiteIndex) -> Page:
    """One player's page."""
    page = player_page(player.id)
    taxonomy = index.digest.taxonomy
    lines = [f"# {escape(player.name)}", "", escape(player.about), ""]
    lines += [
        "**类别：**" + link(taxonomy.category_name(player.category), page, PLAYERS_INDEX, player.category),
        "",
    ]
    if player.aliases:
        lines += [f"**别名：**{'、'.join(escape(a) for a in player.aliases)}", ""]
    if player.models:
        lines += [f"**模型与产品：**{'、'.join(escape(m) for m in player.models)}", ""]
    mentions = index.mentions.get(player.id, [])
    lines += [
        f"在 {len(index.articles_of(player.id))} 篇文章的 {index.paragraph_count(player.id)} 个段落中被提到，"
        "下面逐段引用。括号内的数字也都是段落数。",
        "",
    ]
    themes = index.player_themes.get(player.id)
    if themes:
        names = "、".join(
            f"{link(taxonomy.theme(t).name, page, theme_page(t))}（{n}）"
            for t, n in sorted(themes.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        lines += [f"**出现的主题：**{names}", SEARCH_EXCLUDE, ""]
    company = index.co_mentions.get(player.id)
    if company:
        top = sorted(company.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        names = "、".join(f"{link(taxonomy.player(p).name, page, player_page(p))}（{n}）" for p, n in top)
        lines += [f"**常一同出现：**{names}", SEARCH_EXCLUDE, ""]
    lines += player_key_points(player, index)
    by_article = _by_article(mentions)
    mentioned = [a for a in index.latest() if a.stem in by_article]
    figures = [(a, f) for a in mentioned for f in a.figures if f.subject == player.id][:MAX_FIGURES]
    if figures:
        lines += ["## 关键数字 {#figures}", "", figure_table(figures, page, index), ""]
    lines += ["## 提及 {#mentions}", ""]
    lines += _mentions(mentioned[:LATEST_ON_PAGE], by_article, page, index)
    lines += earlier_section(index.by_year(mentioned[LATEST_ON_PAGE:]), page)
    return Page(page, "\n".join(lines) + "\n", player.about)


def _by_article(mentions: list[tuple[str, Mention]]) -> dict[str, list[Mention]]:
    grouped: dict[str, list[Mention]] = {}
    for stem, mention in mentions:
        grouped.setdefault(stem, []).append(mention)
    return grouped


def _mentions(
    articles: list[Article], by_article: dict[str, list[Mention]], page: str, index: SiteIndex
) -> list[str]:
    return index.article_lines(
        page, articles, partial(_article_mentions, by_article=by_article, page=page, index=index)
    )


def _article_mentions(
    article: Article, by_article: dict[str, list[Mention]], page: str, index: SiteIndex
) -> list[str]:
    """One article's heading and quoted mentions on a player's page."""
    stem = article.stem
    lines = [
        f"### {link(display_title(article), page, article_page(stem), script=article.writing)}"
        f" {{#{stem_anchor(stem)}}}",
        "",
    ]
    seen: set[int] = set()
    quotes: list[Quote] = []
    for mention in by_article[stem]:
        if mention.block in seen:
            continue
        seen.add(mention.block)
        quote = quote_of(article, mention.block, mention.start, mention.end)
        quoted = glossed(quote, index.glossary, article.writing)
        quotes.append(Quote(quoted, href(page, article_page(stem), block_anchor(mention.block))))
    return lines + quote_block(quotes)


def player_year_pages(player: Player, index: SiteIndex) -> list[Page]:
    """The per-year pages of a player's mentions beyond what its page shows."""
    by_article = _by_article(index.mentions.get(player.id, []))
    mentioned = [a for a in index.latest() if a.stem in by_article]
    return older_year_pages(
        player_page(player.id),
        player.name,
        "提及",
        index.by_year(mentioned[LATEST_ON_PAGE:]),
        lambda articles, page: _mentions(articles, by_article, page, index),
    )
