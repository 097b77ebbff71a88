"""Each cleaning step on its own, on small hand-made inputs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from builder.clean.damage import damage_score, find_damage
from builder.clean.pinyin import strip_pinyin_text
from builder.clean.repair import decode_shifted_gbk
from builder.clean.structure import is_heading
from builder.model import Article, Sidecar

# ---- pinyin -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("對(duì)所有", "對所有"),
        ("擂臺(tái)", "擂臺"),
        ("來(lái)說(shuō)", "來說"),
        ("?shù)據", "?據"),  # seed 001: the annotated character was lost with its `(`
    ],
)
def test_pinyin_annotations_are_stripped(raw: str, clean: str) -> None:
    assert strip_pinyin_text(raw)[0] == clean


@pytest.mark.parametrize(
    "text",
    [
        "AIGC(AI Generated Content)的故事",
        "Foundation Model(基礎模型)",
        "“Mixture of experts”(多專家模型)",
        "英伟达中低性能产品(如英伟达A10)",
        "to P(专业生产者)场景",
        "模型(de)",  # toneless syllable without evidence of an annotator on the page
        "參數(2457億)",
    ],
)
def test_real_parentheses_are_kept(text: str) -> None:
    assert strip_pinyin_text(text)[0] == text


def test_toneless_syllables_go_once_the_page_shows_an_annotator() -> None:
    assert strip_pinyin_text("我們(men)", allow_toneless=True)[0] == "我們"
    assert strip_pinyin_text("自O(shè)penAI", allow_toneless=True)[0] == "自OpenAI"
    assert strip_pinyin_text("自O(shè)penAI", allow_toneless=False)[0] == "自O(shè)penAI"


# ---- damage and repair --------------------------------------------------------------------


def test_censored_span_is_flagged() -> None:
    assert [(d.kind, d.start, d.end) for d in find_damage("華為 *** 、騰訊")] == [("censored", 3, 6)]


def test_lost_character_question_mark_is_flagged_but_real_questions_are_not() -> None:
    assert [d.kind for d in find_damage("根據脈脈發布的《AIGC?才趨勢報告》")] == ["lost"]
    assert find_damage("是不是就沒了活路?非也。") == []
    assert find_damage("那么AI大模型是什么?") == []
    assert find_damage("或成為下一個增長大爆發?") == []


def test_runs_of_question_marks_are_lost_characters() -> None:
    damage = find_damage("工具的復利???????")
    assert [(d.kind, d.end - d.start) for d in damage] == [("lost", 7)]


def test_private_use_and_odd_symbols_are_mojibake() -> None:
    damage = find_damage("可以讓落地變得更容易?;ヂ?網大廠分別")
    assert [(d.kind, "可以讓落地變得更容易?;ヂ?網大廠分別"[d.start : d.end]) for d in damage] == [
        ("mojibake", "?;ヂ?")
    ]
    assert damage_score("異?;钴S。") > damage_score("異常活躍。") == 0


def test_clean_text_has_no_damage() -> None:
    assert find_damage("ChatGPT月活超1亿，成为全球迄今为止最快达到1亿MAU的应用。") == []
    assert find_damage("第⑴章的内容") != []  # an odd symbol is flagged ...
    assert decode_shifted_gbk("⑴") is None  # ... but never "repaired" from one character


def test_shifted_gbk_is_decoded_only_when_certain() -> None:
    assert decode_shifted_gbk(";\ue1d6⑼ㄓ媚芰Φ墓ぞ卟拍艿靡粤餍") == "化、通用能力的工具才能得以流"
    # Seed 001's runs went through a Traditional conversion after the damage: no certain decode.
    assert decode_shifted_gbk("榇竽P偷纳\ue302商峁┳銐虻臄") is None
    assert decode_shifted_gbk("?;ヂ?") is None  # a byte is already lost


def test_a_repair_is_declared_with_the_original(clean: Callable[..., Article]) -> None:
    text = "工具或產品的本質目的,只有具備遍及性、普惠性、規;\ue1d6⑼ㄓ媚芰Φ墓ぞ卟拍艿靡粤餍,開啟一個時代。"
    article = clean(text, read_metadata=False)
    [flag] = article.flags
    assert flag.kind == "repaired"
    assert flag.text == "化、通用能力的工具才能得以流"
    assert "⑼ㄓ媚芰Φ" in flag.note
    assert article.blocks[0].text == text.replace(";\ue1d6⑼ㄓ媚芰Φ墓ぞ卟拍艿靡粤餍", flag.text)


# ---- repeated body ------------------------------------------------------------------------

BODY = [
    "大模型无疑是一场艰苦的马拉松竞赛，对所有参与的玩家来说都是如此，没有捷径可走。",
    "互联网大厂资源傍身",
    "百度和阿里先后上线了各自的大规模语言模型，腾讯、网易、京东也相继公开了自家的大模型产品。",
    "科技公司的身影也异常活跃。商汤科技宣布推出了日日新大模型体系，科大讯飞也发布了星火大模型。",
]


def test_a_repeated_body_is_kept_once(clean: Callable[..., Article]) -> None:
    text = "\n".join([*BODY, "评论", "暂无评论", *BODY])
    article = clean(text, read_metadata=False)
    assert [b.text for b in article.blocks] == BODY
    assert sum(r.reason.startswith("repeated body") for r in article.removed) == len(BODY)


def test_the_cleaner_copy_of_a_paragraph_wins(clean: Callable[..., Article]) -> None:
    damaged = [*BODY]
    damaged[3] = damaged[3].replace("异常活跃。", "异?;钴S。")
    article = clean("\n".join([*damaged, *BODY]), read_metadata=False)
    assert [b.text for b in article.blocks] == BODY
    assert any("damaged copy" in r.reason for r in article.removed)


def test_a_repeated_sentence_is_not_a_repeated_body(clean: Callable[..., Article]) -> None:
    text = "\n".join([BODY[0], BODY[2], BODY[3], BODY[0]])
    assert len(clean(text, read_metadata=False).blocks) == 4


# ---- structure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("大小巨頭搶跑GPT,不止于算力", True),
        ("三類廠商成受益者??????????", True),
        ("ChatGPT引爆“百模大战”", True),
        ("考验的核心就在于大模型的落地能力。", False),
        ("那么AI大模型是什么?", False),
        ("他总结到:", False),
    ],
)
def test_headings(text: str, heading: bool) -> None:
    assert is_heading(text) is heading


def test_lede_is_what_stands_before_the_byline(clean: Callable[..., Article]) -> None:
    text = "\n".join(
        ["新的擂台", "对所有参与的玩家来说，大模型无疑是一场艰苦的马拉松竞赛。", "文|刘旷", *BODY]
    )
    article = clean(text)
    assert article.metadata.title == "新的擂台"
    assert article.metadata.author == "刘旷"
    assert [b.kind for b in article.blocks[:3]] == ["lede", "paragraph", "heading"]


# ---- sidecar overrides --------------------------------------------------------------------


def test_sidecar_overrides_metadata_and_forces_lines(clean: Callable[..., Article]) -> None:
    text = "\n".join(["原标题:旧标题", *BODY, "本文为转载内容，授权事宜请联系原著作权人。"])
    sidecar = Sidecar(
        title="新标题",
        date="2023-10-17",
        url="https://example.com/a",
        keep=("本文为转载",),
        drop=("互联网大厂",),
    )
    article = clean(text, sidecar=sidecar)
    assert article.metadata.title == "新标题"
    assert article.metadata.date == "2023-10-17"
    texts = [b.text for b in article.blocks]
    assert "互联网大厂资源傍身" not in texts
    assert texts[-1].startswith("本文为转载")
    assert any(r.reason == "curator: drop" for r in article.removed)
