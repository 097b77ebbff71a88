"""The site as a reader uses it, in Debian's chromium, served by nginx under a sub-path."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Served, Watched, security_headers
from tests.conftest import ROOT

ARTICLE = "articles/002_73da3ebac38cb5ad/"
PAGES = ["", "themes/compute-gap/", "players/baidu/", ARTICLE]
EDITIONS = ["", "zh-Hant/"]


def in_viewport(page: Page, element_id: str) -> bool:
    return bool(
        page.evaluate(
            """id => { const el = document.getElementById(id); if (!el) return false;
                 const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; }""",
            element_id,
        )
    )


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("path", PAGES)
def test_pages_load_with_no_error_no_failed_request_and_nothing_foreign(
    reader: Watched, served: Served, edition: str, path: str
) -> None:
    response = reader.page.goto(served.url(edition + path), wait_until="networkidle")
    assert response is not None and response.status == 200
    for name, value in security_headers().items():
        assert response.headers.get(name.lower()) == value, name
    expect(reader.page.locator("h1").first).to_be_visible()
    assert reader.problems() == []


@pytest.mark.parametrize(
    ("edition", "query", "expected"),
    [
        ("", "算力", "算力"),
        ("", "通義千問", "通义千问"),  # typed in Traditional, found in the 简体 edition
        ("zh-Hant/", "通义千问", "通義千問"),  # typed in Simplified, found in the 繁體 edition
        ("zh-Hant/", "軟體", "軟體"),
        ("", "軟體", "软件"),  # Taiwan wording finds mainland wording
    ],
)
def test_search_in_either_script_lands_on_the_paragraph(
    reader: Watched, served: Served, edition: str, query: str, expected: str
) -> None:
    page = reader.page
    page.goto(served.url(edition), wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()  # on a wide screen the field is in the header; a phone opens it with a button
    # An input method commits a whole word at once: insert it, then a key-up, as a browser sees it.
    page.keyboard.insert_text(query)
    page.keyboard.up("End")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10000)
    href = results.first.get_attribute("href") or ""
    results.first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.split("#")[0].endswith(href.split("#")[0].lstrip("./"))
    if "#" in page.url:
        assert in_viewport(page, page.url.split("#", 1)[1])
    assert expected in page.locator("article").inner_text()
    assert reader.problems() == []


def test_theme_to_quote_to_paragraph_to_player_to_another_article_by_clicking(
    reader: Watched, served: Served
) -> None:
    page = reader.page
    page.goto(served.url(), wait_until="networkidle")
    page.locator("article a", has_text="算力差距").first.click()
    expect(page).to_have_url(re.compile(r"/themes/compute-gap/$"))
    quote = page.locator("article blockquote .digest-quote").first
    quote_text = quote.locator(".digest-quote-text").inner_text().strip("…")
    quote.locator("a[href*='articles/']").click()
    expect(page).to_have_url(re.compile(r"/articles/[^/]+/#p\d+$"))
    anchor = page.url.split("#")[1]
    assert in_viewport(page, anchor)
    paragraph = page.locator(f"[id='{anchor}']")
    assert quote_text[:20] in paragraph.inner_text()
    first_article = page.url.split("#")[0]
    page.locator("article a[href*='/players/']").first.click()
    expect(page).to_have_url(re.compile(r"/players/[^/]+/$"))
    others = page.locator("article blockquote a[href*='articles/']")
    target = next(
        others.nth(i)
        for i in range(others.count())
        # A quote from another article: its link's path (before the anchor) names another article.
        if not (others.nth(i).get_attribute("href") or "")
        .split("#")[0]
        .endswith(first_article.rsplit("/articles/", 1)[1])
    )
    target.click()
    expect(page).to_have_url(re.compile(r"/articles/[^/]+/#p\d+$"))
    assert page.url.split("#")[0] != first_article
    assert in_viewport(page, page.url.split("#")[1])
    assert reader.problems() == []


def test_the_script_switch_keeps_page_and_anchor(reader: Watched, served: Served) -> None:
    page = reader.page
    page.goto(served.url(ARTICLE + "#p16"), wait_until="networkidle")
    page.locator("a.digest-edition-switch").click()
    expect(page).to_have_url(served.url("zh-Hant/" + ARTICLE + "#p16"))
    assert page.locator("html").get_attribute("lang") == "zh-TW"
    assert in_viewport(page, "p16")
    assert "輝達" in page.locator("[id='p16']").inner_text()  # Taiwan's name for NVIDIA (英伟达)
    page.locator("a.digest-edition-switch").click()
    expect(page).to_have_url(served.url(ARTICLE + "#p16"))
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert reader.problems() == []


def test_dark_and_light_modes_toggle(reader: Watched, served: Served) -> None:
    page = reader.page
    page.emulate_media(color_scheme="light")
    page.goto(served.url(), wait_until="networkidle")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload(wait_until="networkidle")  # the choice is remembered
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert reader.problems() == []


@pytest.mark.parametrize("path", [*PAGES, "zh-Hant/" + ARTICLE, "timeline/", "figures/"])
def test_a_phone_sized_viewport_has_no_horizontal_scroll(browser: Browser, served: Served, path: str) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, device_scale_factor=2
    )
    page = context.new_page()
    page.goto(served.url(path), wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_a_missing_page_gets_the_404_page(reader: Watched, served: Served) -> None:
    response = reader.page.goto(served.url("no-such-page/"))
    assert response is not None and response.status == 404
    assert reader.page.locator("h1").first.inner_text() == "找不到这个页面"
    response = reader.page.goto(served.url("zh-Hant/no-such-page/"))
    assert response is not None and response.status == 404
    assert reader.page.locator("html").get_attribute("lang") == "zh-TW"
    assert reader.page.locator("h1").first.inner_text() == "找不到這個頁面"


def test_screenshots_of_home_and_a_theme(browser: Browser, served: Served, tmp_path: Path) -> None:
    """Taken for the README: set DIGEST_SCREENSHOTS=screenshots to write them into the repository."""
    out = Path(os.environ.get("DIGEST_SCREENSHOTS", tmp_path))
    if not out.is_absolute():
        out = ROOT / out
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    for name, path in (("home", ""), ("theme", "themes/compute-gap/")):
        page.goto(served.url(path), wait_until="networkidle")
        page.screenshot(path=str(out / f"{name}.png"))
        assert (out / f"{name}.png").stat().st_size > 10000
    context.close()
