"""The curator's sidecar YAML: strict validation, every error names the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import SidecarError
from builder.ingest import read_sidecar
from builder.sidecar import parse_sidecar

PATH = Path("seeds/x.yml")


def test_full_sidecar_is_read() -> None:
    sidecar = parse_sidecar(
        "title: 标题\ndate: 2023-10-17\nauthor: 刘旷\nsource: 界面新闻\nurl: https://example.com/a\n"
        "keep: [保留这行]\ndrop:\n  - 删掉这行\n",
        PATH,
    )
    assert sidecar.title == "标题"
    assert sidecar.date == "2023-10-17"
    assert sidecar.keep == ("保留这行",)
    assert sidecar.drop == ("删掉这行",)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("titel: 标题\n", "unknown key 'titel'"),
        ("date: 17/10/2023\n", "key 'date'"),
        ("date: 2023-02-30\n", "key 'date'"),
        ("title: [a, b]\n", "key 'title'"),
        ("keep: 3\n", "key 'keep'"),
        ("drop: [ok, 3]\n", "key 'drop', item 2"),
        ("url: example.com\n", "key 'url'"),
        ("- a\n- b\n", "expected a mapping"),
        ("title: !!python/object/apply:os.system [ls]\n", "invalid YAML"),
        ("title: [unclosed\n", "invalid YAML"),
    ],
)
def test_malformed_sidecars_name_the_problem(text: str, needle: str) -> None:
    with pytest.raises(SidecarError) as info:
        parse_sidecar(text, PATH)
    assert needle in str(info.value)
    assert str(PATH) in str(info.value)


def test_yaml_error_names_the_line() -> None:
    with pytest.raises(SidecarError) as info:
        parse_sidecar("title: ok\nauthor: [broken\n", PATH)
    assert info.value.line is not None


def test_sidecar_is_found_next_to_the_seed(tmp_path: Path) -> None:
    seed = tmp_path / "001_abc.txt"
    seed.write_text("正文", encoding="utf-8")
    assert read_sidecar(seed) is None
    (tmp_path / "001_abc.yml").write_text("title: 标题\n", encoding="utf-8")
    sidecar = read_sidecar(seed)
    assert sidecar is not None
    assert sidecar.title == "标题"
