"""Assemble every generated file of the site: pages, feed and data, as path -> content."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar, cast, overload

from builder.digest import Digest
from builder.editions import ConversionMemo, EditionText, unprotect
from builder.model import Article
from builder.pages.article import render_article
from builder.pages.compare import comparison_row, render_comparison
from builder.pages.data import DataMemo, digest_data
from builder.pages.display import display_title
from builder.pages.feed import render_feed
from builder.pages.index import IndexMemo, SiteIndex, build_index
from builder.pages.listings import (
    figure_years,
    render_archive,
    render_articles_index,
    render_figures,
    render_figures_year,
    render_glossary,
    render_home,
    render_players_index,
    render_source,
    render_themes_index,
    render_timeline,
    render_timeline_year,
    timeline_years,
)
from builder.pages.markup import front_matter
from builder.pages.page import Page
from builder.pages.paths import DATA_FILE, FEED_FILE
from builder.pages.player import player_sources, player_year_pages, render_player
from builder.pages.theme import render_theme, theme_sources, theme_year_pages
from builder.taxonomy import Player, Theme
from builder.writer import text_hash

T = TypeVar("T")


@dataclass
class RenderMemo:
    """What a preview keeps of page rendering between builds (owned by ``builder.preview.PreviewState``),
    reused only when its inputs are equal or the very same objects: most of a digest is unchanged from
    one edit to the next."""

    index: IndexMemo = field(default_factory=IndexMemo)
    data: DataMemo = field(default_factory=DataMemo)
    # Article pages: stem -> (what the page is made of, the page before edition conversion).
    articles: dict[str, tuple[tuple[object, ...], object]] = field(default_factory=dict)
    # Per edition, per generated file: the hash of what it was made from (its Markdown before
    # conversion, its converted front matter, the edition's conversion) and of its text
    # (``writer.text_hash``). Hashes, not texts: kept between publishes, the converted texts were 71
    # of the 186 MB of a publish's state at 1,000 articles.
    made: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # The digest last rendered and its pages before conversion (the other editions reuse them).
    pages: tuple[Digest, SitePages] | None = None
    # What the pages of one theme, player, year or source (and a player's comparison row) were made
    # from, by name, and what was made: reused while their sources are the same objects or equal (an
    # edit to one article leaves most of them alone; at 1,000 articles making them all again took
    # half a second of every preview edit).
    listings: dict[str, tuple[tuple[object, ...], object]] = field(default_factory=dict)
    # Per edition: its conversion (``EditionText.made_from``) and per page the page object last
    # converted, its front matter and the hash ``made`` keeps of what it was made from (``_sources``).
    # Like ``listings``, not kept between publishes: it holds every page.
    sources: dict[str, tuple[str, dict[str, tuple[Page, str, str]]]] = field(default_factory=dict)
    # Per edition: the pieces of its pages already converted (kept between publishes: strings, and a
    # changed page is mostly pieces other pages held).
    conversions: dict[str, ConversionMemo] = field(default_factory=dict)

    def conversion(self, edition: EditionText) -> ConversionMemo:
        """The edition's memo of converted pieces; a new one when its conversion changed."""
        code, made_from = edition.edition.code, edition.made_from
        kept = self.conversions.get(code)
        if kept is None or kept.made_from != made_from:
            kept = self.conversions[code] = ConversionMemo(made_from)
        return kept

    def __getstate__(self) -> dict[str, object]:
        """Kept between publishes without ``pages`` (reused for the same digest object only, and the next
        publish reads a new one: 12 of 115 MB of a publish's state at 1,000 articles), ``listings`` and
        ``sources`` (every page's Markdown again: ten articles added to 1,000 changed all 52 players'
        pages and every theme's, so a publish would reuse little of it and pickle all of it)."""
        return {**self.__dict__, "pages": None, "listings": {}, "sources": {}}


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
    reuse = _Reuse(memo.listings if memo is not None else None)
    taxonomy = digest.taxonomy
    # A player's page, its year pages and its comparison row are made from the same articles.
    players = {p.id: player_sources(p, index) for p in taxonomy.players}
    made_rows = [
        reuse(f"compare/{p.id}", players[p.id], partial(comparison_row, p, index)) for p in taxonomy.players
    ]
    pages = [
        render_home(index),
        render_themes_index(index),
        render_players_index(index),
        render_articles_index(index),
        render_figures(index),
        render_timeline(index),
        render_comparison(index, made_rows),
        render_glossary(index),
    ]
    for theme in taxonomy.themes:
        pages += reuse(f"theme/{theme.id}", theme_sources(theme, index), partial(_theme_pages, theme, index))
    for player in taxonomy.players:
        pages += reuse(f"player/{player.id}", players[player.id], partial(_player_pages, player, index))
    article_pages = _Reuse(memo.articles if memo is not None else None)
    pages += [_article_page(article, index, article_pages) for article in digest.articles]
    article_pages.forget_the_rest()
    for year, events in timeline_years(index).items():
        made = partial(render_timeline_year, year, events, index)
        pages.append(reuse(f"timeline/{year}", (taxonomy, *events), made))
    for year, articles in figure_years(index).items():
        made = partial(render_figures_year, year, articles, index)
        pages.append(reuse(f"figures/{year}", (taxonomy, *articles), made))
    for year, articles in index.by_year().items():
        pages.append(reuse(f"archive/{year}", tuple(articles), partial(render_archive, year, articles)))
    for path, articles in index.by_source().items():
        pages.append(reuse(f"source/{path}", tuple(articles), partial(render_source, articles)))
    reuse.forget_the_rest()
    rendered = SitePages(index, {page.path: page for page in pages})
    if memo is not None:
        memo.pages = (digest, rendered)
    return rendered


class _Reuse:
    """Pages (or rows) by name, made again only when what they are made from changed, for one build:
    ``kept`` is one of the memo's dicts (None without a memo: everything is made). What the build did
    not ask for (an article, a year, a source or a player gone) is forgotten at its end."""

    def __init__(self, kept: dict[str, tuple[tuple[object, ...], object]] | None) -> None:
        self._kept = kept
        self._asked: set[str] = set()

    def __call__(self, name: str, sources: tuple[object, ...], make: Callable[[], T]) -> T:
        """What ``make()`` gives, or gave last time for ``name`` from equal ``sources`` (compared element
        by element: the same objects are equal at once)."""
        if self._kept is None:
            return make()
        self._asked.add(name)
        known = self._kept.get(name)
        if known is not None and known[0] == sources:
            return cast(T, known[1])
        made = make()
        self._kept[name] = (sources, made)
        return made

    def forget_the_rest(self) -> None:
        if self._kept is not None:
            for name in sorted(self._kept.keys() - self._asked):
                del self._kept[name]


def _theme_pages(theme: Theme, index: SiteIndex) -> list[Page]:
    return [render_theme(theme, index), *theme_year_pages(theme, index)]


def _player_pages(player: Player, index: SiteIndex) -> list[Page]:
    return [render_player(player, index), *player_year_pages(player, index)]


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
    feed = render_feed(index, site_name, site_url)
    files: dict[str, str | Unchanged] = {}
    if memo is None:
        convert = edition.convert_markdown if edition is not None else unprotect
        # Each page's front matter (its description converted here, by its own script, and not again)
        # and its Markdown, converted.
        files = {
            path: _front_matter(page, edition) + convert(page.markdown)
            for path, page in rendered.pages.items()
        }
        files[FEED_FILE] = convert(feed)
    else:
        code = edition.edition.code if edition is not None else ""
        before = memo.made.get(code, {})
        made: dict[str, tuple[str, str]] = {}
        conversion = memo.conversion(edition) if edition is not None else None
        for path, (front, content, source) in _sources(rendered, feed, edition, memo).items():
            known = before.get(path)
            if known is not None and known[0] == source:
                files[path], made[path] = Unchanged(known[1]), known
            else:
                if edition is not None and conversion is not None:
                    converted = conversion.convert_page(path, content, edition)
                else:
                    converted = unprotect(content)
                files[path] = text = front + converted
                made[path] = (source, text_hash(text))
        memo.made[code] = made
        if conversion is not None:
            conversion.keep_pages(made)
    files[DATA_FILE] = digest_data(index, edition, memo.data if memo is not None else None) + "\n"
    return dict(sorted(files.items()))


def _sources(
    rendered: SitePages, feed: str, edition: EditionText | None, memo: RenderMemo
) -> dict[str, tuple[str, str, str]]:
    """Each file's front matter, Markdown before conversion, and the hash ``made`` keeps of what its
    text is made from: both and the edition's conversion (a curator's new conversion in the taxonomy
    changes the text made from the same Markdown). For a page object the edition's last build had too,
    under the same conversion, as that build made them (the same page makes the same; hashing every
    page's Markdown again took a tenth of a second of each preview edit)."""
    code, conversion = (edition.edition.code, edition.made_from) if edition is not None else ("", "")
    last_build = memo.sources.get(code)
    known = last_build[1] if last_build is not None and last_build[0] == conversion else {}
    sources: dict[str, tuple[str, str, str]] = {}
    kept: dict[str, tuple[Page, str, str]] = {}
    for path, page in rendered.pages.items():
        last = known.get(path)
        if last is not None and last[0] is page:
            front, source = last[1], last[2]
        else:
            front = _front_matter(page, edition)
            source = text_hash(conversion + "\0" + front + "\0" + page.markdown)
        sources[path] = (front, page.markdown, source)
        kept[path] = (page, front, source)
    sources[FEED_FILE] = ("", feed, text_hash(conversion + "\0\0" + feed))
    memo.sources[code] = (conversion, kept)
    return sources


def _front_matter(page: Page, edition: EditionText | None) -> str:
    shown = edition.convert(page.description, page.script) if edition is not None else page.description
    return front_matter(shown)


def _article_page(article: Article, index: SiteIndex, reuse: _Reuse) -> Page:
    """An article's page, kept while the article and everything its page shows are unchanged."""
    related = tuple(
        (r, display_title(index.digest.article(r)), index.digest.article(r).writing)
        for r in index.related.get(article.stem, [])
    )
    sources = (article, related, index.digest.taxonomy)
    return reuse(article.stem, sources, partial(render_article, article, index))
