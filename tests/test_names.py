"""Author and source from the header band and the lead, in the forms the corpus' pages print them."""

from __future__ import annotations

import pytest

from builder.clean.names import Names, read_names


@pytest.mark.parametrize(
    ("header", "lead", "names"),
    [
        (["2019年09月11日01:53 新浪科技 我有话说(1307人参与)"], [], Names(None, "新浪科技")),
        (["华夏人文 2020-03-09 18:14:21"], [], Names(None, "华夏人文")),
        (["2019-03-18 23:59聯合報 記者陳嘉寧／桃園機場報導"], [], Names("陳嘉寧", "聯合報")),
        (["澎湃新闻记者 贺梨萍", "2020-06-06 10:08"], [], Names("贺梨萍", "澎湃新闻")),
        (["石佳/中国青年报", "2019-09-24 09:10"], [], Names("石佳", "中国青年报")),
        (["2019-12-10 07:57:40", "来源：", "新华网"], [], Names(None, "新华网")),
        (["IT之家", "发布时间：09-3022:46"], [], Names(None, "IT之家")),
        (["2019-09-07 04:04", "北京日报"], [], Names(None, "北京日报")),
        (["发表于2014-08-24 21:30|", "作者魏星"], [], Names("魏星", None)),
        ([], ["新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工。"], Names("唐霁", "新华社")),
        ([], ["新京报讯（记者 陆一夫）11月25日，亚马逊中国宣布。"], Names("陆一夫", "新京报")),
        (
            [],
            ["桃園市平鎮區一家輪胎行19日清晨發生大火", "（中央社記者邱俊欽桃園19日電）桃園市平鎮區"],
            Names("邱俊欽", "中央社"),
        ),
        ([], ["划重点：", "《棱镜》作者 周纯"], Names("周纯", None)),
    ],
)
def test_names_as_pages_print_them(header: list[str], lead: list[str], names: Names) -> None:
    assert read_names(header, lead) == names


@pytest.mark.parametrize(
    "header",
    [["社會中心／綜合報導"], ["尚餘0篇"], ["发表于2014-08-24 21:30|"], ["用LINE傳送"], ["调整字体"]],
)
def test_desks_counters_labels_and_buttons_are_not_names(header: list[str]) -> None:
    assert read_names(header, []) == Names(None, None)
