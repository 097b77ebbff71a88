"""Publishing (`python -m builder build`): incremental output equal byte for byte to a full build, one
build at a time, and a `site/` that is always a complete release, old or new, whatever happens."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from builder.publish import (
    BuildFailedError,
    _refuse_written_in_place,
    build_atomically,
    build_fingerprint,
    copy_release,
    release_copy,
)
from builder.published import read_record
from builder.search import INDEX_DIR
from tests.conftest import ROOT
from tests.sitecheck import build_site, copy_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
# Real pages from other sites (tests/realworld/), as new seeds a curator adds.
NEW_PAGES = sorted((ROOT / "tests" / "realworld" / "text").glob("*.txt"))


def publish(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder", "build", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


def start_publish(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "builder", "build", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        start_new_session=True,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def full_build(project: Path, out: Path) -> dict[str, bytes]:
    """A cold build of the project: without its cache either, where a wrong entry a publish wrote would
    be read back and the reference be as wrong as the publish."""
    if out.exists():
        shutil.rmtree(out)
    cache, aside = project / ".cache", project.parent / f".{project.name}-cache-aside"
    if cache.exists():
        cache.rename(aside)
    try:
        result = build_site(project, out, {"SOURCE_DATE_EPOCH": "1700000000"})
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if aside.exists():
            aside.rename(cache)
    assert result.returncode == 0, result.stderr[-2000:]
    return tree(out)


def assert_same_site(published: Path, reference: Path, label: str = "") -> None:
    got, want = tree(published), full_build(published.parent, reference)
    assert sorted(got) == sorted(want), label
    assert [name for name in want if got[name] != want[name]] == [], label
    assert folders(published) == folders(reference), label


def test_an_incremental_publish_equals_a_full_build_after_every_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    seeds = project / "seeds"
    site, reference = project / "site", tmp_path / "reference"
    # A hand-written file MkDocs copies as it is, named as a page's output is.
    (project / "docs" / "raw").mkdir()
    (project / "docs" / "raw" / "index.html").write_text("<p>原样</p>\n", encoding="utf-8")
    first = publish(project)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "(full build)" in first.stderr

    steps = [
        ("a seed edited", lambda: _edit(seeds / "001_df3a99dc514faa2e.txt", "算力", "计算能力")),
        ("three seeds added", lambda: [shutil.copy(p, seeds / f"new-{p.name}") for p in NEW_PAGES[:3]]),
        ("a seed removed", (seeds / "004_adf66b7354aa4ca2.txt").unlink),
        (
            "a sidecar added",
            lambda: (seeds / "002_73da3ebac38cb5ad.yml").write_text("title: 策展人改的标题\n"),
        ),
        (
            "a hand-written page edited",
            lambda: _edit(project / "docs" / "about.md", "\n", "\n\n补充一句。\n", 1),
        ),
        (
            "a copied index.html edited",
            lambda: (project / "docs" / "raw" / "index.html").write_text("<p>改过</p>\n", encoding="utf-8"),
        ),
        ("nothing changed", lambda: None),
    ]
    for label, change in steps:
        live = site.resolve()
        before = tree(live)
        time.sleep(0.01)  # a new modification time for what the step writes
        change()
        result = publish(project)
        assert result.returncode == 0, (label, result.stderr[-2000:])
        assert "(incremental)" in result.stderr, label
        assert_same_site(site, reference, label)
        # The new release shares most of its files with the one that was live (copy_release), which
        # is left exactly as it was: a server may still be sending it.
        assert tree(live) == before, label
        assert sum(p.stat().st_nlink > 1 for p in site.resolve().rglob("index.html")) > 10, label

    # The taxonomy is in every page's fingerprint: a changed entry means a full build, equal too.
    _edit(project / "taxonomy.yml", "aliases: [", "aliases: [测试别名, ", 1)
    result = publish(project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "(full build)" in result.stderr
    assert_same_site(site, reference)


def test_a_file_shared_with_the_live_release_and_written_in_place_fails_the_build(tmp_path: Path) -> None:
    live, staging = tmp_path / "live", tmp_path / "staging"
    (live / "articles" / "a").mkdir(parents=True)
    (live / "articles" / "a" / "index.html").write_text("<p>旧</p>")
    (live / "404.html").write_text("<p>404</p>")
    staging.mkdir()
    copy_release(live, staging)
    assert (staging / "articles" / "a" / "index.html").stat().st_nlink == 2  # shared
    assert (staging / "404.html").stat().st_nlink == 1  # copied: its writer writes in place
    started = time.time_ns()
    time.sleep(0.01)
    (staging / "404.html").write_text("<p>新</p>")
    _refuse_written_in_place(staging, started)  # a copy may be written into
    with (staging / "articles" / "a" / "index.html").open("w") as handle:
        handle.write("<p>新</p>")
    with pytest.raises(BuildFailedError, match=r"articles/a/index\.html was written in place"):
        _refuse_written_in_place(staging, started)


def test_a_build_failing_after_its_state_was_kept_aside_leaves_the_last_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state is written aside while the build ends (``published.PendingRecord``): a build that
    fails after that point leaves the record of the live release as it was, and nothing beside it."""
    project = copy_project(tmp_path / "project")
    first = publish(project)
    assert first.returncode == 0, first.stderr[-2000:]
    cache = project / ".cache" / "digest"
    records = {p.name: p.read_bytes() for p in cache.glob("*published*")}
    assert len(records) == 2  # the state, and its search terms
    live = os.readlink(project / "site")
    _edit(project / "seeds" / "001_df3a99dc514faa2e.txt", "算力", "计算能力")

    def fail(release: Path, started: int) -> None:  # after the build, its state settled and kept aside
        raise BuildFailedError("failed on purpose")

    monkeypatch.setattr("builder.publish._refuse_written_in_place", fail)
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with pytest.raises(BuildFailedError, match="on purpose"):
        build_atomically(project / "mkdocs.yml")
    assert os.readlink(project / "site") == live
    assert {p.name: p.read_bytes() for p in cache.glob("*published*")} == records
    monkeypatch.undo()
    again = publish(project)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "(incremental)" in again.stderr


def test_the_release_copy_made_apart_is_complete_or_says_it_failed(tmp_path: Path) -> None:
    live = tmp_path / "live"
    for number in range(30):
        (live / "articles" / f"a{number}").mkdir(parents=True)
        (live / "articles" / f"a{number}" / "index.html").write_text(f"<p>{number}</p>")
    (live / "404.html").write_text("<p>404</p>")
    whole = tmp_path / "whole"
    whole.mkdir()
    release_copy(live, whole).wait()
    assert sorted(p.relative_to(whole) for p in whole.rglob("*")) == sorted(
        p.relative_to(live) for p in live.rglob("*")
    )
    # A file the copy cannot make (a named pipe: copying one would block): the wait says so.
    os.mkfifo(live / "articles" / "a7" / "pipe")
    broken = tmp_path / "broken"
    broken.mkdir()
    copying = release_copy(live, broken)
    with pytest.raises(OSError, match="copying the live release"):
        copying.wait()
    copying.wait()  # once reaped, later waits return at once


def _edit(path: Path, old: str, new: str, count: int = -1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _is_complete(site: Path, expected: set[str]) -> bool:
    """Whether ``site`` resolves to a release holding every file a complete build of this input has."""
    try:
        release = site.resolve(strict=True)
        found = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    except (OSError, ValueError):
        return False
    return expected <= found


@pytest.mark.timeout(600)
def test_concurrent_and_killed_builds_never_leave_an_incomplete_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = project / "site"
    first = publish(project, "--full")
    assert first.returncode == 0, first.stderr[-2000:]
    expected = set(tree(site))
    problems: list[str] = []
    watching = threading.Event()
    watching.set()

    def watch() -> None:
        # A static server's view: every look at site/ finds a complete release.
        while watching.is_set():
            if not _is_complete(site, expected):
                problems.append(time.strftime("%H:%M:%S"))
            time.sleep(0.005)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        # Three builds at once (full builds: the longest window): each waits its turn and publishes.
        runs = [start_publish(project, "--full") for _ in range(3)]
        outcomes = [(run.wait(timeout=300), run.communicate()[1]) for run in runs]
        for code, stderr in outcomes:
            assert code == 0, stderr[-2000:]
            assert "published:" in stderr
        assert sum("waiting for it to finish" in stderr for _, stderr in outcomes) >= 1

        # Builds killed at random moments: the live release stays, and says nothing it did not do.
        chance = random.Random(7)
        for _ in range(4):
            before = os.readlink(site)
            run = start_publish(project, "--full")
            time.sleep(chance.uniform(0.3, 5.0))
            os.killpg(run.pid, signal.SIGKILL)
            _, stderr = run.communicate(timeout=60)
            if "published:" not in stderr:
                assert os.readlink(site) == before
        # The next build clears what the killed ones left and publishes.
        after = publish(project)
        assert after.returncode == 0, after.stderr[-2000:]
    finally:
        watching.clear()
        watcher.join()
    assert problems == []
    releases = project / ".site.releases"
    assert not [p for p in releases.iterdir() if p.name.startswith("building-")]
    assert len(list(releases.iterdir())) <= 2
    assert not list(project.glob(".site.swap-*"))


def test_a_second_build_that_will_not_wait_says_it_did_not_publish(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first = start_publish(project, "--full")
    try:
        # Wait until the first build holds the lock (it writes its pid into the lock file).
        lock = project / ".site.lock"
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text().startswith("pid")) and time.monotonic() < deadline:
            time.sleep(0.05)
        second = publish(project, "--no-wait")
        assert second.returncode == 2
        assert "not published" in second.stderr and "another build" in second.stderr
    finally:
        assert first.wait(timeout=300) == 0
    assert "published:" in (first.stderr.read() if first.stderr else "")


# Paths in a small release: page files (shared by link), other files (copied), in nested folders. One
# name is a file in one release and a folder in another, as when a page gains pages below it.
_RELEASE_PATHS = st.lists(
    st.tuples(
        st.lists(st.sampled_from(["a", "b", "x"]), max_size=2).map("/".join),
        st.sampled_from(["index.html", "404.html", "x", "sitemap.xml"]),
        st.sampled_from(["一", "二", "三"]),
    ),
    max_size=8,
)


def _write_release(folder: Path, paths: list[tuple[str, str, str]]) -> None:
    folder.mkdir()
    for parent, name, text in paths:
        path = folder / parent / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_dir():
                path.write_text(text)
        except (FileExistsError, NotADirectoryError):  # a file where a folder goes: left out
            continue


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(live_paths=_RELEASE_PATHS, old_paths=_RELEASE_PATHS, links=st.lists(st.integers(0, 7), max_size=4))
def test_a_release_recycled_into_a_copy_of_the_live_one_is_that_copy(
    tmp_path_factory: pytest.TempPathFactory,
    live_paths: list[tuple[str, str, str]],
    old_paths: list[tuple[str, str, str]],
    links: list[int],
) -> None:
    """``copy_release`` over an older release (what a publish recycles) leaves exactly the live release's
    tree and contents, its pages linked to the live ones and every other file a copy of its own."""
    root = tmp_path_factory.mktemp("releases")
    live, old = root / "live", root / "old"
    _write_release(live, live_paths)
    _write_release(old, old_paths)
    # Some of the older release's files already the live one's (an unchanged page between publishes).
    live_files = sorted(p for p in live.rglob("*") if p.is_file())
    for number in links:
        if live_files:
            source = live_files[number % len(live_files)]
            target = old / source.relative_to(live)
            with contextlib.suppress(OSError):
                if target.is_dir():
                    shutil.rmtree(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.unlink(missing_ok=True)
                os.link(source, target)
    copy_release(live, old)
    assert tree(old) == tree(live)
    assert folders(old) == folders(live)
    for path in live_files:
        shared = os.path.samestat((old / path.relative_to(live)).lstat(), path.lstat())
        assert shared == (path.name == "index.html"), path


def test_the_kept_state_gives_its_search_terms_back_the_pages_they_were_cut_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record keeps the search terms apart from the rest of the state (``builder.published``):
    loaded, they hold the state's own rendered pages, not copies (a page's terms are reused while the
    same page object comes back), and every edition's index files are the ones the search part kept."""
    project = copy_project(tmp_path / "project")
    first = publish(project)
    assert first.returncode == 0, first.stderr[-2000:]
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    config = load_config("mkdocs.yml")
    live = (project / "site").resolve()
    fingerprint = build_fingerprint(Path("mkdocs.yml"), config)
    state = read_record(project / ".cache" / "digest", Path(config.site_dir), live.name, fingerprint)
    assert state is not None and state.terms is not None
    editions = [state.edition(number).search_pages for number in sorted(state.editions)]
    assert len(editions) == 2 and all(editions)
    for number, pages in enumerate(editions):
        for url, page in pages.items():
            others = [other[url] for k, other in enumerate(editions) if k != number and url in other]
            assert state.terms.remembered(page, others) is not None, (number, url)
    index = live / INDEX_DIR
    on_disk = {p.relative_to(index).as_posix() for p in index.rglob("*") if p.is_file()}
    assert set(state.edition(0).search_files) == on_disk
    assert all(output.search_files for output in state.editions.values())
    assert read_record(project / ".cache" / "digest", Path(config.site_dir), "another", fingerprint) is None
    # Readable as a folder made by hand is (the umask's mode), by a server running as another user too.
    umask = os.umask(0)
    os.umask(umask)
    assert live.stat().st_mode & 0o777 == 0o777 & ~umask
