"""Page quality with Lighthouse: builds the site, serves it with the deploy nginx config, prints scores.

A measurement, not a test: run it by hand (it runs a pinned Lighthouse through `npm exec`):

    .venv/bin/python benchmarks/page_quality.py            # mobile (Lighthouse's default)
    .venv/bin/python benchmarks/page_quality.py --desktop
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PREFIX, _start_nginx, free_port  # noqa: E402
from tests.sitecheck import build_site  # noqa: E402

LIGHTHOUSE = "lighthouse@12.8.2"  # the last release that runs on Node 20
PAGES = {"home": "", "theme": "themes/compute-gap/", "article": "articles/002_73da3ebac38cb5ad/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def main() -> int:
    """Build, serve, run Lighthouse on three pages, print a table of scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desktop", action="store_true", help="desktop preset instead of mobile")
    args = parser.parse_args()
    if not shutil.which("npm") or not shutil.which("nginx"):
        sys.stderr.write("needs npm and nginx (scripts/install-system-deps.sh)\n")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work, www = Path(tmp) / "nginx", Path(tmp) / "www"
        work.mkdir()
        port = free_port()
        base = f"http://127.0.0.1:{port}{PREFIX}"
        os.environ["DIGEST_SITE_URL"] = base
        result = build_site(ROOT, www / PREFIX.strip("/"))
        if result.returncode:
            sys.stderr.write(result.stderr[-2000:])
            return 1
        server = _start_nginx(www, port, work)
        try:
            for _ in range(50):
                try:
                    urllib.request.urlopen(base, timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            rows = []
            for name, path in PAGES.items():
                command = [
                    "npm",
                    "exec",
                    "--yes",
                    f"--package={LIGHTHOUSE}",
                    "--",
                    "lighthouse",
                    base + path,
                    "--quiet",
                    "--output=json",
                    "--output-path=stdout",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
                ]
                if args.desktop:
                    command.append("--preset=desktop")
                report = subprocess.run(
                    command,
                    capture_output=True,
                    text=True,
                    check=False,
                    env={**os.environ, "CHROME_PATH": CHROMIUM},
                )
                if report.returncode:
                    sys.stderr.write(report.stderr[-2000:])
                    return 1
                data = json.loads(report.stdout)
                scores = [round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES]
                failing = [
                    audit["title"]
                    for audit in data["audits"].values()
                    if audit.get("score") is not None
                    and audit["score"] < 0.9
                    and audit.get("scoreDisplayMode") == "binary"
                ]
                metrics = {
                    key: data["audits"][key]["displayValue"]
                    for key in (
                        "first-contentful-paint",
                        "largest-contentful-paint",
                        "total-blocking-time",
                        "cumulative-layout-shift",
                    )
                }
                rows.append((name, scores, failing + [f"{k}: {v}" for k, v in metrics.items()]))
        finally:
            server.terminate()
            server.wait(timeout=10)
    mode = "desktop" if args.desktop else "mobile"
    print(f"Lighthouse ({mode}), scores out of 100")
    print(f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, scores, _ in rows:
        print(f"{name:<10}" + "".join(f"{s:>16}" for s in scores))
    for name, _, failing in rows:
        if failing:
            print(f"{name}: {'; '.join(failing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
