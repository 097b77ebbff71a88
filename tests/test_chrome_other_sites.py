"""Chrome shapes from sites the seeds do not come from: mainland, Taiwan and Hong Kong layouts.

These are not saved pages: each is a few lines written to the shape those sites scrape to, a unit
test of the wording and shape rules (trafilatura's must-contain / must-not-contain style). Quality
is measured on real saved pages in ``tests/realworld/`` (``tests/test_realworld.py``).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from builder.model import Article

SINA = """新浪首页 新闻 体育 财经 娱乐 科技
登录
注册
科技 > 人工智能
百度发布文心大模型4.0 称综合能力不逊于GPT-4
2023年10月17日 14:32 新浪科技
分享到：
微博 | 微信 | QQ空间
新浪科技讯 10月17日下午消息，百度今日在北京举行百度世界2023大会，发布了文心大模型4.0版本。百度创始人李彦宏表示，文心大模型4.0的综合能力“与GPT-4相比毫不逊色”。
李彦宏介绍，文心大模型4.0在理解、生成、逻辑和记忆四大能力上都有明显提升，其中逻辑能力的提升幅度达到记忆能力的近3倍。
截至目前，文心一言的用户规模已达4500万，开发者5.4万，场景4300个，应用825个。
（图片来源：百度）
责任编辑：张三
相关阅读
百度股价盘中上涨
文心一言全面开放
扫描二维码下载新浪新闻客户端
Copyright © 1996-2023 SINA Corporation, All Rights Reserved
京ICP证000007号
"""

CNA = """首頁 > 科技 > AI
輝達財報亮眼 AI晶片需求強勁
2024/05/23 08:15
（中央社記者張三舊金山22日專電）輝達今天公布第一季財報，營收達260億美元，年增262%，主要受惠於資料中心對AI晶片的強勁需求。
執行長黃仁勳表示，下一波產業革命已經開始，企業和各國正與輝達合作，將傳統資料中心轉向加速運算。
分析師指出，美國對中國的晶片出口管制，使輝達在中國市場的營收比重明顯下降。
延伸閱讀
台積電法說會釋利多
AI伺服器出貨看增
訂閱電子報
加入LINE好友
本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。
© 2024 中央通訊社 版權所有
"""

HK01 = """【大模型】阿里雲發布通義千問2.5 稱性能追平GPT-4 Turbo
撰文：李四
發佈日期：2024-05-09 16:30
阿里雲周四在北京舉行發布會，推出通義千問2.5版本，並表示其中文能力在多個評測中追平GPT-4 Turbo。
阿里雲表示，通義千問開源模型的下載量已超過700萬次，並將繼續降低API價格，吸引更多開發者。
了解更多
立即下載香港01 App
分享：
Facebook
WhatsApp
相關文章
最新消息
"""

KR36 = """文 | 王五
编辑 | 赵六
来源：36氪
大模型价格战：字节跳动把价格打到“厘”时代
5月15日，字节跳动旗下火山引擎发布豆包大模型，主力模型在企业市场的定价为0.0008元/千Tokens，比行业便宜99.3%。
随后，阿里云宣布通义千问GPT-4级主力模型Qwen-Long的API输入价格降至0.0005元/千Tokens，降幅97%。
百度智能云则宣布文心大模型两款主力模型全面免费。
本文由「36氪」原创出品，转载请联系授权。
点击“阅读原文”查看更多
长按识别二维码关注我们
"""

PAGES = {
    "sina": (
        SINA,
        {"title": "百度发布文心大模型4.0 称综合能力不逊于GPT-4", "date": "2023-10-17", "source": "新浪科技"},
        ["新浪科技讯 10月17日下午消息", "四大能力上都有明显提升", "应用825个。"],
        [
            "新浪首页",
            "登录",
            "人工智能",
            "分享到",
            "QQ空间",
            "图片来源",
            "责任编辑",
            "相关阅读",
            "百度股价",
            "二维码",
            "Copyright",
            "ICP",
        ],
    ),
    "cna": (
        CNA,
        {"title": "輝達財報亮眼 AI晶片需求強勁", "date": "2024-05-23"},
        ["（中央社記者張三舊金山22日專電）", "加速運算。", "明顯下降。"],
        ["首頁", "延伸閱讀", "台積電法說會", "伺服器出貨", "訂閱電子報", "LINE", "非經授權", "版權所有"],
    ),
    "hk01": (
        HK01,
        {
            "title": "【大模型】阿里雲發布通義千問2.5 稱性能追平GPT-4 Turbo",
            "date": "2024-05-09",
            "author": "李四",
        },
        ["阿里雲周四在北京舉行發布會", "吸引更多開發者。"],
        ["撰文", "發佈日期", "了解更多", "立即下載", "分享", "Facebook", "WhatsApp", "相關文章", "最新消息"],
    ),
    "36kr": (
        KR36,
        {"title": "大模型价格战：字节跳动把价格打到“厘”时代", "author": "王五", "source": "36氪"},
        ["火山引擎发布豆包大模型", "降幅97%。", "百度智能云则宣布文心大模型两款主力模型全面免费。"],
        ["王五", "赵六", "来源", "原创出品", "阅读原文", "二维码"],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_other_sites_chrome_is_dropped_and_body_kept(name: str, clean: Callable[..., Article]) -> None:
    text, metadata, must_contain, must_not_contain = PAGES[name]
    article = clean(text)
    body = "\n".join(b.text for b in article.blocks)
    for snippet in must_contain:
        assert snippet in body, snippet
    for snippet in must_not_contain:
        assert snippet not in body, snippet
    for key, value in metadata.items():
        assert getattr(article.metadata, key) == value, key
    assert all(b.kind == "paragraph" for b in article.blocks)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_dropped_line_has_a_reason(name: str, clean: Callable[..., Article]) -> None:
    text = PAGES[name][0]
    article = clean(text)
    lines = [n for n, ln in enumerate(text.split("\n"), start=1) if ln.strip()]
    accounted = {b.line for b in article.blocks} | {r.line for r in article.removed}
    assert set(lines) <= accounted
    assert all(r.reason for r in article.removed)
