"""``python -m builder clean`` as a curator runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS


def run_clean(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder", "clean", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_clean_prints_the_article_as_json() -> None:
    result = run_clean(SEEDS / "004_adf66b7354aa4ca2.txt")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"title", "date", "author", "source", "script", "blocks", "removed", "flags"}
    assert data["date"] == "2022-12-20"
    assert data["script"] == "hant"
    assert {b["kind"] for b in data["blocks"]} == {"heading", "paragraph"}
    assert all({"line", "text", "reason"} <= set(r) for r in data["removed"])
    assert all({"kind", "block", "text"} <= set(f) for f in data["flags"])


def test_bad_input_exits_non_zero_with_one_line_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 8)
    result = run_clean(path)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0]
    assert "Traceback" not in result.stderr


def test_malformed_sidecar_names_the_key(tmp_path: Path) -> None:
    seed = tmp_path / "a.txt"
    seed.write_text(
        "正文内容，这是一段足够长的正文，用来测试命令行的错误输出是否清楚明白。\n", encoding="utf-8"
    )
    (tmp_path / "a.yml").write_text("auther: 某人\n", encoding="utf-8")
    result = run_clean(seed)
    assert result.returncode != 0
    assert "unknown key 'auther'" in result.stderr
    assert "a.yml" in result.stderr


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run_clean(tmp_path / "nope.txt")
    assert result.returncode != 0
    assert "nope.txt" in result.stderr
    assert "Traceback" not in result.stderr
