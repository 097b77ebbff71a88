"""Splitting long listings by year: one helper for every page that files articles, figures or events
under years, and the links from a listing to its year pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from builder.pages.display import year_label
from builder.pages.markup import escape, link
from builder.pages.page import Page
from builder.pages.paths import UNDATED, year_page

T = TypeVar("T")

# Listing pages show this many articles (or quoted articles) and link to per-year pages for the rest,
# so no page grows with the digest (at 10,000 articles a flat list is megabytes for every reader).
LATEST_ON_PAGE = 50
# The figures and the timeline stay one page up to this many rows, then split by year.
ROWS_ON_PAGE = 400


def by_year(items: Iterable[T], year: Callable[[T], str], newest_first: bool = True) -> dict[str, list[T]]:
    """Items grouped by ``year(item)``, each group in the order given; years newest first (or oldest
    first), ``undated`` last either way."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(year(item), []).append(item)
    if newest_first:
        return dict(sorted(groups.items(), key=lambda kv: (kv[0] != UNDATED, kv[0]), reverse=True))
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == UNDATED, kv[0])))


def year_links(groups: dict[str, list[T]], page: str, owner: str, unit: str) -> list[str]:
    """A list linking each year's page under ``owner`` with its count (``unit``: 篇, 项, 件)."""
    return [
        f"- {link(year_label(year), page, year_page(owner, year))}（{len(group)} {unit}）"
        for year, group in groups.items()
    ]


def earlier_section(groups: dict[str, list[T]], page: str) -> list[str]:
    """The section of a theme's or player's page linking its year pages of older articles (or none)."""
    if not groups:
        return []
    return ["## 更早的文章 {#earlier}", "", *year_links(groups, page, page, "篇"), ""]


def older_year_pages(
    owner: str, name: str, what: str, groups: dict[str, list[T]], section: Callable[[list[T], str], list[str]]
) -> list[Page]:
    """The year pages under a theme's or player's page (``owner``, named ``name``) for what it does not
    show itself: ``what`` they list (摘录, 提及), each year's items written by ``section(items, page)``."""
    pages = []
    for year, items in groups.items():
        page = year_page(owner, year)
        label = year_label(year)
        lines = [f"# {escape(name)}：{label}的{what}", ""]
        lines += [f"{link(name, page, owner)}页列出最新的{what}；这里是{label}的其余部分。", ""]
        markdown = "\n".join(lines + section(items, page)) + "\n"
        pages.append(Page(page, markdown, f"{name}：{label}的文章摘录。"))
    return pages
