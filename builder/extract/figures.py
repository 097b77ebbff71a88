"""Pull out key figures: what a number counts or measures, whom it is about, in the clause that says so.

A figure is a clause, not a number: ``1万枚英伟达A100芯片是做好AI大模型的算力门槛`` is one figure, and the
numbers of one clause (``2.6万亿至4.4万亿美元``) are one figure. For a count the thing counted follows the
number (``1800亿个参数``); for a percentage or a multiple what it measures comes before it
(``AIGC相关岗位招聘同比上升281.88%``), in the clause or, when the clause only says ``均在20%以下``, the
clause before it. The player the clause names (else its sentence) is what the figure is about.
"""

from __future__ import annotations

import re
from dataclasses import replace

from builder.extract.options import ExtractOptions, simplified_aligned
from builder.model import Article, Figure

_MAGNITUDE = {"万亿": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "千": 1e3}
_FIGURE = re.compile(
    r"(?<![\dA-Za-z.])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<mag>万亿|萬億|亿|億|万|萬|千)?"
    r"(?P<unit>%|％|倍|个|個|家|款|位|名|枚|亿元|億元|万元|萬元|美元|元|人|次|种|種|GB|TB|B(?![A-Za-z]))?"
)
# The counted thing: what follows, up to a clause mark or a function word (seed 002: `1万枚英伟达A100芯片`).
_THING = re.compile(
    r"^(?![的是在和与及等了到至])[\u4e00-\u9fffA-Za-z0-9 ]{1,16}?"
    r"(?=[的是在和与及等了到至,，。;；、:：!！?？)）“”\"]|$)"
)
# Clause marks: full-width ones, and half-width commas and semicolons that are not inside a number.
_CLAUSE_MARK = re.compile(r"[，；。！？!?：:]|;|,(?!\d{3})")
_SENTENCE_MARK = re.compile(r"[。！？!?]")
# What a percentage or multiple measures: the clause before the number, less its opening connective.
_LEAD = re.compile(r"^(?:而|但|且|并|其中|其|此外|另外|同时|目前|如今|均|都|仅|约|近|超过|达到|已)+")
_RATIO_UNITS = ("%", "％", "倍")
MEASURE_MIN = 2
MEASURE_MAX = 24


def find_figures(article: Article, options: ExtractOptions) -> Article:
    """Every clause holding a number with a magnitude or a unit; years and dates are events."""
    figures: list[Figure] = []
    for index, block in enumerate(article.blocks):
        if block.kind == "heading":
            continue
        text = block.text
        simple = simplified_aligned(text, options.converters)
        named = [(m.start, m.player) for m in article.mentions if m.block == index]
        clauses = _spans(text, _CLAUSE_MARK)
        sentences = _spans(text, _SENTENCE_MARK)
        for number, (first, last) in enumerate(clauses):
            numbers = [m for m in _FIGURE.finditer(text, first, last) if _is_figure(text, m)]
            if not numbers:
                continue
            lead = numbers[0]
            mag, unit = lead.group("mag") or "", lead.group("unit") or ""
            value = float(lead.group("num").replace(",", "")) * _MAGNITUDE.get(
                mag.replace("萬億", "万亿"), 1.0
            )
            end = numbers[-1].end()
            thing = ""
            if unit not in _RATIO_UNITS:
                found = _THING.match(text[lead.end() : last])
                thing = found.group(0).strip() if found else ""
                if len(numbers) == 1:
                    end = lead.end() + (len(found.group(0).rstrip()) if found else 0)
            if not thing:
                thing = _measure(simple, text, clauses, number, lead)
            sentence = next(((a, b) for a, b in sentences if a <= first < b), (first, last))
            subject = next((p for at, p in named if first <= at < last), None) or _nearest(
                named, sentence, first
            )
            figures.append(
                Figure(
                    index,
                    lead.start(),
                    end,
                    text[lead.start() : end],
                    value,
                    mag + unit,
                    thing,
                    clause_start=first,
                    clause_end=last,
                    subject=subject,
                )
            )
    return replace(article, figures=tuple(figures))


def _nearest(named: list[tuple[int, str]], sentence: tuple[int, int], at: int) -> str | None:
    """The player the sentence names last before ``at`` (else first after): what the clause is about
    (seed 002: 微软投资的…OpenAI推出…ChatGPT，该大模型包含近1800亿个参数 is about OpenAI's model)."""
    before = [(position, p) for position, p in named if sentence[0] <= position < at]
    if before:
        return max(before)[1]
    return next((p for position, p in sorted(named) if at <= position < sentence[1]), None)


def _is_figure(text: str, match: re.Match[str]) -> bool:
    mag, unit = match.group("mag"), match.group("unit")
    if not mag and not unit:
        return False
    return bool(mag) or text[match.end() : match.end() + 1] not in "年月日号號"


def _spans(text: str, marks: re.Pattern[str]) -> list[tuple[int, int]]:
    """The stretches between marks (each ending with its mark), white space at the ends left out."""
    spans = []
    start = 0
    for mark in marks.finditer(text):
        spans.append((start, mark.end()))
        start = mark.end()
    if start < len(text):
        spans.append((start, len(text)))
    out = []
    for a, b in spans:
        start = a + len(text[a:b]) - len(text[a:b].lstrip())
        if start < b:
            out.append((start, b))
    return out


def _measure(simple: str, text: str, clauses: list[tuple[int, int]], number: int, lead: re.Match[str]) -> str:
    """What a number measures: the words before it in its clause; for ``11%的结果…`` the words after
    it; else the clause before (seed 003: ``活跃率低，均在20%以下``)."""
    first, last = clauses[number]
    before = _LEAD.sub("", simple[first : lead.start()].strip())
    if len(before) >= MEASURE_MIN:
        return _trim(text[first : lead.start()])
    if text.startswith("的", lead.end()):
        return _trim(text[lead.end() + 1 : last])
    if number > 0:
        a, b = clauses[number - 1]
        return _trim(text[a:b])
    return ""


def _trim(words: str) -> str:
    words = words.strip().rstrip("，,；;：:。")
    return words if len(words) <= MEASURE_MAX else "…" + words[-MEASURE_MAX:]
