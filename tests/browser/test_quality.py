"""Accessibility (axe-core in the browser), heading order, and a real link checker over the served site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Served
from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",
    "themes/compute-gap/",
    "themes/players/",
    "players/baidu/",
    "articles/004_adf66b7354aa4ca2/",
    "timeline/",
    "figures/",
    "glossary/",
    "about/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("edition", ["", "zh-Hant/"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_accessibility_violation(
    browser: Browser, served: Served, edition: str, path: str, scheme: str
) -> None:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (see .ci/run)")
    # axe is injected as a script, which the site's own CSP rightly forbids: bypass it for the audit.
    # The reader's colour scheme picks Material's palette (slate in the dark).
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(served.url(edition + path), wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == (
        "slate" if scheme == "dark" else "default"
    )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("path", PAGES)
def test_headings_are_in_order(browser: Browser, served: Served, path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url(path), wait_until="networkidle")
    levels = page.evaluate(
        "[...document.querySelectorAll('article h1, article h2, article h3, article h4')].map(h => +h.tagName[1])"
    )
    context.close()
    assert levels and levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels


def test_a_link_checker_finds_no_broken_link(served: Served, tmp_path: Path) -> None:
    linkchecker = shutil.which("linkchecker") or str(Path(sys.executable).parent / "linkchecker")
    result = subprocess.run(
        [linkchecker, "--no-status", "--no-warnings", "--threads", "4", "--timeout", "20", served.base],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout or "0 errors" in result.stdout
