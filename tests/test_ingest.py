"""Reading seeds in every encoding Chinese scrapes come in; bad files fail with the file named."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from builder.errors import SeedError
from builder.ingest import list_seeds, read_seed

HANS = "阿里巴巴发布通义千问大模型，算力需求持续增长。\n百度文心一言用户规模已达4500万。\n"
HANT = "阿里巴巴發布通義千問大模型，算力需求持續增長。\n百度文心一言用戶規模已達4500萬。\n"


@pytest.mark.parametrize(
    ("text", "encoding", "prefix"),
    [
        (HANS, "utf-8", b""),
        (HANS, "utf-8", codecs.BOM_UTF8),
        (HANS, "gb18030", b""),
        (HANS, "gbk", b""),
        (HANT, "big5", b""),
        (HANT, "cp950", b""),
        (HANT, "utf-16-le", codecs.BOM_UTF16_LE),
        (HANT, "utf-16-be", codecs.BOM_UTF16_BE),
        (HANS, "utf-16-le", b""),
    ],
)
def test_decodes_every_supported_encoding(tmp_path: Path, text: str, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(prefix + text.encode(encoding))
    assert read_seed(path).text == text


def test_crlf_and_cr_become_lf(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(HANS.replace("\n", "\r\n").encode("utf-8"))
    source = read_seed(path)
    assert source.text == HANS
    assert source.provenance.newline == "\r\n"


def test_records_provenance(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(codecs.BOM_UTF8 + HANS.encode())
    provenance = read_seed(path).provenance
    assert provenance.had_bom
    assert provenance.path == path
    assert len(provenance.sha256) == 64


def test_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(SeedError) as info:
        read_seed(path)
    assert str(path) in str(info.value)
    assert "binary" in str(info.value)


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(SeedError, match="empty"):
        read_seed(path)


def test_broken_utf16_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "第一行\n第二行\n".encode("utf-16-le") + b"\x00\xdc")
    with pytest.raises(SeedError) as info:
        read_seed(path)
    assert info.value.line == 3
    assert f"{path}:3:" in str(info.value)


def test_seed_listing_skips_sidecars_and_hidden_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "a.yml", ".hidden.txt", "c.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in list_seeds(tmp_path)] == ["a.txt", "b.txt", "c.html"]
