"""Find where the article body stands among a scraped page's lines, from the shape of the lines.

The extraction literature's idea (jusText, and the text-density methods after it) applied to lines
of Chinese text: every line gets a weight, positive for prose (long, punctuated, rich in function
words), negative for what pages put around an article (menus, lists of headlines, widget labels,
timestamps), and the body is the contiguous run of lines with the largest total weight. One
teaser, comment or caption at either end cannot pull the page in, since a run of short lines
between it and the body costs more than it brings.

Comment threads are judged on their own: a line that only a comment box has (a reply or report
button, a reader's name beside `3小时前`, `1,307人参与`) is a wall the body never crosses, so a long
comment under the article is not prose of the article (the Toutiao and Sina pages of the
real-world corpus).
"""

from __future__ import annotations

import re
from dataclasses import replace

from builder.clean.chrome import chrome_reason, is_related_heading
from builder.clean.dates import find_date, is_dateline
from builder.clean.options import CleanOptions
from builder.clean.textshape import clause_punctuation, ends_sentence, han_count, touches_body, visible_length
from builder.model import Article, Block, Removal, RemovalReason

# Function words: frequent in running prose, rare in menus and headlines (jusText's stop-word
# density, with a Chinese list; both scripts).
_FUNCTION_CHARS = frozenset(
    "的了是在和也就都而但对對与與为為这這那他她我们們将將被把从從等及其之以于於着著所并並还還又"
)
# A line only a comment thread has.
_COMMENT_MARK = re.compile(
    r"(\d+\s*(秒|分钟|分鐘|小时|小時|天|周|週|个月|個月)前|昨天\s*\d{1,2}:\d{2}|今天\s*\d{1,2}:\d{2})\s*$"
    r"|^(回复|回覆|回应|回應|举报|舉報|点赞|點讚|顶|踩|跟帖|跟贴|盖楼)$"
    r"|(举报|舉報).{0,12}(回复|回覆|赞|讚)|^回复\s*[⋅·]|\d+\s*条回复|\d+\s*條回覆"
    r"|(查看|展开|展開)(更多|全部|剩余|剩餘).{0,6}(评论|評論|回复|回覆|跟帖|跟贴)"
    r"|^(最新|热门|熱門|全部|精彩)?(评论|評論|跟帖|跟贴|留言)\s*[(（]?\d*[)）]?$"
    r"|^[\d,]+\s*(人参与|人參與|条评论|條評論)"
)
_WALL = -10_000.0
_RELATED = -60.0
_TIMESTAMP_WEIGHT = -15.0
_CHROME_WEIGHT = -25.0
# Chrome reasons that weigh otherwise than a widget: a comment box is a wall, a bare timestamp
# (`11:142018/09/12`, `2019-09-3007:42`) marks the teaser above it.
_REASON_WEIGHTS = {
    RemovalReason.COMMENT_BOX: _WALL,
    RemovalReason.COMMENT_TIMESTAMP: _WALL,
    RemovalReason.TIMESTAMP: _TIMESTAMP_WEIGHT,
}
# Prose weight up to which a line may be a teaser's headline (about 30 Han characters).
_HEADLINE_SIZED = 25.0
_ADDRESSES_READER = re.compile(r"您|^(请|請|敬请|敬請|欢迎|歡迎)")
# Prose this heavy before a comment box means the article has been seen: what follows is the
# thread and its widgets, never the body.
_SEEN_ARTICLE = 50.0
# How much furniture between the run and a piece of prose beside it may cost for that prose to join.
_TOLERANCE = 12.0
_METADATA_LINE = re.compile(
    r"^[（(]?(原文|原)?(标题|標題|题|題)\s*[:：]|^(本文|文章)?(来源|來源|出处|出處)于?\s*[:：]"
    r"|^(作者|撰文|文|记者|記者|编辑|編輯|责编|責編)\s*[:：|｜/／]"
)
# A short numbered line (`3、以鲜言案为契机…`) is an item of a list of headlines.
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[、.．]\s*\S")


def locate_body(article: Article, options: CleanOptions) -> Article:
    """Record the first and last seed line of the body (None when no line reads as prose)."""
    dated_from = next((i for i, b in enumerate(article.blocks) if find_date(b.text)), -1)
    weights = close_comment_zone(
        mark_list_items([line_weight(block, options) for block in article.blocks]), dated_from
    )
    span = densest_run(weights)
    if span is not None:
        span = widen_run(weights, span)
    if span is None:
        return replace(article, body_lines=None)
    first, last = _after_dateline(article.blocks, weights, span)
    return replace(article, body_lines=(article.blocks[first].line, article.blocks[last].line))


def tighten_body(article: Article, options: CleanOptions) -> Article:
    """After the metadata step took its lines out, start and end the body at prose again.

    A headline at the top of the run (36Kr's, punctuated like a sentence) leaves whatever stood
    under it at the body's edge once it is taken as the title; cleaning the result again must give
    the same article, so the edge moves in past lines that do not read as prose.
    """
    if article.body_lines is None:
        return article
    inside = [b for b in article.blocks if article.body_lines[0] <= b.line <= article.body_lines[1]]
    if not inside:
        # The run was the header alone, now metadata: look again among the lines that are left.
        return locate_body(article, options)
    while len(inside) > 1 and line_weight(inside[0], options) <= 0:
        inside.pop(0)
    while len(inside) > 1 and line_weight(inside[-1], options) <= 0:
        inside.pop()
    return replace(article, body_lines=(inside[0].line, inside[-1].line))


def settle_body_edges(article: Article, options: CleanOptions) -> Article:
    """After chrome inside the body is gone, the body starts and ends at prose (or at a sentence
    that touches it), as a second cleaning would draw it: a short line that stood between the body
    and a widget goes with the widget."""
    blocks = list(article.blocks)
    removed: list[Removal] = []
    while len(blocks) > 1 and _loose_edge(blocks[0], options):
        removed.append(Removal(blocks[0].line, blocks.pop(0).text, RemovalReason.OUTSIDE_BODY))
    while len(blocks) > 1 and _loose_edge(blocks[-1], options):
        removed.append(Removal(blocks[-1].line, blocks.pop().text, RemovalReason.OUTSIDE_BODY))
    return article.with_blocks(tuple(blocks), tuple(removed)) if removed else article


def _loose_edge(block: Block, options: CleanOptions) -> bool:
    return line_weight(block, options) <= 0 and not touches_body(block.text)


def line_weight(block: Block, options: CleanOptions) -> float:
    """How much a line looks like article prose (positive) or page furniture (negative)."""
    text = block.text
    if _COMMENT_MARK.search(text):
        return _WALL
    simplified = options.converters.simplified(text)
    # A `相关阅读` heading ends an article more surely than a share button inside one; checked before
    # the wording lists, which name `相关阅读` alone a widget label.
    if is_related_heading(simplified):
        return _RELATED
    reason = chrome_reason(text, simplified)
    if reason is not None:
        return _REASON_WEIGHTS.get(reason, _CHROME_WEIGHT)
    if _METADATA_LINE.match(text):
        # `原标题：…`, `来源：…`, `记者 某某`: the header's lines, or the footer's.
        return -8.0
    han = han_count(text)
    if han == 0:
        # Latin-only lines: a code line, a brand name, a share-count digit.
        return -2.0 - min(visible_length(text), 40) / 10
    punctuation = clause_punctuation(text)
    if punctuation == 0 and not ends_sentence(text):
        # A headline, menu item or heading: short and unpunctuated. Headings inside the body cost
        # little next to the paragraphs around them; a list of headlines costs a lot.
        return -4.0 - han / 4
    function_share = sum(1 for ch in text if ch in _FUNCTION_CHARS) / max(han, 1)
    # A sentence of about 15 Han characters breaks even; function words lift it, their absence
    # (a headline with a comma in it) lowers it; a full stop is a sentence, not a title.
    weight = (
        han * (0.6 + 4 * min(function_share, 0.15))
        - 12
        + (4 if text.rstrip("”’」』）)\"' ").endswith("。") else 0)
    )
    if _LIST_ITEM.match(text) and han < 30:
        weight -= 6
    if _ADDRESSES_READER.search(text):
        # Notices speak to the reader (CNA's paywall line, China Times' comment rules); news
        # prose does not, outside quotes.
        weight -= 25 + han / 2
    return max(weight, -8.0)


def _after_dateline(
    blocks: tuple[Block, ...], weights: list[float], span: tuple[int, int]
) -> tuple[int, int]:
    """A run that begins with the header (a punctuated headline, then the dateline) begins after it.

    The cut is at the first dateline with little prose before it in the run (less than an article's
    opening: EDN's subscription notice above its headline). Cleaning the result again cuts nowhere
    new: the lines before a cut are gone, and where there was no cut, the chrome the first cleaning
    removed only adds to the prose before the dateline (cleaning is idempotent)."""
    first, last = span
    before = 0.0
    for index in range(first, last):
        if before >= _SEEN_ARTICLE:
            break
        if is_dateline(blocks[index].text):
            # Cut, and look on: the line after a cut may be a dateline too.
            first, before = index + 1, 0.0
        else:
            before += weights[index]
    while first < last and weights[first] <= 0:
        first += 1
    return first, last


def mark_list_items(weights: list[float]) -> list[float]:
    """A headline-sized line followed by a bare timestamp is an item of a list of other articles
    (Baijiahao's and China Times' teasers: headline, then `12-2718:40`), however sentence-like it
    reads. A paragraph-sized one is not: Toutiao prints the article's own date under its text."""
    marked = list(weights)
    # Walking back, the weight of the next line that is not chrome by its wording (a share button
    # may stand between a teaser and its timestamp).
    following: float | None = None
    for index in range(len(weights) - 1, -1, -1):
        weight = weights[index]
        if following == _TIMESTAMP_WEIGHT and weight < _HEADLINE_SIZED:
            marked[index] = min(weight, -4.0)
        if weight > _CHROME_WEIGHT:
            following = weight
    return marked


def close_comment_zone(weights: list[float], dated_from: int) -> list[float]:
    """From the first comment box or related-reading heading after a real run of prose on, no line
    counts as prose.

    A reader's comment can be longer than the article (the Guancha page of the corpus has a
    300-character one), and teasers under `推荐阅读` carry summaries as long as paragraphs
    (People's Daily); they are still not the article. Prose counts as the article's only from the
    page's first dateline on, so a headline ticker above the header (Xinhua) closes nothing, and
    a box in the header (`评论(15)`) has no prose before it.
    """
    total, seen = 0.0, 0.0
    for index, weight in enumerate(weights):
        if weight in (_WALL, _RELATED) and index > dated_from:
            if seen >= _SEEN_ARTICLE:
                return weights[:index] + [min(w, -1.0) for w in weights[index:]]
            total = seen = 0.0
        elif index > dated_from:
            total = max(0.0, total + weight)
            seen = max(seen, total)
    return weights


def widen_run(weights: list[float], span: tuple[int, int]) -> tuple[int, int]:
    """Take in prose just beyond the run when the lines between cost little: a lede cut in two by a
    photo credit (the CNA page of the corpus: lede, credit, dateline, body)."""
    first, last = span
    while (reach := _cheap_reach(weights, range(first - 1, -1, -1))) is not None:
        first = reach
    while (reach := _cheap_reach(weights, range(last + 1, len(weights)))) is not None:
        last = reach
    return first, last


def _cheap_reach(weights: list[float], outward: range) -> int | None:
    """The farthest prose line, going outward from the run, that the lines up to it cost little to
    join (their total at least ``-_TOLERANCE``), or None."""
    total, best, best_at = 0.0, -_TOLERANCE, None
    for index in outward:
        total += weights[index]
        if total < -4 * _TOLERANCE:
            break
        if weights[index] > 0 and total >= best:
            best, best_at = total, index
    return best_at


def densest_run(weights: list[float]) -> tuple[int, int] | None:
    """The contiguous run of lines with the largest total weight (Kadane), or None if none is positive."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for index, weight in enumerate(weights):
        if total <= 0:
            total, start = 0.0, index
        total += weight
        if total > best:
            best, best_span = total, (start, index)
    return best_span
