"""The cleaning chain: one fixed order of steps, each taking an article and returning a new one."""

from __future__ import annotations

from typing import Any

from builder.clean.body import locate_body, settle_body_edges, tighten_body
from builder.clean.chrome import drop_chrome
from builder.clean.curator import force_drop_lines
from builder.clean.damage import flag_damage
from builder.clean.lines import split_lines
from builder.clean.metadata import read_metadata
from builder.clean.options import CleanOptions
from builder.clean.pinyin import strip_pinyin
from builder.clean.repair import repair_mojibake
from builder.clean.repetition import remove_repeated_body
from builder.clean.structure import find_structure
from builder.model import Article, SourceText
from builder.script import detect_prose, detect_script


def clean_article(source: SourceText, options: CleanOptions) -> Article:
    """Turn a decoded seed into a clean article with its audit trail (removals and flags)."""
    article = split_lines(source)
    article = force_drop_lines(article, options.sidecar)
    article = strip_pinyin(article)
    # Before metadata and chrome: the two copies of a body must still be there to be compared.
    article = remove_repeated_body(article)
    article = locate_body(article, options)
    article = read_metadata(article, options)
    article = tighten_body(article, options)
    article = drop_chrome(article, options)
    article = settle_body_edges(article, options)
    # Again: chrome between copies (a comment box, a form line) can hide a repeat from the first pass.
    article = remove_repeated_body(article)
    article = find_structure(article)
    # Repairs first, so flagging leaves repaired spans alone and flags what stays broken.
    article = repair_mojibake(article)
    article = flag_damage(article)
    article = detect_script(article, options.converters)
    return detect_prose(article, options.sidecar.prose if options.sidecar else None)


def article_to_json(article: Article) -> dict[str, Any]:
    """The clean article as the JSON object ``python -m builder clean`` prints."""
    return {
        "id": article.stem,
        "title": article.metadata.title,
        "date": article.metadata.date,
        "author": article.metadata.author,
        "source": article.metadata.source,
        "url": article.metadata.url,
        "script": article.script,
        "prose": article.prose,
        "encoding": article.provenance.encoding,
        "blocks": [{"kind": b.kind, "text": b.text, "line": b.line} for b in article.blocks],
        "removed": [
            {"line": r.line, "text": r.text, "reason": str(r.reason), "detail": r.detail}
            for r in sorted(article.removed, key=lambda r: r.line)
        ],
        "flags": [
            {"kind": f.kind, "block": f.block, "text": f.text, "start": f.start, "end": f.end, "note": f.note}
            for f in article.flags
        ],
        "notes": list(article.notes),
    }
