"""The not-found page of each edition, as a static host serves it under a sub-path: in the edition's
script, and every link (home, listings, the edition switch) lands on a page of the right edition."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Served, Watched


@pytest.mark.parametrize(
    "case",
    [
        ("", "找不到这个页面", "回到首页", "zh-Hant/", "zh-TW"),
        ("zh-Hant/", "找不到這個頁面", "回到首頁", "", "zh-Hans"),
    ],
)
def test_the_not_found_page_speaks_chinese_and_its_links_work(
    reader: Watched, served: Served, case: tuple[str, str, str, str, str]
) -> None:
    edition, title, home, other, other_lang = case
    page = reader.page
    page.goto(served.url(edition + "404.html"), wait_until="networkidle")
    expect(page.locator("article h1")).to_have_text(title)
    assert "Not found" not in page.locator("article").inner_text()
    page.locator("article a", has_text=home).click()
    page.wait_for_load_state("networkidle")
    assert page.url == served.url(edition)
    page.goto(served.url(edition + "404.html"), wait_until="networkidle")
    page.locator("article a", has_text="主題" if edition else "主题").click()
    page.wait_for_load_state("networkidle")
    assert page.url == served.url(edition + "themes/")
    # The edition switch goes to the other edition's home (no other host, no 404).
    page.goto(served.url(edition + "404.html"), wait_until="networkidle")
    page.locator("[data-edition-switch]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == served.url(other)
    assert page.locator("html").get_attribute("lang") == other_lang
    assert reader.problems() == [], reader.problems()
