"""Charts rendered to SVG by pygal; the text stays text, so the reader's own fonts show the Chinese."""

from __future__ import annotations

import re

import pygal
from pygal.style import Style

_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def bar_chart_svg(title: str, labels: list[str], values: list[int], chart_id: str = "chart") -> str:
    """A horizontal bar chart as a standalone SVG document, loading nothing from elsewhere."""
    style = Style(
        background="transparent",
        plot_background="transparent",
        foreground="#444",
        foreground_strong="#222",
        foreground_subtle="#999",
        colors=("#3f51b5",),
        font_family="system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
    )
    chart = pygal.HorizontalBar(
        style=style,
        title=title,
        show_legend=False,
        width=720,
        height=max(240, 32 * len(values) + 80),
        js=[],  # pygal's tooltips script lives on a CDN: never load it
        disable_xml_declaration=True,
        print_values=True,
        no_prefix=True,
    )
    chart.x_labels = list(reversed(labels))
    chart.add("提及次数", list(reversed(values)))
    svg = str(chart.render(is_unicode=True))
    # pygal always embeds a config <script> keyed by a random uuid4: inert without its CDN
    # script, and it would make two builds differ. Drop it and pin the id.
    svg = _SCRIPT.sub("", svg)
    return svg.replace(str(chart.uuid), chart_id)
