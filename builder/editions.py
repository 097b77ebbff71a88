"""Script editions: converting the digest's text with OpenCC phrase configurations.

Conversion is lossy (后/後, 发/發/髮, 干/乾/幹 …), so two things are never converted by phrase:
text marked with ``protect`` (an article's text as its source published it) and the names the curator
marks as fixed, whose wording never changes (腾讯视频 must not become 騰訊影片): they only change
script, character by character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import opencc

# Markers around text that must reach the page exactly as written. Article text never holds them:
# the Markdown escaper writes every control character as a character reference.
OPEN = "\x02"
CLOSE = "\x03"
_PROTECTED = re.compile(f"{OPEN}(.*?){CLOSE}", re.S)


def protect(text: str) -> str:
    """Mark text that no edition may convert."""
    return f"{OPEN}{text}{CLOSE}"


def unprotect(text: str) -> str:
    """Drop the markers without converting anything (output for no particular edition)."""
    return text.replace(OPEN, "").replace(CLOSE, "")


@dataclass(frozen=True)
class Edition:
    """One published edition: where it lives and how its text is converted."""

    code: str  # BCP 47 tag of the edition's text, e.g. zh-Hans, zh-Hant
    language: str  # Material's UI language, e.g. zh-Hans (ours), zh-Hant, zh-TW
    opencc: str  # OpenCC configuration, e.g. t2s, s2twp, s2hk
    label: str  # what the switch shows, e.g. 简体, 繁體
    path: str  # folder under the site root; "" for the primary edition

    @property
    def traditional(self) -> bool:
        """Whether the edition's text is in Traditional script."""
        return self.opencc.startswith("s2") or self.opencc.endswith(("2t", "2tw", "2hk"))


@dataclass(frozen=True)
class EditionText:
    """Converts text into one edition's script and wording; built once per edition."""

    edition: Edition
    phrases: opencc.OpenCC
    characters: opencc.OpenCC
    # Every script form of the fixed names, longest first, as one alternation (None: no names).
    fixed: re.Pattern[str] | None = None

    def convert(self, text: str) -> str:
        """Convert plain text (article text, data); fixed names change script only."""
        if not text or self.fixed is None:
            return str(self.phrases.convert(text)) if text else text
        out = []
        position = 0
        for match in self.fixed.finditer(text):
            out.append(str(self.phrases.convert(text[position : match.start()])))
            out.append(self.script_only(match.group(0)))
            position = match.end()
        out.append(str(self.phrases.convert(text[position:])))
        return "".join(out)

    def convert_markdown(self, text: str) -> str:
        """Convert a generated page: everything outside protected spans, then drop the markers."""
        out = []
        position = 0
        for match in _PROTECTED.finditer(text):
            out.append(self.convert(text[position : match.start()]))
            out.append(match.group(1))
            position = match.end()
        out.append(self.convert(text[position:]))
        return "".join(out)

    def script_only(self, text: str) -> str:
        """Change script character by character, never wording (for fixed names)."""
        return "".join(str(self.characters.convert(ch)) for ch in text)


def make_edition_text(edition: Edition, fixed: tuple[str, ...] = ()) -> EditionText:
    """Load the OpenCC converters an edition needs and compile the fixed names."""
    phrases = opencc.OpenCC(edition.opencc)
    characters = opencc.OpenCC("s2t" if edition.traditional else "t2s")
    forms: set[str] = set()
    for name in fixed:
        forms |= {name, str(opencc.OpenCC("s2t").convert(name)), str(opencc.OpenCC("t2s").convert(name))}
        forms.add(str(phrases.convert(name)))
    pattern = (
        re.compile("|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))))
        if forms
        else None
    )
    return EditionText(edition, phrases, characters, pattern)
