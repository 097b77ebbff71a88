"""What the extraction stages are given, built once per build."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.script import Converters
from builder.taxonomy import Taxonomy

_LATIN = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class NameForm:
    """One surface form of a player, in Simplified script."""

    form: str
    player: str
    via: str
    latin: bool
    not_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeTerm:
    """One of a theme's terms, prepared for matching against lower-cased Simplified text."""

    term: str
    weight: float
    form: str
    # Latin terms must stand alone (`A10` is not in `A100`); None for the rest (a substring test).
    pattern: re.Pattern[str] | None

    def occurs_in(self, text: str) -> bool:
        """Whether the term occurs in lower-cased Simplified text."""
        return self.form in text if self.pattern is None else self.pattern.search(text) is not None

    def count_in(self, text: str) -> int:
        """How often the term occurs in lower-cased Simplified text."""
        return text.count(self.form) if self.pattern is None else len(self.pattern.findall(text))


@dataclass(frozen=True)
class ExtractOptions:
    """The taxonomy, the converters, the name forms (longest first) and each theme's terms."""

    taxonomy: Taxonomy
    converters: Converters
    name_forms: tuple[NameForm, ...]
    theme_terms: dict[str, tuple[ThemeTerm, ...]] = field(default_factory=dict)


def make_extract_options(taxonomy: Taxonomy, converters: Converters) -> ExtractOptions:
    """Prepare the player name forms once: simplified, de-duplicated, longest first."""
    forms: dict[str, NameForm] = {}
    for player in taxonomy.players:
        for via, names in (("name", (player.name,)), ("alias", player.aliases), ("model", player.models)):
            for name in names:
                form = converters.simplified(name)
                key = form.lower()
                if key not in forms:
                    vetoes = tuple(converters.simplified(v) for v in player.not_in)
                    forms[key] = NameForm(form, player.id, via, bool(_LATIN.search(form)), vetoes)
    ordered = tuple(sorted(forms.values(), key=lambda f: (-len(f.form), f.form)))
    terms = {
        theme.id: tuple(_theme_term(t, w, converters) for t, w in theme.terms) for theme in taxonomy.themes
    }
    return ExtractOptions(taxonomy=taxonomy, converters=converters, name_forms=ordered, theme_terms=terms)


def _theme_term(term: str, weight: float, converters: Converters) -> ThemeTerm:
    form = converters.simplified(term).lower()
    if not re.search(r"[a-z0-9]", form):
        return ThemeTerm(term, weight, form, None)
    return ThemeTerm(term, weight, form, re.compile(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])"))


def simplified_aligned(text: str, converters: Converters) -> str:
    """The text in Simplified script with the same length, so offsets map back one to one."""
    converted = converters.simplified(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := converters.simplified(ch)) == 1 else ch for ch in text)
