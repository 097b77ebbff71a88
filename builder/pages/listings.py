"""The home page and the listing pages: themes, players, articles, figures, timeline, glossary."""

from __future__ import annotations

from builder.editions import protect
from builder.model import Article, Event, Figure
from builder.pages.charts import Bar, bar_chart
from builder.pages.display import date_label, display_title, summary_of, summary_text, year_label, year_of
from builder.pages.figures import figure_table
from builder.pages.index import SiteIndex
from builder.pages.markup import (
    escape,
    excerpt,
    glossed,
    link,
    name,
    table,
    text,
)
from builder.pages.page import Page
from builder.pages.paths import (
    ARTICLES_INDEX,
    COMPARE,
    FIGURES,
    GLOSSARY,
    HOME,
    PLAYERS_INDEX,
    THEMES_INDEX,
    TIMELINE,
    UNDATED,
    archive_page,
    article_page,
    block_anchor,
    player_page,
    source_page,
    theme_page,
    year_page,
)
from builder.pages.years import LATEST_ON_PAGE, ROWS_ON_PAGE, by_year, year_links

TOP_PLAYERS = 15


def render_home(index: SiteIndex) -> Page:
    """The home page: what the digest covers, the themes, the latest articles, who is mentioned most."""
    page = HOME
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
        date = date_label(article)
        lines.append(
            f"- {link(display_title(article), page, article_page(article.stem), script=article.writing)}"
            f" · {name(article.metadata.source or '来源不详', article.writing)} · {date}"
        )
        if summary := _summary_html(article):
            lines.append(f"    {summary}")
    lines += ["", "## 谁被提到最多 {#mentions}", ""]
    ranked = _ranked_players(index)[:TOP_PLAYERS]
    lines += bar_chart(
        f"提到各玩家的段落数（前 {len(ranked)} 位）",
        [Bar(link(name, page, player_page(pid)), count) for name, pid, count in ranked],
    )
    lines += [
        "## 更多 {#more}",
        "",
        f"- {link('时间线', page, TIMELINE)}：文章提到的事件，按时间排列",
        f"- {link('玩家对比', page, COMPARE)}：代表模型、首次发布、开源与否、平台与关键数字",
        f"- {link('关键数字', page, FIGURES)}",
        f"- {link('术语表', page, GLOSSARY)}",
        "",
    ]
    if digest.skipped:
        lines += ["## 未能收录的文件 {#skipped}", ""]
        lines += [f"- {protect(escape(s.path.name))}：{protect(escape(s.message))}" for s in digest.skipped]
        lines.append("")
    description = "AI 大模型竞赛文摘：玩家、算力差距与生态，每段引文都链接回原文段落。"
    return Page(page, "\n".join(lines) + "\n", description)


def _ranked_players(index: SiteIndex) -> list[tuple[str, str, int]]:
    taxonomy = index.digest.taxonomy
    ranked = [
        (p.name, p.id, index.paragraph_count(p.id)) for p in taxonomy.players if index.paragraph_count(p.id)
    ]
    return sorted(ranked, key=lambda r: (-r[2], r[1]))


def render_themes_index(index: SiteIndex) -> Page:
    """All themes."""
    page = THEMES_INDEX
    lines = ["# 主题", ""]
    for theme in index.digest.taxonomy.themes:
        lines += [
            f"## {link(theme.name, page, theme_page(theme.id))} {{#{theme.id}}}",
            "",
            escape(theme.intro),
            "",
        ]
    return Page(page, "\n".join(lines) + "\n", "文摘的三个主题：玩家、算力差距与生态。")


def render_players_index(index: SiteIndex) -> Page:
    """All players, grouped by category."""
    page = PLAYERS_INDEX
    taxonomy = index.digest.taxonomy
    lines = [
        "# 玩家",
        "",
        "按类别列出文章提到的公司、机构与人物，括号内为提到该玩家的段落数。"
        f"各家模型并列比较见{link('玩家对比', page, COMPARE)}。",
        "",
    ]
    for category, heading in taxonomy.categories:
        members = sorted(
            (p for p in taxonomy.players if p.category == category),
            key=lambda p: (-index.paragraph_count(p.id), p.id),
        )
        if not members:
            continue
        lines += [f"## {escape(heading)} {{#{category}}}", ""]
        # Each player's own page is what a search for it should find, not this list.
        lines += ['<div data-search-exclude="" markdown>', ""]
        lines += [
            f"- {link(p.name, page, player_page(p.id))}（{index.paragraph_count(p.id)}）：{escape(p.about)}"
            for p in members
        ]
        lines += ["", "</div>", ""]
    return Page(page, "\n".join(lines) + "\n", "文章提到的公司、机构与人物，按类别列出。")


def _summary_html(article: Article) -> str:
    """An article's summary for a listing, after a line break: the curator's (the site's own words),
    else the first of its summary sentences (a listing is scanned, the article page holds the whole
    summary); "" when it has none."""
    if article.metadata.summary:
        shown = text(summary_text(article), None)
    else:
        first = summary_of(article)
        shown = text(first[0].text, article.writing) if first else ""
    return f'<br><span class="digest-row-summary">{shown}</span>' if shown else ""


def _article_rows(articles: list[Article], page: str) -> str:
    rows = [
        [
            date_label(a),
            link(display_title(a), page, article_page(a.stem), script=a.writing, as_html=True)
            + _summary_html(a),
            link(
                a.metadata.source or "来源不详",
                page,
                source_page(a.metadata.source),
                script=a.writing,
                is_name=True,
                as_html=True,
            ),
            str(len(a.flags)),
        ]
        for a in articles
    ]
    return table(["日期", "标题", "来源", "标记"], rows)


def render_articles_index(index: SiteIndex) -> Page:
    """The newest articles, then every year and every source with its own page."""
    page = ARTICLES_INDEX
    latest = index.latest()
    years = index.by_year()
    sources = index.by_source()
    lines = ["# 文章", "", f"共 {len(latest)} 篇，按年份、来源或主题、玩家查看。", ""]
    lines += ["## 按年份 {#years}", ""]
    lines += [f"- {link(year_label(y), page, archive_page(y))}（{len(a)} 篇）" for y, a in years.items()]
    lines += ["", f"## 最新 {min(len(latest), LATEST_ON_PAGE)} 篇 {{#latest}}", ""]
    lines += [_article_rows(latest[:LATEST_ON_PAGE], page), ""]
    lines += ["## 按来源 {#sources}", ""]
    ranked = sorted(sources.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    rows = [
        [
            link(
                a[0].metadata.source or "来源不详",
                page,
                path,
                script=a[0].writing,
                is_name=True,
                as_html=True,
            ),
            str(len(a)),
        ]
        for path, a in ranked
    ]
    lines += [table(["来源", "篇数"], rows), ""]
    return Page(page, "\n".join(lines) + "\n", "文摘收录的全部文章，按日期排列。")


def render_archive(year: str, articles: list[Article]) -> Page:
    """One year's articles (newest first), by month."""
    page = archive_page(year)
    lines = [f"# {year_label(year)}的文章", "", f"共 {len(articles)} 篇。", ""]
    months: dict[str, list[Article]] = {}
    for article in articles:
        months.setdefault((article.metadata.date or "")[5:7], []).append(article)
    for month, group in months.items():
        if month:
            lines += [f"## {int(month)} 月 {{#m{month}}}", ""]
        lines += [_article_rows(group, page), ""]
    description = "文摘收录的文章，按年份排列。" if year == UNDATED else f"文摘收录的 {year} 年的文章。"
    return Page(page, "\n".join(lines) + "\n", description)


def render_source(articles: list[Article]) -> Page:
    """One source's articles, newest first."""
    page = source_page(articles[0].metadata.source)
    shown = name(articles[0].metadata.source or "来源不详", articles[0].writing)
    markdown = "\n".join(
        [f"# 来源：{shown}", "", f"共 {len(articles)} 篇。", "", _article_rows(articles, page), ""]
    )
    return Page(page, markdown + "\n", "文摘收录的同一来源的文章。")


FIGURES_INTRO = (
    "文章中带单位的数字（数量、金额、比例）：每一项写明所指、关于谁、文章日期和原句，一个分句只列一项，"
    "并链接回原文段落。"
)


def _figure_pairs(articles: list[Article]) -> list[tuple[Article, Figure]]:
    return [(article, figure) for article in articles for figure in article.figures]


def render_figures(index: SiteIndex) -> Page:
    """Every key figure with the sentence it stands in; a long list shows the newest articles' and
    links a page per year for the rest."""
    page = FIGURES
    articles = list(index.digest.articles)
    total = sum(len(a.figures) for a in articles)
    lines = ["# 关键数字", "", FIGURES_INTRO, ""]
    description = "文章中带单位的关键数字，链接回原文段落。"
    if total <= ROWS_ON_PAGE:
        lines += [figure_table(_figure_pairs(articles), page, index), ""]
        return Page(page, "\n".join(lines) + "\n", description)
    latest = [a for a in index.latest() if a.figures]
    lines += [f"## 最新 {LATEST_ON_PAGE} 篇文章的数字 {{#latest}}", ""]
    lines += [figure_table(_figure_pairs(latest[:LATEST_ON_PAGE]), page, index), ""]
    lines += ["## 按年份 {#years}", ""]
    figures = by_year(((a, f) for a in latest for f in a.figures), lambda pair: year_of(pair[0]))
    lines += year_links(figures, page, page, "项")
    return Page(page, "\n".join([*lines, ""]) + "\n", description)


def figure_years(index: SiteIndex) -> dict[str, list[Article]]:
    """The articles with figures by year (newest first), one figures page each, when there are too many
    figures for one page; else none."""
    if sum(len(a.figures) for a in index.digest.articles) <= ROWS_ON_PAGE:
        return {}
    return index.by_year([a for a in index.latest() if a.figures])


def render_figures_year(year: str, articles: list[Article], index: SiteIndex) -> Page:
    """One year's figures page (``figure_years``): what it shows is made from these articles and the
    taxonomy only."""
    page = year_page(FIGURES, year)
    rows = figure_table(_figure_pairs(articles), page, index)
    lines = [f"# 关键数字：{year_label(year)}", "", FIGURES_INTRO, "", rows, ""]
    return Page(page, "\n".join(lines) + "\n", f"文章中的关键数字：{year} 年。")


# An event on the timeline: its date, its article's id, the event and the article's script.
TimelineEvent = tuple[str, str, Event, str | None]


def _events(index: SiteIndex) -> list[TimelineEvent]:
    return sorted(
        (
            (event.date, article.stem, event, article.writing)
            for article in index.digest.articles
            for event in article.events
        ),
        key=lambda item: (item[0], item[1], item[2].block),
    )


TIMELINE_INTRO = (
    "文章提到的事件：有人在某时做了某事（发布、推出、上线、投资……）。标“约”的日期由文章中的相对日期"
    "（如“今年8月”）推算，文章本身没有日期；标“预测”的是目标或预测，不是已经发生的事。"
)


def render_timeline(index: SiteIndex) -> Page:
    """Dated events, earliest first; approximate dates are marked. A long one links a page per year."""
    page = TIMELINE
    events = _events(index)
    lines = ["# 时间线", "", TIMELINE_INTRO, ""]
    description = "文章提到的事件，按时间排列。"
    if len(events) <= ROWS_ON_PAGE:
        return Page(
            page, "\n".join(lines + _event_lines(events, page, index, by_year=True)) + "\n", description
        )
    lines += year_links(_events_by_year(events), page, page, "件")
    return Page(page, "\n".join([*lines, ""]) + "\n", description)


def _events_by_year(
    events: list[TimelineEvent],
) -> dict[str, list[TimelineEvent]]:
    return by_year(events, lambda event: event[0][:4], newest_first=False)


def timeline_years(index: SiteIndex) -> dict[str, list[TimelineEvent]]:
    """The events by year (earliest first), one timeline page each, when the timeline is too long for
    one page; else none."""
    events = _events(index)
    if len(events) <= ROWS_ON_PAGE:
        return {}
    return _events_by_year(events)


def render_timeline_year(year: str, events: list[TimelineEvent], index: SiteIndex) -> Page:
    """One year's timeline page (``timeline_years``): made from these events and the taxonomy only."""
    page = year_page(TIMELINE, year)
    lines = [f"# 时间线：{year} 年", "", TIMELINE_INTRO, ""]
    lines += _event_lines(events, page, index, by_year=False)
    return Page(page, "\n".join(lines) + "\n", f"文章提到的事件：{year} 年。")


def _event_lines(events: list[TimelineEvent], page: str, index: SiteIndex, by_year: bool) -> list[str]:
    lines: list[str] = []
    year = None
    for date, stem, event, script in events:
        if by_year and date[:4] != year:
            year = date[:4]
            lines += [f"## {year} 年 {{#y{year}}}", ""]
        mark = "约 " if event.approximate else ""
        kind = '<span class="digest-forecast">预测</span> ' if event.kind == "forecast" else ""
        sentence = excerpt(event.sentence, event.sentence.find(event.text), None, 100)
        quoted = glossed(sentence, index.glossary, script)
        to_paragraph = link("原文", page, article_page(stem), block_anchor(event.block))
        lines.append(f"- **{mark}{date}** {kind}{quoted} {to_paragraph}")
    lines.append("")
    return lines


def render_glossary(index: SiteIndex) -> Page:
    """The curator's glossary."""
    lines = ["# 术语表", ""]
    for term in index.digest.taxonomy.glossary:
        also = f"（又作 {'、'.join(escape(a) for a in term.aliases)}）" if term.aliases else ""
        lines += [f"**{escape(term.term)}**{also}", f": {escape(term.definition)}", ""]
    return Page(GLOSSARY, "\n".join(lines) + "\n", "大模型相关术语的简短释义。")
