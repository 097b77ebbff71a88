"""The built site served over HTTP under a sub-path, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright

from tests.conftest import ROOT
from tests.sitecheck import build_site

CHROMIUM = "/usr/bin/chromium"
PREFIX = "/digest/"
# The flags a sandboxed, network-less machine needs (no background calls to Google's hosts).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
HEADER_LINE = re.compile(r'^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;', re.M)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def security_headers() -> dict[str, str]:
    """The headers deploy/security-headers.conf sends with every response."""
    text = (ROOT / "deploy" / "security-headers.conf").read_text(encoding="utf-8")
    return dict(HEADER_LINE.findall(text))


@dataclass
class Served:
    """Where the site is served and what it was built from."""

    base: str  # http://127.0.0.1:PORT/digest/
    root: Path  # the folder served as /
    site: Path  # root/digest

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


def _start_nginx(www: Path, port: int, work: Path) -> subprocess.Popen[bytes]:
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = re.sub(r"root \S+;", f"root {www};", server)
    server = server.replace("location /zh-Hant/", f"location {PREFIX}zh-Hant/").replace(
        "location / {", f"location {PREFIX} {{"
    )
    server = server.replace("error_page 404 /", f"error_page 404 {PREFIX}")
    server = server.replace(
        "include security-headers.conf;", f"include {ROOT / 'deploy' / 'security-headers.conf'};"
    )
    (work / "site.conf").write_text(server, encoding="utf-8")
    (work / "nginx.conf").write_text(
        # Workers drop to an unprivileged user, which cannot read pytest's private temp folder.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"""worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    types {{ application/atom+xml xml; }}
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/site.conf;
}}
""",
        encoding="utf-8",
    )
    return subprocess.Popen(
        ["nginx", "-p", str(work), "-c", str(work / "nginx.conf")], stderr=subprocess.PIPE
    )


class _HeaderHandler(SimpleHTTPRequestHandler):
    """Fallback where nginx is missing: the same security headers, 404 page per edition."""

    def end_headers(self) -> None:
        for name, value in security_headers().items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _wait_for(url: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


@contextmanager
def serving(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Build ``project`` for a sub-path and serve it: nginx with the deploy config, else Python."""
    port = free_port()
    base = f"http://127.0.0.1:{port}{PREFIX}"
    root = tmp_path_factory.mktemp("www")
    site = root / PREFIX.strip("/")
    os.environ["DIGEST_SITE_URL"] = base
    try:
        result = build_site(project, site)
    finally:
        del os.environ["DIGEST_SITE_URL"]
    assert result.returncode == 0, result.stderr[-3000:]
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        work = tmp_path_factory.mktemp("nginx")
        process = _start_nginx(root, port, work)
        try:
            _wait_for(base)
            yield Served(base, root, site)
        finally:
            process.terminate()
            process.wait(timeout=10)
    else:
        handler = partial(_HeaderHandler, directory=str(root))
        httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            _wait_for(base)
            yield Served(base, root, site)
        finally:
            httpd.shutdown()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(ROOT, tmp_path_factory) as site:
        yield site


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (see .ci/run)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@dataclass
class Watched:
    """A page with what went wrong while it was open."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        self.csp_violations += self.page.evaluate("window.__cspViolations || []")
        return self.console_errors + self.failed + self.foreign + self.csp_violations


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def watch(page: Page, served: Served) -> Watched:
    watched = Watched(page)
    page.add_init_script(CSP_WATCH)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watched.console_errors.append(message.text)

    def on_request(request: Request) -> None:
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            watched.foreign.append(request.url)

    def on_failed(request: Request) -> None:
        # ERR_ABORTED is the browser cancelling a fetch because the reader clicked on: not a failure.
        if "ERR_ABORTED" not in (request.failure or ""):
            watched.failed.append(f"{request.url} {request.failure}")

    page.on("console", on_console)
    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("response", lambda r: r.status >= 400 and watched.failed.append(f"{r.url} {r.status}"))
    return watched


@pytest.fixture
def reader(browser: Browser, served: Served) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield watch(page, served)
    context.close()
