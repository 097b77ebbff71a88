"""Assign paragraphs to themes with a score and the evidence that put them there.

A paragraph is scored the way an editor reads it, not by counting distinct words:

- **Terms, by frequency and density.** Each term of the theme adds its weight scaled by how often it
  occurs, with BM25's saturation (a second 生态 adds less than the first) and a mild length
  normalisation (one 算力 in a long paragraph about something else weighs less than in two lines).
- **Players, when discussed.** Each distinct player adds the theme's ``player_weight`` when the
  paragraph says what it does (an action such as 推出, 发布, 布局, 瞄准 soon after its name), half of it
  when it is only named, and at most ``MAX_PLAYERS`` of them count: a list of names is one fact about
  the field, not ten.
- **The section.** A heading that is on the theme (one of its terms of weight 2 or more) lifts every
  paragraph under it that has evidence of its own: seed 001's section 创业企业洞察力为凭 goes on to say
  一是，初创企业更敏锐… without naming the theme's words again.
- **What refers back.** A paragraph that opens by continuing the one before (二是, 其次, 另一方面, 例如,
  这意味着 …) inherits part of its themes' score, within the section: seed 004's 例如，谷歌… and
  再例如，浪潮… illustrate the arms race of the paragraph before them.

The curator's pins (``include`` / ``exclude`` in the taxonomy) win over all of this.
"""

from __future__ import annotations

import re
from dataclasses import replace

from builder.extract.discourse import continues_before
from builder.extract.options import ExtractOptions, ThemeTerm, simplified_aligned
from builder.model import Article, ThemeHit
from builder.taxonomy import Theme

# BM25's term-frequency saturation and a mild length normalisation around a typical paragraph.
K1 = 1.2
LENGTH_NORMALISATION = 0.3
TYPICAL_LENGTH = 100
# Players counted per paragraph at most; a player named in passing counts this share.
MAX_PLAYERS = 4
NAMED_SHARE = 0.75
# What a player does, soon after its name (within ACTION_REACH characters, same clause): it is discussed.
ACTION_REACH = 16
_ACTION = re.compile(
    r"推出|发布|上线|开源|宣布|投资|合作|搭建|构建|布局|入局|下场|瞄准|准备|计划|接入|打造|研发|自研|押注|收购"
    r"|参战|加入|采用|拥有|凭借|依托|提供|推动|抢占|领先|率先|致力|开发|训练|部署|投入|争夺|对标|挑战"
)
# A heading is on a theme when its terms weigh this much; it lifts the paragraphs under it by this
# share of the theme's threshold. A paragraph continuing an on-theme one inherits the same share.
HEADING_WEIGHT = 2.0
SECTION_SHARE = 0.5
CONTINUATION_SHARE = 0.75
HEADING_EVIDENCE = "小标题"
CONTINUATION_EVIDENCE = "承接上段"


def assign_themes(article: Article, options: ExtractOptions) -> Article:
    """Score every paragraph and lede against every theme; pins in the taxonomy override."""
    texts = [simplified_aligned(block.text, options.converters).lower() for block in article.blocks]
    # block -> player -> 1 when the paragraph says what the player does, NAMED_SHARE when only named.
    players_by_block: dict[int, dict[str, float]] = {}
    for mention in article.mentions:
        after = re.split(r"[，,。；;！？!?]", texts[mention.block][mention.end : mention.end + ACTION_REACH])[
            0
        ]
        weight = 1.0 if _ACTION.search(after) else NAMED_SHARE
        known = players_by_block.setdefault(mention.block, {})
        known[mention.player] = max(known.get(mention.player, 0.0), weight)
    hits: list[ThemeHit] = []
    for theme in options.taxonomy.themes:
        hits += _theme_hits(
            article,
            theme,
            terms=options.theme_terms[theme.id],
            texts=texts,
            players_by_block=players_by_block,
            options=options,
        )
    hits.sort(key=lambda h: (h.block, [t.id for t in options.taxonomy.themes].index(h.theme)))
    return replace(article, theme_hits=tuple(hits))


def _theme_hits(
    article: Article,
    theme: Theme,
    *,
    terms: tuple[ThemeTerm, ...],
    texts: list[str],
    players_by_block: dict[int, dict[str, float]],
    options: ExtractOptions,
) -> list[ThemeHit]:
    """One theme's hits in an article, in block order (a paragraph's continuation depends on the one
    before it)."""
    hits: list[ThemeHit] = []
    section_on_theme = False
    previous_hit = False
    for index, block in enumerate(article.blocks):
        pin = f"{article.stem}#{index}"
        own, evidence = _term_score(texts[index], terms)
        if block.kind == "heading":
            section_on_theme = own >= HEADING_WEIGHT
            previous_hit = False
            if pin in theme.include:
                hits.append(ThemeHit(theme.id, index, max(own, theme.min_score), (*evidence, "策展人指定")))
            continue
        players = players_by_block.get(index, {})
        if theme.player_weight and players:
            strongest = sorted(players.values(), reverse=True)[:MAX_PLAYERS]
            own += theme.player_weight * sum(strongest)
            evidence += [options.taxonomy.player(p).name for p in sorted(players)]
        score = own
        if own > 0 and section_on_theme:
            score += SECTION_SHARE * theme.min_score
            evidence.append(HEADING_EVIDENCE)
        if own > 0 and previous_hit and continues_before(texts[index]):
            score += CONTINUATION_SHARE * theme.min_score
            evidence.append(CONTINUATION_EVIDENCE)
        score = round(score, 2)
        if pin in theme.exclude:
            previous_hit = False
        elif pin in theme.include:
            hits.append(ThemeHit(theme.id, index, max(score, theme.min_score), (*evidence, "策展人指定")))
            previous_hit = True
        elif score >= theme.min_score:
            hits.append(ThemeHit(theme.id, index, score, tuple(evidence)))
            previous_hit = True
        else:
            previous_hit = False
    return hits


def _term_score(text: str, terms: tuple[ThemeTerm, ...]) -> tuple[float, list[str]]:
    """The theme's terms in a text: their weights, saturated by frequency and normalised by length."""
    norm = 1 - LENGTH_NORMALISATION + LENGTH_NORMALISATION * len(text) / TYPICAL_LENGTH
    score = 0.0
    found = []
    for term in terms:
        count = term.count_in(text)
        if count:
            score += term.weight * count * (K1 + 1) / (count + K1 * norm)
            found.append(term.term)
    return score, sorted(found)
