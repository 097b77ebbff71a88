"""The table of key figures shown on the figures pages, a theme's page and a player's page: each
figure with what it counts or measures, whom it is about, the article's date and the clause it is
stated in, linked to its paragraph."""

from __future__ import annotations

from builder.model import Article, Figure
from builder.pages.display import date_label
from builder.pages.index import SiteIndex
from builder.pages.markup import glossed, link, table, text
from builder.pages.paths import article_page, block_anchor, player_page

HEADERS = ["数字", "所指", "关于", "日期", "原句"]


def figure_table(figures: list[tuple[Article, Figure]], page: str, index: SiteIndex) -> str:
    """The figures as a table, in the order given."""
    taxonomy = index.digest.taxonomy
    rows = []
    for article, figure in figures:
        clause = article.blocks[figure.block].text[figure.clause_start : figure.clause_end].strip()
        stated = glossed(clause, index.glossary, article.writing)
        about = (
            link(taxonomy.player(figure.subject).name, page, player_page(figure.subject), as_html=True)
            if figure.subject
            else "—"
        )
        rows.append(
            [
                text(figure.text, article.writing),
                text(figure.thing, article.writing) or "—",
                about,
                date_label(article),
                stated
                + " "
                + link("原文", page, article_page(article.stem), block_anchor(figure.block), as_html=True),
            ]
        )
    return table(HEADERS, rows)
