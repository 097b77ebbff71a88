"""How the digest scales: synthesise corpora from the seeds and measure every stage and the build.

A measurement, not a test; run by hand, e.g.:

    .venv/bin/python benchmarks/scale.py 100 1000          # sizes to measure (articles)

For each size it prints: builder stage times (read + clean, extraction, page writing for both editions),
the full `python -m builder build` (both editions) with its peak memory, output size, search index bytes
raw and gzipped, a second full build after one seed changes, and a plain Material site with the same
number of pages and no builder, as the yardstick (our build time as a ratio of it).
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.clean.options import CleanOptions  # noqa: E402
from builder.clean.pipeline import clean_article  # noqa: E402
from builder.digest import build_digest, extract_article  # noqa: E402
from builder.editions import Edition, make_edition_text  # noqa: E402
from builder.extract.options import make_extract_options  # noqa: E402
from builder.ingest import list_seeds, read_seed, read_taxonomy  # noqa: E402
from builder.pages.site import render_site  # noqa: E402
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


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run a command in ``cwd`` with a fixed date and no inherited settings; return seconds and result."""
    start = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"},
    )
    return time.perf_counter() - start, result


def measure(count: int) -> dict[str, str]:
    """Every figure for one corpus size."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("mkdocs.yml", "taxonomy.yml", "docs", "theme"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        seeds = project / "seeds"
        synthesise(count, ROOT / "seeds", seeds)

        converters = make_converters()
        taxonomy = read_taxonomy(project / "taxonomy.yml")
        extract = make_extract_options(taxonomy, converters)
        start = time.perf_counter()
        cleaned = [
            clean_article(read_seed(p), CleanOptions(converters=converters)) for p in list_seeds(seeds)
        ]
        t_clean = time.perf_counter() - start
        start = time.perf_counter()
        for article in cleaned:
            extract_article(article, extract)
        t_extract = time.perf_counter() - start
        digest = build_digest(seeds, taxonomy, converters, extract)
        start = time.perf_counter()
        for edition in (
            Edition("zh-Hans", "zh-Hans", "tw2sp", "简体", ""),
            Edition("zh-Hant", "zh-Hant", "s2twp", "繁體", "zh-Hant"),
        ):
            render_site(digest, make_edition_text(edition, taxonomy.fixed_names))
        t_pages = time.perf_counter() - start

        python = sys.executable
        t_build, result = timed([python, "-m", "builder", "build"], project)
        if result.returncode:
            raise SystemExit(result.stderr[-2000:])
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        site = project / "site"
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        index = (site / "search" / "search_index.json").read_bytes()
        changed = sorted(seeds.iterdir())[0]
        changed.write_text(
            changed.read_text(encoding="utf-8") + "新增的一段，用来测量改动一篇文章之后的重建时间。\n",
            encoding="utf-8",
        )
        t_rebuild, _ = timed([python, "-m", "builder", "build"], project)

        yard = Path(tmp) / "yardstick"
        plain_site(count, seeds, yard)
        t_plain, plain = timed([python, "-m", "mkdocs", "build", "-q"], yard)
        if plain.returncode:
            raise SystemExit(plain.stderr[-2000:])
    builder_share = (t_clean + t_extract + t_pages) / t_build
    return {
        "articles": str(count),
        "clean s": f"{t_clean:.1f}",
        "extract s": f"{t_extract:.1f}",
        "pages s": f"{t_pages:.1f}",
        "build s": f"{t_build:.1f}",
        "builder share": f"{builder_share:.0%}",
        "peak MB": f"{peak_mb:.0f}",
        "site MB": f"{size / 1e6:.1f}",
        "index MB": f"{len(index) / 1e6:.1f}",
        "index gz MB": f"{len(gzip.compress(index)) / 1e6:.2f}",
        "rebuild s": f"{t_rebuild:.1f}",
        "plain s": f"{t_plain:.1f}",
        "ratio": f"{t_build / t_plain:.1f}x",
    }


def main() -> int:
    """Measure each size and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    args = parser.parse_args()
    rows = [measure(n) for n in args.sizes]
    headers = list(rows[0])
    print(" | ".join(headers))
    for row in rows:
        print(" | ".join(row[h] for h in headers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
