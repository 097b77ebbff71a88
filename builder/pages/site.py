"""Assemble every generated file of the site: pages, feed and data, as path -> content."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import overload

from builder.digest import Digest
from builder.editions import EditionText, unprotect
from builder.model import Article
from builder.pages.article import render_article
from builder.pages.compare import render_comparison
from builder.pages.data import DataMemo, digest_data
from builder.pages.display import display_title
from builder.pages.feed import render_feed
from builder.pages.index import IndexMemo, SiteIndex, build_index
from builder.pages.listings import (
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
from builder.pages.markup import front_matter
from builder.pages.page import Page
from builder.pages.paths import DATA_FILE, FEED_FILE
from builder.pages.player import player_year_pages, render_player
from builder.pages.theme import render_theme, theme_year_pages
from builder.writer import text_hash


@dataclass
class RenderMemo:
    """What a preview keeps of page rendering between builds (owned by ``builder.preview.PreviewState``),
    reused only when its inputs are equal or the very same objects: most of a digest is unchanged from
    one edit to the next."""

    index: IndexMemo = field(default_factory=IndexMemo)
    data: DataMemo = field(default_factory=DataMemo)
    # Article pages: stem -> (what the page is made of, the page before edition conversion).
    articles: dict[str, tuple[object, Page]] = field(default_factory=dict)
    # Per edition, per generated file: the hash of what it was made from (its Markdown before
    # conversion, its converted front matter) and of its text (``writer.text_hash``). Hashes, not
    # texts: kept between publishes, the converted texts were 71 of the 186 MB of a publish's state
    # at 1,000 articles.
    made: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # The digest last rendered and its pages before conversion (the other editions reuse them).
    pages: tuple[Digest, SitePages] | None = None

    def __getstate__(self) -> dict[str, object]:
        """Kept between publishes without ``pages``: they are reused for the same digest object only,
        and the next publish reads a new one (12 of 115 MB of a publish's state at 1,000 articles)."""
        return {**self.__dict__, "pages": None}


@dataclass(frozen=True)
class SitePages:
    """Every generated page of the digest before edition conversion, by path, with the index they
    were rendered from."""

    index: SiteIndex
    pages: dict[str, Page]


def render_pages(digest: Digest, memo: RenderMemo | None = None) -> SitePages:
    """The pages every edition shares (converted per edition by ``render_site``)."""
    if memo is not None and memo.pages is not None and memo.pages[0] is digest:
        return memo.pages[1]
    index = build_index(digest, memo.index if memo is not None else None)
    pages = [
        render_home(index),
        render_themes_index(index),
        render_players_index(index),
        render_articles_index(index),
        render_figures(index),
        render_timeline(index),
        render_comparison(index),
        render_glossary(index),
    ]
    for theme in digest.taxonomy.themes:
        pages += [render_theme(theme, index), *theme_year_pages(theme, index)]
    for player in digest.taxonomy.players:
        pages += [render_player(player, index), *player_year_pages(player, index)]
    pages += [_article_page(article, index, memo) for article in digest.articles]
    pages += timeline_year_pages(index)
    pages += figures_year_pages(index)
    pages += [render_archive(year, articles) for year, articles in index.by_year().items()]
    pages += [render_source(articles) for articles in index.by_source().values()]
    rendered = SitePages(index, {page.path: page for page in pages})
    if memo is not None:
        memo.pages = (digest, rendered)
    return rendered


@dataclass(frozen=True)
class Unchanged:
    """A generated file made from the same Markdown as in the edition's last build, so with the same
    text (``text_hash``), which is not made again: the file that build wrote stays."""

    text_hash: str


@overload
def render_site(
    digest: Digest,
    edition: EditionText | None = None,
    site_name: str = ...,
    site_url: str | None = None,
    memo: None = None,
) -> dict[str, str]: ...


@overload
def render_site(
    digest: Digest,
    edition: EditionText | None = None,
    site_name: str = ...,
    site_url: str | None = None,
    *,
    memo: RenderMemo | None,
) -> dict[str, str | Unchanged]: ...


def render_site(
    digest: Digest,
    edition: EditionText | None = None,
    site_name: str = "大模型竞赛文摘",
    site_url: str | None = None,
    memo: RenderMemo | None = None,
) -> dict[str, str] | dict[str, str | Unchanged]:
    """Every generated file of one edition, keyed by its path under docs/, in a stable order.

    ``memo`` (kept by a preview or a publish between builds) lets unchanged article pages be reused and
    the pages of one build be rendered once for all editions; a file made from the same Markdown as in
    the last build of the edition is not converted again but given as ``Unchanged``. Without a memo,
    every file is text.
    """
    rendered = render_pages(digest, memo)
    index = rendered.index
    # Each file's front matter (its description converted here, by its own script, and not again) and
    # its Markdown before conversion.
    sources = {path: (_front_matter(page, edition), page.markdown) for path, page in rendered.pages.items()}
    sources[FEED_FILE] = ("", render_feed(index, site_name, site_url))
    convert = edition.convert_markdown if edition is not None else unprotect
    files: dict[str, str | Unchanged] = {}
    if memo is None:
        files = {path: front + convert(content) for path, (front, content) in sources.items()}
    else:
        code = edition.edition.code if edition is not None else ""
        before = memo.made.get(code, {})
        made: dict[str, tuple[str, str]] = {}
        for path, (front, content) in sources.items():
            source = text_hash(front + "\0" + content)
            known = before.get(path)
            if known is not None and known[0] == source:
                files[path], made[path] = Unchanged(known[1]), known
            else:
                files[path] = text = front + convert(content)
                made[path] = (source, text_hash(text))
        memo.made[code] = made
    files[DATA_FILE] = digest_data(index, edition, memo.data if memo is not None else None) + "\n"
    return dict(sorted(files.items()))


def _front_matter(page: Page, edition: EditionText | None) -> str:
    shown = edition.convert(page.description, page.script) if edition is not None else page.description
    return front_matter(shown)


def _article_page(article: Article, index: SiteIndex, memo: RenderMemo | None) -> Page:
    """An article's page, from the memo when the article and everything its page shows are unchanged."""
    if memo is None:
        return render_article(article, index)
    related = tuple(
        (r, display_title(index.digest.article(r)), index.digest.article(r).writing)
        for r in index.related.get(article.stem, [])
    )
    inputs = (article, related, index.digest.taxonomy)
    known = memo.articles.get(article.stem)
    if known is not None and known[0] == inputs:
        return known[1]
    page = render_article(article, index)
    memo.articles[article.stem] = (inputs, page)
    return page
