"""The hostile seeds in a real browser: pages and search results show text, never run it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Dialog, expect

from tests.browser.conftest import Served, serving, watch
from tests.test_hostile import hostile_project

PAGES = [
    "articles/markup/",
    "articles/hostile-page/",
    "themes/compute-gap/",
    "players/baidu/",
    "zh-Hant/articles/markup/",
    "",
    "feed.xml",
]
INJECTED = "article script, article iframe, article img[onerror], [onclick], .evil, a[href^='javascript:']"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    project = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    with serving(project, tmp_path_factory) as served:
        yield served


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_shown_not_run(browser: Browser, hostile_site: Served, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    watched = watch(page, hostile_site)
    page.goto(hostile_site.url(path), wait_until="networkidle")
    page.wait_for_timeout(300)
    if path.endswith("/") or path == "":
        assert page.locator(INJECTED).count() == 0
    if path.endswith("articles/markup/"):
        shown = page.locator("article").inner_text()
        assert "<script>alert(1)</script>" in shown and "{{ page.title }}" in shown
        assert "</title><script>" in page.title()
    assert dialogs == []
    if path != "feed.xml":  # a bare XML document makes the browser ask for /favicon.ico
        assert watched.problems() == []
    context.close()


def test_searching_hostile_text_shows_it_as_text(browser: Browser, hostile_site: Served) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_site.url(), wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text("井号开头")
    page.keyboard.up("End")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10000)
    page.keyboard.insert_text(" script")
    page.keyboard.up("End")
    page.wait_for_timeout(500)
    assert (
        page.locator(
            ".md-search-result script, .md-search-result img[onerror], .md-search-result iframe"
        ).count()
        == 0
    )
    assert dialogs == []
    context.close()
