"""Read title, date, author and source off the text; the curator's sidecar overrides any of them."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from builder.clean.chrome import chrome_reason, is_prose
from builder.clean.dates import find_date, is_dateline
from builder.clean.names import read_names
from builder.clean.options import CleanOptions
from builder.clean.textshape import fold, han_count, visible_length
from builder.model import Article, Block, Metadata, PageMetadata, Removal, RemovalReason

log = logging.getLogger(__name__)

# `原標題:` (seed 000) and `原文標題 :` (seed 004) lines carry the real title, usually at the end.
# NetEase wraps it in brackets (`（原标题：…）`), The Paper writes `本文原标题：《…》`.
_TITLE_LINE = re.compile(
    r"^[（(]?(?:本文)?(?:原文|原)?[标標][题題]\s*[:：]\s*《?(?P<title>[^《》]\S.*?)》?[）)]?$"
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
_MIN_HEADLINE_HAN = 6
# How far above the body the header band reaches, and above the dateline the headline.
_HEADER_BAND = 40
_TITLE_REACH = 12
_REPLY_WORDS = ("回复", "回覆", "回應", "回应", "举报", "舉報")
# How many of the body's first lines may carry a reporter's byline (`（记者 陆一夫）`).
_LEAD_LINES = 6
# How many lines under the body a dateline may stand.
_DATE_BELOW = 3
# `澎湃新闻记者 贺梨萍`, `石佳/中国青年报`, `社會中心／綜合報導`: who wrote it, not what it is called.
_BYLINE_SHAPE = re.compile(
    r"(记者|記者|作者|撰文|编辑|編輯|报道|報導|整理)\s*\S{0,4}$|^\S{2,4}\s*[/／]\s*\S{2,8}$"
)
_MAX_NAME = 16
_FOLLOW_BUTTON = re.compile(r"^\+?\s*(关注|订阅|加关注)\s*$")


def read_metadata(article: Article, options: CleanOptions) -> Article:
    """Take title, date and byline lines out of the body into metadata; sidecar values win."""
    blocks: list[Block | None] = list(article.blocks)
    removed: list[Removal] = []
    found: dict[str, str | None] = {"title": None, "date": None, "author": None, "source": None}
    byline_line: int | None = None
    if options.read_metadata:
        found["source"] = _find_source(blocks, _SOURCE_PATTERNS)
        original_title = _take_title_line(blocks, removed)
        head = _head_end(blocks, article.body_lines, options)
        band = [b for b in blocks[max(0, head - _HEADER_BAND) : head] if b is not None]
        lead = [b.text for b in blocks[head : head + _LEAD_LINES] if b is not None]
        date_index = _take_date(blocks, removed, found, head)
        if found["date"] is None:
            _take_date_below(blocks, removed, found, article.body_lines)
        # The headline shown above the body; `原标题` names the title an article first ran under,
        # which a portal often rewrites (NetEase), so it serves only where no headline stands.
        hint = article.page_metadata.title_hint if article.page_metadata else None
        found["title"] = _take_headline(
            blocks, removed, head=head, date_index=date_index, options=options, hint=hint
        )
        if found["title"] is None:
            found["title"] = original_title
        byline_line = _take_byline(
            blocks, removed, found=found, head=head, date_index=date_index, options=options
        )
        if found["title"] is None:
            found["title"] = _take_top_title(blocks, removed, options)
        _remove_title_repeats(blocks, removed, found["title"])
        header_lines = [b for b in band if is_dateline(b.text) or not _is_chrome(b, options)]
        _fill_names(found, header_lines, lead, removed)
    notes = _prefer_page_metadata(found, article.page_metadata)
    if options.read_metadata and found["source"] is None:
        # An app-download prompt names the app, the weakest hint: after the page's own site name.
        found["source"] = _find_source(blocks, _WEAK_SOURCE_PATTERNS)
    sidecar = options.sidecar
    metadata = Metadata(
        title=(sidecar.title if sidecar and sidecar.title else found["title"]),
        date=(sidecar.date if sidecar and sidecar.date else found["date"]),
        author=(sidecar.author if sidecar and sidecar.author else found["author"]),
        source=(sidecar.source if sidecar and sidecar.source else found["source"]),
        url=sidecar.url if sidecar else None,
        summary=sidecar.summary if sidecar else None,
    )
    for removal in removed:
        log.info(
            "%s:%d: metadata line (%s) %r",
            article.provenance.path,
            removal.line,
            removal.explained(),
            removal.text,
        )
    kept = tuple(b for b in blocks if b is not None)
    return replace(
        article.with_blocks(kept, tuple(removed)),
        metadata=metadata,
        byline_line=byline_line,
        notes=article.notes + tuple(notes),
    )


def _fill_names(
    found: dict[str, str | None], band: list[Block], lead: list[str], removed: list[Removal]
) -> None:
    """Author and source from the header under the headline (and the dateline) and from the lead,
    where no `作者：` or `来源：` line gave them (`clean/names.py`)."""
    title_lines = {r.line for r in removed if r.reason == RemovalReason.TITLE_LINE}
    start = max((i for i, b in enumerate(band) if b.line in title_lines), default=None)
    dated = [i for i, b in enumerate(band) if is_dateline(b.text)]
    if start is None and not dated:
        header: list[str] = []
    else:
        header = [b.text for b in band[(start + 1 if start is not None else dated[-1]) :]]
    names = read_names(header, lead)
    found["author"] = found["author"] or names.author
    found["source"] = found["source"] or names.source


def _prefer_page_metadata(found: dict[str, str | None], page: PageMetadata | None) -> list[str]:
    """Reconcile an HTML seed's markup with what its text shows; the cleaning report says which won.

    The text wins where it shows the thing to the reader: the dateline under the headline (htmldate
    read a wrong date off a Baijiahao page's related list, and a crawl date off a government page),
    the byline, the `来源：` a portal names (NetEase's `新京报` rather than its own site name), and the
    headline above the dateline unless the page's ``<h1>`` is confirmed by its ``<title>``. The
    markup fills in what the text does not show.
    """
    if page is None:
        return []
    notes = []
    for key, value, origin, text_wins in (
        ("title", page.title, "the page's headline", not page.title_confirmed),
        ("date", page.date, "the page's publication date", True),
        ("author", page.author, "the page's author", True),
        ("source", page.site, "the page's site name", True),
    ):
        text_value = found[key]
        if not value or value == text_value:
            continue
        if text_value is None:
            found[key] = value
        elif key == "title" and _confirms(text_value, value):
            # The headline above the body, repeated in the page's <title> with the site's name.
            continue
        elif text_wins:
            notes.append(f"{key}: the text's {text_value!r} won over {origin} {value!r}")
        else:
            notes.append(f"{key}: {origin} {value!r} won over the text's {text_value!r}")
            found[key] = value
    return notes


def _head_end(blocks: list[Block | None], body_lines: tuple[int, int] | None, options: CleanOptions) -> int:
    """Index of the body's first line: metadata other than `原標題` is looked for before it."""
    if body_lines is not None:
        return next(
            (i for i, b in enumerate(blocks) if b is not None and b.line >= body_lines[0]), len(blocks)
        )
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
            removed.append(Removal(block.line, block.text, RemovalReason.TITLE_LINE))
            blocks[index] = None
    return title


def _take_date(
    blocks: list[Block | None], removed: list[Removal], found: dict[str, str | None], head: int
) -> int | None:
    """The dateline nearest above the body, within the header band."""
    for index in range(head - 1, max(-1, head - 1 - _HEADER_BAND), -1):
        block = blocks[index]
        if block is None or any(word in block.text for word in _REPLY_WORDS):
            continue
        if not is_dateline(block.text):
            continue
        # A dateline without the year still marks the header; it gives no date. Names beside the
        # date are read with the rest of the header (`clean/names.py`).
        found["date"] = find_date(block.text)
        removed.append(Removal(block.line, block.text, RemovalReason.DATE_LINE))
        blocks[index] = None
        return index
    return None


def _take_date_below(
    blocks: list[Block | None],
    removed: list[Removal],
    found: dict[str, str | None],
    body_lines: tuple[int, int] | None,
) -> None:
    """A page that dates the article under its text (Toutiao, a city district's news page)."""
    if body_lines is None:
        return
    after = [i for i, b in enumerate(blocks) if b is not None and b.line > body_lines[1]][:_DATE_BELOW]
    for index in after:
        block = blocks[index]
        if block is None or any(word in block.text for word in _REPLY_WORDS):
            continue  # a reader's comment, dated (seed 003: `2024-10-14 03:26:01回复`)
        date = find_date(block.text)
        if date is not None:
            found["date"] = date
            removed.append(Removal(block.line, block.text, RemovalReason.DATE_LINE))
            blocks[index] = None
            return


def _confirms(headline: str, page_title: str) -> bool:
    return fold(headline) in fold(page_title) or fold(page_title) in fold(headline)


def _take_headline(
    blocks: list[Block | None],
    removed: list[Removal],
    *,
    head: int,
    date_index: int | None,
    options: CleanOptions,
    hint: str | None,
) -> str | None:
    """The headline: the nearest headline-shaped line above the dateline (menus, share buttons and
    bylines between are passed over), or, on a page without a dateline, the nearest above the body,
    preferring a line the page repeats (a headline stands twice: in the header and a share box)."""
    if date_index is not None:
        above = [
            i
            for i in range(date_index - 1, max(-1, date_index - 1 - _TITLE_REACH), -1)
            if blocks[i] is not None and _is_headline(blocks[i].text, options)  # type: ignore[union-attr]
        ]
        if not above:
            return None
        # A saved page names itself in <title>: of a headline and its subtitle (Shanxi's portal),
        # the one the <title> repeats is the headline.
        named = [i for i in above if hint and _confirms(blocks[i].text, hint)]  # type: ignore[union-attr]
        last = first = (named or above)[0]
        # A headline wrapped over lines (the State Council gazette): the <title> has them all.
        while first - 1 in named and hint and _confirms(_joined(blocks, first - 1, last), hint):
            first -= 1
        return "".join(_take(blocks, removed, index) for index in range(first, last + 1))
    candidates = [
        i
        for i in range(head - 1, max(-1, head - 1 - _TITLE_REACH), -1)
        if blocks[i] is not None and _is_headline(blocks[i].text, options)  # type: ignore[union-attr]
    ]
    if not candidates:
        return None
    texts = [b.text for b in blocks if b is not None]
    named = [i for i in candidates if hint and _confirms(blocks[i].text, hint)]  # type: ignore[union-attr]
    repeated = [i for i in candidates if texts.count(blocks[i].text) > 1]  # type: ignore[union-attr]
    return _take(blocks, removed, (named or repeated or candidates)[0])


def _joined(blocks: list[Block | None], first: int, last: int) -> str:
    return "".join(b.text for b in blocks[first : last + 1] if b is not None)


def _take(blocks: list[Block | None], removed: list[Removal], index: int) -> str:
    block = blocks[index]
    assert block is not None
    removed.append(Removal(block.line, block.text, RemovalReason.TITLE_LINE))
    blocks[index] = None
    return block.text


def _is_headline(text: str, options: CleanOptions) -> bool:
    """Shaped like a headline: some Han, not too long, no full stop, not chrome, not a byline."""
    return (
        han_count(text) >= _MIN_HEADLINE_HAN
        and visible_length(text) <= _MAX_TITLE
        and "。" not in text
        and not text.endswith(("，", ",", ":", "："))
        and not is_prose_paragraph(text)
        and not _BYLINE.match(text)
        and not _BYLINE_SHAPE.search(text)
        and not is_dateline(text)
        and chrome_reason(text, options.converters.simplified(text)) is None
    )


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
            removed.append(Removal(block.line, block.text, RemovalReason.BYLINE))
            blocks[index] = None
            return block.line
    # Seed 004: the author's account name stands alone right after the date line, before a
    # `關注` (follow) button. Only a short unpunctuated line in that very place is taken.
    # The follow button is required: on other sites that place holds a font-size widget, a read
    # count or a section name (real-world corpus: 调整字体, 1164次阅读, 社會).
    if date_index is not None and date_index + 2 < len(blocks):
        block, after = blocks[date_index + 1], blocks[date_index + 2]
        if (
            block is not None
            and after is not None
            and _FOLLOW_BUTTON.match(options.converters.simplified(after.text))
            and visible_length(block.text) <= _MAX_NAME
            and not re.search(r"[\s,，。:：;；!！?？\d]", block.text)
            and not _is_chrome(block, options)
        ):
            found["author"] = block.text
            removed.append(Removal(block.line, block.text, RemovalReason.BYLINE, "name after the date"))
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
            removed.append(Removal(block.line, text, RemovalReason.TITLE_LINE))
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
            removed.append(Removal(block.line, block.text, RemovalReason.TITLE_REPEATED))
            blocks[index] = None


def _find_source(blocks: list[Block | None], patterns: tuple[re.Pattern[str], ...]) -> str | None:
    for pattern in patterns:
        for block in blocks:
            if block is None:
                continue
            match = pattern.search(block.text)
            if match and (han_count(match.group("source")) or patterns is not _WEAK_SOURCE_PATTERNS):
                # An app prompt names an outlet by its Chinese name; `下載Android app` names a
                # platform (CNA).
                return match.group("source").strip("「」『』“”\"'《》")
    return None
