"""The body finder's parts: the densest run, the comment zone, widening; datelines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.clean.body import close_comment_zone, densest_run, mark_list_items, widen_run
from builder.clean.chrome import chrome_reason, is_related_heading
from builder.clean.dates import find_date, is_dateline

weights = st.lists(st.floats(min_value=-50, max_value=50, allow_nan=False), max_size=40)


@given(weights)
def test_densest_run_is_the_best_contiguous_total(values: list[float]) -> None:
    best = max(
        (sum(values[i : j + 1]) for i in range(len(values)) for j in range(i, len(values))), default=0.0
    )
    span = densest_run(values)
    if best <= 0:
        assert span is None
    else:
        assert span is not None
        assert sum(values[span[0] : span[1] + 1]) == pytest.approx(best)


@given(weights, st.integers(min_value=-1, max_value=40))
def test_after_the_comment_zone_closes_nothing_counts_as_prose(values: list[float], dated_from: int) -> None:
    wall = -10_000.0
    closed = close_comment_zone([*values, wall, 80.0, 90.0], dated_from)
    if closed[-1] < 0:
        index = closed.index(wall)
        assert all(w <= -1.0 or w == wall for w in closed[index:])
    assert len(closed) == len(values) + 3


def test_a_comment_box_in_the_header_closes_nothing() -> None:
    # Header box, then the article: no prose before the box, so the article is still found.
    assert close_comment_zone([-5.0, -10_000.0, 60.0, 70.0], -1) == [-5.0, -10_000.0, 60.0, 70.0]


def test_a_headline_ticker_above_the_dateline_closes_nothing() -> None:
    # Xinhua: a 100-character ticker, the dateline (index 1), a `评论` button, then the article.
    assert close_comment_zone([101.0, -15.0, -10_000.0, 50.0, 120.0], 1)[-1] == 120.0


def test_widening_takes_a_lede_across_a_photo_credit() -> None:
    # CNA: lede in two lines, photo credit, dateline caption, the body.
    assert widen_run([-7.0, 4.6, 6.2, -5.2, -7.8, 39.4, -8.0], (5, 5)) == (1, 5)


def test_a_teaser_followed_by_its_timestamp_costs() -> None:
    assert mark_list_items([20.0, -15.0, 30.0]) == [-4.0, -15.0, 30.0]
    # A paragraph dated underneath (Toutiao) is not a teaser.
    assert mark_list_items([94.0, -15.0]) == [94.0, -15.0]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("2019-09-23 07:48", "2019-09-23"),
        ("金融市场棱镜2019-09-23 07:48", "2019-09-23"),
        ("15:312018/09/16", "2018-09-16"),
        ("最新更新：2016/03/19 10:48", "2016-03-19"),
        ("发表于2014-08-24 21:30|", "2014-08-24"),
        ("2023年5月10日", "2023-05-10"),
        ("2019年06月15日08:18 来源：人民网-文化频道", "2019-06-15"),
        ("2019.09.25", "2019-09-25"),
        ("2019-09-3007:42", "2019-09-30"),
        ("2023-02-30", None),
        ("发布时间：09-3022:46", None),
        (
            "据报道，2019年9月23日，某公司在北京发布了新一代大模型，并宣布将在年内向所有开发者开放"
            "调用接口，价格比上一代下降九成。",
            None,
        ),
    ],
)
def test_dates_in_the_forms_pages_print(line: str, date: str | None) -> None:
    assert find_date(line) == date


def test_a_yearless_dateline_still_marks_the_header() -> None:
    assert is_dateline("发布时间：09-3022:46优质原创作者")
    assert is_dateline("05月10日 10:08")
    assert not is_dateline("大模型价格战：谁在降价")


@pytest.mark.parametrize(
    "line",
    [
        "标签：长春 景甜 长春市 疫情 新经济 晚会",
        "[责任编辑：刘斌]",
        "上一篇：2019年中国产业政策与发展地理学术研讨会",
        "【下一篇】",
        "此前报道：港媒曝陈同佳出狱前首受访",
        "特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。",
    ],
)
def test_furniture_at_the_end_of_held_out_pages_is_chrome(line: str) -> None:
    assert chrome_reason(line, line) is not None


@pytest.mark.parametrize(
    "line", ["相关报道显示，该公司将于下月发布新模型。", "此前报道称，该公司的大模型已经开放调用。"]
)
def test_a_sentence_that_starts_like_a_heading_is_article_text(line: str) -> None:
    assert chrome_reason(line, line) is None
    assert not is_related_heading(line)
