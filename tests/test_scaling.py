"""What keeps the digest fast as it grows: the article cache, bounded duplicate and related search,
string-only link paths, batched conversion and pages that do not grow with the digest."""

from __future__ import annotations

import posixpath
import random
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.cache import TermsCache, key_of
from builder.digest import Digest, DigestOptions, build_digest
from builder.duplicates import SAME_ARTICLE_SHARE, CopiesMemo, merge_duplicates
from builder.editions import Edition, EditionText, make_edition_text
from builder.extract.options import ExtractOptions, simplified_aligned
from builder.model import Article, Block, Metadata, Provenance
from builder.pages import listings, player, theme
from builder.pages.index import build_index
from builder.pages.markup import link
from builder.pages.paths import DATA_FILE, article_page
from builder.pages.related import find_related
from builder.pages.site import RenderMemo, Unchanged, render_site
from builder.pages.years import LATEST_ON_PAGE
from builder.script import Converters
from builder.search import EDITED_FROM, SearchPage, Section, Terms, cut_words, search_index_files
from builder.writer import text_hash
from tests.conftest import SEEDS

_SEGMENT = st.sampled_from(["articles", "themes", "players", "compute-gap", "2024", "a", "x"])
_PAGE = st.lists(_SEGMENT, min_size=0, max_size=3).map(lambda parts: "/".join([*parts, "p.md"]))


@given(_PAGE, _PAGE)
def test_relative_links_match_posixpath(from_page: str, to_page: str) -> None:
    expected = (
        posixpath.basename(to_page)
        if from_page == to_page
        else posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    )
    assert link("x", from_page, to_page) == f"[x]({expected})"


def _article(stem: str, paragraphs: list[str], date: str | None = None) -> Article:
    blocks = tuple(Block("paragraph", text, n + 1) for n, text in enumerate(paragraphs))
    return Article(blocks, Metadata(date=date), Provenance(Path(f"seeds/{stem}.txt"), "utf-8", "0" * 64))


def _all_pairs(articles: list[Article], converters: Converters) -> set[frozenset[str]]:
    """The merges a comparison of every pair would make (what the prefix filter must reproduce)."""
    merged = merge_duplicates(articles, converters)
    return {frozenset([a.stem, *(o.stem for o in a.also_from)]) for a in merged if a.also_from}


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_duplicate_search_finds_every_copy_among_shared_paragraphs(
    converters: Converters, rng: random.Random
) -> None:
    # No punctuation: a paragraph's weight in the duplicate search is its length without punctuation.
    pool = [f"第{n}段大模型竞赛中的算力与生态这一段文字足够长可以作为指纹" * (1 + n % 3) for n in range(12)]
    articles = []
    for n in range(14):
        chosen = rng.sample(pool, rng.randint(2, 6))
        articles.append(_article(f"a{n:02d}", chosen))
    # Brute force: the share of the smaller article's text found in the other, over every pair.
    lengths = {a.stem: {b.text: len(b.text) for b in a.blocks} for a in articles}
    expected_pairs = set()
    for i, a in enumerate(articles):
        for b in articles[i + 1 :]:
            shared = sum(lengths[a.stem][t] for t in lengths[a.stem].keys() & lengths[b.stem].keys())
            smaller = min(sum(lengths[a.stem].values()), sum(lengths[b.stem].values()))
            if shared / smaller >= SAME_ARTICLE_SHARE:
                expected_pairs.add(frozenset([a.stem, b.stem]))
    groups = _all_pairs(articles, converters)
    for pair in expected_pairs:
        assert any(pair <= group for group in groups), pair
    for group in groups:  # and nothing merged that no pair justifies
        assert all(any(frozenset([s, o]) in expected_pairs for o in group - {s}) for s in group)


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_duplicate_search_after_an_edit_matches_a_search_from_scratch(
    converters: Converters, rng: random.Random
) -> None:
    # A preview keeps the pairs found and compares only edited articles again: the merges must be the
    # ones a search over the edited digest from scratch makes.
    pool = [f"第{n}段大模型竞赛中的算力与生态这一段文字足够长可以作为指纹" * (1 + n % 3) for n in range(6)]

    def text() -> list[str]:  # a small pool: many articles are copies of others
        return rng.sample(pool, rng.randint(2, 4))

    articles = [_article(f"a{n:02d}", text()) for n in range(12)]
    memo = CopiesMemo()
    merge_duplicates(articles, converters, memo)
    for _ in range(3):  # a few edits in a row: texts changed, an article removed, one added
        edited = list(articles)
        for k in rng.sample(range(len(edited)), 3):
            edited[k] = _article(edited[k].stem, text())
        edited.pop(rng.randrange(len(edited)))
        edited.append(_article(f"b{rng.randrange(1000):03d}", text()))
        edited = sorted({a.stem: a for a in edited}.values(), key=lambda a: a.stem)
        assert merge_duplicates(edited, converters, memo) == merge_duplicates(edited, converters)
        articles = edited


def test_related_articles_are_the_most_similar_nearby(extract_options: ExtractOptions) -> None:
    features = {
        f"a{n:03d}": {"openai", f"theme:{n % 3}"} | ({"baidu"} if n % 5 == 0 else set()) for n in range(30)
    }
    articles = tuple(_article(stem, ["正文"], f"2024-01-{1 + n % 28:02d}") for n, stem in enumerate(features))
    related = find_related(articles, features)
    for stem, others in related.items():
        assert stem not in others and len(others) == 3
        best = max(
            len(features[stem] & features[o]) / len(features[stem] | features[o])
            for o in features
            if o != stem
        )
        top = len(features[stem] & features[others[0]]) / len(features[stem] | features[others[0]])
        assert top == best  # within the window (here: every article) the best match comes first


def test_the_cache_gives_the_same_digest_and_cleans_only_what_changed(
    tmp_path: Path, converters: Converters, extract_options: ExtractOptions
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    options = DigestOptions(cache=tmp_path / "cache" / "articles.sqlite")
    taxonomy = extract_options.taxonomy
    fresh = build_digest(seeds, taxonomy, converters, extract_options)
    first = build_digest(seeds, taxonomy, converters, extract_options, options)
    second = build_digest(seeds, taxonomy, converters, extract_options, options)
    assert first.articles == fresh.articles and second.articles == fresh.articles
    seed = sorted(seeds.glob("*.txt"))[0]
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\n策展人新加的一段：算力差距仍在扩大。\n", encoding="utf-8"
    )
    third = build_digest(seeds, taxonomy, converters, extract_options, options)
    changed = third.article(seed.stem)
    assert any("策展人新加的一段" in b.text for b in changed.blocks)
    assert [a for a in third.articles if a.stem != seed.stem] == [
        a for a in fresh.articles if a.stem != seed.stem
    ]


def test_a_corrupt_cache_costs_time_never_the_build(
    tmp_path: Path, converters: Converters, extract_options: ExtractOptions
) -> None:
    cache = tmp_path / "articles.sqlite"
    cache.write_bytes(b"not a database at all" * 100)
    digest = build_digest(
        SEEDS, extract_options.taxonomy, converters, extract_options, DigestOptions(cache=cache)
    )
    assert len(digest.articles) == len(
        build_digest(SEEDS, extract_options.taxonomy, converters, extract_options).articles
    )


def test_batched_conversion_equals_converting_each_span(extract_options: ExtractOptions) -> None:
    text = make_edition_text(
        Edition("zh-Hant", "zh-Hant", "s2twp", "繁體", "zh-Hant"), extract_options.taxonomy.fixed_names
    )
    pieces: list[tuple[str | None, str]] = [
        ("hans", "软件开发者"),
        ("hant", "軟件與鼠標"),
        (None, "发后干"),
        ("hans", "腾讯视频的软件"),
        ("hans", ""),
        ("hant", "U盘"),
        ("hans", "软"),
        ("hans", "件"),
    ]
    assert text.convert_many(pieces) == [t if s is None else text.convert(t, s) for s, t in pieces]


def test_listing_pages_stay_bounded_as_the_digest_grows(extract_options: ExtractOptions) -> None:
    digest = build_digest(SEEDS, extract_options.taxonomy, extract_options.converters, extract_options)
    base = digest.articles[0]
    many = tuple(
        Article(
            base.blocks,
            Metadata(title=f"第{n}篇", date=f"{2019 + n % 6}-0{1 + n % 9}-1{n % 10}", source=f"来源{n % 4}"),
            Provenance(Path(f"seeds/{n:04d}.txt"), "utf-8", "0" * 64),
            mentions=base.mentions,
            theme_hits=base.theme_hits,
            figures=base.figures,
            events=base.events,
        )
        for n in range(3 * LATEST_ON_PAGE)
    )
    big = type(digest)(articles=many, taxonomy=digest.taxonomy)
    files = render_site(big)
    index = build_index(big)
    links = files["articles/index.md"].count("](") + files["articles/index.md"].count("<a href=")
    assert 2 * LATEST_ON_PAGE <= links < 2 * LATEST_ON_PAGE + 40  # title and source of the latest
    assert {f"archive/{y}.md" for y in index.by_year()} <= files.keys()
    archived = sum(files[f"archive/{y}.md"].count('<a href="../../articles/') for y in index.by_year())
    assert archived == len(many)  # every article is on exactly one year page
    theme = next(t.id for t in digest.taxonomy.themes if any(h.theme == t.id for h in base.theme_hits))
    assert files[f"themes/{theme}.md"].count("\n### ") == LATEST_ON_PAGE
    year_pages = [p for p in files if p.startswith(f"themes/{theme}/")]
    assert sum(files[p].count("\n### ") for p in year_pages) == len(many) - LATEST_ON_PAGE


def test_a_preview_memo_never_changes_what_is_rendered(extract_options: ExtractOptions) -> None:
    digest = build_digest(SEEDS, extract_options.taxonomy, extract_options.converters, extract_options)
    editions = [
        make_edition_text(Edition(*e), extract_options.taxonomy.fixed_names)
        for e in (
            ("zh-Hans", "zh-Hans", "tw2sp", "简体", ""),
            ("zh-Hant", "zh-Hant", "s2twp", "繁體", "zh-Hant"),
        )
    ]
    memo = RenderMemo()
    for edition in editions:  # as a preview renders them: one memo, both editions
        assert render_site(digest, edition, memo=memo) == render_site(digest, edition)
    # Filled, so the next build reuses them.
    assert memo.articles and memo.made and memo.index.lines and memo.data.parts and memo.pages
    first = digest.articles[0]
    edited = replace(
        first,
        blocks=(*first.blocks, Block("paragraph", "策展人新加的一段，软件与算力。", 999)),
        metadata=replace(first.metadata, title="策展人改过的标题"),  # shown on theme and player pages
    )
    changed = type(digest)(articles=(edited, *digest.articles[1:]), taxonomy=digest.taxonomy)
    for edition in editions:
        before, fresh = render_site(digest, edition), render_site(changed, edition)
        again = render_site(changed, edition, memo=memo)
        assert again.keys() == fresh.keys()
        unchanged = {path for path, text in again.items() if isinstance(text, Unchanged)}
        # Exactly the files whose text is what the last build made are not made again.
        assert unchanged == {path for path in fresh if fresh[path] == before.get(path)} - {DATA_FILE}
        assert all(again[p] == Unchanged(text_hash(fresh[p])) for p in unchanged)
        assert all(again[p] == fresh[p] for p in again.keys() - unchanged)
        assert len(unchanged) > len(again) / 2 and article_page(first.stem) in again.keys() - unchanged


def _rendered_as_fresh(
    again: dict[str, str | Unchanged], fresh: dict[str, str], before: dict[str, str] | None = None
) -> bool:
    """Whether a build with the memo gave what a build without one gives: every file's text, or
    ``Unchanged`` with that text's hash (and, given the last build's files, exactly for those)."""
    if again.keys() != fresh.keys():
        return False
    for path, made in again.items():
        if isinstance(made, Unchanged):
            if made != Unchanged(text_hash(fresh[path])) or (
                before is not None and before.get(path) != fresh[path]
            ):
                return False
        elif made != fresh[path]:
            return False
    return True


# A curator's edit: what, to which article (its position, wrapped around) or theme, and a new value.
Edit = tuple[str, int, str | None]
_ARTICLE_EDIT = st.sampled_from(["title", "no mentions", "no figures or events", "remove", "add"])
_EDIT = st.one_of(
    st.tuples(_ARTICLE_EDIT, st.integers(0, 29), st.none()),
    st.tuples(st.just("date"), st.integers(0, 29), st.sampled_from(["2019-05-01", "2024-12-30", None])),
    st.tuples(st.just("source"), st.integers(0, 29), st.sampled_from(["来源0", "新来源"])),
    st.tuples(st.just("theme intro"), st.integers(0, 2), st.none()),
    st.tuples(st.just("conversion"), st.just(0), st.sampled_from(["软件", "文章"])),
)
_CODES = ("zh-Hans", "zh-Hant")


@settings(max_examples=8, deadline=None)
@given(st.lists(_EDIT, min_size=1, max_size=4))
# Always tried: a new conversion (the same Markdown must be converted again), and articles moving
# between years and sources, leaving a player, arriving and going.
@example([("conversion", 0, "软件"), ("title", 3, None), ("conversion", 0, "文章")])
@example(
    [
        ("date", 4, "2024-12-30"),
        ("source", 7, "新来源"),
        ("no mentions", 2, None),
        ("remove", 9, None),
        ("add", 5, None),
    ]
)
def test_preview_rebuilds_after_any_edits_give_what_a_cold_render_gives(
    thirty_articles: Callable[[], Digest], edits: list[Edit]
) -> None:
    # Listings short enough that 30 articles fill year pages of themes, players, figures and the
    # timeline, so every kind of listing page a preview reuses is made here.
    digest = thirty_articles()
    memo = RenderMemo()
    with pytest.MonkeyPatch.context() as patch:
        for module in (listings, player, theme):
            patch.setattr(module, "LATEST_ON_PAGE", 4)
        patch.setattr(listings, "ROWS_ON_PAGE", 12)
        before = {code: render_site(digest, _edition_text(digest, code)) for code in _CODES}
        made = before["zh-Hans"].keys()
        assert all(
            any(p.startswith(kind) for p in made) for kind in ("figures/", "timeline/", "themes/players/")
        )
        for code in _CODES:
            render_site(digest, _edition_text(digest, code), memo=memo)
        for edit in edits:
            digest = _edited(digest, edit)
            for code in _CODES:
                fresh = render_site(digest, _edition_text(digest, code))
                again = render_site(digest, _edition_text(digest, code), memo=memo)
                assert _rendered_as_fresh(again, fresh, before[code]), edit
                before[code] = fresh


def _edition_text(digest: Digest, code: str) -> EditionText:
    simplified = code == "zh-Hans"
    edition = Edition(code, code, "tw2sp" if simplified else "s2twp", code, "" if simplified else code)
    return make_edition_text(edition, digest.taxonomy.names, digest.taxonomy.conversions_for(code))


@pytest.fixture(scope="module")
def thirty_articles(extract_options: ExtractOptions) -> Callable[[], Digest]:
    """30 articles made from the five seeds' (their mentions, hits, figures and events), with their
    own titles, dates and sources (given by a function: hypothesis prints a failing example's
    arguments)."""
    digest = build_digest(SEEDS, extract_options.taxonomy, extract_options.converters, extract_options)
    articles = tuple(
        replace(
            digest.articles[n % len(digest.articles)],
            metadata=Metadata(
                title=f"第{n}篇", date=f"{2019 + n % 6}-0{1 + n % 9}-1{n % 10}", source=f"来源{n % 4}"
            ),
            provenance=Provenance(Path(f"seeds/{n:04d}.txt"), "utf-8", "0" * 64),
        )
        for n in range(30)
    )
    made = Digest(articles, digest.taxonomy)
    return lambda: made


def _edited(digest: Digest, edit: Edit) -> Digest:
    """The digest after one curator's edit."""
    kind, number, value = edit
    articles = list(digest.articles)
    taxonomy = digest.taxonomy
    if kind == "theme intro":
        themes = list(taxonomy.themes)
        themes[number] = replace(themes[number], intro=themes[number].intro + "（策展人补充）")
        return Digest(digest.articles, replace(taxonomy, themes=tuple(themes)))
    if kind == "conversion":
        assert value is not None
        return Digest(
            digest.articles, replace(taxonomy, conversions=(("zh-Hant", ((value, value + "（改）"),)),))
        )
    number %= len(articles)
    article = articles[number]
    if kind == "title":
        articles[number] = replace(
            article, metadata=replace(article.metadata, title=f"{article.metadata.title}改")
        )
    elif kind in ("date", "source"):
        articles[number] = replace(article, metadata=replace(article.metadata, **{kind: value}))
    elif kind == "no mentions":
        articles[number] = replace(article, mentions=())
    elif kind == "no figures or events":
        articles[number] = replace(article, figures=(), events=())
    elif kind == "remove" and len(articles) > 1:
        del articles[number]
    elif kind == "add":
        stem = f"added{len(articles):04d}"
        articles.append(replace(article, provenance=Provenance(Path(f"seeds/{stem}.txt"), "utf-8", "1" * 64)))
    return Digest(tuple(sorted(articles, key=lambda a: a.stem)), taxonomy)


def test_a_preview_rebuild_keeps_unchanged_pages_search_terms_in_the_cache(
    tmp_path: Path, converters: Converters
) -> None:
    # A rebuild reuses unchanged pages' terms from memory without looking their texts up: the disk
    # cache must still keep those texts, or the next build would cut every page again.
    path = tmp_path / "terms.sqlite"
    pages = [
        SearchPage(f"articles/{n}/", f"第{n}篇", (Section("", "", f"第{n}篇文章的正文讲算力和芯片。"),))
        for n in range(3)
    ]
    terms = Terms(converters, TermsCache(path), "code")
    for _ in range(2):  # the first build, then a rebuild with the same page objects
        terms.keep_only(pages)
        search_index_files(pages, [], terms, {})
        terms.save()
    stored = TermsCache(path)
    texts = [p.title for p in pages] + [s.text for p in pages for s in p.sections]
    assert all(stored.get(key_of("terms", "code", text)) is not None for text in texts)


# Pieces of real text to build long sections from: runs of the seeds' lines, Han, Latin, digits and
# punctuation alike (jieba cuts a Han run by its neighbours, so pieces must be cut where they stand).
_PIECES = sorted(
    {
        line[start : start + width]
        for seed in sorted(SEEDS.glob("*.txt"))
        for line in seed.read_text(encoding="utf-8").split()
        for start, width in ((0, 6), (3, 11), (8, 4), (12, 17))
        if line[start : start + width]
    }
)


@settings(max_examples=25, deadline=None)
@given(
    rng=st.randoms(use_true_random=False),
    edits=st.lists(
        st.tuples(st.sampled_from(["add", "remove", "replace"]), st.integers(0, 10**6)), max_size=12
    ),
    gap=st.sampled_from([" ", "\u3000", " \n "]),
)
def test_a_long_text_worked_out_from_its_last_version_has_the_terms_cutting_it_whole_gives(
    converters: Converters, rng: random.Random, edits: list[tuple[str, int]], gap: str
) -> None:
    # A listing's opening section (a table of every article of a source) gains a row per new article;
    # its terms are worked out from the last version's and the pieces the edit added and removed.
    before = [rng.choice(_PIECES) for _ in range(700)]
    after = list(before)
    for kind, at in edits:
        position = at % len(after)
        if kind == "add":
            after.insert(position, rng.choice(_PIECES))
        elif kind == "remove":
            del after[position]
        else:
            after[position] = rng.choice(_PIECES)
    old, new = gap.join(before), gap.join(after)
    assert len(new) >= EDITED_FROM
    terms = Terms(converters)
    terms.of_page(SearchPage("sources/x/", "来源", (Section("", "", old),)), [])
    whole = simplified_aligned(new, converters)
    cut: list[str] = []

    def cut_and_note(simple: str, words: tuple[str, ...]) -> Counter[str]:
        cut.append(simple)
        return cut_words(simple, words)

    with mock.patch("builder.search.cut_words", cut_and_note):
        found = terms.of(new, ("sources/x/", ""))

    assert found == dict(cut_words(whole, ()))
    assert whole not in cut and sum(map(len, cut)) < len(whole) / 2  # worked out, not cut whole


def test_a_long_text_is_cut_whole_where_its_place_held_nothing_like_it(converters: Converters) -> None:
    text, other = " ".join(_PIECES[:600]), " ".join(_PIECES[600:1200])
    terms = Terms(converters)
    terms.of_page(SearchPage("sources/x/", "来源", (Section("", "", other),)), [])
    # Where a text was before, the long text at that place is left to ``of``; elsewhere it is cut.
    assert terms.to_cut([SearchPage("sources/x/", "来源", (Section("", "", text),))]) == []
    assert terms.to_cut([SearchPage("sources/y/", "来源", (Section("", "", text),))]) == [text]
    assert terms.to_cut([SearchPage("sources/x/", "来源", (Section("a", "", text),))]) == [text]
    assert terms.of(text, ("sources/x/", "")) == dict(cut_words(simplified_aligned(text, converters), ()))
