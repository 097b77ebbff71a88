"""Markdown building blocks. Article text is data: it is escaped so it can never become markup."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from mkdocs.utils import get_relative_url

from builder.editions import as_name, in_script

# Every ASCII mark Markdown, its extensions or HTML could read as syntax is written as a numeric
# character reference: Markdown passes `&#35;` through untouched and the browser shows `#`.
_SPECIAL = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


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
) -> str:
    """A Markdown link from one generated page to another (source paths, which MkDocs checks and
    rewrites), whose label is escaped article text (give its script), a name, or taxonomy text."""
    target = _quote(get_relative_url(to_page, from_page)) + (f"#{_quote(anchor)}" if anchor else "")
    if is_name:
        shown = name(label, script)
    elif glossary:
        shown = render_spans(label, glossary_spans(label, glossary), script)
    else:
        shown = in_script(escape(label), script)
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


def excerpt(text: str, focus: int = 0, limit: int = 90) -> str:
    """A short quote: the sentence around ``focus``, cut to ``limit`` characters with an ellipsis."""
    start = 0
    for piece in _SENTENCE_END.split(text):
        if start + len(piece) > focus:
            sentence = piece.strip()
            break
        start += len(piece)
    else:
        sentence = text
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


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


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of already-escaped cells."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell.replace("|", "&#124;") for cell in row) + " |" for row in rows]
    return "\n".join(lines)
