"""Fuzzing the whole chain with hypothesis: clean -> extract -> write Markdown -> render one page.

Whatever the text, the rendered article page holds only the elements the writer makes, no event
handler, no script URL, and every block of the article as literal text. Run in CI with a fixed budget.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.digest import Digest, extract_article, read_for_readers
from builder.editions import unprotect
from builder.extract.options import ExtractOptions
from builder.model import Article
from builder.pages.article import render_article
from builder.pages.index import build_index
from tests.sitecheck import PageParser

# The Markdown extensions of mkdocs.yml: the page is rendered as MkDocs renders it.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "pymdownx.details",
    "tables",
    "toc",
]
ALLOWED = {
    "h1",
    "h2",
    "p",
    "a",
    "abbr",
    "mark",
    "div",
    "details",
    "summary",
    "ul",
    "li",
    "strong",
    "em",
    "hr",
    "span",
}
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe>",
    "[点我](javascript:alert(1))",
    "# ",
    "> ",
    "- ",
    "1. ",
    "|a|b|",
    "!!! note",
    "--8<--",
    "{: .class}",
    "{{ page }}",
    "[[x]]",
    "---",
    "&amp;",
    "&#60;",
    "\\",
    "`code`",
    "*",
    "_",
    "~~",
    "==",
    "^^",
    "<!--",
    "-->",
    "]]>",
    "\x02",
    "\x04S",
]
WORDS = [
    "百度",
    "算力",
    "芯片",
    "通义千问",
    "英伟达A100",
    "生态",
    "開源",
    "软件",
    "今年8月",
    "1万枚",
    "原標題:",
    "文|",
]
lines = st.lists(
    st.one_of(st.sampled_from(MARKUP), st.sampled_from(WORDS), st.text(max_size=12)), min_size=1, max_size=8
).map("".join)
documents = st.lists(lines, min_size=1, max_size=8).map("\n".join)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(documents)
def test_any_text_renders_as_text_only(
    clean: Callable[..., Article], extract_options: ExtractOptions, tmp_path: Path, text: str
) -> None:
    article = read_for_readers(extract_article(clean(text), extract_options), extract_options)
    index = build_index(Digest(articles=(article,), taxonomy=extract_options.taxonomy))
    page = unprotect(render_article(article, index).markdown)
    html = markdown.markdown(page, extensions=EXTENSIONS)
    parser = PageParser()
    parser.feed(html)
    assert parser.tags <= ALLOWED, parser.tags - ALLOWED
    for name, value in parser.attributes:
        assert not name.startswith("on"), name
        # data-search-exclude: the page's own marks for search (boxes of text search leaves out).
        assert name in {"id", "class", "href", "title", "lang", "open", "data-search-exclude"}, name
        if name == "href":
            assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), value
    shown = re.sub(r"\s+", " ", "".join(parser.text))
    for block in article.blocks:
        assert re.sub(r"\s+", " ", block.text).strip() in shown
