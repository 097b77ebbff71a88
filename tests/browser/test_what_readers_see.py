"""What readers tripped over (issue #16), each class checked as a reader meets it, in both editions:
counts that agree from page to page, quotes that name their player, search that lands on passages,
a chart legible in both colour schemes and on a phone, flag labels shown once, an about page written
for readers, and the 繁體 edition in Taiwan wording. (The not-found pages: test_not_found.py.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Served, Watched

EDITIONS = ["", "zh-Hant/"]
PARAGRAPHS = re.compile(r"在 (\d+) 篇文章的 (\d+) 个段落中被提到|在 (\d+) 篇文章的 (\d+) 個段落中被提到")

# Each player link followed by "（n）": {player page path: n}. Paths, not hrefs: pages link relatively.
LINK_COUNTS = """root => Object.fromEntries([...root.querySelectorAll("a[href]")].flatMap(a => {
  const after = (a.nextSibling && a.nextSibling.textContent) || "";
  const m = after.match(/^（(\\d+)）/);
  return m && /\\/players\\/[^/]+\\/$/.test(a.pathname) ? [[a.pathname, +m[1]]] : [];
}))"""


def _open(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url


def _chart_counts(page: Page) -> dict[str, int]:
    return dict(
        page.evaluate(
            """() => [...document.querySelectorAll(".digest-chart li")].map(li =>
                 [li.querySelector("a").pathname, +li.querySelector(".digest-bar-value").textContent])"""
        )
    )


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("edition", EDITIONS)
def test_counts_agree_from_page_to_page_and_player_quotes_name_the_player(
    page: Page, served: Served, edition: str
) -> None:
    """Home chart, players index, the players theme's roster, the player's own page (its sentence and
    the quotes it shows) all count paragraphs naming the player; a theme page's players count the
    theme's paragraphs, as the player's page does for that theme. Every quote on a player's page
    holds one of the names its page lists."""
    _open(page, served.url(edition))
    chart = _chart_counts(page)
    _open(page, served.url(edition + "players/"))
    listed = page.evaluate(LINK_COUNTS, page.locator("article").element_handle())
    _open(page, served.url(edition + "themes/players/"))
    roster = page.evaluate(LINK_COUNTS, page.locator("article").element_handle())
    assert len(chart) >= 10 and len(listed) > 30
    assert roster == {path: n for path, n in listed.items() if n}
    assert {path: listed[path] for path in chart} == chart
    by_theme: dict[str, dict[str, int]] = {}
    for theme in ("compute-gap", "ecosystems"):
        _open(page, served.url(f"{edition}themes/{theme}/"))
        by_theme[theme] = page.evaluate(LINK_COUNTS, page.locator("article").element_handle())
        assert by_theme[theme], theme
    unnamed = []
    for path, total in sorted(listed.items()):
        _open(page, served.base.split("/digest/")[0] + path)
        sentence = PARAGRAPHS.search(page.locator("article").inner_text())
        assert sentence, path
        assert int(sentence.group(2) or sentence.group(4)) == total, path
        themes = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll("article a[href*='themes/']")].flatMap(a => {
                 const m = ((a.nextSibling && a.nextSibling.textContent) || "").match(/^（(\\d+)）/);
                 return m ? [[a.pathname.split("/").filter(Boolean).pop(), +m[1]]] : [];
               }))"""
        )
        for theme, players in by_theme.items():
            if path in players:
                assert themes.get(theme) == players[path], (path, theme)
        names = _names_of_player(page)
        quotes = page.locator("article blockquote .digest-quote-text").all_inner_texts()
        assert len(quotes) == page.locator("article blockquote .digest-quote a[href*='articles/']").count()
        for quote in quotes:
            if not any(name in _plain(quote) for name in names):
                unnamed.append((path, quote))
            # Never a quote that opens mid-word after damaged text (page 001 had "榇竽P偷纳…").
            assert not re.match(r"^[^\u3400-\u9fffA-Za-z0-9“「《（(…]", quote.strip()), (path, quote)
        assert len(quotes) + _quotes_on_year_pages(page, path) == total, path
    assert unnamed == []


def _quotes_on_year_pages(page: Page, path: str) -> int:
    """The quotes on the year pages a player's page links for older articles."""
    count = 0
    years = page.evaluate(
        "p => [...document.querySelectorAll('#earlier ~ ul a')].map(a => a.href).filter(h => h.includes(p))",
        path,
    )
    for url in years:
        _open(page, url)
        count += page.locator("article blockquote .digest-quote-text").count()
    return count


def _names_of_player(page: Page) -> list[str]:
    """The player's name, aliases and models as its page lists them, normalised for comparison."""
    text = page.locator("article").inner_text()
    names = [page.locator("article h1").inner_text().rstrip("¶")]
    for label in ("别名", "別名", "模型与产品", "模型與產品"):
        line = re.search(rf"{label}：(.+)", text)
        if line:
            names += line.group(1).split("、")
    return [_plain(n) for n in names if n.strip()]


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


@pytest.mark.parametrize(
    ("edition", "query", "player"), [("", "字节跳动", "bytedance"), ("zh-Hant/", "華為", "huawei")]
)
def test_searching_a_name_lands_on_passages_not_on_lists_of_names(
    reader: Watched, served: Served, edition: str, query: str, player: str
) -> None:
    page = reader.page
    _open(page, served.url(edition))
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text(query)  # as an input method commits it
    page.keyboard.up("End")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert f"players/{player}/" in hrefs[0], hrefs
    others = [h for h in hrefs if "/players/" in "/" + h and f"players/{player}/" not in h]
    assert others == [], hrefs  # no other player's page for its "seen with" list
    assert not [h for h in hrefs if h.endswith(("#players", "#roster", "#mentions"))], hrefs
    assert any("articles/" in h for h in hrefs), hrefs
    assert reader.problems() == []


CONTRAST = """el => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = node => { for (; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c; }
    return [255, 255, 255]; };
  const bar = el.querySelector(".digest-bar > span");
  const label = el.querySelector("a"), value = el.querySelector(".digest-bar-value");
  const bg = background(el);
  return {
    label: ratio(rgb(getComputedStyle(label).color), bg),
    value: ratio(rgb(getComputedStyle(value).color), bg),
    bar: ratio(rgb(getComputedStyle(bar).backgroundColor), bg),
    labelPx: parseFloat(getComputedStyle(label).fontSize),
    valuePx: parseFloat(getComputedStyle(value).fontSize),
    barPx: bar.getBoundingClientRect().height,
  };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_mentions_chart_is_legible_in_both_schemes_and_on_a_phone(
    browser: Browser, served: Served, scheme: str, phone: bool
) -> None:
    size = {"width": 375, "height": 740} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=size, is_mobile=phone, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    _open(page, served.url())
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    chart = page.locator(".digest-chart")
    expect(chart).to_be_visible()
    assert chart.get_attribute("aria-label")  # a screen reader hears what the chart counts
    rows = chart.locator("li")
    assert rows.count() >= 5
    for i in range(rows.count()):
        found = rows.nth(i).evaluate(CONTRAST)
        assert found["label"] >= 4.5 and found["value"] >= 4.5, found  # WCAG AA for text
        assert found["bar"] >= 3, found  # WCAG 1.4.11 for graphics
        assert found["labelPx"] >= 12 and found["valuePx"] >= 12, found
        assert found["barPx"] >= 8, found
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_flag_says_its_label_once(page: Page, served: Served, edition: str) -> None:
    _open(page, served.url(edition + "articles/001_df3a99dc514faa2e/"))
    titles = page.locator("article mark.digest-flag").evaluate_all("marks => marks.map(m => m.title)")
    assert len(titles) >= 3
    for title in titles:
        label, _, rest = title.partition("：")
        assert label and rest and not rest.startswith(label), title


@pytest.mark.parametrize(
    ("edition", "heading", "data_heading"),
    [("", "关于本站", "数据格式"), ("zh-Hant/", "關於本站", "資料格式")],
)
def test_the_about_page_is_written_for_readers_and_the_data_format_stands_apart(
    reader: Watched, served: Served, edition: str, heading: str, data_heading: str
) -> None:
    page = reader.page
    _open(page, served.url(edition + "about/"))
    expect(page.locator("article h1")).to_have_text(re.compile(heading))
    text = page.locator("article").inner_text()
    assert "the digest" not in text and "articles[]" not in text and "JSON" not in text
    assert len(page.locator("article h2").all()) >= 5  # what, how, reading, flags, sources, data
    assert page.locator("article mark.digest-flag").count() == 3  # the three marks, as a reader sees them
    page.locator("article a", has_text=data_heading).click()
    page.wait_for_load_state("networkidle")
    assert page.url == served.url(edition + "data/")
    expect(page.locator("article h1")).to_have_text(re.compile(data_heading))
    assert "digest.json" in page.locator("article").inner_text()
    assert reader.problems() == []


def test_the_traditional_edition_reads_as_taiwan_writing(reader: Watched, served: Served) -> None:
    """A few of the places the gold (tests/golden/conversion.yml) found wrong, as a reader sees them."""
    page = reader.page
    _open(page, served.url("zh-Hant/articles/002_73da3ebac38cb5ad/"))
    text = page.locator("article").inner_text()
    # Taiwan wording in prose; the speech's title in 《》 keeps its own words (打造數字經濟發展示範區).
    assert "數位經濟領域" in text and "數字經濟領域" not in text
    assert re.sub("《[^》]*》", "", text).count("數字經濟") == 0
    assert "引數" not in text and "回歸" in text
    tooltips = " ".join(page.locator("article abbr").evaluate_all("a => a.map(x => x.title)"))
    assert "參數" in tooltips and "引數" not in tooltips
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "搜尋"
    _open(page, served.url("zh-Hant/articles/001_df3a99dc514faa2e/"))
    assert "界面新聞" in page.locator("article").inner_text()  # an outlet's name keeps its wording
    _open(page, served.url("zh-Hant/players/"))
    assert "引數" not in page.locator("article").inner_text()
    assert reader.problems() == []


@pytest.mark.parametrize(("edition", "heading"), [("", "玩家对比"), ("zh-Hant/", "玩家對比")])
def test_the_comparison_page_links_every_cell_to_its_paragraph(
    reader: Watched, served: Served, edition: str, heading: str
) -> None:
    page = reader.page
    _open(page, served.url(edition + "players/"))
    page.locator("article a", has_text=heading).first.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("article h1")).to_have_text(re.compile(heading))
    rows = page.locator("article table tbody tr")
    assert rows.count() >= 10
    cell = rows.first.locator("td").nth(1).locator("a").first  # a model, linked to where it is named
    model = cell.inner_text()
    cell.click()
    page.wait_for_load_state("networkidle")
    anchor = page.url.split("#")[1]
    assert model.replace(" ", "") in page.locator(f"[id='{anchor}']").inner_text().replace(" ", "")
    assert reader.problems() == []
