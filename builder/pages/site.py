"""Assemble every generated file of the site: pages, chart and data, as path -> content."""

from __future__ import annotations

from dataclasses import dataclass

from builder.digest import Digest
from builder.editions import EditionText, unprotect
from builder.model import Article
from builder.pages.article import render_article
from builder.pages.charts import bar_chart_svg
from builder.pages.context import (
    ARCHIVE,
    SOURCES,
    UNDATED,
    RenderMemo,
    SiteIndex,
    archive_page,
    article_page,
    build_index,
    display_title,
    player_page,
    theme_page,
    year_label,
)
from builder.pages.data import digest_data
from builder.pages.feed import FEED_FILE, render_feed
from builder.pages.listings import (
    MENTIONS_CHART,
    chart_data,
    figures_year_pages,
    render_archive,
    render_articles_index,
    render_figures,
    render_glossary,
    render_home,
    render_players_index,
    render_source,
    render_themes_index,
    render_timeline,
    timeline_year_pages,
)
from builder.pages.markup import excerpt, front_matter
from builder.pages.player import player_year_pages, render_player
from builder.pages.theme import render_theme, theme_year_pages

DATA_FILE = "digest.json"
_LISTING_DESCRIPTIONS = {
    "index.md": "AI 大模型竞赛文摘：玩家、算力差距与生态，每段引文都链接回原文段落。",
    "themes/index.md": "文摘的三个主题：玩家、算力差距与生态。",
    "players/index.md": "文章提到的公司、机构与人物，按类别列出。",
    "articles/index.md": "文摘收录的全部文章，按日期排列。",
    "figures.md": "文章中带单位的关键数字，链接回原文段落。",
    "timeline.md": "文章提到的事件，按时间排列。",
    "glossary.md": "大模型相关术语的简短释义。",
}


def describe(path: str, digest: Digest) -> tuple[str, str | None]:
    """A generated page's one-line description (meta and Open Graph) and the script it is in."""
    if path in _LISTING_DESCRIPTIONS:
        return _LISTING_DESCRIPTIONS[path], "hans"
    section, _, name = path.partition("/")
    stem = name.removesuffix(".md")
    if section == ARCHIVE:
        return (
            "文摘收录的文章，按年份排列。" if stem == UNDATED else f"文摘收录的 {stem} 年的文章。"
        ), "hans"
    if section in ("themes", "players") and "/" in stem:
        owner, year = stem.split("/", 1)
        what = (
            digest.taxonomy.theme(owner).name if section == "themes" else digest.taxonomy.player(owner).name
        )
        label = year_label(year)
        return f"{what}：{label}的文章摘录。", "hans"
    if section in ("timeline", "figures"):
        return (
            "文章提到的事件：" if section == "timeline" else "文章中的关键数字："
        ) + f"{stem} 年。", "hans"
    if section == SOURCES:
        return "文摘收录的同一来源的文章。", "hans"
    if section == "themes":
        return digest.taxonomy.theme(stem).intro, "hans"
    if section == "players":
        return digest.taxonomy.player(stem).about, "hans"
    article = digest.article(stem)
    first = next((b.text for b in article.blocks if b.kind != "heading"), display_title(article))
    return excerpt(first, 0, 120), article.script


@dataclass(frozen=True)
class SitePages:
    """Every generated page of the digest before edition conversion, each with its description."""

    index: SiteIndex
    # path -> Markdown, its description and the script the description is in.
    pages: dict[str, tuple[str, str, str | None]]


def render_pages(digest: Digest, memo: RenderMemo | None = None) -> SitePages:
    """The pages every edition shares (converted per edition by ``render_site``)."""
    if memo is not None and memo.pages is not None and memo.pages[0] is digest:
        return memo.pages[1]
    index = build_index(digest, memo)
    files: dict[str, str] = {
        "index.md": render_home(index),
        "themes/index.md": render_themes_index(index),
        "players/index.md": render_players_index(index),
        "articles/index.md": render_articles_index(index),
        "figures.md": render_figures(index),
        "timeline.md": render_timeline(index),
        "glossary.md": render_glossary(index),
    }
    for theme in digest.taxonomy.themes:
        files[theme_page(theme.id)] = render_theme(theme, index)
        files.update(theme_year_pages(theme, index))
    for player in digest.taxonomy.players:
        files[player_page(player.id)] = render_player(player, index)
        files.update(player_year_pages(player, index))
    for article in digest.articles:
        files[article_page(article.stem)] = _article_markdown(article, index, memo)
    files.update(timeline_year_pages(index))
    files.update(figures_year_pages(index))
    for year, articles in index.by_year().items():
        files[archive_page(year)] = render_archive(year, articles)
    for path, articles in index.by_source().items():
        files[path] = render_source(articles)
    pages = SitePages(index, {path: (content, *describe(path, digest)) for path, content in files.items()})
    if memo is not None:
        memo.pages = (digest, pages)
    return pages


def render_site(
    digest: Digest,
    edition: EditionText | None = None,
    site_name: str = "大模型竞赛文摘",
    site_url: str | None = None,
    memo: RenderMemo | None = None,
) -> dict[str, str]:
    """Every generated file of one edition, keyed by its path under docs/, in a stable order.

    ``memo`` (kept by a preview between builds) lets unchanged article pages and conversions be reused,
    and the pages of one build be rendered once for all editions.
    """
    rendered = render_pages(digest, memo)
    index = rendered.index
    files = {path: content for path, (content, _, _) in rendered.pages.items()}
    files[FEED_FILE] = render_feed(index, site_name, site_url)
    labels, values = chart_data(index)
    files[MENTIONS_CHART] = bar_chart_svg("各玩家提及次数", labels, values, chart_id="mentions")
    convert = edition.convert_markdown if edition is not None else unprotect
    if memo is None:
        files = {path: convert(content) for path, content in files.items()}
    else:
        known = memo.converted.get(edition.edition.code if edition is not None else "", {})
        done = {content: known.get(content) or convert(content) for content in files.values()}
        memo.converted[edition.edition.code if edition is not None else ""] = done
        files = {path: done[content] for path, content in files.items()}
    # Front matter last: its description is converted here, by its own script, and not again.
    for path, (_, description, script) in rendered.pages.items():
        shown = edition.convert(description, script) if edition is not None else description
        files[path] = front_matter(shown) + files[path]
    files[DATA_FILE] = digest_data(index, edition, memo) + "\n"
    return dict(sorted(files.items()))


def _article_markdown(article: Article, index: SiteIndex, memo: RenderMemo | None) -> str:
    """An article's page, from the memo when the article and everything its page shows are unchanged."""
    if memo is None:
        return render_article(article, index)
    related = tuple(
        (r, display_title(index.digest.article(r)), index.digest.article(r).script)
        for r in index.related.get(article.stem, [])
    )
    inputs = (article, related, index.digest.taxonomy)
    known = memo.articles.get(article.stem)
    if known is not None and known[0] == inputs:
        return known[1]
    markdown = render_article(article, index)
    memo.articles[article.stem] = (inputs, markdown)
    return markdown
