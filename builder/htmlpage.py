"""Read a saved web page: its text a block a line, and the headline, date, author and site its markup
gives (trafilatura and htmldate). Nothing in the page runs: it is parsed with lxml, never rendered.

The text is every block element of the document, scripts and styles left out, so the same cleaning
steps as for a scraped text file follow (pinyin, repeats, body, chrome, damage, script): on the
real-world corpus they find the article where trafilatura's own main-text choice does not
(``benchmarks/cleaning.py``), which serves as the fallback for a page whose blocks hold no prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

import lxml.etree
import lxml.html

from builder.clean.textshape import fold
from builder.errors import SeedError
from builder.model import PageMetadata

HTML_SUFFIXES = (".html", ".htm")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
# Legacy names pages give that Python reads as a smaller table than the page meant.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
_BLOCK_TAGS = ("p", "head", "item", "quote", "cell")
_MAX_NAME = 20
# Addresses, domains, copyright lines, form placeholders (Guancha: `Name; Email Com`).
_NOT_A_NAME = re.compile(
    r"https?:|www\.|\.(com|cn|net|org|tw|hk)\b|版权|版權|网友|網友|©|[;；|:：]", re.IGNORECASE
)
_EARLY_CLOSE = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s[-–—|｜]\s|_|--|｜")
_SKIP = frozenset(["script", "style", "noscript", "template", "svg", "head", "iframe", "textarea", "select"])
_BREAK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "button",
    ]
)

# A block longer than a whole article is not one: keyword spam in a hidden box (a Fuda Media page
# held 174,217 characters of search terms), or data.
MAX_BLOCK_CHARS = 20_000


@dataclass(frozen=True)
class PageText:
    """A page read: its article text, one block a line, and the markup's metadata."""

    text: str
    metadata: PageMetadata


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in its ``<meta charset>`` (or http-equiv), if Python knows it."""
    match = _CHARSET.search(data[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    name = _SUPERSETS.get(name, name)
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def read_page(html: str, path: object) -> PageText:
    """Extract the article of a decoded page; a page with no article text raises ``SeedError``."""
    try:
        # A server-side include can close the document early (the State Council gazette page: a
        # header fragment ending in </html>, the article after it), and libxml2 then drops the
        # rest; closing tags of <html> and <body> are implied at the end anyway.
        tree = lxml.html.document_fromstring(_EARLY_CLOSE.sub("", html))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise SeedError(str(path), f"cannot be parsed as HTML ({exc}); save the page again") from exc
    # The page's own blocks, every one, for the line-shape body finder: on the real-world corpus
    # it finds the article where trafilatura's choice misses (a headline list taken for the body on
    # Guancha, a whole China Times page flattened into one paragraph); trafilatura's own text is
    # the fallback for a page whose blocks hold no prose.
    text, notes = _without_spam(page_blocks(tree))
    if not any(len(line) >= 40 for line in text.splitlines()):
        text = _article_lines(_trafilatura_body(tree))
    if not text.strip():
        raise SeedError(
            str(path),
            "no article text found in this HTML page (a script-only page or an index page?); "
            "save the article page itself, or its text as a .txt seed",
        )
    # Without the extensive search: htmldate then hands free text to dateparser, which took over a
    # second on the Phoenix page; a date the markup does not state is read off the dateline instead.
    meta = _trafilatura().extract_metadata(tree, extensive=False)
    title, confirmed, hint = _headline(tree, meta.title if meta else None)
    date = meta.date[:10] if meta and meta.date else None
    author = _plausible_name(meta.author if meta else None)
    if author and author.lower() not in text.lower():
        author = None  # a name no reader sees on the page (CSDN's `CSDN NET`)
    site = _plausible_name(meta.sitename if meta else None, digits=True)
    return PageText(
        text=text,
        metadata=PageMetadata(
            title=title,
            title_confirmed=confirmed,
            title_hint=hint,
            date=date,
            author=author,
            site=site,
            notes=tuple(notes),
        ),
    )


def _without_spam(text: str) -> tuple[str, list[str]]:
    """The page's lines less those over ``MAX_BLOCK_CHARS``, each named in a note."""
    kept, notes = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_BLOCK_CHARS:
            notes.append(f"page block {number} set aside: {len(line):,} characters, longer than any article")
        else:
            kept.append(line)
    return "\n".join(kept) + "\n", notes


def page_blocks(tree: lxml.html.HtmlElement) -> str:
    """The text of the whole document, a line per block element, scripts, styles, ``<head>`` and
    ``hidden`` elements left out.

    The whole document, not only ``<body>``: libxml2 puts what follows a stray ``</body>`` (Toutiao's
    article, a gazette's text) beside it. Walked with lxml's iterwalk, so nesting depth never
    meets Python's recursion limit.
    """
    parts: list[str] = []
    skipped: set[lxml.etree._Element] = set()
    walker = lxml.etree.iterwalk(tree.getroottree().getroot(), events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event in ("comment", "pi"):
            parts.append(element.tail or "")  # a comment's text is not shown; what follows it is
        elif event == "start":
            if tag in _SKIP or element.get("hidden") is not None:
                walker.skip_subtree()
                skipped.add(element)
                continue
            if tag in _BREAK:
                parts.append("\n")
            if tag and element.text:
                parts.append(element.text)
        else:
            if tag in _BREAK and element not in skipped:
                parts.append("\n")
            parts.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def _plausible_name(value: str | None, *, digits: bool = False) -> str | None:
    """A name as markup should give it; trafilatura also returns a page's Facebook address (CNA),
    a copyright line (`网易版权所有`) or a comment box's `网易上海市杨浦区手机网友 Ip` (NetEase)."""
    if not value:
        return None
    value = " ".join(value.split())
    if len(value) > _MAX_NAME or _NOT_A_NAME.search(value):
        return None
    if not digits and re.search(r"\d", value):
        return None  # an author has no digits; a site may (香港01)
    return value


def _trafilatura_body(tree: lxml.html.HtmlElement) -> lxml.etree._Element | None:
    document = _trafilatura().bare_extraction(
        tree, include_comments=False, include_tables=True, deduplicate=False, as_dict=False
    )
    body = getattr(document, "body", None)  # a Document (as_dict=False), or None
    return body if lxml.etree.iselement(body) else None


def _article_lines(body: lxml.etree._Element | None) -> str:
    """One line per paragraph, heading, list item, quote or table cell of trafilatura's result."""
    if body is None:
        return ""
    lines = []
    for element in body.iter(*_BLOCK_TAGS):
        if any(ancestor.tag in _BLOCK_TAGS for ancestor in element.iterancestors()):
            continue
        # A <br> inside a block (trafilatura's <lb/>) ends a line, as in the page.
        pieces = [element.text or ""]
        for child in element.iterdescendants():
            if child.tag == "lb":
                pieces.append("\n")
            elif child.text:
                pieces.append(child.text)
            if child.tail:
                pieces.append(child.tail)
        for part in "".join(pieces).split("\n"):
            line = " ".join(part.split())
            if line:
                lines.append(line)
    return "\n".join(lines) + "\n"


def _headline(tree: lxml.html.HtmlElement, extracted: str | None) -> tuple[str | None, bool, str | None]:
    """The headline as shown, whether the page confirms it, and the page's own name for itself.

    An ``<h1>`` that the ``<title>`` or ``og:title`` also carries is confirmed, unless it is the
    site's name (a portal's logo is an ``<h1>`` too: 明日大盘's SEO banner, a provincial portal's
    name). Otherwise trafilatura's title, unconfirmed. The ``<title>`` and ``og:title`` text is
    returned as a hint for choosing among headline-shaped lines of the text.
    """
    names = [*tree.xpath("//title/text()"), *tree.xpath("//meta[@property='og:title']/@content")]
    hint = " ".join(" ".join(str(n).split()) for n in names) or None
    sites = [fold(str(n)) for n in tree.xpath("//meta[@property='og:site_name']/@content")]
    folded = fold(hint or "")
    for heading in tree.xpath("//h1"):
        text = " ".join(heading.text_content().split())
        key = fold(text)
        if len(key) < 4 or key not in folded or any(key in site or site in key for site in sites if site):
            continue
        if _is_site_segment(key, hint or ""):
            continue
        return text, True, hint
    return extracted, False, hint


def _is_site_segment(key: str, title: str) -> bool:
    """Whether the heading is only the last `_`/`-`/`|` segment of the ``<title>``: the site's name."""
    segments = [fold(part) for part in _TITLE_SEPARATORS.split(title) if fold(part)]
    return len(segments) > 1 and key == segments[-1]


def _trafilatura() -> ModuleType:
    """trafilatura, imported when a page is first read: a publish whose saved pages all come from the
    cache needs none of it, and importing it took 0.13 s of every build."""
    import trafilatura  # noqa: PLC0415 (see above)

    return trafilatura
