"""Rank an article's sentences by how central they are: the summary and the key points come from them.

TextRank (Mihalcea and Tarau, 2004) over jieba words: sentences are nodes, edges weigh how much two
sentences share (a cosine over the article's own tf-idf, so words every sentence uses count little),
and PageRank finds the sentences the rest of the article keeps coming back to. Then, as an editor would:

- a sentence that leans on the one before (其次…, 例如…, 这意味着…) is worth half: alone it reads as a
  fragment;
- the opening of a news article carries its point: a sentence's score is lifted by up to double the
  nearer it is to the start;
- sentences with damage (mojibake, lost characters), very short or very long ones are left out;
- redundancy is removed as the ranking is read: a sentence much like one already kept is skipped.

Runs after typesetting, on the text readers see; offsets are into the typeset blocks.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from functools import cache

import jieba

from builder.extract.discourse import continues_before
from builder.extract.options import ExtractOptions, simplified_aligned
from builder.model import Article, KeySentence
from builder.wordcut import new_tokenizer

# A sentence: up to and including its end mark (and a closing quote after it).
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』）)]*|$)")
_WORD = re.compile(r"^(?:[\u4e00-\u9fff]{2,}|[a-z][a-z0-9.+-]*)$")
MIN_CHARS, MAX_CHARS = 12, 120
# Kept per article: enough for its summary and for the key points of every theme and player it feeds.
KEEP = 20
DAMPING = 0.85
ITERATIONS = 50
# A kept sentence this similar to one kept before it says the same thing.
REDUNDANT = 0.5
LEANING_SHARE = 0.5
OPENING_LIFT = 1.0
_FUNCTION_WORDS = frozenset(
    (  # noqa: SIM905 (a word list reads best as words)
        "我们 他们 这个 那个 一个 一些 可以 已经 以及 因为 所以 但是 而且 如果 还是 或者 就是 不是 没有 "
        "这些 那些 其中 通过 进行 成为 对于 由于 目前 同时 这样 需要 能够 可能 更多 非常 之一 方面 其实"
    ).split()
)


@cache
def _tokenizer() -> jieba.Tokenizer:
    """A jieba tokenizer of our own (the search index teaches the global one the taxonomy's words)."""
    return new_tokenizer()


def rank_sentences(article: Article, options: ExtractOptions) -> Article:
    """The article with its most central sentences, best first."""
    damage: dict[int, list[tuple[int, int]]] = {}
    for flag in article.flags:
        damage.setdefault(flag.block, []).append((flag.start, flag.end))
    candidates: list[tuple[int, int, int, str, Counter[str], bool]] = []
    for number, block in enumerate(article.blocks):
        if block.kind == "heading":
            continue
        for match in _SENTENCE.finditer(block.text):
            text = match.group(0).strip()
            start = block.text.index(text, match.start()) if text else match.start()
            end = start + len(text)
            if not MIN_CHARS <= len(text) <= MAX_CHARS:
                continue
            # Damage inside, or a sentence break that is really a lost character ("?") before it.
            if any(a < end and start <= b for a, b in damage.get(number, ())):
                continue
            simple = simplified_aligned(text, options.converters).lower()
            words = Counter(
                w for w in _tokenizer().lcut(simple) if _WORD.match(w) and w not in _FUNCTION_WORDS
            )
            if words:
                candidates.append((number, start, end, text, words, continues_before(simple)))
    if not candidates:
        return replace(article, key_sentences=())
    vectors = _tfidf([c[4] for c in candidates])
    scores = _pagerank(vectors)
    ranked = []
    for position, (candidate, centrality) in enumerate(zip(candidates, scores, strict=True)):
        lift = 1 + OPENING_LIFT * (1 - position / len(candidates))
        ranked.append((centrality * lift * (LEANING_SHARE if candidate[5] else 1.0), position))
    ranked.sort(key=lambda sp: (-sp[0], sp[1]))
    kept: list[int] = []
    for _, position in ranked:
        if all(_cosine(vectors[position], vectors[k]) < REDUNDANT for k in kept):
            kept.append(position)
        if len(kept) == KEEP:
            break
    best = max(s for s, _ in ranked) or 1.0
    by_position = dict((p, s) for s, p in ranked)
    sentences = tuple(
        KeySentence(block, start, end, text, round(by_position[p] / best, 3), leans)
        for p in kept
        for block, start, end, text, _, leans in [candidates[p]]
    )
    return replace(article, key_sentences=sentences)


def _tfidf(bags: list[Counter[str]]) -> list[dict[str, float]]:
    documents = Counter(w for bag in bags for w in bag)
    total = len(bags)
    vectors = []
    for bag in bags:
        vector = {w: n * (math.log(total / documents[w]) + 1) for w, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _pagerank(vectors: list[dict[str, float]]) -> list[float]:
    """PageRank over the sentence graph, its edges the cosines (summed word by word: only sentences
    that share a word meet, so the cost follows the shared words, not the square of the sentences)."""
    count = len(vectors)
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, vector in enumerate(vectors):
        for word, value in vector.items():
            postings.setdefault(word, []).append((i, value))
    edges: list[dict[int, float]] = [{} for _ in range(count)]
    for shared in postings.values():
        for i, a in shared:
            for j, b in shared:
                if i != j:
                    edges[i][j] = edges[i].get(j, 0.0) + a * b
    totals = [sum(row.values()) or 1.0 for row in edges]
    incoming: list[list[tuple[int, float]]] = [[] for _ in range(count)]
    for j, row in enumerate(edges):
        for i, weight in row.items():
            incoming[i].append((j, weight / totals[j]))
    scores = [1.0] * count
    for _ in range(ITERATIONS):
        updated = [(1 - DAMPING) + DAMPING * sum(w * scores[j] for j, w in links) for links in incoming]
        converged = max(abs(a - b) for a, b in zip(updated, scores, strict=True)) < 1e-4
        scores = updated
        if converged:
            break
    return scores
