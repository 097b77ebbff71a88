"""The naive scraper that made the corpus' text files: every text node of <body>, a line break at
every block element, nothing removed but script, style and markup.

It stands for what a curator's simple scraper keeps (menus, footers, comment threads, related lists
included), so the cleaner is measured on the same page as text and as HTML. Run it to remake the
text files: ``python tests/realworld/scrape_text.py`` (reads ``html/``, writes ``text/``).
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).parent
BLOCK = frozenset(
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
        "option",
        "select",
        "button",
    ]
)
SKIP = frozenset(["script", "style", "noscript", "template", "svg", "head", "iframe", "textarea"])
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def decode_html(data: bytes) -> str:
    """Decode by the page's own ``<meta charset>`` (GB2312 read as its superset GB18030)."""
    match = _CHARSET.search(data[:4096])
    encoding = match.group(1).decode("ascii").lower() if match else "utf-8"
    if encoding in {"gb2312", "gbk", "x-gbk"}:
        encoding = "gb18030"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", errors="replace")


def scrape_text(html: str) -> str:
    """The page's visible-ish text, one block element a line, white space inside a line collapsed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def main() -> None:
    """Remake every ``text/<name>.txt`` from ``html/<name>.html``."""
    names = sys.argv[1:] or sorted(p.stem for p in (HERE / "html").glob("*.html"))
    (HERE / "text").mkdir(exist_ok=True)
    for name in names:
        html = decode_html((HERE / "html" / f"{name}.html").read_bytes())
        (HERE / "text" / f"{name}.txt").write_text(scrape_text(html), encoding="utf-8")


if __name__ == "__main__":
    main()
