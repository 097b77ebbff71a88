"""``python -m builder fetch``: pages served from 127.0.0.1 by the test itself."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

import builder.fetch
from builder.__main__ import cli
from builder.fetch import FetchError, fetch_page
from builder.ingest import read_sidecar
from tests.realworld.scoring import HERE

PAGE = (HERE / "html" / "tw-cna.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/article":
            self._answer(200, "text/html; charset=utf-8", PAGE)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/data.json":
            self._answer(200, "application/json", b"{}")
        elif self.path == "/slow":
            time.sleep(2)
            self._answer(200, "text/html", PAGE)
        elif self.path == "/big":
            self._answer(200, "text/html", b"<p>" + b"x" * 5000 + b"</p>")
        else:
            self._answer(404, "text/html", b"not found")

    def _answer(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_page_is_saved_with_its_sidecar_and_cleans(server: str, tmp_path: Path) -> None:
    saved = fetch_page(f"{server}/moved", tmp_path, name="cna", today=dt.date(2026, 11, 23))
    assert saved.page.read_bytes() == PAGE
    sidecar = read_sidecar(saved.page)
    assert sidecar is not None
    assert sidecar.url == f"{server}/article" and sidecar.fetched == "2026-11-23"
    result = CliRunner().invoke(cli, ["clean", str(saved.page)])
    assert result.exit_code == 0 and "平鎮輪胎行惡火" in result.output


@pytest.mark.parametrize(
    ("path", "message"),
    [("/missing", "HTTP 404"), ("/data.json", "application/json, not an HTML page")],
)
def test_bad_answers_are_one_line_errors_and_write_nothing(
    server: str, tmp_path: Path, path: str, message: str
) -> None:
    result = CliRunner().invoke(cli, ["fetch", f"{server}{path}", "--seeds", str(tmp_path)])
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_timeout_and_size_limit(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FetchError, match="no answer within"):
        fetch_page(f"{server}/slow", tmp_path, timeout=0.5)
    monkeypatch.setattr(builder.fetch, "MAX_SEED_BYTES", 1000)
    with pytest.raises(FetchError, match="over the 1,000"):
        fetch_page(f"{server}/big", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_seed_is_never_overwritten(server: str, tmp_path: Path) -> None:
    (tmp_path / "cna.html").write_text("mine", encoding="utf-8")
    with pytest.raises(FetchError, match="already exists"):
        fetch_page(f"{server}/article", tmp_path, name="cna")
    assert (tmp_path / "cna.html").read_text(encoding="utf-8") == "mine"


def test_a_seeds_folder_that_cannot_be_written_is_a_clear_error(server: str, tmp_path: Path) -> None:
    blocked = tmp_path / "seeds"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(FetchError, match="cannot save into"):
        fetch_page(f"{server}/article", blocked, name="cna")
