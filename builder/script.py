"""Script handling with OpenCC: converters built once and passed in, and script detection."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

import opencc

from builder.clean.textshape import han_characters
from builder.model import Article, Prose, Script


@dataclass(frozen=True)
class Converters:
    """The OpenCC converters a build needs; built once by ``make_converters``."""

    t2s: opencc.OpenCC
    s2t: opencc.OpenCC
    # Han character -> the script it belongs to ("hant", "hans", or "" for both), as worked out.
    scripts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __reduce__(self) -> tuple[object, tuple[()]]:
        """Rebuilt, not copied, in worker processes (OpenCC objects cannot be pickled)."""
        return (make_converters, ())

    def simplified(self, text: str) -> str:
        """The text in Simplified script, for matching patterns written once."""
        return str(self.t2s.convert(text))


def make_converters() -> Converters:
    """Build the OpenCC converters (loading their dictionaries takes a moment: do it once)."""
    return Converters(t2s=opencc.OpenCC("t2s"), s2t=opencc.OpenCC("s2t"))


def detect_script(article: Article, converters: Converters) -> Article:
    """Mark the article ``hant`` or ``hans`` by which script's own characters it uses more."""
    counts: Counter[str] = Counter()
    for block in article.blocks:
        counts.update(han_characters(block.text))
    scripts = converters.scripts
    new = sorted(ch for ch in counts if ch not in scripts)
    if new:
        simplified = _each_converted(new, converters.t2s)
        traditional = _each_converted(new, converters.s2t)
        for ch, simple, traditional_form in zip(new, simplified, traditional, strict=True):
            scripts[ch] = "hant" if simple != ch else "hans" if traditional_form != ch else ""
    own = Counter({"hant": 0, "hans": 0})
    for ch, n in counts.items():
        own[scripts[ch]] += n
    script: Script = "hant" if own["hant"] > own["hans"] else "hans"
    return replace(article, script=script)


def _each_converted(characters: list[str], converter: opencc.OpenCC) -> list[str]:
    """Each character converted on its own, in one OpenCC call (no phrase spans a line break)."""
    converted = str(converter.convert("\n".join(characters))).split("\n")
    if len(converted) != len(characters):
        return [str(converter.convert(ch)) for ch in characters]
    return converted


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words that give away where Traditional-script prose was written: Taiwan's words for things the
# mainland names otherwise (軟體 / 軟件), names only Taiwan writing uses (北市, 健保, 中央社) and
# Taiwan's cities with 市, as its local news names them; Hong Kong's written Cantonese and
# institutions; mainland words as they look in Traditional characters. Bare place names are left out
# (mainland news writes 台湾 and 香港 too), and so is 國人 (it is inside 中國人). A text too short to
# tell stays mainland prose, whose Simplified edition only changes characters: the safe side.
# Measured on the Taiwan, Hong Kong and mainland pages of tests/realworld (tests/test_regional.py).
_TAIWAN_WORDS = _words(
    "軟體 硬體 網路 資訊 影片 晶片 透過 程式 品質 智慧型 數位 伺服器 演算法 使用者 螢幕 雲端 部落格 行銷 "
    "營運 新創 臉書 立法院 行政院 立委 總統府 捷運 計程車 超商 健保 新台幣 縣市 鄉鎮 北市 新北 輝達 "
    "台北市 臺北市 新北市 桃園市 台中市 臺中市 台南市 臺南市 高雄市 中央社 員警 相驗 送醫 卅"
)
_HONGKONG_WORDS = _words(
    "港府 特首 立法會 港元 港幣 九龍 新界 港島 港鐵 區議會 嘅 咗 唔係 冇 喺 佢 睇 搵 啲 呢個"
)
_MAINLAND_WORDS = _words(
    "軟件 硬件 網絡 信息 視頻 芯片 質量 智能 數字化 互聯網 服務器 算法 數據 用戶 屏幕 博客 營銷 運營 初創 "
    "萬億 人民幣 國務院 自治區 央視 新華社 黨中央 大廠 高校 英偉達"
)


def detect_prose(article: Article, said: Prose | None = None) -> Article:
    """Mark an article in Traditional script as Taiwan, Hong Kong or mainland prose, by the words it
    uses unless the curator ``said`` which (Simplified articles are mainland prose and get no mark)."""
    if article.script != "hant":
        return article
    if said is not None:
        return replace(article, prose=said)
    text = "\n".join(block.text for block in article.blocks)
    taiwan, hongkong, mainland = (
        sum(text.count(w) for w in words) for words in (_TAIWAN_WORDS, _HONGKONG_WORDS, _MAINLAND_WORDS)
    )
    prose: Prose = "mainland"
    if hongkong >= 2 and hongkong >= taiwan and hongkong > mainland:
        prose = "hongkong"
    elif taiwan >= 2 and taiwan > mainland:
        prose = "taiwan"
    return replace(article, prose=prose)
