"""Read title, date, author and source off the text; the curator's sidecar overrides any of them."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace

from builder.clean.chrome import chrome_reason, is_prose
from builder.clean.options import CleanOptions
from builder.clean.textshape import han_count, visible_length
from builder.model import Article, Block, Metadata, Removal

log = logging.getLogger(__name__)

# `原標題:` (seed 000) and `原文標題 :` (seed 004) lines carry the real title, usually at the end.
_TITLE_LINE = re.compile(r"^(?:原文|原)?[标標][题題]\s*[:：]\s*(?P<title>\S.*)$")
_DATE = re.compile(
    r"^(?:(?:发布|發布|發佈|发表|發表|更新|出版)?(?:时间|時間|日期|于|於)\s*[:：]?\s*)?"
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?P<rest>.*)$"
)
_BYLINE = re.compile(
    r"^(?:文|作者|撰文|記者|记者|文字|撰稿|口述|整理|編譯|编译)\s*[|｜/／:：丨]\s*(?P<name>[^\s,，。;；|｜]{2,20})$"
)
# Where the page names itself, strongest first. The app-download prompt (seed 001's
# `掃一掃下載界面新聞APP`) is the weakest: it names the app, which may differ from the desk.
_SOURCE_PATTERNS = (
    re.compile(r"^(?:本文|文章)?(?:來源|来源|出處|出处)\s*[:：]\s*(?P<source>[^\s,，。]{2,30})$"),
    re.compile(r"本文[來来]自\s*(?P<source>[^\s,，。]{2,20}?)(?:[,，。]|$)"),
    re.compile(r"不代表\s*(?P<source>[^\s,，。的]{2,24}?)\s*(?:的)?(?:立場|立场|觀點|观点)"),
)
_WEAK_SOURCE_PATTERNS = (
    re.compile(r"下[載载]\s*(?P<source>[^\s,，。]{2,12}?)\s*(?:APP|App|app|客戶端|客户端)"),
)
_MAX_TITLE = 64
_MAX_NAME = 16


def read_metadata(article: Article, options: CleanOptions) -> Article:
    """Take title, date and byline lines out of the body into metadata; sidecar values win."""
    blocks: list[Block | None] = list(article.blocks)
    removed: list[Removal] = []
    found: dict[str, str | None] = {"title": None, "date": None, "author": None, "source": None}
    byline_line: int | None = None
    if options.read_metadata:
        found["source"] = _find_source(blocks, _SOURCE_PATTERNS)
        found["title"] = _take_title_line(blocks, removed)
        head = _head_end(blocks, options)
        date_index = _take_date(blocks, removed, found, head)
        byline_line = _take_byline(
            blocks, removed, found=found, head=head, date_index=date_index, options=options
        )
        if found["source"] is None:
            found["source"] = _find_source(blocks, _WEAK_SOURCE_PATTERNS)
        if found["title"] is None:
            found["title"] = _take_top_title(blocks, removed, options)
        _remove_title_repeats(blocks, removed, found["title"])
    sidecar = options.sidecar
    metadata = Metadata(
        title=(sidecar.title if sidecar and sidecar.title else found["title"]),
        date=(sidecar.date if sidecar and sidecar.date else found["date"]),
        author=(sidecar.author if sidecar and sidecar.author else found["author"]),
        source=(sidecar.source if sidecar and sidecar.source else found["source"]),
        url=sidecar.url if sidecar else None,
    )
    for removal in removed:
        log.info(
            "%s:%d: metadata line (%s) %r",
            article.provenance.path,
            removal.line,
            removal.reason,
            removal.text,
        )
    kept = tuple(b for b in blocks if b is not None)
    return replace(article.with_blocks(kept, tuple(removed)), metadata=metadata, byline_line=byline_line)


def _head_end(blocks: list[Block | None], options: CleanOptions) -> int:
    """Index of the first prose line: metadata other than `原標題` is looked for before it."""
    for index, block in enumerate(blocks):
        if block is not None and is_prose(block.text) and not _is_chrome(block, options):
            return index
    return len(blocks)


def _is_chrome(block: Block, options: CleanOptions) -> bool:
    return chrome_reason(block.text, options.converters.simplified(block.text)) is not None


def _take_title_line(blocks: list[Block | None], removed: list[Removal]) -> str | None:
    title = None
    for index, block in enumerate(blocks):
        if block is None:
            continue
        match = _TITLE_LINE.match(block.text)
        if match and visible_length(match.group("title")) <= _MAX_TITLE:
            if title is None:
                title = match.group("title").strip()
            removed.append(Removal(block.line, block.text, "title line"))
            blocks[index] = None
    return title


def _take_date(
    blocks: list[Block | None], removed: list[Removal], found: dict[str, str | None], head: int
) -> int | None:
    for index, block in enumerate(blocks[:head]):
        if block is None:
            continue
        match = _DATE.match(block.text)
        if not match or any(word in match.group("rest") for word in ("回复", "回覆", "回應", "回应")):
            continue
        try:
            date = dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            continue
        if visible_length(match.group("rest")) > 24:
            continue
        found["date"] = date.isoformat()
        # `2023年10月17日 14:32 新浪科技`: a short name after the date is the site.
        rest = match.group("rest").strip()
        if found["source"] is None and rest and not re.search(r"[\s,，。:：;；!！?？]", rest):
            found["source"] = rest
        removed.append(Removal(block.line, block.text, "date line"))
        blocks[index] = None
        return index
    return None


def _take_byline(
    blocks: list[Block | None],
    removed: list[Removal],
    *,
    found: dict[str, str | None],
    head: int,
    date_index: int | None,
    options: CleanOptions,
) -> int | None:
    for index, block in enumerate(blocks):
        if block is None:
            continue
        match = _BYLINE.match(block.text)
        if match:
            found["author"] = match.group("name")
            removed.append(Removal(block.line, block.text, "byline"))
            blocks[index] = None
            return block.line
    # Seed 004: the author's account name stands alone right after the date line, before a
    # `關注` (follow) button. Only a short unpunctuated line in that very place is taken.
    if date_index is not None and date_index + 1 < head:
        block = blocks[date_index + 1]
        if (
            block is not None
            and visible_length(block.text) <= _MAX_NAME
            and not re.search(r"[\s,，。:：;；!！?？]", block.text)
            and not _is_chrome(block, options)
        ):
            found["author"] = block.text
            removed.append(Removal(block.line, block.text, "byline (name after the date)"))
            blocks[date_index + 1] = None
            return block.line
    return None


def _take_top_title(blocks: list[Block | None], removed: list[Removal], options: CleanOptions) -> str | None:
    """A title line at the top: the first line that is neither chrome nor a sentence."""
    for index, block in enumerate(blocks):
        if block is None:
            continue
        if _is_chrome(block, options) or block.text.endswith((":", "：")):
            continue
        text = block.text
        if (
            visible_length(text) <= _MAX_TITLE
            and han_count(text) >= 2
            and not text.endswith(("。", "，", ","))
            and "。" not in text
            and not is_prose_paragraph(text)
        ):
            removed.append(Removal(block.line, text, "title line"))
            blocks[index] = None
            return text
        return None
    return None


def is_prose_paragraph(text: str) -> bool:
    """Long punctuated prose is never a title, however it ends."""
    return is_prose(text) and visible_length(text) > 48


def _remove_title_repeats(blocks: list[Block | None], removed: list[Removal], title: str | None) -> None:
    """The title often stands again above the body (seed 001) or at the top (seed 004)."""
    if not title:
        return
    for index, block in enumerate(blocks):
        if block is not None and block.text == title:
            removed.append(Removal(block.line, block.text, "title repeated"))
            blocks[index] = None


def _find_source(blocks: list[Block | None], patterns: tuple[re.Pattern[str], ...]) -> str | None:
    for pattern in patterns:
        for block in blocks:
            if block is None:
                continue
            match = pattern.search(block.text)
            if match:
                return match.group("source")
    return None
