"""Words a theme's vocabulary could grow by, found in the corpus itself, for the curator to accept.

The taxonomy's terms are the curator's short list; articles say the same things in many other words.
Words that the paragraphs of a theme use much more often than the rest of the digest are candidates:
scored by document frequency in the theme's paragraphs times the log of how over-represented they are
(a smoothed log-odds), with the theme's own terms, every player's names and common function words
left out. ``python -m builder theme-terms`` prints them as taxonomy lines the curator can paste (accept)
or ignore (reject); nothing is added on its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import jieba
import jieba.posseg

from builder.digest import Digest
from builder.extract.options import ExtractOptions, simplified_aligned

# At least this many of the theme's paragraphs must use a word.
MIN_PARAGRAPHS = 2
_WORD = re.compile(r"^(?:[\u4e00-\u9fff]{2,}|[a-z][a-z0-9.+-]{1,})$")
# Parts of speech kept (jieba's tags): nouns of every kind, verbal nouns, Latin words.
_CONTENT = ("n", "vn", "eng")
# Function words and the digest's subject itself: frequent everywhere, never a theme's evidence.
_COMMON = frozenset(
    (  # noqa: SIM905 (a word list reads best as words)
        "我们 他们 你们 这个 那个 一个 一些 可以 已经 以及 因为 所以 但是 而且 如果 还是 或者 "
        "就是 不是 没有 这些 那些 其中 通过 进行 成为 对于 由于 目前 未来 同时 这样 需要 能够 "
        "可能 更多 非常 之一 方面 其实 实现 相关 表示 提供 大模型 人工智能 模型 ai aigc "
        "chatgpt gpt 技术 发展 行业 企业 公司 市场 国内 中国 今年 去年"
    ).split()
)


@dataclass(frozen=True)
class Suggestion:
    """A candidate term: how many of the theme's paragraphs use it, how many others, and its score."""

    word: str
    in_theme: int
    elsewhere: int
    score: float


def suggest_theme_terms(
    digest: Digest, options: ExtractOptions, limit: int = 15
) -> dict[str, list[Suggestion]]:
    """Per theme, the words its paragraphs use far more than the rest of the digest, best first."""
    names = {
        options.converters.simplified(n).lower()
        for p in options.taxonomy.players
        for n in (p.name, *p.aliases, *p.models)
    }
    # Every theme's terms: another theme's word (算力 in the players' paragraphs) is not news to the curator.
    terms = {
        options.converters.simplified(t).lower() for theme in options.taxonomy.themes for t, _ in theme.terms
    }
    for word in sorted(names | terms):
        jieba.add_word(word)  # cut whole (科大讯飞, not 科大 / 讯飞), then left out
    words_of: dict[tuple[str, int], set[str]] = {}
    for article in digest.articles:
        for index, block in enumerate(article.blocks):
            if block.kind == "heading":
                continue
            simple = simplified_aligned(block.text, options.converters).lower()
            words_of[(article.stem, index)] = {
                pair.word
                for pair in jieba.posseg.cut(simple)
                if pair.flag.startswith(_CONTENT)
                and _WORD.match(pair.word)
                and pair.word not in _COMMON
                and pair.word not in names
            }
    suggestions: dict[str, list[Suggestion]] = {}
    for theme in options.taxonomy.themes:
        known = terms
        inside = {(a.stem, h.block) for a in digest.articles for h in a.theme_hits if h.theme == theme.id}
        inside &= words_of.keys()
        in_theme: Counter[str] = Counter()
        elsewhere: Counter[str] = Counter()
        for key, words in words_of.items():
            (in_theme if key in inside else elsewhere).update(words)
        n_in, n_out = len(inside), len(words_of) - len(inside)
        found = []
        for word, count in in_theme.items():
            if count < MIN_PARAGRAPHS or any(word in k or k in word for k in known):
                continue
            odds = math.log(((count + 0.5) / (n_in + 1)) / ((elsewhere[word] + 0.5) / (n_out + 1)))
            if odds > 0:
                found.append(Suggestion(word, count, elsewhere[word], round(count * odds, 2)))
        found.sort(key=lambda s: (-s.score, s.word))
        suggestions[theme.id] = found[:limit]
    return suggestions
