"""Assemble every generated file of the site: pages, chart and data, as path -> content."""

from __future__ import annotations

import json

from builder.digest import Digest
from builder.editions import EditionText, unprotect
from builder.pages.article import render_article
from builder.pages.charts import bar_chart_svg
from builder.pages.context import article_page, build_index, player_page, theme_page
from builder.pages.data import digest_data
from builder.pages.listings import (
    MENTIONS_CHART,
    chart_data,
    render_articles_index,
    render_figures,
    render_glossary,
    render_home,
    render_players_index,
    render_themes_index,
    render_timeline,
)
from builder.pages.player import render_player
from builder.pages.theme import render_theme

DATA_FILE = "digest.json"


def render_site(digest: Digest, edition: EditionText | None = None) -> dict[str, str]:
    """Every generated file of one edition, keyed by its path under docs/, in a stable order."""
    index = build_index(digest)
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
    for player in digest.taxonomy.players:
        files[player_page(player.id)] = render_player(player, index)
    for article in digest.articles:
        files[article_page(article.stem)] = render_article(article, index)
    labels, values = chart_data(index)
    files[MENTIONS_CHART] = bar_chart_svg("各玩家提及次数", labels, values, chart_id="mentions")
    convert = edition.convert_markdown if edition is not None else unprotect
    files = {path: convert(content) for path, content in files.items()}
    files[DATA_FILE] = (
        json.dumps(digest_data(index, edition), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    return dict(sorted(files.items()))
