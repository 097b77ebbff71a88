"""The home page and the listing pages: themes, players, articles, figures, timeline, glossary."""

from __future__ import annotations

from builder.editions import protect
from builder.pages.context import (
    SiteIndex,
    article_page,
    block_anchor,
    display_title,
    player_page,
    theme_page,
)
from builder.pages.markup import escape, excerpt, link, table, text

MENTIONS_CHART = "assets/charts/mentions.svg"
TOP_PLAYERS = 15


def render_home(index: SiteIndex) -> str:
    """The home page: what the digest covers, the themes, the latest articles, who is mentioned most."""
    page = "index.md"
    digest = index.digest
    lines = ["# 大模型竞赛文摘", ""]
    lines += [
        f"从网上收集的 {len(digest.articles)} 篇中文文章，经清洗、整理，围绕 AI 大模型竞赛的三个主题汇编："
        "谁在参赛，算力差距有多大，生态如何构建。每一段引文都链接回原文段落。",
        "",
        "## 主题 {#themes}",
        "",
    ]
    for theme in digest.taxonomy.themes:
        count = len(index.hits.get(theme.id, []))
        lines += [
            f"### {link(theme.name, page, theme_page(theme.id))} {{#{theme.id}}}",
            "",
            escape(theme.intro),
            "",
            f"{count} 段摘录。",
            "",
        ]
    lines += ["## 最新文章 {#latest}", ""]
    for article in index.latest()[:10]:
        date = article.metadata.date or "日期不详"
        lines.append(
            f"- {link(display_title(article), page, article_page(article.stem), script=article.script)}"
            f" · {text(article.metadata.source or '来源不详', article.script)} · {date}"
        )
    lines += ["", "## 谁被提到最多 {#mentions}", ""]
    ranked = _ranked_players(index)[:TOP_PLAYERS]
    if ranked:
        lines += [
            f"![各玩家在全部文章中的提及次数：{escape('、'.join(f'{n} {c}次' for n, _, c in ranked))}]"
            f"({MENTIONS_CHART}){{ .digest-chart }}",
            "",
        ]
        rows = [[link(name, page, player_page(pid)), str(count)] for name, pid, count in ranked]
        lines += (
            ['??? note "图表数据"', ""]
            + ["    " + row for row in table(["玩家", "提及次数"], rows).split("\n")]
            + [""]
        )
    lines += [
        "## 更多 {#more}",
        "",
        f"- {link('时间线', page, 'timeline.md')}：文章提到的事件，按时间排列",
        f"- {link('关键数字', page, 'figures.md')}",
        f"- {link('术语表', page, 'glossary.md')}",
        "",
    ]
    if digest.skipped:
        lines += ["## 未能收录的文件 {#skipped}", ""]
        lines += [f"- {protect(escape(s.path.name))}：{protect(escape(s.message))}" for s in digest.skipped]
        lines.append("")
    return "\n".join(lines) + "\n"


def _ranked_players(index: SiteIndex) -> list[tuple[str, str, int]]:
    taxonomy = index.digest.taxonomy
    ranked = [
        (p.name, p.id, index.mention_count(p.id)) for p in taxonomy.players if index.mention_count(p.id)
    ]
    return sorted(ranked, key=lambda r: (-r[2], r[1]))


def chart_data(index: SiteIndex) -> tuple[list[str], list[int]]:
    """Labels and values of the mentions chart."""
    ranked = _ranked_players(index)[:TOP_PLAYERS]
    return [name for name, _, _ in ranked], [count for _, _, count in ranked]


def render_themes_index(index: SiteIndex) -> str:
    """All themes."""
    page = "themes/index.md"
    lines = ["# 主题", ""]
    for theme in index.digest.taxonomy.themes:
        lines += [
            f"## {link(theme.name, page, theme_page(theme.id))} {{#{theme.id}}}",
            "",
            escape(theme.intro),
            "",
        ]
    return "\n".join(lines) + "\n"


def render_players_index(index: SiteIndex) -> str:
    """All players, grouped by category."""
    page = "players/index.md"
    taxonomy = index.digest.taxonomy
    lines = ["# 玩家", "", "按类别列出文章提到的公司、机构与人物，括号内为提及次数。", ""]
    for category, name in taxonomy.categories:
        members = sorted(
            (p for p in taxonomy.players if p.category == category),
            key=lambda p: (-index.mention_count(p.id), p.id),
        )
        if not members:
            continue
        lines += [f"## {escape(name)} {{#{category}}}", ""]
        lines += [
            f"- {link(p.name, page, player_page(p.id))}（{index.mention_count(p.id)}）：{escape(p.about)}"
            for p in members
        ]
        lines.append("")
    return "\n".join(lines) + "\n"


def render_articles_index(index: SiteIndex) -> str:
    """All articles, newest first."""
    page = "articles/index.md"
    rows = [
        [
            a.metadata.date or "日期不详",
            link(display_title(a), page, article_page(a.stem), script=a.script),
            text(a.metadata.source or "来源不详", a.script),
            str(len(a.flags)),
        ]
        for a in index.latest()
    ]
    return "\n".join(["# 文章", "", table(["日期", "标题", "来源", "标记"], rows), ""]) + "\n"


def render_figures(index: SiteIndex) -> str:
    """Every key figure with the sentence it stands in."""
    page = "figures.md"
    rows = []
    for article in index.digest.articles:
        for figure in article.figures:
            context = excerpt(article.blocks[figure.block].text, figure.start, 60)
            rows.append(
                [
                    text(figure.text, article.script),
                    link(
                        context,
                        page,
                        article_page(article.stem),
                        block_anchor(figure.block),
                        glossary=index.glossary,
                        script=article.script,
                    ),
                ]
            )
    intro = "文章中带单位的数字（数量、金额、比例），每一项链接回原文段落。"
    return "\n".join(["# 关键数字", "", intro, "", table(["数字", "原文"], rows), ""]) + "\n"


def render_timeline(index: SiteIndex) -> str:
    """Dated events, earliest first; approximate dates are marked."""
    page = "timeline.md"
    events = sorted(
        (
            (event.date, article.stem, event, article.script)
            for article in index.digest.articles
            for event in article.events
        ),
        key=lambda item: (item[0], item[1], item[2].block),
    )
    lines = [
        "# 时间线",
        "",
        "文章提到的事件。标“约”的日期由文章中的相对日期（如“今年8月”）推算，文章本身没有日期。",
        "",
    ]
    year = None
    for date, stem, event, script in events:
        if date[:4] != year:
            year = date[:4]
            lines += [f"## {year} 年 {{#y{year}}}", ""]
        mark = "约 " if event.approximate else ""
        quote = link(
            excerpt(event.sentence, event.sentence.find(event.text), 80),
            page,
            article_page(stem),
            block_anchor(event.block),
            glossary=index.glossary,
            script=script,
        )
        lines.append(f"- **{mark}{date}**（{text(event.text, script)}）：{quote}")
    lines.append("")
    return "\n".join(lines) + "\n"


def render_glossary(index: SiteIndex) -> str:
    """The curator's glossary."""
    lines = ["# 术语表", ""]
    for term in index.digest.taxonomy.glossary:
        also = f"（又作 {'、'.join(escape(a) for a in term.aliases)}）" if term.aliases else ""
        lines += [f"**{escape(term.term)}**{also}", f": {escape(term.definition)}", ""]
    return "\n".join(lines) + "\n"
