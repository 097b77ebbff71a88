"""Script editions: converting the digest's text into each edition's script and regional wording.

Conversion is lossy (后/後, 发/發/髮, 干/乾/幹 …) and regional wording depends on what a text is and
who wrote it, so text is converted by what it is:

- article text by how it was written (``Writing``): Simplified text takes the edition's regional
  wording (``builder.regional``: OpenCC plus our subject groups and vocabulary); mainland prose set in
  Traditional characters (three of the five seeds) goes through Simplified and takes the same wording in
  the Traditional edition, but only changes characters in the Simplified one (Taiwan phrasing turned
  back into mainland words would write 核心 as 内核 and 程序 as 进程); Taiwan prose takes mainland
  wording in the Simplified edition and is left as written in the Traditional one; Hong Kong prose
  changes characters only;
- names change script only, character by character, never wording: the curator's fixed names, every
  player's name, aliases and models (字节 must not become 位元組), outlets and authors marked with
  ``as_name``, and titles of works in 《》;
- the curator's ``conversions`` for an edition replace text outright and win over everything else;
- text marked with ``protect`` is never converted.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache

import opencc

from builder.model import Writing
from builder.regional import make_regional_converter, regional_tables

# Markers in generated pages. Article text never holds them: the Markdown escaper writes every control
# character as a character reference. OPEN…CLOSE: never converted (text as its source published it).
# SCRIPT_OPEN + letter … SCRIPT_CLOSE: article text and how it was written (S Simplified, T mainland prose
# in Traditional characters, W Taiwan prose, K Hong Kong prose; lower case: a name, script only). Text
# with no marker is the site's own wording, written in Simplified.
# Joins spans converted in one OpenCC call (never in article text: the escaper writes control
# characters as references).
_SEPARATOR = "\x01"
OPEN = "\x02"
CLOSE = "\x03"
SCRIPT_OPEN = "\x04"
SCRIPT_CLOSE = "\x05"
_LETTERS: dict[str, str] = {"hans": "S", "hant": "T", "hant-tw": "W", "hant-hk": "K"}
_WRITINGS: dict[str, Writing] = {"S": "hans", "T": "hant", "W": "hant-tw", "K": "hant-hk"}
_MARKED = re.compile(
    f"{OPEN}(?P<kept>.*?){CLOSE}|{SCRIPT_OPEN}(?P<script>[STWKstwk])(?P<text>.*?){SCRIPT_CLOSE}", re.S
)
# Titles of works, policies and reports: their wording is their name.
_TITLE = "《[^《》\n]{1,80}》"
# A piece of text on its way through convert_many: how it is written, or None to leave it as it is;
# names are ("name", text).
Piece = tuple[str | None, str]


def protect(text: str) -> str:
    """Mark text that no edition may convert."""
    return f"{OPEN}{text}{CLOSE}"


def in_script(text: str, writing: str | None) -> str:
    """Mark article text with how it was written, so each edition converts it the right way."""
    if not text or writing is None:
        return text
    return f"{SCRIPT_OPEN}{_LETTERS.get(writing, 'S')}{text}{SCRIPT_CLOSE}"


def as_name(text: str, writing: str | None) -> str:
    """Mark a name (an outlet, an author): every edition changes its script only, never its wording."""
    if not text:
        return text
    return f"{SCRIPT_OPEN}{_LETTERS.get(writing or 'hans', 'S').lower()}{text}{SCRIPT_CLOSE}"


def unprotect(text: str) -> str:
    """Drop every marker without converting anything (output for no particular edition)."""
    return _MARKED.sub(lambda m: m.group("kept") if m.group("kept") is not None else m.group("text"), text)


@dataclass(frozen=True)
class Edition:
    """One published edition: where it lives and how its text is converted."""

    code: str  # BCP 47 tag of the edition's text, e.g. zh-Hans, zh-Hant
    language: str  # Material's UI language, e.g. zh-Hans (ours), zh-Hant, zh-TW
    opencc: str  # OpenCC configuration from the other script into this edition: tw2sp, s2twp, s2hk
    label: str  # what the switch shows, e.g. 简体, 繁體
    path: str  # folder under the site root; "" for the primary edition

    @property
    def traditional(self) -> bool:
        """Whether the edition's text is in Traditional script."""
        return self.opencc.startswith("s2")


@dataclass(frozen=True)
class EditionText:
    """Converts text into one edition's script and wording; built once per edition."""

    edition: Edition
    # Converter chains by (writing, about computing).
    chains: dict[tuple[Writing, bool], tuple[opencc.OpenCC, ...]]
    characters: tuple[opencc.OpenCC, ...]  # script only, for names
    # Names, titles and the curator's conversions, longest first, as one alternation.
    special: re.Pattern[str]
    # The curator's conversions (every script form of the source -> the text to write).
    replacements: dict[str, str]
    # What this was built from (to rebuild it in a worker process).
    names: tuple[str, ...] = ()
    conversions: tuple[tuple[str, str], ...] = ()
    # Names already converted (a handful of names, met on every page).
    _script_only: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __reduce__(self) -> tuple[object, tuple[Edition, tuple[str, ...], tuple[tuple[str, str], ...]]]:
        """Rebuilt, not copied, in a worker process (OpenCC objects cannot be pickled)."""
        return (make_edition_text, (self.edition, self.names, self.conversions))

    @property
    def made_from(self) -> str:
        """What the conversion is made from (the edition, the names, the curator's conversions), as text:
        equal for two that convert every text alike, so a build may keep what another converted."""
        return repr((self.edition, self.names, self.conversions))

    def convert(self, text: str, writing: str | None = "hans") -> str:
        """Convert plain text written as ``writing`` (``hans``, ``hant``, ``hant-tw``, ``hant-hk``)."""
        return self.convert_many([(writing or "hans", text)])[0]

    def convert_markdown(self, text: str) -> str:
        """Convert a generated page: each marked span by how it was written, the site's own text as
        Simplified, protected spans not at all; the markers are dropped."""
        return "".join(self.convert_many(self.markdown_pieces(text)))

    def markdown_pieces(self, text: str) -> list[Piece]:
        """A generated page as the pieces ``convert_many`` converts, in order, markers dropped: joined,
        their conversions are the page's."""
        pieces: list[Piece] = []
        position = 0
        for match in _MARKED.finditer(text):
            pieces += self._own_text(text[position : match.start()])
            if match.group("kept") is not None:
                pieces.append((None, match.group("kept")))
            elif match.group("script").islower():
                pieces.append(("name", match.group("text")))
            else:
                pieces.append((_WRITINGS[match.group("script")], match.group("text")))
            position = match.end()
        pieces += self._own_text(text[position:])
        return pieces

    def _own_text(self, text: str) -> list[Piece]:
        """The site's own text between marked spans. Whether a passage is about computing is judged
        line by line (the players list: one company's 服务器 and another's 开发工具 had turned 浪潮's
        参数 into 引數); split only where it can matter, as splitting costs time on every page."""
        if self.chains[("hans", False)] == self.chains[
            ("hans", True)
        ] or not regional_tables().about_computing(text):
            return [("hans", text)]
        return [("hans", line) for line in text.splitlines(keepends=True)]

    def convert_many(self, pieces: list[Piece]) -> list[str]:
        """Convert many (writing, text) pieces at once; writing None leaves a piece as it is, "name"
        changes its script only.

        One OpenCC call per chain for all of a page's spans, not one per span: the spans are joined by
        a control character that no dictionary entry holds, so no phrase crosses two of them.
        """
        out = [t for _, t in pieces]
        # (chain key) -> [(index in out, part number, text)] of every stretch to convert.
        stretches: dict[tuple[Writing, bool], list[tuple[int, int, str]]] = {}
        parts_of: dict[int, list[str]] = {}
        tables = regional_tables()
        for number, (kind, given) in enumerate(pieces):
            if kind is None or not given:
                continue
            if kind == "name":
                out[number] = self.script_only(given)
                continue
            writing = _WRITINGS[_LETTERS.get(kind, "S")]
            piece = tables.space_latin(self.edition.opencc, given)
            parts: list[str] = []
            position = 0
            plain: list[tuple[int, str]] = []
            for match in self.special.finditer(piece):
                if match.start() > position:
                    plain.append((len(parts), piece[position : match.start()]))
                    parts.append("")
                parts.append(self._special(match.group(0)))
                position = match.end()
            if position < len(piece):
                plain.append((len(parts), piece[position:]))
                parts.append("")
            if not plain:
                out[number] = "".join(parts)
                continue
            key = (writing, False)
            if self.chains[key] != self.chains[(writing, True)]:  # the subject matters for this text
                simplified = piece if writing == "hans" else str(_t2s().convert(piece))
                key = (writing, tables.about_computing(simplified))
            chain = self.chains[key]
            parts_of[number] = parts
            for part, stretch in plain:
                if chain:
                    stretches.setdefault(key, []).append((number, part, stretch))
                else:
                    parts[part] = stretch
        for key, todo in stretches.items():
            joined = _SEPARATOR.join(t for _, _, t in todo)
            converted = self._through(self.chains[key], joined).split(_SEPARATOR)
            if len(converted) != len(todo):  # never expected: convert one by one
                converted = [self._through(self.chains[key], t) for _, _, t in todo]
            for (number, part, _), text in zip(todo, converted, strict=True):
                parts_of[number][part] = text
        for number, parts in parts_of.items():
            out[number] = "".join(parts)
        return out

    def _special(self, text: str) -> str:
        replacement = self.replacements.get(text)
        return replacement if replacement is not None else self.script_only(text)

    def script_only(self, text: str) -> str:
        """Change script, never wording (for names): OpenCC's character tables and the phrases that
        pick a character (阿里 keeps 里, 华为 takes 為), with no regional phrase step."""
        known = self._script_only.get(text)
        if known is None:
            known = self._script_only[text] = self._through(self.characters, text)
        return known

    @staticmethod
    def _through(chain: tuple[opencc.OpenCC, ...], text: str) -> str:
        for converter in chain:
            text = str(converter.convert(text))
        return text


@dataclass
class ConversionMemo:
    """One edition's conversions of the pieces of its generated pages (``markdown_pieces``), kept between
    builds (by ``builder.pages.site.RenderMemo``): a page whose Markdown changed is converted again, but
    nearly all of its pieces were on the last build's pages (ten articles added to 1,000 changed 170
    pages of the 繁體 edition, each player's and theme's among them, whose text is mostly the same
    quotes in the same markup: 98% of their 4.9 million characters had been converted before, and
    converting them again took 1.2 s of the publish). A piece's conversion depends on the piece and
    the edition's conversion only (``convert_many`` converts each on its own), so a kept one is the one
    converting would give. What no page holds any more is forgotten: each page's pieces are kept, and
    each piece counts the pages that hold it."""

    # What the conversions were made with (``EditionText.made_from``): a memo for another is not used.
    made_from: str = ""
    # A piece, as its key (``_key``: one string, as a pickle stores strings fastest) -> its conversion;
    # -> how many pages hold it; -> the key itself (the object the pages hold: a pickle then stores
    # each piece once, however many pages hold it).
    _converted: dict[str, str] = field(default_factory=dict)
    _holders: dict[str, int] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)
    # A page (its path) -> its pieces' keys, each once.
    _pages: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def convert_page(self, path: str, markdown: str, edition: EditionText) -> str:
        """``edition.convert_markdown(markdown)``, converting only pieces no page held; ``path``: the
        page's, whose pieces replace those it held."""
        pieces = edition.markdown_pieces(markdown)
        keys = [_key(p) for p in pieces]
        converted, holders, known = self._converted, self._holders, self._keys
        missing = {k: p for k, p in zip(keys, pieces, strict=True) if k not in converted}
        converted.update(zip(missing, edition.convert_many(list(missing.values())), strict=True))
        known.update((k, k) for k in missing)
        held = tuple(known[k] for k in dict.fromkeys(keys))
        for key in held:
            holders[key] = holders.get(key, 0) + 1
        self._release(self._pages.get(path, ()))
        self._pages[path] = held
        return "".join([converted[k] for k in keys])

    def keep_pages(self, paths: Collection[str]) -> None:
        """Forget the pages not among ``paths`` (gone from the site), and the pieces only they held."""
        for path in sorted(self._pages.keys() - set(paths)):
            self._release(self._pages.pop(path))

    def __len__(self) -> int:
        """How many pieces are kept."""
        return len(self._converted)

    def _release(self, held: tuple[str, ...]) -> None:
        holders = self._holders
        for key in held:
            count = holders[key] - 1
            if count:
                holders[key] = count
            else:
                del holders[key], self._converted[key], self._keys[key]


def _key(piece: Piece) -> str:
    """A piece as one string: how it is written, then its text."""
    return f"{piece[0] or ''}\0{piece[1]}"


@cache
def _converter(config: str, computing: bool = False) -> opencc.OpenCC:
    """Converters are loaded once per process (each takes a tenth of a second or more)."""
    return make_regional_converter(config, computing)


def _t2s() -> opencc.OpenCC:
    return _converter("t2s")


def make_edition_text(
    edition: Edition, names: tuple[str, ...] = (), conversions: tuple[tuple[str, str], ...] = ()
) -> EditionText:
    """Load the converters an edition needs and compile its names and the curator's conversions.

    ``names``: text that changes script only; ``conversions``: (source, text to write) pairs, the
    source in either script.
    """
    chains: dict[tuple[Writing, bool], tuple[opencc.OpenCC, ...]] = {}
    for computing in (False, True):
        regional = _converter(edition.opencc, computing)
        if edition.traditional:
            chains[("hans", computing)] = (regional,)
            chains[("hant", computing)] = (_t2s(), regional)
            # Prose already written in a Traditional region is left as its author wrote it.
            chains[("hant-tw", computing)] = ()
            chains[("hant-hk", computing)] = ()
        else:
            chains[("hans", computing)] = ()
            # Characters only, with Taiwan variants undone (意味著 -> 意味着): no regional phrases.
            chains[("hant", computing)] = (_converter("tw2s"),)
            chains[("hant-tw", computing)] = (regional,)
            chains[("hant-hk", computing)] = (_converter("hk2s"),)
    characters = (_t2s(), _converter("s2tw")) if edition.traditional else (_t2s(),)
    s2t, t2s, other = _converter("s2t"), _t2s(), _converter(edition.opencc)
    table = regional_tables().tables.get(edition.opencc)
    vocabulary = {source for source, _ in table.vocabulary} if table is not None else set()
    forms: set[str] = set()
    for name in names:
        if name in vocabulary:  # our tables give it a regional name (英伟达 -> 輝達)
            continue
        forms |= {name, str(s2t.convert(name)), str(t2s.convert(name)), str(other.convert(name))}
    replacements: dict[str, str] = {}
    # Our vocabulary wins over a name inside it (字节错位 is about bytes, 字节 alone is ByteDance).
    inside = [source for source in vocabulary if any(f in source for f in forms)]
    for source in inside:
        replacements[source] = str(other.convert(source))
    for source, target in conversions:
        for form in (source, str(s2t.convert(source)), str(t2s.convert(source))):
            replacements[form] = target
    alternatives = [re.escape(f) for f in sorted(forms | set(replacements), key=lambda f: (-len(f), f))]
    special = re.compile("|".join([*alternatives, _TITLE]))
    return EditionText(edition, chains, characters, special, replacements, tuple(names), tuple(conversions))
