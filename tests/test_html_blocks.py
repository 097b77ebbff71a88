"""HTML blocks: the quotes on theme and player pages and the tables of generated pages are written as
HTML blocks that Python-Markdown passes through unparsed (``markup.quote_block``, ``markup.table`` and
the ``GeneratedHtmlBlocks`` extension).

What must hold: their links are the URLs MkDocs writes for the same Markdown links (MkDocs does not
rewrite or check links inside HTML), article text stays text whatever it holds, a table reads as the
Markdown table it replaces, the extension changes nothing in the output but whitespace between blocks,
and it takes nothing but the blocks it wrote.
"""

from __future__ import annotations

import re

import markdown
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.structure.files import File

from builder.pages.markup import GeneratedHtmlBlocks, Quote, escape, href, link, quote_block, table

# Path segments as generated pages have them, and as curators' file names may make them.
_SEGMENT = st.text(alphabet=st.sampled_from("ab1_-.~ 中文#%?&\"'<>"), min_size=1, max_size=8).filter(
    lambda s: s not in {".", ".."} and not s.startswith(".")
)
_PAGE = st.lists(_SEGMENT, min_size=1, max_size=3).map(
    lambda parts: "/".join(parts) + ".md"
) | st.sampled_from(
    ["index.md", "players/index.md", "themes/compute-gap/2024.md", "articles/002_73da3ebac38cb5ad.md"]
)


def _mkdocs_url(from_page: str, to_page: str, anchor: str | None) -> str:
    """What MkDocs writes for a Markdown link between two pages (its ``path_to_url``: the target file's
    URL relative to the linking file's, the anchor as the link gives it)."""
    source, target = (File(p, "docs", "site", use_directory_urls=True) for p in (from_page, to_page))
    given_anchor = re.search(r"#(.*)", link("x", from_page, to_page, anchor))
    assert (given_anchor is not None) == (anchor is not None)
    url = target.url_relative_to(source)
    return url + (f"#{given_anchor.group(1).rstrip(')')}" if given_anchor else "")


@given(_PAGE, _PAGE, st.none() | st.sampled_from(["p0", "p12", "a-1f2e", "中 文"]))
def test_a_quote_link_is_the_url_mkdocs_writes_for_the_markdown_link(
    from_page: str, to_page: str, anchor: str | None
) -> None:
    assert href(from_page, to_page, anchor) == _mkdocs_url(from_page, to_page, anchor)


def _convert(text: str, *, with_extension: bool) -> str:
    extensions: list[str | markdown.Extension] = ["md_in_html", "attr_list", "fenced_code", "toc", "tables"]
    if with_extension:
        extensions.append(GeneratedHtmlBlocks())
    return markdown.Markdown(extensions=extensions).convert(text)


HOSTILE = [
    "</blockquote><script>alert(1)</script>",
    '</span></p><p class="digest-quote">',
    "**bold** [link](https://example.com) `code` {: .x } <!-- x -->",
    "\n\n# heading\n\n> quote\n\n",
    "&amp; &#60; \\*",
]


def _page(quoted: list[str]) -> str:
    quotes = [
        Quote(escape(text), href("players/x.md", "articles/a.md", f"p{n}"), "why")
        for n, text in enumerate(quoted)
    ]
    return "\n".join(
        ["# Player", "", "### [标题](../articles/a.md) {#a}", "", *quote_block(quotes), "正文。", ""]
    )


@given(st.lists(st.sampled_from(HOSTILE) | st.text(max_size=40), min_size=1, max_size=4))
def test_quoted_text_stays_text_and_the_extension_changes_only_whitespace(quoted: list[str]) -> None:
    fast = _convert(_page(quoted), with_extension=True)
    parsed = _convert(_page(quoted), with_extension=False)
    assert re.sub(r"\n\s*\n", "\n", fast) == re.sub(r"\n\s*\n", "\n", parsed)
    # One block quote, one paragraph per quote, and no element the quoted text could have opened.
    assert fast.count("<blockquote>") == 1
    assert fast.count('<p class="digest-quote">') == len(quoted)
    assert (
        "<script" not in fast and "<strong>" not in fast and "<code>" not in fast and "<h1>" not in fast[10:]
    )


def test_the_block_is_passed_through_as_written() -> None:
    page = _page(["大模型“百模大战”&进行中"])
    block = page[page.index("<blockquote>") : page.index("</blockquote>") + len("</blockquote>")]
    assert "&#38;" in block
    assert block in _convert(page, with_extension=True)


def test_a_code_block_showing_a_quote_block_stays_code() -> None:
    block = "\n".join(quote_block([Quote("文字", "../a/#p0")]))
    fenced = f"```html\n{block}```\n"
    shown = _convert(fenced, with_extension=True)
    assert "<blockquote>" not in shown and "&lt;blockquote&gt;" in shown
    assert shown == _convert(fenced, with_extension=False)


def test_an_unfinished_block_is_left_to_markdown() -> None:
    # No closing line: not a block this extension wrote, so Markdown reads it as it always would.
    text = '<blockquote>\n<p class="digest-quote">文字</p>\n\n正文'
    assert _convert(text, with_extension=True) == _convert(text, with_extension=False)


def _markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """The Markdown table the builder wrote before its tables became HTML blocks."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("|", "&#124;") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


@given(
    st.lists(st.lists(st.sampled_from(HOSTILE) | st.text(max_size=30), min_size=3, max_size=3), max_size=5)
)
def test_a_table_reads_as_the_markdown_table_it_replaces(cells: list[list[str]]) -> None:
    headers = ["日期", "标题", "来源"]
    rows = [[escape(cell) for cell in row] for row in cells]
    fast = _convert(f"# 表\n\n{table(headers, rows)}\n", with_extension=True)
    parsed = _convert(f"# 表\n\n{_markdown_table(headers, rows)}\n", with_extension=False)
    assert re.sub(r"\n\s*\n", "\n", fast) == re.sub(r"\n\s*\n", "\n", parsed)
    assert "<script" not in fast and "<strong>" not in fast and "<code>" not in fast


def test_a_block_asking_for_markdown_inside_is_left_to_markdown() -> None:
    text = '<table>\n<tr><td markdown="1">**粗体**</td></tr>\n</table>\n'
    assert _convert(text, with_extension=True) == _convert(text, with_extension=False)
