"""The players side by side: every filled cell is said by the paragraph it links to."""

from __future__ import annotations

import html
import re

from builder.editions import unprotect
from builder.pages.compare import render_comparison
from builder.pages.index import build_index
from tests.theme_gold import seed_digest

# A link to a paragraph, as the comparison table (an HTML block, compare/ to articles/…/) writes it.
LINK = re.compile(r'<a href="\.\./articles/([^/]+)/#p(\d+)">(.*?)</a>')
ROW = re.compile(r"<tr>\n(.*?)\n</tr>", re.S)


def test_every_cell_is_said_by_the_paragraph_it_links_to() -> None:
    digest = seed_digest()
    page = render_comparison(build_index(digest))
    rows = [
        re.findall(r"<td>(.*?)</td>", row.group(1))
        for row in ROW.finditer(page.markdown)
        if "<td>" in row.group(1)
    ]
    assert len(rows) >= 10
    checked = 0
    for cells in rows:
        assert len(cells) == 6, cells
        for cell in cells[1:]:
            for match in LINK.finditer(cell):
                stem, block, label = match.groups()
                paragraph = digest.article(stem).blocks[int(block)].text.replace(" ", "")
                # Labels are escaped for Markdown; the words themselves (less any date or note) are in the paragraph.
                words = html.unescape(unprotect(label)).split("（")[0].replace(" ", "")
                words = re.sub(r"^约", "", words)
                if re.fullmatch(r"[\d-]+", words):  # a date: the paragraph names that year
                    assert words[:4] in paragraph or "今年" in paragraph or "去年" in paragraph, (cells, cell)
                else:
                    assert words in paragraph, (words, stem, block)
                checked += 1
    assert checked > 20
    baidu = next(cells for cells in rows if "百度" in cells[0])
    assert "文心一言" in " ".join(baidu)
