"""`python -m builder pages` and the writer behind it: write aside, swap, never clobber a person's folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builder.writer import MARKER, text_hash, write_files, write_generated
from tests.conftest import ROOT


def test_writes_exactly_the_files_and_replaces_a_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_generated({"a.md": "# A\n", "sub/b.md": "# B\n"}, out)
    write_generated({"c.md": "# C\n"}, out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [MARKER, "c.md"]
    assert not list(tmp_path.glob(".generated-*"))


@pytest.mark.parametrize("served", [True, False])
def test_output_files_are_replaced_never_written_into(tmp_path: Path, served: bool) -> None:
    # A search file may be shared with the live release (a hard link) or being sent by a preview's
    # server: it is replaced (in one rename where it is served), the other name keeps the old text,
    # nothing is left aside.
    out = tmp_path / "search"
    write_files({"s/0.json": "old", "d/0.json": "same"}, out)
    shared = tmp_path / "live-0.json"
    shared.hardlink_to(out / "s" / "0.json")
    previous = {"s/0.json": text_hash("old"), "d/0.json": text_hash("same")}
    write_files({"s/0.json": "new", "d/0.json": "same"}, out, previous, served=served)
    assert (out / "s" / "0.json").read_text() == "new"
    assert shared.read_text() == "old"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["d", "d/0.json", "s", "s/0.json"]


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "handwritten.md").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_generated({"a.md": "x"}, out)
    assert (out / "handwritten.md").read_text(encoding="utf-8") == "mine"


def test_pages_command_writes_the_digest(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    result = subprocess.run(
        [sys.executable, "-m", "builder", "pages", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "index.md").is_file() and (out / "digest.json").is_file()
    page = (out / "articles" / "004_adf66b7354aa4ca2.md").read_text(encoding="utf-8")
    # The description is the article's summary: sentences of its own text.
    description = page.split('description: "', 1)[1].split('"\n---\n', 1)[0]
    assert page.startswith('---\ndescription: "') and description
    data = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    entry = next(a for a in data["articles"] if a["id"] == "004_adf66b7354aa4ca2")
    assert description == entry["summary"]["text"]  # the same summary wherever it is shown
    assert "\n# 玩瘋了的 ChatGPT 不止 AIGC" in page  # the title, typeset
