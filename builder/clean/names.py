"""Who wrote an article and who published it, from the header band and the lead, as news pages
print them (real-world corpus):

- in the dateline: `2019年09月11日01:53 新浪科技 我有话说…`, `华夏人文 2020-03-09 18:14:21`,
  `2019-03-18 23:59聯合報 記者陳嘉寧／桃園機場報導`;
- on lines of their own between headline and body: `澎湃新闻记者 贺梨萍`, `石佳/中国青年报`,
  `作者魏星`, `来源：` with the name on the next line, an account name (`IT之家`);
- in the lead, the agency convention: `新华社巴黎12月9日电（记者唐霁）`, `新京报讯（记者 陆一夫）`,
  `（中央社記者邱俊欽桃園19日電）`.

Each rule only fills what stronger ones (a `作者：` line, a `来源：` line, the sidecar) left empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder.clean.dates import date_span, is_dateline
from builder.clean.textshape import han_count, visible_length

# Two or three characters: most Chinese names; a fourth would take the place after it
# (`記者邱俊欽桃園…`).
_NAME = r"[\u4e00-\u9fff·]{2,3}"
_REPORTER = re.compile(
    r"(?P<outlet>[^\s（）()]{0,10}?)(记者|記者)\s*(?P<name>" + _NAME + r")(?![\u4e00-\u9fff]{3})"
)
# Labelled names inside a dateline.
_INLINE_SOURCE = re.compile(
    r"(?:来源|來源|出处|出處)\s*[:：]\s*(?P<source>[^\s:：|｜,，]{2,20}?)(?=作者|编辑|編輯|[\s|｜]|$)"
)
_INLINE_AUTHOR = re.compile(
    r"(?:作者|撰文|记者|記者)\s*[:：]?\s*(?P<name>[^\s:：|｜,，/／]{2,10}?)(?=[\s|｜/／]|$)"
)
_SLASHED = re.compile(r"^(?P<name>" + _NAME + r")\s*[/／]\s*(?P<outlet>[^\s/／]{2,12})$")
_AUTHOR_GLUED = re.compile(r"^(作者|执笔|執筆)\s*[:：/／]?\s*(?P<name>[^\s:：,，。]{2,20})$")
# `社會中心／綜合報導`: a desk and a kind of report, not a writer and an outlet (SETN).
_DESK = re.compile(r"(中心|部|组|組|报道|報導|报导|報道)\s*([/／]|$)")
_SOURCE_LABEL = re.compile(r"^(来源|來源|出处|出處)\s*[:：]?$")
# The agency lead: `新华社巴黎12月9日电`, `长江网10月4日讯`, `新京报讯`.
_LEAD_OUTLET = re.compile(
    r"^[（(]?(?P<outlet>[\u4e00-\u9fffA-Za-z]{2,8}?(社|网|網|报|報|台|新闻|新聞))"
    r"[\u4e00-\u9fff]{0,10}?(\d{1,2}月)?(\d{1,2}日)?(电|電|讯|訊)"
)
_LEAD_REPORTER = re.compile(r"[（(][^（）()]{0,12}?(记者|記者)\s*(?P<name>" + _NAME + r")")
# A publisher's name ends like one; an account name may be anything short (checked by shape).
_OUTLET_END = re.compile(
    r"(报|報|网|網|社|台|新闻|新聞|日报|日報|时报|時報|周刊|週刊|杂志|雜誌|科技|财经|財經)$"
)
_SIGNED = re.compile(r"(作者|文)\s+(?P<name>" + _NAME + r")$")
_LEAD_LINES = 6
_SHORT_LINE = 24
# A label, not a name, before or after a date (`发表于2014-08-24`, `出版：`).
_LABEL = re.compile(r"(于|於|时间|時間|日期|出版|更新|发布|發布|发表|發表|建立|最新)$")
# What may stand before the date of a dateline whose rest is the site (`发布时间：2019-…`).
_DATE_LABEL = re.compile(r"^((发布|發布|發佈|发表|發表|更新|出版)?(时间|時間|日期|于|於)\s*[:：]?)?$")
_REST_PUNCT = re.compile(r"[\s,，。:：;；!！?？|｜]")
_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(:\d{2})?")
_QUOTES = "「」『』“”\"'《》（）()【】[] "
_PUNCT = re.compile(r"[\s,，。:：;；!！?？|｜()（）\d]")
_MAX_ACCOUNT = 10
# Han with Latin letters or digits before or after them, nothing else (`IT之家`, `36氪`, `香港01`).
_ACCOUNT = re.compile(r"[A-Za-z0-9]*[\u4e00-\u9fff]+[A-Za-z0-9]*")
# A number between Han characters counts something (Apple Daily's `尚餘0篇`): not a name.
_COUNT = re.compile(r"[\u4e00-\u9fff]\d+[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Names:
    """What the header and lead say; None where they say nothing."""

    author: str | None = None
    source: str | None = None


def read_names(header: Sequence[str], lead: Sequence[str]) -> Names:
    """Author and source from the header band (headline to body, dateline included) and the lead."""
    author: str | None = None
    source: str | None = None
    # The dateline nearest the body speaks first (`2019-09-26 12:11来源：证券时报网作者：李在山`).
    for line in reversed([line for line in header if is_dateline(line)]):
        found = _from_dateline(line)
        author, source = author or found.author, source or found.source
    for index, line in enumerate(header):
        if is_dateline(line):
            continue
        if _SOURCE_LABEL.match(line) and index + 1 < len(header):
            source = source or _clean(header[index + 1])
            continue
        glued = _AUTHOR_GLUED.match(line)
        if glued:
            author = author or glued.group("name")
            continue
        slashed = _SLASHED.match(line)
        if slashed and not _DESK.search(line):
            author, source = author or slashed.group("name"), source or _clean(slashed.group("outlet"))
            continue
        reporter = _REPORTER.search(line)
        if reporter and visible_length(line) <= 24:
            author = author or reporter.group("name")
            outlet = _clean(reporter.group("outlet"))
            if outlet and han_count(outlet) >= 2:
                source = source or outlet
            continue
        if _is_account(line):
            source = source or _clean(line)
    for line in lead[:_LEAD_LINES]:
        # `（中央社記者邱俊欽桃園19日電）`, `記者林悅／南市報導`, `《棱镜》作者 周纯` open the body.
        reporter = _LEAD_REPORTER.search(line[:40]) or (
            _REPORTER.search(line) if visible_length(line) <= _SHORT_LINE else None
        )
        signed = _SIGNED.search(line) if visible_length(line) <= _SHORT_LINE else None
        author = (
            author
            or (reporter.group("name") if reporter else None)
            or (signed.group("name") if signed else None)
        )
        agency = _LEAD_OUTLET.match(line)
        if agency:
            source = source or agency.group("outlet")
    return Names(author=author, source=source)


def _from_dateline(line: str) -> Names:
    """Names in the dateline: labelled (`来源：证券时报网作者：李在山`), a reporter's, or a name standing
    next to the date, after the time (`… 14:32 新浪科技`) or before the date (`华夏人文 2020-03-09`)."""
    signed = _INLINE_AUTHOR.search(line) or _REPORTER.search(line)
    author = signed.group("name") if signed else None
    labelled = _INLINE_SOURCE.search(line)
    if labelled:
        return Names(author=author, source=labelled.group("source"))
    span = date_span(line)
    if span is None:
        return Names(author=author)
    before = line[: span[0]].strip()
    after = _TIME.sub("", line[span[1] :], count=1).strip()
    if _DATE_LABEL.match(before) and after and not _REST_PUNCT.search(after) and len(after) <= 20:
        return Names(author=author, source=after)  # the whole rest of `2023年10月17日 14:32 新浪科技`
    reporter = _REPORTER.search(after)
    words = (after[: reporter.start()] if reporter else after).split()
    for candidate in (_clean(words[0] if words else ""), _clean(before)):
        if (
            candidate
            and han_count(candidate) >= 2
            and not _PUNCT.search(candidate)
            and not _LABEL.search(candidate)
            and len(candidate) <= 12
        ):
            return Names(author=author, source=candidate)
    return Names(author=author)


def _is_account(line: str) -> bool:
    """A short name on its own line in the header: an outlet, or a self-media account (`IT之家`)."""
    text = _clean(line)
    return (
        0 < visible_length(text) <= _MAX_ACCOUNT
        and han_count(text) >= 2
        and _ACCOUNT.fullmatch(text) is not None
        and not _DESK.search(text)
        and not _COUNT.search(text)
        and (_OUTLET_END.search(text) is not None or han_count(text) < len(text))
    )


def _clean(text: str) -> str:
    return text.strip(_QUOTES)
