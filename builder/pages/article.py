"""An article page: metadata, clean text with anchors and links, themes, backlinks, cleaning report."""

from __future__ import annotations

import html
from urllib.parse import quote

from mkdocs.utils import get_relative_url

from builder.editions import protect
from builder.model import Article, Flag
from builder.pages.display import display_title, reading_minutes, summary_of, summary_text
from builder.pages.index import SiteIndex
from builder.pages.labels import SCRIPT_NAMES, flag_name, removal_label
from builder.pages.markup import (
    Span,
    attribute,
    escape,
    excerpt,
    glossary_spans,
    glossed,
    link,
    name,
    render_spans,
    text,
)
from builder.pages.page import Page
from builder.pages.paths import article_page, block_anchor, player_page, theme_page
from builder.typeset import typeset_text


def render_article(article: Article, index: SiteIndex) -> Page:
    """One article's page; its description is the opening of its text, in the source's script."""
    page = article_page(article.stem)
    glossary = index.glossary
    taxonomy = index.digest.taxonomy
    meta = article.metadata
    script = article.writing
    lines = [f"# {text(display_title(article), script)}", ""]
    facts = [
        f"来源：{name(meta.source, script)}" if meta.source else "来源不详",
        f"作者：{name(meta.author, script)}" if meta.author else "作者不详",
        f"日期：{meta.date}"
        if meta.date
        else (
            f"日期：约 {article.inferred_date}（由文中提到的日期推断）"
            if article.inferred_date
            else "日期不详"
        ),
        f"阅读约 {reading_minutes(article)} 分钟",
        f"原文{SCRIPT_NAMES.get(article.script or '', '')}",
    ]
    lines += ['<div class="digest-facts" markdown>', " · ".join(facts), "</div>", ""]
    if not meta.title:
        lines += ["*原文没有标题，这里以正文首句代替。*", ""]
    lines += _summary(article, glossary)
    if meta.url:
        # The sidecar only admits http(s); percent-quoting makes it ASCII, so no edition converts it.
        href = html.escape(quote(meta.url, safe=":/?#[]@!$&'()*+,;=%~"), quote=True)
        lines += [protect(f'<a href="{href}" rel="nofollow noopener">') + "原文链接" + protect("</a>"), ""]
    if article.also_from:
        copies = "；".join(
            f"{name(a.source or '来源不详', a.script)}（{protect(escape(a.stem))}）"
            for a in article.also_from
        )
        lines += [f"同一篇文章也见于：{copies}", ""]
    hits_by_block: dict[int, list[str]] = {}
    for hit in article.theme_hits:
        hits_by_block.setdefault(hit.block, []).append(hit.theme)
    flags_by_block: dict[int, list[Flag]] = {}
    for flag in article.flags:
        flags_by_block.setdefault(flag.block, []).append(flag)
    for number, block in enumerate(article.blocks):
        spans = _spans(article, number, page, glossary, flags_by_block.get(number, []))
        body = render_spans(block.text, spans, script)
        anchor = block_anchor(number)
        if block.kind == "heading":
            lines += [f"## {body} {{#{anchor}}}", ""]
            continue
        css = " .digest-lede" if block.kind == "lede" else ""
        lines += [body, f"{{: #{anchor}{css} }}", ""]
        themes = hits_by_block.get(number)
        if themes:
            tags = " ".join(link(taxonomy.theme(t).name, page, theme_page(t)) for t in sorted(set(themes)))
            lines += [f"主题：{tags}", "{: .digest-tags }", ""]
    lines += _backlinks(article, index, page)
    lines += _source_text(article)
    lines += _report(article)
    first = next((b.text for b in article.blocks if b.kind != "heading"), display_title(article))
    description = summary_text(article) or excerpt(first, 0, 120)
    return Page(page, "\n".join(lines) + "\n", description, article.writing)


def _summary(article: Article, glossary: dict[str, str]) -> list[str]:
    """The summary box: the curator's words, or the article's most central sentences (each linked to
    its paragraph), in reading order."""
    if article.metadata.summary:
        written = typeset_text(article.metadata.summary).text
        # The curator's words are the site's own (either script converts into each edition).
        shown = glossed(written, glossary)
        body = f"**摘要**（编辑撰写）：{shown}"
    else:
        sentences = summary_of(article)
        if not sentences:
            return []
        body = "**摘要**：" + "".join(
            glossed(k.text, glossary, article.writing)
            + f'<a class="digest-to-paragraph" href="#{block_anchor(k.block)}" title="原文段落">¶</a>'
            for k in sentences
        )
    return ['<div class="digest-summary" markdown>', "", body, "", "</div>", ""]


def _spans(
    article: Article, number: int, page: str, glossary: dict[str, str], flags: list[Flag]
) -> list[Span]:
    """Damage marks first, then player links, then the first use of each glossary term."""
    spans: list[Span] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s.start or start >= s.end for s in spans)

    for flag in flags:
        title = attribute(f"{flag_name(flag.kind)}：{flag.note}")
        spans.append(
            Span(
                flag.start,
                flag.end,
                f'<mark class="digest-flag digest-{flag.kind}" title="{title}">',
                "</mark>",
            )
        )
    for mention in article.mentions:
        if mention.block == number and free(mention.start, mention.end):
            target = quote(get_relative_url(player_page(mention.player), page))
            spans.append(Span(mention.start, mention.end, "[", f"]({target})"))
    return spans + glossary_spans(article.blocks[number].text, glossary, spans)


def _backlinks(article: Article, index: SiteIndex, page: str) -> list[str]:
    taxonomy = index.digest.taxonomy
    lines = ["---", "", "## 关联 {#related}", ""]
    themes = sorted({h.theme for h in article.theme_hits})
    if themes:
        cited = ", ".join(link(taxonomy.theme(t).name, page, theme_page(t)) for t in themes)
        lines += [f"**被引用于：**{cited}", ""]
    players = sorted(
        {m.player for m in article.mentions},
        key=lambda p: (-sum(1 for m in article.mentions if m.player == p), p),
    )
    if players:
        names = "、".join(link(taxonomy.player(p).name, page, player_page(p)) for p in players)
        lines += [f"**提到的玩家：**{names}", ""]
    related = index.related.get(article.stem, [])
    if related:
        lines += ["**相关文章：**", ""]
        lines += [
            f"- {link(display_title(other), page, article_page(other.stem), script=other.writing)}"
            for other in (index.digest.article(r) for r in related)
        ]
        lines.append("")
    return lines


def _source_text(article: Article) -> list[str]:
    """The text as its source published it, never converted: quotes can be checked against it.

    Written as the HTML a collapsed quote box renders to, in one raw block: it doubles the page's
    text, and as Markdown it would double the page's rendering time for text that needs none (it is
    escaped literal text). Search leaves it out: the page's own text already holds every word of it."""
    lang = "zh-Hant" if article.script == "hant" else "zh-Hans"
    lines = [
        '<details class="quote" data-search-exclude="">',
        "<summary>原文字形：按来源发布时的文字</summary>",
    ]
    for number in range(len(article.blocks)):
        published = protect(escape(article.published_text(number)))
        lines.append(f'<p class="digest-source" lang="{lang}">{published}</p>')
    return [*lines, "</details>", ""]


def _report(article: Article) -> list[str]:
    """The cleaning report, collapsed: what was removed and why, what is flagged. Quoted text stays as
    the source wrote it and carries its language, so a screen reader reads it in the right script."""
    removed = [r for r in sorted(article.removed, key=lambda r: r.line)]
    lang = "zh-Hant" if article.script == "hant" else "zh-Hans"

    def as_published(value: str) -> str:
        return f'<span lang="{lang}">{protect(escape(value))}</span>'

    lines = [f'??? info "清理报告：删去 {len(removed)} 处，标记 {len(article.flags)} 处"', ""]
    lines += [
        f"    原始文件 {protect(escape(article.provenance.path.name))}，"
        f"编码 {escape(article.provenance.encoding)}。",
        "",
    ]
    if article.flags:
        lines += ["    **标记的问题**", ""]
        for flag in article.flags:
            where = block_anchor(flag.block)
            lines.append(
                f"    - [{flag_name(flag.kind)}](#{where})：「{as_published(flag.text)}」 {escape(flag.note)}"
            )
        lines.append("")
    if removed:
        lines += ["    **删去的内容**", ""]
        for r in removed:
            lines.append(f"    - 第 {r.line} 行（{escape(removal_label(r))}）：{as_published(r.text)}")
        lines.append("")
    return lines
