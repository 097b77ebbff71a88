"""Bar charts written as the page's own text: a list of labelled bars.

The first charts were pygal SVG images. An image keeps the colours and sizes it was drawn with: in the
dark scheme its title and labels were dark grey on near black, and on a phone a 720-pixel drawing
shrank its labels to about 5 px. A list of bars is text of the page: it takes the scheme's colours and
the reader's font size, its labels are links, and a screen reader reads label and value (the bars
themselves are hidden from it).
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.pages.markup import escape


@dataclass(frozen=True)
class Bar:
    """One bar: its label (Markdown, already escaped: a link), its value."""

    label: str
    value: int


def bar_chart(caption: str, bars: list[Bar]) -> list[str]:
    """Markdown lines of a horizontal bar chart, longest bar first as given; the caption is plain text.

    Bar lengths are shares of the largest value, so the chart reads the same at any width. The whole
    chart is left out of search (it is a list of names: searching a name must land on passages).
    """
    if not bars:
        return []
    largest = max(bar.value for bar in bars) or 1
    lines = [
        f'<div class="digest-chart" role="figure" aria-label="{escape(caption)}"'
        ' data-search-exclude="" markdown>',
        "",
        f'<p class="digest-chart-caption" aria-hidden="true">{escape(caption)}</p>',
        "",
    ]
    for bar in bars:
        share = round(100 * bar.value / largest, 1)
        lines.append(
            f"- {bar.label}"
            f' <span class="digest-bar" aria-hidden="true"><span style="width: {share:g}%"></span></span>'
            f' <span class="digest-bar-value">{bar.value}</span>'
        )
    return [*lines, "", "</div>", ""]
