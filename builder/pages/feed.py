"""An Atom feed of the articles, newest first; no clock is read (SOURCE_DATE_EPOCH or article dates)."""

from __future__ import annotations

import datetime as dt
import os
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

from builder.editions import as_name, in_script
from builder.pages.display import display_title, summary_text
from builder.pages.index import SiteIndex
from builder.pages.markup import excerpt
from builder.pages.paths import FEED_FILE, article_url

MAX_ENTRIES = 50


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _fallback_stamp() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "1970-01-01T00:00:00Z"


def render_feed(index: SiteIndex, site_name: str, site_url: str | None) -> str:
    """The Atom document; links are absolute when the site's URL is known, relative otherwise."""
    articles = index.latest()[:MAX_ENTRIES]
    dated = [a.metadata.date for a in articles if a.metadata.date]
    updated = _stamp(max(dated)) if dated else _fallback_stamp()
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed_id = base + FEED_FILE if base else "urn:digest:feed"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{xml_escape(site_name)}</title>",
        f'  <link rel="self" href="{xml_escape(base + FEED_FILE)}"/>',
        f'  <link rel="alternate" href="{xml_escape(base or "./")}"/>',
        f"  <id>{xml_escape(feed_id)}</id>",
        f"  <updated>{updated}</updated>",
    ]
    for article in articles:
        href = base + article_url(article.stem)
        first = next((b.text for b in article.blocks if b.kind != "heading"), "")
        summary = summary_text(article) or excerpt(first, 0, 200)
        # The curator's summary is the site's own wording; the extracted one is the article's.
        writing = None if article.metadata.summary else article.writing
        lines += [
            "  <entry>",
            f"    <title>{in_script(xml_escape(display_title(article)), article.writing)}</title>",
            f'    <link rel="alternate" href="{xml_escape(href)}"/>',
            f"    <id>{xml_escape(href if base else 'urn:digest:article:' + quote(article.stem))}</id>",
            f"    <updated>{_stamp(article.metadata.date) if article.metadata.date else updated}</updated>",
        ]
        if article.metadata.author or article.metadata.source:
            name = article.metadata.author or article.metadata.source or ""
            lines.append(f"    <author><name>{as_name(xml_escape(name), article.writing)}</name></author>")
        lines += [
            f"    <summary>{in_script(xml_escape(summary), writing)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
