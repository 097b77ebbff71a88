"""Markdown building blocks. Article text is data: it is escaped so it can never become markup."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.utils import get_relative_url

from builder.clean.textshape import sentence_bounds
from builder.editions import as_name, in_script

# Every ASCII mark Markdown, its extensions or HTML could read as syntax is written as a numeric
# character reference: Markdown passes `&#35;` through untouched and the browser shows `#`.
_SPECIAL = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_LATIN = re.compile(r"[A-Za-z0-9]")
_CLAUSE_END = re.compile(r"[，；：]|[,;:](?![0-9])")
# Written on the line after a paragraph (attr_list): search leaves the paragraph out. Lists of names
# (a theme's players, who is named with whom) would otherwise rank above the passages about a name.
SEARCH_EXCLUDE = "{: data-search-exclude }"


_ESCAPES = {
    **{ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL},
    # Never raw: \x01 to \x05 mark protected and script-marked text for the editions.
    **{code: f"&#{code};" for code in [*range(32), 127]},
    **{ord(ch): " " for ch in "\n\r\t"},
}


def escape(text: str) -> str:
    """Article text made safe for any place in a Markdown page: literal characters only."""
    return text.translate(_ESCAPES)


def front_matter(description: str) -> str:
    """The page's front matter: its description, HTML-escaped (themes print it into an attribute
    unescaped) and JSON-quoted (a valid YAML string whatever the text holds)."""
    return (
        "---\ndescription: "
        + json.dumps(html.escape(description, quote=True), ensure_ascii=False)
        + "\n---\n\n"
    )


def text(value: str, script: str | None) -> str:
    """Article text, escaped and marked with its script for the editions' conversion."""
    return in_script(escape(value), script)


def name(value: str, writing: str | None) -> str:
    """A name (an outlet, an author), escaped and marked: editions change its script, never its wording."""
    return as_name(escape(value), writing)


def attribute(text: str) -> str:
    """Text safe inside a double-quoted HTML attribute."""
    return escape(text)


def link(
    label: str,
    from_page: str,
    to_page: str,
    anchor: str | None = None,
    *,
    glossary: dict[str, str] | None = None,
    script: str | None = None,
    is_name: bool = False,
    as_html: bool = False,
) -> str:
    """A Markdown link from one generated page to another (source paths, which MkDocs checks and
    rewrites), whose label is escaped article text (give its script), a name, or taxonomy text;
    ``as_html``, an HTML link for HTML blocks (``table``, ``quote_block``), to the URL MkDocs would write."""
    if is_name:
        shown = name(label, script)
    elif glossary:
        shown = glossed(label, glossary, script)
    else:
        shown = in_script(escape(label), script)
    if as_html:
        return f'<a href="{href(from_page, to_page, anchor)}">{shown}</a>'
    target = _quote(get_relative_url(to_page, from_page)) + (f"#{_quote(anchor)}" if anchor else "")
    return f"[{shown}]({target})"


# What urllib's quote leaves as it is (with its default safe "/"): most generated paths and anchors.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*")


def _quote(path: str) -> str:
    return path if _UNQUOTED.fullmatch(path) else quote(path)


def glossary_spans(text: str, glossary: dict[str, str] | None, taken: list[Span] | None = None) -> list[Span]:
    """Hover definitions for the first use of each glossary term not inside another span.

    Terms are tried in the glossary's order: longest first (``SiteIndex.glossary`` is kept so).
    """
    spans = list(taken or [])
    added: list[Span] = []
    for term, definition in (glossary or {}).items():
        position = text.find(term)
        if position == -1:
            continue
        end = position + len(term)
        if all(end <= s.start or position >= s.end for s in spans):
            span = Span(position, end, f'<abbr title="{attribute(definition)}">', "</abbr>")
            spans.append(span)
            added.append(span)
    return added


def excerpt(
    text: str,
    start: int = 0,
    end: int | None = None,
    limit: int = 90,
    damaged: Sequence[tuple[int, int]] = (),
) -> str:
    """A short quote that always holds ``text[start:end]`` (a mention, a figure, a term).

    The quote is the sentence around it; a sentence longer than ``limit`` is cut at clause marks
    (，；：) around the span where it can be, and by characters where it cannot, with an ellipsis on
    each cut side. ``damaged`` spans (mojibake, lost characters) never end a sentence: their ``?`` is
    a lost character, not a question mark (page 001's mojibake ended one quote with "能夠?" and started
    the next mid-word).
    """
    end = start if end is None else max(end, start)
    first = sentence_bounds(text, start, damaged)[0]
    last = sentence_bounds(text, max(start, end - 1), damaged)[1]
    if last - first <= limit:
        return text[first:last]
    room = limit - 1  # one character for the ellipsis at the end
    if end - first <= room:
        window = first
    else:
        room -= 1  # and one at the front
        # The earliest clause start from which the span still fits; else a cut by characters.
        clauses = [m.end() for m in _CLAUSE_END.finditer(text, first, start) if end - m.end() <= room]
        window = clauses[0] if clauses else max(first, min(start, end - room))
        while window < start and text[window].isspace():
            window += 1
    stop = min(last, window + room)
    if stop < last:
        # End at the last clause mark after the span, when that keeps at least half the room.
        ends = [m.end() for m in _CLAUSE_END.finditer(text, end, stop) if m.end() - window >= room // 2]
        if ends:
            stop = ends[-1]
        # Never through a Latin word or a number ("用在Of…" for "用在Office").
        while stop > end and _LATIN.match(text, stop - 1) and _LATIN.match(text, stop):
            stop -= 1
    quote = text[window:stop].strip()
    return ("…" if window > first else "") + quote + ("…" if stop < last else "")


@dataclass(frozen=True)
class Span:
    """A stretch of a paragraph to render specially: a link, a glossary term, a damage flag."""

    start: int
    end: int
    before: str
    after: str


def render_spans(text: str, spans: list[Span], script: str | None = None) -> str:
    """Escape a paragraph (in ``script``) and wrap the given (non-overlapping) spans in their markup."""
    out = []
    position = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < position:
            continue
        out.append(in_script(escape(text[position : span.start]), script))
        out.append(span.before + in_script(escape(text[span.start : span.end]), script) + span.after)
        position = span.end
    out.append(in_script(escape(text[position:]), script))
    return "".join(out)


def glossed(value: str, glossary: dict[str, str], script: str | None = None) -> str:
    """Text (in ``script``; None for the site's own) escaped, its first glossary terms given their
    hover definitions."""
    return render_spans(value, glossary_spans(value, glossary), script)


@dataclass(frozen=True)
class Quote:
    """A quote on a theme or player page: the quoted words (already rendered: escaped, glossed), the
    ``href`` of their paragraph, and on theme pages why the quote is there (a tooltip out of the way)."""

    quoted: str
    href: str
    why: str | None = None


def quote_block(quotes: Sequence[Quote]) -> list[str]:
    """One article's quotes as one block quote, a paragraph each, written as HTML.

    Python-Markdown passes an HTML block through as it is, so these (the bulk of every theme and player
    page) skip its block and inline parsers: the 272 player pages of 1,000 articles took 5.2 s of
    Markdown with their quotes as block quotes, 1.9 s with them as HTML (theme pages 2.8 → 0.6 s). The
    quoted text is already escaped for any place (``escape`` writes every ASCII mark as a character
    reference), so it cannot end the block or open a tag. Links in the block are not MkDocs' to rewrite
    or check: ``href`` gives the URL MkDocs would (tests check it against MkDocs' own).
    """
    if not quotes:
        return []
    lines = [_QUOTES_OPEN]
    for each in quotes:
        reason = f' <abbr class="digest-why" title="{attribute(each.why)}">依据</abbr>' if each.why else ""
        lines.append(
            f'{_QUOTE_OPEN}<span class="digest-quote-text">{each.quoted}</span>{reason}'
            f' <a href="{each.href}">原文</a></p>'
        )
    return [*lines, _QUOTES_CLOSE, ""]


_QUOTES_OPEN = "<blockquote>"
_QUOTE_OPEN = '<p class="digest-quote">'
_QUOTES_CLOSE = "</blockquote>"
_TABLE_OPEN = "<table>"
_TABLE_CLOSE = "</table>"
# The HTML blocks this module writes: the first line, and the last.
_BLOCKS = {_QUOTES_OPEN: _QUOTES_CLOSE, _TABLE_OPEN: _TABLE_CLOSE}


class _StashHtmlBlocks(Preprocessor):
    """Hands each HTML block this module writes (``quote_block``, ``table``) to Python-Markdown's HTML
    stash as it is, before MkDocs and md_in_html parse the page's raw HTML: both would read every
    quote and cell with Python's HTMLParser (13% of a profiled publish of ten new articles at 1,000)
    to find no anchor and nothing to convert.

    Taken: a line that is exactly a block's first line, after a blank line, through the first line that
    is exactly its last, every line between an HTML tag's start and none asking for Markdown inside
    (``markdown=``; article text cannot hold ``=``, ``escape`` writes it as a reference). md_in_html
    passes such a block through as it is, so taking a curator's identical HTML changes nothing. Fenced
    code is stashed before this runs (priority 25); indented code never starts a line with a tag."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        position = 0
        while position < len(lines):
            end = self._block_end(lines, position)
            if end is None:
                out.append(lines[position])
                position += 1
            else:
                out += ["", self.md.htmlStash.store("\n".join(lines[position:end])), ""]
                position = end
        return out

    @staticmethod
    def _block_end(lines: list[str], start: int) -> int | None:
        """Past the last line of the block that starts at ``start``; None if no block does."""
        closing = _BLOCKS.get(lines[start])
        if closing is None or (start > 0 and lines[start - 1].strip()):
            return None
        for end in range(start + 1, len(lines)):
            line = lines[end]
            if line == closing:
                return end + 1
            if not line.startswith("<") or "markdown=" in line:
                return None
        return None


class GeneratedHtmlBlocks(Extension):
    """The Markdown extension that passes the HTML blocks of generated pages through unparsed (the
    digest plugin adds it to MkDocs' extensions)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Register the preprocessor."""
        # After fenced code (25), before MkDocs' anchor scan (21) and md_in_html (20).
        md.preprocessors.register(_StashHtmlBlocks(md), "digest_html_blocks", 22)


def page_url(page: str) -> str:
    """The URL MkDocs publishes a page's source path at (directory URLs), relative to the site root."""
    stem = page.removesuffix(".md")
    folder = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return quote(folder or "./")


def href(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A link's URL from one page to another as MkDocs writes it for a Markdown link between their
    source paths: relative, between the pages' directory URLs."""
    target = get_relative_url(page_url(to_page), page_url(from_page))
    return target + (f"#{_quote(anchor)}" if anchor else "")


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A table of HTML cells (escaped text, ``link(..., as_html=True)``), written as Python-Markdown's tables
    extension writes one, as an HTML block that it passes through (see ``quote_block``): an archive
    page's rows of articles cost more to parse than to render. Cells are trimmed of spaces only, as
    the extension trims them (a no-break space stays)."""
    lines = [
        _TABLE_OPEN,
        "<thead>",
        "<tr>",
        *(f"<th>{h.strip(' ')}</th>" for h in headers),
        "</tr>",
        "</thead>",
    ]
    lines.append("<tbody>")
    for row in rows or [[""] * len(headers)]:  # no rows: one empty row, as the extension writes
        lines += ["<tr>", *(f"<td>{cell.strip(' ')}</td>" for cell in row), "</tr>"]
    return "\n".join([*lines, "</tbody>", _TABLE_CLOSE])
