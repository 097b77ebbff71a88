"""The players side by side: every filled cell is said by the paragraph it links to."""

from __future__ import annotations

import html
import re

from builder.editions import unprotect
from builder.pages.compare import render_comparison
from builder.pages.index import build_index
from tests.theme_gold import seed_digest

LINK = re.compile(
    r"\[([^\]]+)\]\(\.\./articles/([^/]+)\.md#p(\d+)\)|\[([^\]]+)\]\(articles/([^/]+)\.md#p(\d+)\)"
)


def test_every_cell_is_said_by_the_paragraph_it_links_to() -> None:
    digest = seed_digest()
    page = render_comparison(build_index(digest))
    rows = [line for line in page.markdown.splitlines() if line.startswith("| ") and "](" in line]
    assert len(rows) >= 10
    checked = 0
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert len(cells) == 6, row
        for cell in cells[1:]:
            for match in LINK.finditer(cell):
                label, stem, block = (
                    (match.group(1), match.group(2), match.group(3)) if match.group(1) else match.groups()[3:]
                )
                paragraph = digest.article(stem).blocks[int(block)].text.replace(" ", "")
                # Labels are escaped for Markdown; the words themselves (less any date or note) are in the paragraph.
                words = html.unescape(unprotect(label)).split("（")[0].replace(" ", "")
                words = re.sub(r"^约", "", words)
                if re.fullmatch(r"[\d-]+", words):  # a date: the paragraph names that year
                    assert words[:4] in paragraph or "今年" in paragraph or "去年" in paragraph, (row, cell)
                else:
                    assert words in paragraph, (words, stem, block)
                checked += 1
    assert checked > 20
    baidu = next(r for r in rows if "百度" in r.split(" | ")[0])
    assert "文心一言" in baidu
