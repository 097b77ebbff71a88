"""A large cold build builds the other editions in a forked process while the primary edition builds
(``builder.editions_runner.OtherEditionsApart``): the same site, byte for byte, as building them one after
the other; a state the next incremental publish builds on; and a build that still tells the truth when
that process dies or its build fails."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import builder.editions_runner
import builder.plugin
from builder.publish import BuildFailedError, build_atomically
from tests.sitecheck import copy_project
from tests.test_publish import NEW_PAGES, assert_same_site, full_build, tree

APART = "in a second process meanwhile"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the site whose builds count as large (the five seeds stand for a large digest)."""
    monkeypatch.setattr(builder.plugin, "PARALLEL_FROM", 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    folder = copy_project(tmp_path / "project")
    monkeypatch.chdir(folder)
    return folder


def _publish(project: Path, caplog: pytest.LogCaptureFixture, *, incremental: bool = True) -> str:
    """Publish in this process (the forked copy is this process's); what it logged."""
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_atomically(project / "mkdocs.yml", incremental=incremental)
    return caplog.text


def _in_the_copy(action: Callable[[], None], monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the forked copy (and only it) do ``action`` instead of building the other editions."""
    here = os.getpid()
    real = builder.editions_runner.build_other_editions

    def build_other_editions(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != here:
            action()
        return real(*args, **kwargs)

    monkeypatch.setattr(builder.editions_runner, "build_other_editions", build_other_editions)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_editions_built_apart_equal_editions_built_in_turn(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    said = _publish(project, caplog)
    assert APART in said and "(full build)" in said
    # The reference is `mkdocs build --strict` in a process of its own: five articles, one edition
    # after the other.
    assert_same_site(project / "site", tmp_path / "reference", "built apart")
    assert (project / "site" / "zh-Hant" / "index.html").is_file()

    # The state the forked copy handed back serves the next publish, which builds incrementally (its
    # other editions apart too), and the state that one hands back the next.
    seeds = project / "seeds"
    steps = [
        ("a seed edited", lambda: _edit(seeds / "001_df3a99dc514faa2e.txt", "算力", "计算能力")),
        ("two seeds added", lambda: [shutil.copy(p, seeds / f"new-{p.name}") for p in NEW_PAGES[:2]]),
        ("a seed removed", (seeds / "004_adf66b7354aa4ca2.txt").unlink),
    ]
    for label, change in steps:
        time.sleep(0.01)
        change()
        said = _publish(project, caplog)
        assert "(incremental)" in said and APART in said, label
        assert_same_site(project / "site", tmp_path / "reference", label)


def test_when_the_copy_dies_the_editions_are_built_here(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_the_copy(lambda: os._exit(3), monkeypatch)
    said = _publish(project, caplog)
    assert "the process building the other editions died; building them here" in said
    assert "(full build)" in said
    assert_same_site(project / "site", tmp_path / "reference", "built here after the copy died")


def test_a_failure_in_the_copy_fails_the_build_and_keeps_the_live_site(
    project: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    _publish(project, caplog)
    live = project / "site"
    before = tree(live)

    def fail() -> None:
        raise PluginError("the 繁體 edition cannot be built")

    _in_the_copy(fail, monkeypatch)
    with pytest.raises(BuildFailedError, match="is unchanged"):
        _publish(project, caplog, incremental=False)
    # Said as MkDocs says a plugin's error in its own build.
    assert "the 繁體 edition cannot be built" in caplog.text
    assert tree(live) == before
    leftovers = [p.name for p in (project / ".site.releases").iterdir() if p.name.startswith("building-")]
    assert leftovers == []


def test_a_plain_mkdocs_build_builds_them_apart_too(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # `mkdocs build` keeps no state between builds: the copy renders the shared pages itself.
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "apart"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.INFO):
        build(config)
    config.plugins.on_shutdown()
    assert APART in caplog.text
    assert tree(tmp_path / "apart") == full_build(project, tmp_path / "reference")
