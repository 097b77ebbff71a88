"""What the extraction stages are given, built once per build."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
class ExtractOptions:
    """The taxonomy, the converters and the name forms, longest first."""

    taxonomy: Taxonomy
    converters: Converters
    name_forms: tuple[NameForm, ...]


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
    return ExtractOptions(taxonomy=taxonomy, converters=converters, name_forms=ordered)


def simplified_aligned(text: str, converters: Converters) -> str:
    """The text in Simplified script with the same length, so offsets map back one to one."""
    converted = converters.simplified(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := converters.simplified(ch)) == 1 else ch for ch in text)
