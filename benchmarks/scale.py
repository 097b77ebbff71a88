"""How the digest scales: synthesise corpora from the seeds and measure every stage and the build.

A measurement, not a test; run by hand, e.g.:

    .venv/bin/python benchmarks/scale.py 100 1000 10000      # sizes to measure (articles)

For each size, from a cold start (no cache): the builder's stage times as the build reports them
(reading and cleaning, extraction, page writing for both editions, the search index), the whole
`python -m builder build` of both editions, the builder's share of it (everything that is ours,
search index included), peak memory, output size and file count, search index bytes; then a reader
searching in headless Chromium (seconds to the answer and every byte search fetched, raw and
gzipped); then the publishes that follow, each incremental over the live release: after one seed
changes, and after ten seeds are added at once (both also as a share of the cold build; the ten also
in CPU seconds, the publish's and the cold build's, every process of theirs counted);
`mkdocs serve --dirty` as `make serve` runs it (time to the first page, then for three edits in a
row, one seed each, from saving the seed to its page showing the edit); the rendering floor: the
same generated pages, both editions' worth, through plain MkDocs and Material with no plugin and no
navigation (our cold build as a ratio of it); and a plain Material site with the same number of pages
and its default flat navigation, as the older yardstick.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Response, sync_playwright  # noqa: E402

from builder.clean.options import CleanOptions  # noqa: E402
from builder.clean.pipeline import clean_article  # noqa: E402
from builder.ingest import list_seeds, read_seed  # noqa: E402
from builder.script import make_converters  # noqa: E402

CHROME = [
    "扫一扫下载界面新闻APP",
    "评论",
    "暂无评论哦，快来评价一下吧！",
    "本文为转载内容，授权事宜请联系原著作权人。",
    "图片来源：Unsplash",
    "分享到：",
    "微信 | 微博 | QQ空间",
    "訂閱",
    "延伸閱讀",
    "© 2024 版權所有",
]


def synthesise(count: int, seeds: Path, out: Path, seed: int = 7) -> None:
    """Write ``count`` articles recombined from the real seeds' clean paragraphs into ``out``."""
    converters = make_converters()
    paragraphs: list[str] = []
    headings: list[str] = []
    for path in list_seeds(seeds):
        article = clean_article(read_seed(path), CleanOptions(converters=converters))
        paragraphs += [b.text for b in article.blocks if b.kind != "heading" and len(b.text) > 30]
        headings += [b.text for b in article.blocks if b.kind == "heading"]
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 14)))
        lines = [rng.choice(CHROME), f"原标题:{rng.choice(headings)}（第{number}篇）"]
        year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        lines.append(f"{year}-{month:02d}-{day:02d} 10:{number % 60:02d}")
        lines += [*body[: len(body) // 2], rng.choice(headings), *body[len(body) // 2 :]]
        lines += rng.sample(CHROME, k=3)
        text = "\n".join(lines) + "\n"
        # Scripts swapped: a third in Traditional, a third in Simplified, the rest as they came.
        if number % 3 == 0:
            text = str(converters.s2t.convert(text))
        elif number % 3 == 1:
            text = str(converters.t2s.convert(text))
        (out / f"{number:05d}_synthetic.txt").write_text(text, encoding="utf-8")


def plain_site(count: int, seeds: Path, out: Path) -> None:
    """A plain Material site of ``count`` pages made of the same text, no builder."""
    (out / "docs").mkdir(parents=True)
    for path in sorted(seeds.iterdir())[:count]:
        text = path.read_text(encoding="utf-8").replace("#", "＃")
        (out / "docs" / f"{path.stem}.md").write_text(
            f"# {path.stem}\n\n" + text.replace("\n", "\n\n"), encoding="utf-8"
        )
    (out / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(
        "site_name: yardstick\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search:\n      lang: zh\n",
        encoding="utf-8",
    )


def floor_site(project: Path, out: Path) -> None:
    """The rendering floor: the digest's own generated pages (``python -m builder pages``), once at the
    root and once under ``zh-Hant/`` as our two editions are, through plain MkDocs and Material with the
    same Markdown extensions, no plugin (search off) and no navigation: what Material's page rendering
    alone costs for the pages we publish."""
    generated = out / "generated"
    result = subprocess.run(
        [sys.executable, "-m", "builder", "pages", str(generated)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env=ENV,
    )
    if result.returncode:
        raise SystemExit(result.stderr[-2000:])
    docs = out / "docs"
    shutil.copytree(generated, docs)
    shutil.copytree(generated, docs / "zh-Hant")
    extensions = (project / "mkdocs.yml").read_text(encoding="utf-8").split("markdown_extensions:", 1)[1]
    (out / "mkdocs.yml").write_text(
        "site_name: floor\ntheme:\n  name: material\n  language: zh\n  font: false\nplugins: []\n"
        "nav:\n  - index.md\nvalidation:\n  nav:\n    omitted_files: ignore\n"
        "  links:\n    not_found: ignore\n    anchors: ignore\n    unrecognized_links: ignore\n"
        "markdown_extensions:" + extensions,
        encoding="utf-8",
    )


def edit_one_seed(seeds: Path) -> None:
    """A curator's edit: a paragraph added to one seed."""
    changed = sorted(seeds.iterdir())[0]
    changed.write_text(
        changed.read_text(encoding="utf-8") + "新增的一段，用来测量改动一篇文章之后的重建时间。\n",
        encoding="utf-8",
    )


def add_ten_seeds(seeds: Path) -> None:
    """Ten new seeds at once (other recombinations of the same paragraphs)."""
    with tempfile.TemporaryDirectory() as extra:
        synthesise(10, ROOT / "seeds", Path(extra), seed=len(list(seeds.iterdir())) + 1)
        for number, path in enumerate(sorted(Path(extra).iterdir())):
            shutil.copy(path, seeds / f"added{number:02d}_synthetic.txt")


def publish_after(project: Path, change: Callable[[Path], None]) -> tuple[float, float, dict[str, float]]:
    """Seconds to publish after ``change`` to the seeds, the CPU seconds it took (``cpu_seconds``) and the
    builder's stage times; it must have been an incremental publish over the live release."""
    change(project / "seeds")
    cpu = cpu_seconds()
    seconds, result = timed([sys.executable, "-m", "builder", "build"], project)
    cpu = cpu_seconds() - cpu
    if result.returncode or "(incremental)" not in result.stderr:
        raise SystemExit("the publish was not incremental:\n" + result.stderr[-2000:])
    return seconds, cpu, stage_times(result.stderr)


def cpu_seconds() -> float:
    """User and system CPU seconds of every finished child process of this one and theirs (a publish's
    forked processes among them): beside wall time, a figure the machine's load changes less (the same
    publish took 10.5 to 14.0 s within one hour on the machine of the README's table)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(
    command: list[str], cwd: Path, timeout: float | None = None
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run a command in ``cwd`` with a fixed date and no inherited settings; return seconds and result."""
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False, env=ENV, timeout=timeout
    )
    return time.perf_counter() - start, result


# The yardstick's flat navigation makes it superlinear: past this many seconds it is stopped and the
# ratio reported as an upper bound.
YARDSTICK_LIMIT = 1200
PREVIEW_UP_TO = 1000
ENV = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}
STAGE = re.compile(r"digest: (?P<what>[^()]*?) \((?P<seconds>[0-9.]+) s\)")


def stage_times(log: str) -> dict[str, float]:
    """The builder's stage times from a build's log (the plugin reports each stage)."""
    times = {"read": 0.0, "clean": 0.0, "extract": 0.0, "pages": 0.0, "search": 0.0}
    for match in STAGE.finditer(log):
        what, seconds = match.group("what"), float(match.group("seconds"))
        key = next(
            (
                k
                for k, word in (
                    ("read", "seeds read"),
                    ("clean", "cleaned"),
                    ("extract", "extracted"),
                    ("pages", "pages written"),
                    ("search", "search index"),
                )
                if word in what
            ),
            None,
        )
        if key:
            times[key] += seconds
    return times


PREVIEW_EDITS = 3


def preview_seconds(project: Path) -> tuple[float, list[float]]:
    """`mkdocs serve --dirty` (as `make serve`): seconds to the first page, then for each of a few edits
    in a row (one seed each) from saving the seed to its page showing the edit."""
    port = 8000 + os.getpid() % 1000
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        seeds = sorted((project / "seeds").glob("*.txt"))
        start = time.perf_counter()
        first = wait_for(url + f"articles/{seeds[1].stem}/", "</html>", start)
        edits = []
        for number, seed in enumerate(seeds[1 : 1 + PREVIEW_EDITS]):
            time.sleep(2)
            marker = f"预览时新增的第{number}段，用来测量增量重建。"
            seed.write_text(seed.read_text(encoding="utf-8") + marker + "\n", encoding="utf-8")
            edited = time.perf_counter()
            edits.append(wait_for(url + f"articles/{seed.stem}/", marker, edited))
        return first, edits
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url: str, needle: str, since: float, timeout: float = 3600) -> float:
    """Poll ``url`` until it holds ``needle``; seconds since ``since``."""
    while time.perf_counter() - since < timeout:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if needle in response.read().decode("utf-8"):
                    return time.perf_counter() - since
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} never showed {needle!r}")


def search_in_browser(site: Path, queries: list[str]) -> list[tuple[str, float, int, int, int]]:
    """Open the built site in headless Chromium and search as a reader would (an input method commits
    the query); per query: seconds to the first result, results, bytes fetched for it (raw, gzipped)."""
    port = 9000 + os.getpid() % 1000
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "-b", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        time.sleep(1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for query in queries:
                page = browser.new_page()  # a fresh reader: nothing cached
                responses: list[Response] = []
                page.on("response", lambda response: responses.append(response))  # noqa: B023, PLW0108 (Playwright needs a Python function)
                page.goto(f"http://127.0.0.1:{port}/", wait_until="networkidle")
                page.locator("input.md-search__input").click()
                start = time.perf_counter()
                page.keyboard.insert_text(query)
                page.keyboard.up("End")
                # Answered: results listed, or the count line says there are none.
                page.wait_for_function(
                    "document.querySelector('.md-search-result__item') || "
                    "/没有|個符合|个符合/.test(document.querySelector('.md-search-result__meta').textContent)",
                    timeout=60000,
                )
                seconds = time.perf_counter() - start
                count = page.locator(".md-search-result__item").count()
                page.wait_for_load_state("networkidle")
                # Everything search costs the reader: the worker, Material's stub index, the manifest,
                # the shards and the fragments of the results shown.
                bodies = [r.body() for r in responses if "/search/" in r.url or "search-worker" in r.url]
                raw = sum(len(b) for b in bodies)
                packed = sum(len(gzip.compress(b)) for b in bodies)
                rows.append((query, seconds, count, raw, packed))
                page.close()
            browser.close()
    finally:
        server.terminate()
    return rows


def yardstick_seconds(count: int, seeds: Path, yard: Path, t_build: float) -> tuple[str, str]:
    """The plain Material site's build time and our cold build as a ratio of it (bounds past the limit)."""
    plain_site(count, seeds, yard)
    python = sys.executable
    try:
        t_plain, plain = timed([python, "-m", "mkdocs", "build", "-q"], yard, timeout=YARDSTICK_LIMIT)
        if plain.returncode:
            raise SystemExit(plain.stderr[-2000:])
        return f"{t_plain:.1f}", f"{t_build / t_plain:.1f}x"
    except subprocess.TimeoutExpired:
        return f">{YARDSTICK_LIMIT}", f"<{t_build / YARDSTICK_LIMIT:.1f}x"


def measure(count: int, queries: list[str], yardstick: bool = True) -> dict[str, str]:
    """Every figure for one corpus size."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("mkdocs.yml", "taxonomy.yml", "docs", "theme"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        seeds = project / "seeds"
        synthesise(count, ROOT / "seeds", seeds)

        python = sys.executable
        # Cold: no cache (a fresh checkout or a changed builder).
        cpu = cpu_seconds()
        t_build, result = timed([python, "-m", "builder", "build"], project)
        cpu_build = cpu_seconds() - cpu
        if result.returncode:
            raise SystemExit(result.stderr[-2000:])
        stages = stage_times(result.stderr)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        site = project / "site"
        files = [p for p in site.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        index = [p for p in (site / "search" / "digest").rglob("*.json")]
        index_bytes = sum(p.stat().st_size for p in index)
        searches = search_in_browser(site, queries)

        t_rebuild, _, warm = publish_after(project, edit_one_seed)
        t_added, cpu_added, _ = publish_after(project, add_ten_seeds)
        # The preview bound is set at 1,000 articles; above that it is not measured (an hour more at 10,000).
        t_first, t_edits = preview_seconds(project) if count <= PREVIEW_UP_TO else (float("nan"), [])

        floor = Path(tmp) / "floor"
        floor_site(project, floor)
        t_floor, floored = timed([python, "-m", "mkdocs", "build", "-q"], floor)
        if floored.returncode:
            raise SystemExit(floored.stderr[-2000:])

        plain_time, ratio = (
            yardstick_seconds(count, seeds, Path(tmp) / "yardstick", t_build) if yardstick else ("-", "-")
        )
    # Everything that is ours: reading, cleaning, extraction, page writing and the search index.
    own = sum(stages.values())
    own_warm = sum(warm.values())
    worst = max(searches, key=lambda row: row[1])
    heaviest = max(searches, key=lambda row: row[3])
    return {
        "articles": str(count),
        "read+clean s": f"{stages['read'] + stages['clean']:.1f}",
        "extract s": f"{stages['extract']:.1f}",
        "pages s": f"{stages['pages']:.1f}",
        "search index s": f"{stages['search']:.1f}",
        "build s": f"{t_build:.1f}",
        "builder share": f"{own / t_build:.0%}",
        "peak MB": f"{peak_mb:.0f}",
        "site MB": f"{size / 1e6:.0f}",
        "files": str(len(files)),
        "index MB": f"{index_bytes / 1e6:.1f}",
        "floor s": f"{t_floor:.1f}",
        "build / floor": f"{t_build / t_floor:.2f}x",
        "rebuild s": f"{t_rebuild:.1f}",
        "rebuild / build": f"{t_rebuild / t_build:.0%}",
        "rebuild share": f"{own_warm / t_rebuild:.0%}",
        "10 added s": f"{t_added:.1f}",
        "10 added / build": f"{t_added / t_build:.0%}",
        "10 added / build, CPU": f"{cpu_added / cpu_build:.0%}",
        "preview first s": "-" if math.isnan(t_first) else f"{t_first:.1f}",
        "preview edit s": "/".join(f"{t:.1f}" for t in t_edits) or "-",
        "search s (worst)": f"{worst[1]:.2f}",
        "search MB (gz)": f"{heaviest[3] / 1e6:.2f} ({heaviest[4] / 1e6:.2f})",
        "plain s": plain_time,
        "ratio": ratio,
    }


QUERIES = ["算力", "通義千問", "英伟达芯片", "开源模型生态", "DeepSeek"]


def main() -> int:
    """Measure each size and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument(
        "--no-yardstick", action="store_true", help="skip the plain Material site (20 minutes at 10,000)"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    rows = []
    for n in args.sizes:
        rows.append(measure(n, QUERIES, yardstick=not args.no_yardstick))
        logging.info(" | ".join(f"{k}={v}" for k, v in rows[-1].items()))
    headers = list(rows[0])
    sys.stdout.write("| " + " | ".join(headers) + " |\n")
    sys.stdout.write("|" + " --- |" * len(headers) + "\n")
    for row in rows:
        sys.stdout.write("| " + " | ".join(row[h] for h in headers) + " |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
