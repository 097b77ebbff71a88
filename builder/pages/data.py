"""``digest.json``: the digest's data published at the site root (documented in docs/about.md).

The file is assembled from JSON written per article (its entry, its theme excerpts, mentions, figures
and events), so a preview rebuild after one edit writes only that article's part again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from builder.editions import EditionText
from builder.model import Article
from builder.pages.display import display_title, summary_of, summary_text
from builder.pages.index import SiteIndex

VERSION = 1


@dataclass(frozen=True)
class ArticleData:
    """One article's share of ``digest.json``, as JSON texts in the edition's script."""

    entry: str
    excerpts: dict[str, list[str]] = field(default_factory=dict)  # theme id -> excerpts
    mentions: dict[str, list[str]] = field(default_factory=dict)  # player id -> mentions
    figures: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)


@dataclass
class DataMemo:
    """Kept by a preview between builds (inside ``RenderMemo``): per edition, its conversion
    (``EditionText.made_from``) and each article's share with the article object it was made from
    (reused while the same object comes back under the same conversion)."""

    parts: dict[str, tuple[str, dict[str, tuple[Article, ArticleData]]]] = field(default_factory=dict)


def digest_data(index: SiteIndex, edition: EditionText | None = None, memo: DataMemo | None = None) -> str:
    """Articles, themes, players, figures and events, with text in the edition's script, as JSON.

    ``source_blocks`` keep each article's text as its source published it.
    """
    digest = index.digest
    taxonomy = digest.taxonomy
    code, conversion = (edition.edition.code, edition.made_from) if edition is not None else ("", "")
    last_build = memo.parts.get(code) if memo is not None else None
    known = last_build[1] if last_build is not None and last_build[0] == conversion else {}
    parts: dict[str, tuple[Article, ArticleData]] = {}
    for article in digest.articles:
        kept = known.get(article.stem)
        parts[article.stem] = (
            kept if kept is not None and kept[0] is article else (article, _article_data(article, edition))
        )
    if memo is not None:
        memo.parts[code] = (conversion, parts)
    shares = [data for _, data in parts.values()]
    pieces: list[tuple[str | None, str]] = [("hans", t.name) for t in taxonomy.themes]
    names = _convert(edition, pieces + [("hans", p.name) for p in taxonomy.players])
    themes = [
        _object(
            id=_json(t.id),
            name=_json(names[number]),
            name_en=_json(t.name_en),
            intro=_json(_convert(edition, [("hans", t.intro)])[0]),
            excerpts=_array(x for share in shares for x in share.excerpts.get(t.id, ())),
        )
        for number, t in enumerate(taxonomy.themes)
    ]
    players = [
        _object(
            id=_json(p.id),
            name=_json(names[len(taxonomy.themes) + number]),
            category=_json(p.category),
            aliases=_json(list(p.aliases)),
            models=_json(list(p.models)),
            articles=_json(index.articles_of(p.id)),
            paragraphs=_json(index.paragraph_count(p.id)),
            mentions=_array(x for share in shares for x in share.mentions.get(p.id, ())),
        )
        for number, p in enumerate(taxonomy.players)
    ]
    return _object(
        version=_json(VERSION),
        edition=_json(edition.edition.code if edition is not None else None),
        articles=_array(share.entry for share in shares),
        themes=_array(themes),
        players=_array(players),
        figures=_array(x for share in shares for x in share.figures),
        events=_array(x for share in shares for x in share.events),
        skipped=_json([{"file": s.path.name, "message": s.message} for s in digest.skipped]),
    )


def _article_data(a: Article, edition: EditionText | None) -> ArticleData:
    """One article's entry, excerpts, mentions, figures and events (its texts converted in one batch)."""
    # Every text to convert is collected and converted in one batch at the end (one OpenCC call per
    # script instead of one per string).
    pending: list[tuple[str | None, str]] = []

    def tr(text: str, script: str | None = "hans") -> Any:
        """Into the edition's script: article text by how it is written, the curator's as Simplified,
        names ("name") by script only."""
        if edition is None:
            return text
        pending.append((script or "hans", text))
        return _Pending(len(pending) - 1)

    def tr_optional(text: str | None, script: str | None) -> Any:
        return tr(text, script) if text else text

    entry = {
        "id": a.stem,
        "title": tr_optional(a.metadata.title, a.writing),
        "display_title": tr(display_title(a), a.writing),
        "date": a.metadata.date,
        "inferred_date": a.inferred_date,
        "author": tr_optional(a.metadata.author, "name"),
        "source": tr_optional(a.metadata.source, "name"),
        "url": a.metadata.url,
        "script": a.script,
        "prose": a.prose,
        "blocks": [
            {"index": i, "kind": b.kind, "text": tr(b.text, a.writing)} for i, b in enumerate(a.blocks)
        ],
        "summary": {
            "written": bool(a.metadata.summary),
            "text": tr(summary_text(a), None if a.metadata.summary else a.writing),
            "sentences": [
                {"block": k.block, "start": k.start, "end": k.end}
                for k in ([] if a.metadata.summary else summary_of(a))
            ],
        },
        "source_blocks": [a.published_text(n) for n in range(len(a.blocks))],
        "also_from": [
            {"id": o.stem, "source": tr_optional(o.source, "name"), "url": o.url} for o in a.also_from
        ],
        "flags": [
            {"kind": f.kind, "block": f.block, "text": f.text, "start": f.start, "end": f.end}
            for f in a.flags
        ],
    }
    excerpts: dict[str, list[Any]] = {}
    for hit in a.theme_hits:
        excerpts.setdefault(hit.theme, []).append(
            {
                "article": a.stem,
                "block": hit.block,
                "text": tr(a.blocks[hit.block].text, a.writing),
                "score": hit.score,
                "evidence": [tr(e) for e in hit.evidence],
            }
        )
    mentions: dict[str, list[Any]] = {}
    for m in a.mentions:
        mentions.setdefault(m.player, []).append(
            {"article": a.stem, "block": m.block, "text": tr(m.text, a.writing), "via": m.via}
        )
    figures = [
        {
            "article": a.stem,
            "block": f.block,
            "text": tr(f.text, a.writing),
            "value": f.value,
            "unit": tr(f.unit, a.writing),
            "thing": tr(f.thing, a.writing),
            "clause": tr(a.blocks[f.block].text[f.clause_start : f.clause_end].strip(), a.writing),
            "subject": f.subject,
        }
        for f in a.figures
    ]
    events = [
        {
            "article": a.stem,
            "block": e.block,
            "date": e.date,
            "approximate": e.approximate,
            "kind": e.kind,
            "text": tr(e.text, a.writing),
            "sentence": tr(e.sentence, a.writing),
        }
        for e in a.events
    ]
    converted = edition.convert_many(pending) if edition is not None and pending else []
    return ArticleData(
        entry=_json(_resolve(entry, converted)),
        excerpts={k: [_json(_resolve(x, converted)) for x in v] for k, v in excerpts.items()},
        mentions={k: [_json(_resolve(x, converted)) for x in v] for k, v in mentions.items()},
        figures=[_json(_resolve(x, converted)) for x in figures],
        events=[_json(_resolve(x, converted)) for x in events],
    )


def _convert(edition: EditionText | None, pieces: list[tuple[str | None, str]]) -> list[str]:
    """(script, text) pieces in the edition's script (as they are with no edition)."""
    return edition.convert_many(pieces) if edition is not None else [text for _, text in pieces]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _array(items: Any) -> str:
    """A JSON array of values already written as JSON."""
    return "[" + ",".join(items) + "]"


def _object(**members: str) -> str:
    """A JSON object of values already written as JSON, in the order given."""
    return "{" + ",".join(f"{_json(name)}:{value}" for name, value in members.items()) + "}"


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
