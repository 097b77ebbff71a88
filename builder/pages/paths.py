"""Every generated page's source path (under docs/), and the anchors inside pages: one URL scheme.

Paths are MkDocs source paths (``themes/compute-gap.md``); MkDocs turns them into URLs and checks
every link between them in a strict build.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

HOME = "index.md"
THEMES_INDEX = "themes/index.md"
PLAYERS_INDEX = "players/index.md"
ARTICLES_INDEX = "articles/index.md"
FIGURES = "figures.md"
TIMELINE = "timeline.md"
COMPARE = "compare.md"
GLOSSARY = "glossary.md"
# Files that are not pages (no front matter, no conversion of their own).
FEED_FILE = "feed.xml"
DATA_FILE = "digest.json"

ARTICLES = "articles"
PLAYERS = "players"
THEMES = "themes"
ARCHIVE = "archive"
SOURCES = "sources"
# The year of articles without a date, in year pages' paths.
UNDATED = "undated"


def article_page(stem: str) -> str:
    """The source path of an article's page."""
    return f"{ARTICLES}/{stem}.md"


def article_url(stem: str) -> str:
    """An article page's URL under the site root, as MkDocs publishes it (directory URLs)."""
    return f"{ARTICLES}/{quote(stem)}/"


def player_page(player_id: str) -> str:
    """The source path of a player's page."""
    return f"{PLAYERS}/{player_id}.md"


def theme_page(theme_id: str) -> str:
    """The source path of a theme's page."""
    return f"{THEMES}/{theme_id}.md"


def archive_page(year: str) -> str:
    """The source path of the page listing one year's articles (``undated`` for the rest)."""
    return f"{ARCHIVE}/{year}.md"


def source_page(source: str | None) -> str:
    """The source path of the page listing one source's articles (the name is article text: hashed)."""
    name = source or ""
    return f"{SOURCES}/s-{hashlib.blake2b(name.encode('utf-8'), digest_size=6).hexdigest()}.md"


def year_page(page: str, year: str) -> str:
    """A year's page under a listing page: ``themes/compute-gap/2024.md``, ``figures/2023.md``."""
    return f"{page.removesuffix('.md')}/{year}.md"


def block_anchor(index: int) -> str:
    """The stable anchor of a block on its article page."""
    return f"p{index}"


def stem_anchor(stem: str) -> str:
    """An id for an article's section on a theme or player page, safe whatever the file name."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", stem):
        return stem
    return "a-" + hashlib.blake2b(stem.encode("utf-8"), digest_size=6).hexdigest()
