"""``digest.json``: the digest's data published at the site root (documented in docs/about.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder.editions import EditionText
from builder.pages.context import RenderMemo, SiteIndex, display_title


def digest_data(
    index: SiteIndex, edition: EditionText | None = None, memo: RenderMemo | None = None
) -> dict[str, Any]:
    """Articles, themes, players, figures and events, with text in the edition's script.

    ``source_blocks`` keep each article's text as its source published it.
    """
    digest = index.digest
    taxonomy = digest.taxonomy

    # Every text to convert is collected and converted in one batch at the end (one OpenCC call per
    # script instead of one per string: tens of thousands of strings at 1,000 articles).
    pending: list[tuple[str | None, str]] = []

    def tr(text: str, script: str | None = "hans") -> Any:
        """Into the edition's script: article text by its own script, the curator's as Simplified."""
        if edition is None:
            return text
        pending.append((script or "hans", text))
        return _Pending(len(pending) - 1)

    def tr_optional(text: str | None, script: str | None) -> str | None:
        return tr(text, script) if text else text

    articles = [
        {
            "id": a.stem,
            "title": tr_optional(a.metadata.title, a.script),
            "display_title": tr(display_title(a), a.script),
            "date": a.metadata.date,
            "author": tr_optional(a.metadata.author, a.script),
            "source": tr_optional(a.metadata.source, a.script),
            "url": a.metadata.url,
            "script": a.script,
            "blocks": [
                {"index": i, "kind": b.kind, "text": tr(b.text, a.script)} for i, b in enumerate(a.blocks)
            ],
            "source_blocks": [b.text for b in a.blocks],
            "also_from": [
                {"id": o.stem, "source": tr_optional(o.source, o.script), "url": o.url} for o in a.also_from
            ],
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
            "name": tr(t.name),
            "name_en": t.name_en,
            "intro": tr(t.intro),
            "excerpts": [
                {
                    "article": stem,
                    "block": hit.block,
                    "text": tr(digest.article(stem).blocks[hit.block].text, digest.article(stem).script),
                    "score": hit.score,
                    "evidence": [tr(e) for e in hit.evidence],
                }
                for stem, hit in index.hits.get(t.id, [])
            ],
        }
        for t in taxonomy.themes
    ]
    players = [
        {
            "id": p.id,
            "name": tr(p.name),
            "category": p.category,
            "aliases": list(p.aliases),
            "models": list(p.models),
            "articles": index.articles_of(p.id),
            "mentions": [
                {
                    "article": stem,
                    "block": m.block,
                    "text": tr(m.text, digest.article(stem).script),
                    "via": m.via,
                }
                for stem, m in index.mentions.get(p.id, [])
            ],
        }
        for p in taxonomy.players
    ]
    figures = [
        {
            "article": a.stem,
            "block": f.block,
            "text": tr(f.text, a.script),
            "value": f.value,
            "unit": tr(f.unit, a.script),
            "thing": tr(f.thing, a.script),
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
            "text": tr(e.text, a.script),
            "sentence": tr(e.sentence, a.script),
        }
        for a in digest.articles
        for e in a.events
    ]
    data = {
        "version": 1,
        "edition": edition.edition.code if edition is not None else None,
        "articles": articles,
        "themes": themes,
        "players": players,
        "figures": figures,
        "events": events,
        "skipped": [{"file": s.path.name, "message": s.message} for s in digest.skipped],
    }
    if edition is None:
        return data
    previous = memo.converted_data.get(edition.edition.code) if memo is not None else None
    converted = (
        previous[1] if previous is not None and previous[0] == pending else edition.convert_many(pending)
    )
    if memo is not None:
        memo.converted_data[edition.edition.code] = (pending, converted)
    resolved: dict[str, Any] = _resolve(data, converted)
    return resolved


@dataclass(frozen=True)
class _Pending:
    """A text waiting for the batch conversion: its index in the batch."""

    number: int


def _resolve(value: Any, converted: list[str]) -> Any:
    if isinstance(value, _Pending):
        return converted[value.number]
    if isinstance(value, dict):
        return {k: _resolve(v, converted) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, converted) for v in value]
    return value
