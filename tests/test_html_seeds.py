"""HTML seeds: read as pages, never run; metadata from the markup, disagreements reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.__main__ import cli
from builder.digest import build_digest
from builder.extract.options import ExtractOptions
from builder.script import Converters
from tests.realworld.scoring import HERE

PAGE = """<!DOCTYPE html><html><head><meta charset="gbk">
<title>大模型价格战打响 - 某科技网</title>
<meta property="og:title" content="大模型价格战打响">
<meta property="article:published_time" content="2024-05-15T10:00:00+08:00">
<script>document.write('<p>脚本写出的文字不应出现在文章里，因为页面从不运行。</p>')</script>
<style>p { color: red }</style></head>
<body><nav><a href="/">首页</a> <a href="/tech">科技</a> <a href="/ai">人工智能</a></nav>
<h1>大模型价格战打响</h1><div class="meta">2024-05-16 09:00 来源：某科技网</div>
<p>五月中旬，多家厂商相继宣布下调大模型的调用价格，其中一家把主力模型的价格降到了每千个词元不到一厘钱的水平。</p>
<p>业内人士认为，价格战会让更多中小企业用得起大模型，但也会压缩创业公司的利润空间，行业洗牌可能由此加速。</p>
<p onclick="alert(1)">分析师指出，这一轮降价的背后是推理成本的快速下降，以及各家争夺开发者生态的迫切需要。</p>
<div class="comments"><p>网友甲 3小时前</p><p>降价是好事，希望服务质量不要跟着下降，不然用户还是会流失的，大家说是不是这样？</p><p>回复</p></div>
<footer>Copyright 2024 某科技网 版权所有</footer></body></html>
"""


def test_an_html_seed_is_cleaned_from_its_markup(tmp_path: Path) -> None:
    seed = tmp_path / "page.html"
    seed.write_bytes(PAGE.encode("gbk"))
    result = CliRunner().invoke(cli, ["clean", str(seed)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "大模型价格战打响"
    assert data["encoding"] == "gb18030"
    texts = [b["text"] for b in data["blocks"]]
    assert len(texts) == 3 and texts[0].startswith("五月中旬") and texts[2].startswith("分析师指出")
    assert not any("脚本" in t or "网友" in t or "降价是好事" in t or "Copyright" in t for t in texts)
    # The markup says 15 May, the dateline a reader sees 16 May: the dateline wins, the report says so.
    assert data["date"] == "2024-05-16"
    assert any(note.startswith("date: the text's '2024-05-16' won") for note in data["notes"])


def test_a_page_without_article_text_is_a_clear_error(tmp_path: Path) -> None:
    seed = tmp_path / "empty.html"
    seed.write_text("<html><body><script>var a = 1;</script><nav>首页</nav></body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", str(seed)])
    assert result.exit_code == 2
    assert "empty.html" in result.output and "no article text" in result.output


def test_a_gb2312_corpus_page_decodes_by_its_meta_charset() -> None:
    # People's Daily declares GB2312 and uses characters outside it: read as GB18030, no mojibake.
    result = CliRunner().invoke(cli, ["clean", str(HERE / "html" / "people-zheng-banqiao.html")])
    data = json.loads(result.output)
    assert data["title"] == "女儿出嫁，郑板桥画了几笔兰花当嫁妆"
    assert not [f for f in data["flags"] if f["kind"] == "mojibake"]


def test_html_seeds_build_beside_text_seeds(
    tmp_path: Path, converters: Converters, extract_options: ExtractOptions
) -> None:
    """A saved page and a broken one in seeds/: the page becomes an article, the broken one is skipped."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(HERE / "html" / "ednchina-ali-chip.html", seeds / "ali.html")
    (seeds / "ali.yml").write_text(
        "url: https://www.ednchina.com/news/ali.html\nfetched: 2026-11-23\n", encoding="utf-8"
    )
    (seeds / "broken.htm").write_text("<html><body><nav>首页</nav></body></html>", encoding="utf-8")
    digest = build_digest(seeds, extract_options.taxonomy, converters, extract_options)
    (article,) = digest.articles
    assert article.metadata.title == "阿里发布最强AI芯片：性能“吊打”同行，一块顶十块GPU"
    assert article.metadata.url == "https://www.ednchina.com/news/ali.html"
    assert any(m.player for m in article.mentions)
    assert [s.path.name for s in digest.skipped] == ["broken.htm"]


TAIWAN_PAGE = """<html><head>{meta}<title>輝達財報亮眼 AI晶片需求強勁</title></head><body>
<h1>輝達財報亮眼 AI晶片需求強勁</h1><p>2024/05/23 08:15</p>
<p>輝達今天公布第一季財報，營收達到兩百六十億美元，年增超過兩倍，主要受惠於資料中心對人工智慧晶片的強勁需求。</p>
<p>執行長黃仁勳表示，下一波產業革命已經開始，企業和各國正與輝達合作，將傳統資料中心轉向加速運算。</p>
</body></html>"""


@pytest.mark.parametrize(
    ("encoding", "meta"),
    [
        ("big5", '<meta charset="big5">'),
        ("big5", ""),
        ("gb18030", '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'),
    ],
)
def test_legacy_encodings_are_read_with_or_without_a_declaration(
    tmp_path: Path, encoding: str, meta: str
) -> None:
    seed = tmp_path / "page.htm"
    seed.write_bytes(TAIWAN_PAGE.format(meta=meta).encode(encoding))
    data = json.loads(CliRunner().invoke(cli, ["clean", str(seed)]).output)
    assert data["title"] == "輝達財報亮眼 AI晶片需求強勁"
    assert data["date"] == "2024-05-23"
    assert [b["text"][:4] for b in data["blocks"]] == ["輝達今天", "執行長黃"]
    assert not data["flags"]
