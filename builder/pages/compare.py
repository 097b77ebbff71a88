"""The players side by side: flagship models, first release, open or closed, platform and a key figure,
each read from the articles and linked to the paragraph that says it.

Nothing here is the curator's knowledge: a cell is filled only where an article says so, and empty (—)
where none does. The models are the player's models the articles name most; the first release is the
earliest event (``Event``, kind ``event``) whose sentence names one of its models; open or closed is
what a sentence naming a model says (开源 / 闭源); a platform is one of its products an
article calls a 平台 or 社区; the key figure is the newest figure about the player.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from builder.clean.textshape import sentence_bounds
from builder.model import Article, Mention
from builder.pages.display import date_label
from builder.pages.index import SiteIndex
from builder.pages.markup import link, table
from builder.pages.page import Page
from builder.pages.paths import COMPARE, article_page, block_anchor, player_page
from builder.taxonomy import Player

MODELS_SHOWN = 3
# A product the text calls a platform or a community (seed 003: 百炼大模型平台, 模型社区魔搭).
_PLATFORM_AFTER = re.compile(r"^[^，。；,;]{0,4}(?:平台|社区|社區|平臺)")
_PLATFORM_BEFORE = re.compile(r"(?:平台|社区|社區|平臺)[^，。；,;]{0,2}$")
_OPEN = re.compile(r"开源|開源")
_CLOSED = re.compile(r"闭源|閉源")


@dataclass(frozen=True)
class _Cell:
    """A value and where an article says it."""

    value: str
    article: Article
    block: int


def comparison_row(player: Player, index: SiteIndex) -> list[str] | None:
    """A player's row, or None when no article names one of its models: made from the articles that
    mention the player only (``player.player_sources``)."""
    page = COMPARE
    mentions = index.mentions.get(player.id, [])
    models = Counter(m.text for _, m in mentions if m.via == "model")
    if not models:
        return None
    places = [(index.digest.article(stem), m) for stem, m in mentions]
    flagship = [name for name, _ in sorted(models.items(), key=lambda kv: (-kv[1], kv[0]))[:MODELS_SHOWN]]
    model_cells = [_Cell(name, *next((a, m.block) for a, m in places if m.text == name)) for name in flagship]
    return [
        link(player.name, page, player_page(player.id), as_html=True),
        "、".join(_linked(c, page) for c in model_cells),
        _linked(_first_release(places), page),
        _linked(_openness(places), page),
        _linked(_platform(places), page),
        _linked(_key_figure(player.id, places), page),
    ]


def render_comparison(index: SiteIndex, made: Sequence[list[str] | None] | None = None) -> Page:
    """The comparison page: one row per player whose models the articles name. ``made``: each player's
    ``comparison_row`` in taxonomy order, when already made (a preview keeps them)."""
    if made is None:
        made = [comparison_row(player, index) for player in index.digest.taxonomy.players]
    rows = [row for row in made if row is not None]
    lines = [
        "# 玩家对比",
        "",
        "各玩家的代表模型、首次发布、开源与否、平台与关键数字，全部取自文章原文，每一格都链接到说出它的段落；"
        "文章没有说到的留空（—）。代表模型是文章提到最多的模型，首次发布是文章记下的最早一次发布。",
        "",
        table(["玩家", "代表模型", "首次发布", "开源/闭源", "平台", "关键数字"], rows)
        if rows
        else "文章还没有提到任何模型。",
        "",
    ]
    return Page(
        COMPARE, "\n".join(lines) + "\n", "大模型玩家对比：代表模型、首次发布、开源与否、平台与关键数字。"
    )


def _linked(cell: _Cell | None, page: str) -> str:
    if cell is None:
        return "—"
    return link(
        cell.value,
        page,
        article_page(cell.article.stem),
        block_anchor(cell.block),
        script=cell.article.writing,
        as_html=True,
    )


def _first_release(places: list[tuple[Article, Mention]]) -> _Cell | None:
    """The earliest event whose sentence names one of the player's models."""
    found: list[tuple[str, _Cell]] = []
    for article, mention in places:
        if mention.via != "model":
            continue
        for event in article.events:
            if event.kind == "event" and event.block == mention.block and mention.text in event.sentence:
                label = ("约 " if event.approximate else "") + event.date
                found.append((event.date, _Cell(label, article, event.block)))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _openness(places: list[tuple[Article, Mention]]) -> _Cell | None:
    """Open or closed, as a paragraph naming one of the player's models says."""
    for article, mention in places:
        if mention.via != "model":
            continue
        # The sentence naming the model, not its paragraph (seed 002 says Meta open-sources, beside Apple).
        paragraph = article.blocks[mention.block].text
        first, last = sentence_bounds(paragraph, mention.start)
        sentence = paragraph[first:last]
        if _CLOSED.search(sentence):
            return _Cell("闭源", article, mention.block)
        if _OPEN.search(sentence):
            return _Cell("开源", article, mention.block)
    return None


def _platform(places: list[tuple[Article, Mention]]) -> _Cell | None:
    """A product of the player the text calls a platform or a community."""
    for article, mention in places:
        paragraph = article.blocks[mention.block].text
        start, end = mention.start, mention.end
        if _PLATFORM_AFTER.match(paragraph[end:]) or _PLATFORM_BEFORE.search(paragraph[:start]):
            return _Cell(mention.text, article, mention.block)
    return None


def _key_figure(player: str, places: list[tuple[Article, Mention]]) -> _Cell | None:
    """The newest figure about the player: its number and what it counts."""
    articles = {article.stem: article for article, _ in places}.values()
    newest_first = sorted(articles, key=lambda a: (a.date_for_order or "", a.stem), reverse=True)
    for article in newest_first:
        for figure in article.figures:
            if figure.subject == player:
                value = (
                    f"{figure.text}（{figure.thing}，{date_label(article)}）" if figure.thing else figure.text
                )
                return _Cell(value, article, figure.block)
    return None
