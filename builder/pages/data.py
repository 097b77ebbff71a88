"""``digest.json``: the digest's data published at the site root (documented in docs/about.md)."""

from __future__ import annotations

from typing import Any

from builder.pages.context import SiteIndex, display_title


def digest_data(index: SiteIndex) -> dict[str, Any]:
    """Articles, themes, players, figures and events as plain JSON-ready values."""
    digest = index.digest
    taxonomy = digest.taxonomy
    articles = [
        {
            "id": a.stem,
            "title": a.metadata.title,
            "display_title": display_title(a),
            "date": a.metadata.date,
            "author": a.metadata.author,
            "source": a.metadata.source,
            "url": a.metadata.url,
            "script": a.script,
            "blocks": [{"index": i, "kind": b.kind, "text": b.text} for i, b in enumerate(a.blocks)],
            "flags": [
                {"kind": f.kind, "block": f.block, "text": f.text, "start": f.start, "end": f.end}
                for f in a.flags
            ],
        }
        for a in digest.articles
    ]
    themes = [
        {
            "id": t.id,
            "name": t.name,
            "name_en": t.name_en,
            "intro": t.intro,
            "excerpts": [
                {
                    "article": stem,
                    "block": hit.block,
                    "text": digest.article(stem).blocks[hit.block].text,
                    "score": hit.score,
                    "evidence": list(hit.evidence),
                }
                for stem, hit in index.hits.get(t.id, [])
            ],
        }
        for t in taxonomy.themes
    ]
    players = [
        {
            "id": p.id,
            "name": p.name,
            "category": p.category,
            "aliases": list(p.aliases),
            "models": list(p.models),
            "articles": index.articles_of(p.id),
            "mentions": [
                {"article": stem, "block": m.block, "text": m.text, "via": m.via}
                for stem, m in index.mentions.get(p.id, [])
            ],
        }
        for p in taxonomy.players
    ]
    figures = [
        {
            "article": a.stem,
            "block": f.block,
            "text": f.text,
            "value": f.value,
            "unit": f.unit,
            "thing": f.thing,
        }
        for a in digest.articles
        for f in a.figures
    ]
    events = [
        {
            "article": a.stem,
            "block": e.block,
            "date": e.date,
            "approximate": e.approximate,
            "text": e.text,
            "sentence": e.sentence,
        }
        for a in digest.articles
        for e in a.events
    ]
    return {
        "version": 1,
        "articles": articles,
        "themes": themes,
        "players": players,
        "figures": figures,
        "events": events,
        "skipped": [{"file": s.path.name, "message": s.message} for s in digest.skipped],
    }
