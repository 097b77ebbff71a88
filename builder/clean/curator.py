"""Apply the curator's force-drop lines from the sidecar before any heuristic runs."""

from __future__ import annotations

import logging

from builder.model import Article, Removal, RemovalReason, Sidecar

log = logging.getLogger(__name__)


def force_drop_lines(article: Article, sidecar: Sidecar | None) -> Article:
    """Drop every line containing one of the sidecar's ``drop`` texts; warn on rules that match nothing."""
    if sidecar is None or not sidecar.drop:
        return article
    kept = []
    removed = []
    used: set[str] = set()
    for block in article.blocks:
        rule = next((r for r in sidecar.drop if r in block.text), None)
        if rule is None:
            kept.append(block)
        else:
            used.add(rule)
            removed.append(Removal(block.line, block.text, RemovalReason.CURATOR_DROP))
    for rule in sidecar.drop:
        if rule not in used:
            log.warning("%s: sidecar drop rule %r matches no line", article.provenance.path, rule)
    return article.with_blocks(tuple(kept), tuple(removed))
