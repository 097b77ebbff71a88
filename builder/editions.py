"""Script editions: converting the digest's text with OpenCC phrase configurations.

Conversion is lossy (后/後, 发/發/髮, 干/乾/幹 …), so two things are never converted by phrase:
text marked with ``protect`` (an article's text as its source published it) and the names the curator
marks as fixed, whose wording never changes (腾讯视频 must not become 騰訊影片): they only change
script, character by character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import opencc

# Markers in generated pages. Article text never holds them: the Markdown escaper writes every control
# character as a character reference. OPEN…CLOSE: never converted (text as its source published it).
# SCRIPT_OPEN + S|T … SCRIPT_CLOSE: article text in Simplified (S) or Traditional (T) script; text with
# no marker is the site's own wording, written in Simplified.
# Joins spans converted in one OpenCC call (never in article text: the escaper writes control
# characters as references).
_SEPARATOR = "\x01"
OPEN = "\x02"
CLOSE = "\x03"
SCRIPT_OPEN = "\x04"
SCRIPT_CLOSE = "\x05"
_MARKED = re.compile(
    f"{OPEN}(?P<kept>.*?){CLOSE}|{SCRIPT_OPEN}(?P<script>[ST])(?P<text>.*?){SCRIPT_CLOSE}", re.S
)


def protect(text: str) -> str:
    """Mark text that no edition may convert."""
    return f"{OPEN}{text}{CLOSE}"


def in_script(text: str, script: str | None) -> str:
    """Mark article text with the script it is in, so each edition converts it the right way."""
    if not text or script is None:
        return text
    return f"{SCRIPT_OPEN}{'T' if script == 'hant' else 'S'}{text}{SCRIPT_CLOSE}"


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
    """Converts text into one edition's script and wording; built once per edition.

    Text already in the edition's script is left alone in a Simplified edition; in a Traditional one
    it goes through Simplified and back, so mainland wording in Traditional script (軟件) takes the
    edition's regional wording (軟體). Text in the other script goes through the edition's config.
    """

    edition: Edition
    from_hans: tuple[opencc.OpenCC, ...]
    from_hant: tuple[opencc.OpenCC, ...]
    characters: opencc.OpenCC
    # Every script form of the fixed names, longest first, as one alternation (None: no names).
    fixed: re.Pattern[str] | None = None
    # The curator's fixed names the pattern was built from (to rebuild this in a worker process).
    fixed_names: tuple[str, ...] = ()
    # Fixed names already converted (a handful of names, met on every page).
    _script_only: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __reduce__(self) -> tuple[object, tuple[Edition, tuple[str, ...]]]:
        """Rebuilt, not copied, in a worker process (OpenCC objects cannot be pickled)."""
        return (make_edition_text, (self.edition, self.fixed_names))

    def convert(self, text: str, script: str | None = "hans") -> str:
        """Convert plain text in the given script; fixed names change script only, never wording."""
        if not text:
            return text
        chain = self.from_hant if script == "hant" else self.from_hans
        if self.fixed is None:
            return self._through(chain, text)
        out = []
        position = 0
        for match in self.fixed.finditer(text):
            out.append(self._through(chain, text[position : match.start()]))
            out.append(self.script_only(match.group(0)))
            position = match.end()
        out.append(self._through(chain, text[position:]))
        return "".join(out)

    def convert_markdown(self, text: str) -> str:
        """Convert a generated page: each marked span by its script, the site's own text as
        Simplified, protected spans not at all; the markers are dropped."""
        pieces: list[tuple[str | None, str]] = []  # (script or None for kept text, text)
        position = 0
        for match in _MARKED.finditer(text):
            pieces.append(("hans", text[position : match.start()]))
            if match.group("kept") is not None:
                pieces.append((None, match.group("kept")))
            else:
                pieces.append(("hant" if match.group("script") == "T" else "hans", match.group("text")))
            position = match.end()
        pieces.append(("hans", text[position:]))
        return "".join(self.convert_many(pieces))

    def convert_many(self, pieces: list[tuple[str | None, str]]) -> list[str]:
        """Convert many (script, text) pieces at once; script None leaves a piece as it is.

        One OpenCC call per script for all of a page's spans, not one per span: the spans are joined
        by a control character that no dictionary entry holds, so no phrase crosses two of them.
        """
        out = [t for _, t in pieces]
        for script in ("hans", "hant"):
            chain = self.from_hant if script == "hant" else self.from_hans
            if not chain:
                # Already the edition's script (Simplified text in the Simplified edition): only the
                # fixed names change, by script (a name written in the other script).
                if self.fixed is not None:
                    for number, (kind, piece) in enumerate(pieces):
                        if kind == script and piece:
                            out[number] = self.fixed.sub(self._script_only_match, piece)
                continue
            # (index in out, text) of every stretch that goes through the chain; fixed names do not.
            stretches: list[tuple[int, int, str]] = []
            for number, (kind, piece) in enumerate(pieces):
                if kind != script or not piece:
                    continue
                parts: list[str] = []
                position = 0
                for match in self.fixed.finditer(piece) if self.fixed is not None else ():
                    parts += [piece[position : match.start()], self.script_only(match.group(0))]
                    position = match.end()
                parts.append(piece[position:])
                out[number] = ""
                for k, part in enumerate(parts):
                    stretches.append((number, k % 2, part))
            if not stretches:
                continue
            plain = [t for _, fixed, t in stretches if not fixed]
            converted = iter(
                self._through(chain, _SEPARATOR.join(plain)).split(_SEPARATOR) if chain else plain
            )
            for number, fixed, part in stretches:
                out[number] += part if fixed else next(converted)
        return out

    def _script_only_match(self, match: re.Match[str]) -> str:
        return self.script_only(match.group(0))

    def script_only(self, text: str) -> str:
        """Change script character by character, never wording (for fixed names)."""
        known = self._script_only.get(text)
        if known is None:
            known = self._script_only[text] = "".join(str(self.characters.convert(ch)) for ch in text)
        return known

    @staticmethod
    def _through(chain: tuple[opencc.OpenCC, ...], text: str) -> str:
        for converter in chain:
            text = str(converter.convert(text))
        return text


def make_edition_text(edition: Edition, fixed: tuple[str, ...] = ()) -> EditionText:
    """Load the OpenCC converters an edition needs and compile the fixed names."""
    other = opencc.OpenCC(edition.opencc)
    if edition.traditional:
        from_hans: tuple[opencc.OpenCC, ...] = (other,)
        from_hant: tuple[opencc.OpenCC, ...] = (opencc.OpenCC("t2s"), other)
        characters = opencc.OpenCC("s2t")
    else:
        from_hans, from_hant = (), (other,)
        characters = opencc.OpenCC("t2s")
    forms: set[str] = set()
    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    for name in fixed:
        forms |= {name, str(s2t.convert(name)), str(t2s.convert(name)), str(other.convert(name))}
    pattern = (
        re.compile("|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))))
        if forms
        else None
    )
    return EditionText(edition, from_hans, from_hant, characters, pattern, tuple(fixed))
