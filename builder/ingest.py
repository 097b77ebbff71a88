"""Read seeds from disk in whatever encoding they came in; the only input stage that touches files."""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from pathlib import Path

from charset_normalizer import from_bytes

from builder.errors import SeedError, SidecarError
from builder.htmlpage import HTML_SUFFIXES, declared_charset, read_page
from builder.model import Provenance, Sidecar, SourceText
from builder.sidecar import parse_sidecar
from builder.taxonomy import Taxonomy, TaxonomyError, parse_taxonomy

log = logging.getLogger(__name__)

SIDECAR_SUFFIXES = (".yml", ".yaml")
# The encodings Chinese scrapes arrive in. charset-normalizer is asked to choose among these only:
# left free, it reads short GBK text as cp1252 or Big5 as Shift-JIS.
CHINESE_ENCODINGS = ["utf_8", "gb18030", "big5", "cp950", "big5hkscs", "utf_16"]
# An article is a few thousand characters; a seed this large is a dump of something else.
MAX_SEED_BYTES = 10 * 1024 * 1024
# A paragraph is at most a few thousand characters; a longer line is minified markup or data.
MAX_LINE_CHARS = 100_000
# UTF-8 with a few broken bytes, not a legacy encoding: most of its multi-byte sequences are valid.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32_le"),
    (codecs.BOM_UTF32_BE, "utf_32_be"),
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)


def list_seeds(seeds_dir: Path) -> list[Path]:
    """Every seed file in a folder, sorted; sidecars and hidden files are not seeds."""
    return sorted(
        p
        for p in seeds_dir.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in SIDECAR_SUFFIXES
    )


def sidecar_path(seed: Path) -> Path | None:
    """The curator's sidecar for a seed (``<stem>.yml`` or ``<stem>.yaml``), if there is one."""
    for suffix in SIDECAR_SUFFIXES:
        candidate = seed.with_name(seed.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(seed: Path) -> Sidecar | None:
    """Load and validate the sidecar of a seed; a malformed one raises ``SidecarError``."""
    path = sidecar_path(seed)
    if path is None:
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SidecarError(path, f"not UTF-8 text (byte {exc.start})") from exc
    return parse_sidecar(text, path)


def seed_hash(path: Path) -> str:
    """The SHA-256 of a seed's bytes (the cache key of its cleaned article); unreadable: ``SeedError``."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise SeedError(path, f"cannot be read ({exc.strerror or exc})") from exc


def read_seed(path: Path) -> SourceText:
    """Read one seed and decode it, detecting the encoding; undecodable input raises ``SeedError``."""
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise SeedError(
                path,
                f"the file is {size / 1024 / 1024:.0f} MB, over the {MAX_SEED_BYTES // 1024 // 1024} MB "
                "a seed may be: an article is never that long; keep only the article's text",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SeedError(path, f"cannot read file: {exc.strerror}") from exc
    page = None
    if path.suffix.lower() in HTML_SUFFIXES:
        text, encoding, had_bom = decode_html(data, path)
        page = read_page(text, path)
        text = page.text
    else:
        text, encoding, had_bom = decode_bytes(data, path)
    _check_line_lengths(text, path)
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text else "\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    provenance = Provenance(
        path=path,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        had_bom=had_bom,
        newline=newline,
    )
    log.debug("%s: read %d bytes as %s", path, len(data), encoding)
    return SourceText(text=text, provenance=provenance, page_metadata=page.metadata if page else None)


def decode_bytes(data: bytes, path: Path) -> tuple[str, str, bool]:
    """Decode a seed's bytes: BOM first, then strict UTF-8, then the best Chinese encoding."""
    if not data.strip():
        raise SeedError(path, "the file is empty; put the article's text in it or remove it")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, True
            except UnicodeDecodeError as exc:
                raise _undecodable(path, data[len(bom) :], exc, encoding) from exc
    utf16 = _guess_utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16, False
        except UnicodeDecodeError as exc:
            raise _undecodable(path, data, exc, utf16) from exc
    if b"\x00" in data:
        raise SeedError(path, "binary file (NUL bytes), not text: a seed must be a text file")
    try:
        return _checked_text(data.decode("utf_8"), path), "utf_8", False
    except UnicodeDecodeError as utf8_error:
        if _mostly_utf8(data):
            # Guessing another encoding would turn the whole article into mojibake.
            line = data[: utf8_error.start].count(b"\n") + 1
            raise SeedError(
                path,
                f"invalid UTF-8 byte 0x{data[utf8_error.start]:02x} in an otherwise UTF-8 file; "
                "fix or delete the broken characters on this line",
                line=line,
            ) from utf8_error
        best = from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
        if best is None:
            raise _undecodable(path, data, utf8_error, "utf_8") from utf8_error
        return _checked_text(str(best), path), best.encoding, False


def decode_html(data: bytes, path: Path) -> tuple[str, str, bool]:
    """Decode a saved page: a BOM, else the charset its ``<meta>`` declares, else as any seed."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = declared_charset(data)
        if declared is not None:
            try:
                return data.decode(declared), declared, False
            except UnicodeDecodeError:
                log.info("%s: not %s as its <meta> says; detecting the encoding", path, declared)
    return decode_bytes(data, path)


def _mostly_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences far outnumber the invalid bytes."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    invalid = data.decode("utf_8", errors="replace").count("\ufffd")
    return valid >= 8 and invalid * 20 <= valid


def _check_line_lengths(text: str, path: Path) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise SeedError(
                path,
                f"line is {len(line):,} characters long, over the {MAX_LINE_CHARS:,} a paragraph may be: "
                "this is minified markup or data, not article text; break it into paragraphs",
                line=number,
            )


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: has NUL bytes and decodes, in one byte order, to plausible text."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    best, best_share = None, 0.9
    for encoding in ("utf_16_le", "utf_16_be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = sum(1 for ch in text if _plausible(ch)) / len(text)
        if share > best_share:
            best, best_share = encoding, share
    return best


def _plausible(ch: str) -> bool:
    code = ord(ch)
    return (
        ch in "\n\r\t"
        or 0x20 <= code < 0x7F
        or 0x3000 <= code <= 0x303F
        or 0x4E00 <= code <= 0x9FFF
        or 0xFF00 <= code <= 0xFFEF
    )


def _checked_text(text: str, path: Path) -> str:
    """Refuse text full of control characters: it decoded, but it is not an article."""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text) // 100):
        raise SeedError(path, f"binary file ({controls} control characters), not text")
    return text


def _undecodable(path: Path, data: bytes, exc: UnicodeDecodeError, encoding: str) -> SeedError:
    """Name the line of the first byte that no candidate encoding could read."""
    line = data[: exc.start].decode(encoding, errors="replace").count("\n") + 1
    return SeedError(
        path,
        f"cannot decode byte 0x{data[exc.start]:02x} as {encoding} or any Chinese encoding; "
        "save the file as UTF-8",
        line=line,
    )


def read_taxonomy(path: Path) -> Taxonomy:
    """Load and validate the curator's taxonomy file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(path, f"cannot read the taxonomy: {exc}") from exc
    return parse_taxonomy(text, path)
