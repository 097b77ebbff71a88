"""Regional wording over OpenCC: the digest's phrase tables, in subject groups, as Wikipedia does it.

OpenCC's regional phrase step (``s2twp``: Simplified to Taiwan wording, ``tw2sp``: back) treats every
text as if it were about computers: 参数 becomes 引數 (a function's argument) in a sentence about a
model's parameters, 程序 becomes 程式 in 测试程序 (a test procedure), 循环 becomes 迴圈 in 可循环生态. And
it leaves mainland words a Taiwan reader would not write (万亿, 营销, 数字经济). Chinese Wikipedia layers
conversion groups per subject over its tables; this module does the same over OpenCC's:

- ``vocabulary``: our entries, applied everywhere, before OpenCC's own (ties go to ours, longer
  phrases still win: 程序员 stays 程式設計師);
- ``computing``: OpenCC's entries that only a text about programming should get; elsewhere the words
  change script only. A text is about computing when it uses two different ``computing_markers``.

The tables live in ``regional_phrases.yml`` beside this module. OpenCC reads dictionaries only from
files named in a JSON configuration, so each converter is loaded from a configuration written into a
temporary folder (deleted once OpenCC has read it), which extends the installed configuration.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import opencc
import yaml

_TABLES = Path(__file__).with_name("regional_phrases.yml")
# Where the installed OpenCC keeps its configurations and dictionaries.
_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
# The regional phrase dictionary each configuration's step is built around.
_REGIONAL_DICT = {"s2twp": "TWPhrases.ocd2", "tw2sp": "TWPhrasesRev.ocd2"}
_LATIN = re.compile("[A-Za-z0-9]")


@dataclass(frozen=True)
class PhraseTable:
    """Our layer over one OpenCC configuration's regional phrase step."""

    config: str  # the OpenCC configuration: s2twp or tw2sp
    vocabulary: tuple[tuple[str, str], ...]  # (source text, text to write), always applied
    computing: tuple[str, ...]  # OpenCC entries applied only where the text is about computing

    @cached_property
    def latin(self) -> re.Pattern[str] | None:
        """The source words this table writes in Latin letters (谷歌 -> Google), if any."""
        words = tuple(s for s, t in self.vocabulary if t.isascii())
        return _markers(words) if words else None


@dataclass(frozen=True)
class RegionalTables:
    """Every phrase table, and the words that mark a text as about computing."""

    tables: dict[str, PhraseTable]
    computing_markers: tuple[str, ...]

    def space_latin(self, config: str, text: str) -> str:
        """Put a space where a word this configuration writes in Latin letters (谷歌 -> Google)
        touches Latin letters or digits in the source (谷歌Switch), before converting."""
        table = self.tables.get(config)
        pattern = table.latin if table is not None else None
        if pattern is None:
            return text

        def spaced(match: re.Match[str]) -> str:
            before = match.start() > 0 and _LATIN.match(text[match.start() - 1]) is not None
            after = match.end() < len(text) and _LATIN.match(text[match.end()]) is not None
            return f"{' ' if before else ''}{match.group(0)}{' ' if after else ''}"

        return pattern.sub(spaced, text)

    def about_computing(self, simplified: str) -> bool:
        """Whether a passage (in Simplified script) is about programming: two different markers."""
        found = set(_markers(self.computing_markers).findall(simplified))
        return len(found) >= 2


@cache
def _markers(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@cache
def regional_tables() -> RegionalTables:
    """The package's tables (read once per process)."""
    data = yaml.safe_load(_TABLES.read_text(encoding="utf-8"))
    tables = {}
    for config in _REGIONAL_DICT:
        section = data[config]
        unknown = set(section) - {"vocabulary", "computing"}
        if unknown:
            raise ValueError(f"{_TABLES.name}: {config}: unknown keys {sorted(unknown)}")
        vocabulary = tuple((str(k), str(v)) for k, v in (section.get("vocabulary") or {}).items())
        computing = tuple(str(w) for w in section.get("computing") or ())
        tables[config] = PhraseTable(config, vocabulary, computing)
    return RegionalTables(tables, tuple(str(w) for w in data["computing_markers"]))


def make_regional_converter(config: str, computing: bool) -> opencc.OpenCC:
    """An OpenCC converter for ``config`` with our layer (plain OpenCC for other configurations).

    ``computing``: whether OpenCC's computing entries apply (text about programming).
    """
    table = regional_tables().tables.get(config)
    if table is None:
        return _plain(config)
    return _load_extended(table, computing)


@cache
def _plain(config: str) -> opencc.OpenCC:
    """One of OpenCC's own converters, loaded once per process: the 繁體 edition's set-up loaded s2t
    three times and s2tw twice (a tenth of a second each), in the process that builds it while the
    primary edition renders, which then waited for it."""
    return opencc.OpenCC(config)


def _load_extended(table: PhraseTable, computing: bool) -> opencc.OpenCC:
    base = json.loads((_SHARE / f"{table.config}.json").read_text(encoding="utf-8"))
    # What the regional step reads: Traditional text after s2twp's first step, the input itself in tw2sp.
    step_form = _plain("s2t").convert if table.config == "s2twp" else str
    # A word kept out of the regional step still gets the configuration's own variant characters.
    kept_form = _plain("s2tw").convert if table.config == "s2twp" else str
    entries: dict[str, str] = {}
    if not computing:
        for word in table.computing:
            entries[str(step_form(word))] = str(kept_form(word))
    for source, target in table.vocabulary:
        entries[str(step_form(source))] = target
    sources = sorted({s for s, _ in table.vocabulary} | (set() if computing else set(table.computing)))
    with tempfile.TemporaryDirectory(prefix="digest-opencc-") as folder:
        ours = Path(folder) / "ours.txt"
        ours.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(entries.items())), encoding="utf-8")
        words = Path(folder) / "words.txt"
        words.write_text("".join(f"{w}\t{w}\n" for w in sources), encoding="utf-8")
        config = _absolute(base)
        config["segmentation"]["dict"] = {
            "type": "group",
            "match_policy": "union",
            "dicts": [{"type": "text", "file": str(words)}, config["segmentation"]["dict"]],
        }
        chain = _extend(config["conversion_chain"], _REGIONAL_DICT[table.config], str(ours))
        if chain == config["conversion_chain"]:
            raise ValueError(f"OpenCC's {table.config}.json has no {_REGIONAL_DICT[table.config]} step")
        config["conversion_chain"] = chain
        path = Path(folder) / f"{table.config}-digest.json"
        path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        return opencc.OpenCC(str(path))


def _absolute(node: Any) -> Any:
    """The configuration with every dictionary file named by its full path in OpenCC's folder."""
    if isinstance(node, dict):
        out = {k: _absolute(v) for k, v in node.items()}
        if "file" in out and not Path(out["file"]).is_absolute():
            out["file"] = str(_SHARE / out["file"])
        return out
    if isinstance(node, list):
        return [_absolute(v) for v in node]
    return node


def _extend(node: Any, regional: str, ours: str) -> Any:
    """The chain with the regional dictionary replaced by a group of ours and it, where the longest
    match wins and ours wins ties."""
    if isinstance(node, list):
        return [_extend(v, regional, ours) for v in node]
    if not isinstance(node, dict):
        return node
    if Path(str(node.get("file", ""))).name == regional:
        return {"type": "group", "match_policy": "union", "dicts": [{"type": "text", "file": ours}, node]}
    return {k: _extend(v, regional, ours) for k, v in node.items()}
