"""A generated page as every renderer returns it: nothing needs to parse a path back to learn what a
page is."""

from __future__ import annotations

from dataclasses import dataclass

from builder.model import Writing


@dataclass(frozen=True)
class Page:
    """One generated page, before edition conversion.

    ``description`` is the page's one-line summary (meta description and Open Graph); ``script`` is the
    script it is written in (article text keeps its source's script; the site's own text is Simplified).
    """

    path: str
    markdown: str
    description: str
    script: Writing | None = "hans"
