"""The curator's taxonomy (themes, players, glossary), validated on load: unknown keys are errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.errors import BuilderError


class TaxonomyError(BuilderError):
    """The taxonomy file is malformed; the message names the key path."""


@dataclass(frozen=True)
class Theme:
    """A theme: which paragraphs feed it and how it introduces itself."""

    id: str
    name: str
    name_en: str
    intro: str
    # term -> weight; a paragraph scores the weights of the distinct terms it contains.
    terms: tuple[tuple[str, float], ...]
    # Added per distinct player a paragraph mentions.
    player_weight: float
    min_score: float
    # Pins: "article-stem#block-index" forced in or kept out.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # The curator's key points for the theme page (shown instead of the ones drawn from the articles).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Player:
    """A company, lab, university or person in the race."""

    id: str
    name: str
    category: str
    aliases: tuple[str, ...]
    models: tuple[str, ...]
    about: str
    # Phrases in which a name is not this player (浪潮 is Inspur, but 创业浪潮 is a wave).
    not_in: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every surface form that counts as a mention of this player."""
        return (self.name, *self.aliases, *self.models)


@dataclass(frozen=True)
class GlossaryTerm:
    """A term with a one-line definition."""

    term: str
    definition: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """Everything the curator decides: categories, themes, players, glossary."""

    categories: tuple[tuple[str, str], ...]
    themes: tuple[Theme, ...]
    players: tuple[Player, ...]
    glossary: tuple[GlossaryTerm, ...]
    # Brand and model names whose wording no edition may change (only their script changes).
    fixed_names: tuple[str, ...] = ()
    # The curator's conversions per edition code: (source text, text that edition writes), applied
    # before any other conversion (builder/editions.py).
    conversions: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name no edition may reword: fixed names, and each player's name, aliases and models."""
        found = set(self.fixed_names)
        for player in self.players:
            found |= {player.name, *player.aliases, *player.models}
        return tuple(sorted(found))

    def conversions_for(self, edition: str) -> tuple[tuple[str, str], ...]:
        """The curator's conversions for one edition code."""
        return dict(self.conversions).get(edition, ())

    def category_name(self, category: str) -> str:
        """The display name of a category id."""
        return dict(self.categories)[category]

    def player(self, player_id: str) -> Player:
        """The player with this id."""
        return next(p for p in self.players if p.id == player_id)

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id."""
        return next(t for t in self.themes if t.id == theme_id)


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PIN = re.compile(r"^[^#\s]+#\d+$")
_TOP = {"categories", "themes", "players", "glossary", "fixed_names", "conversions"}
_REQUIRED_TOP = {"categories", "themes", "players", "glossary"}
_THEME = {
    "id",
    "name",
    "name_en",
    "intro",
    "notes",
    "terms",
    "player_weight",
    "min_score",
    "include",
    "exclude",
}
_PLAYER = {"id", "name", "category", "aliases", "models", "about", "not_in"}
_TERM = {"term", "definition", "aliases"}


def parse_taxonomy(text: str, path: Path) -> Taxonomy:
    """Parse and validate the taxonomy YAML; every problem names its key path."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TaxonomyError(
            path, f"invalid YAML: {getattr(exc, 'problem', exc)}", line=mark.line + 1 if mark else None
        ) from exc
    checker = _Checker(path)
    data = checker.mapping(data, "", required=_REQUIRED_TOP, allowed=_TOP)
    categories = checker.mapping(data["categories"], "categories")
    category_pairs = tuple(
        (checker.ident(k, f"categories.{k}"), checker.text(v, f"categories.{k}"))
        for k, v in categories.items()
    )
    themes = tuple(
        _theme(checker, item, f"themes[{i}]")
        for i, item in enumerate(checker.items(data["themes"], "themes"))
    )
    players = tuple(
        _player(checker, item, f"players[{i}]", dict(category_pairs))
        for i, item in enumerate(checker.items(data["players"], "players"))
    )
    glossary = tuple(
        _term(checker, item, f"glossary[{i}]")
        for i, item in enumerate(checker.items(data["glossary"], "glossary"))
    )
    for kind, ids in (("themes", [t.id for t in themes]), ("players", [p.id for p in players])):
        duplicates = sorted({x for x in ids if ids.count(x) > 1})
        if duplicates:
            raise TaxonomyError(path, f"{kind}: id '{duplicates[0]}' is used twice")
    if not themes:
        raise TaxonomyError(path, "themes: at least one theme is needed")
    fixed = checker.texts(data.get("fixed_names", []), "fixed_names")
    conversions = []
    for code, pairs in checker.mapping(data.get("conversions") or {}, "conversions").items():
        where = f"conversions.{code}"
        table = checker.mapping(pairs, where)
        conversions.append(
            (
                checker.text(code, where),
                tuple(
                    (checker.text(k, f"{where}.{k}"), checker.text(v, f"{where}.{k}"))
                    for k, v in table.items()
                ),
            )
        )
    return Taxonomy(
        categories=category_pairs,
        themes=themes,
        players=players,
        glossary=glossary,
        fixed_names=fixed,
        conversions=tuple(conversions),
    )


def _theme(checker: _Checker, raw: object, where: str) -> Theme:
    data = checker.mapping(raw, where, required={"id", "name", "intro", "terms", "min_score"}, allowed=_THEME)
    terms = checker.mapping(data["terms"], f"{where}.terms")
    return Theme(
        id=checker.ident(data["id"], f"{where}.id"),
        name=checker.text(data["name"], f"{where}.name"),
        name_en=checker.text(data.get("name_en", data["name"]), f"{where}.name_en"),
        intro=checker.text(data["intro"], f"{where}.intro"),
        terms=tuple((str(k), checker.number(v, f"{where}.terms.{k}")) for k, v in terms.items()),
        player_weight=checker.number(data.get("player_weight", 0), f"{where}.player_weight"),
        min_score=checker.number(data["min_score"], f"{where}.min_score"),
        include=checker.pins(data.get("include", []), f"{where}.include"),
        exclude=checker.pins(data.get("exclude", []), f"{where}.exclude"),
        notes=checker.texts(data.get("notes", []), f"{where}.notes"),
    )


def _player(checker: _Checker, raw: object, where: str, categories: dict[str, str]) -> Player:
    data = checker.mapping(raw, where, required={"id", "name", "category", "about"}, allowed=_PLAYER)
    category = checker.text(data["category"], f"{where}.category")
    if category not in categories:
        raise TaxonomyError(
            checker.path, f"{where}.category: '{category}' is not one of {', '.join(categories)}"
        )
    return Player(
        id=checker.ident(data["id"], f"{where}.id"),
        name=checker.text(data["name"], f"{where}.name"),
        category=category,
        aliases=checker.texts(data.get("aliases", []), f"{where}.aliases"),
        models=checker.texts(data.get("models", []), f"{where}.models"),
        about=checker.text(data["about"], f"{where}.about"),
        not_in=checker.texts(data.get("not_in", []), f"{where}.not_in"),
    )


def _term(checker: _Checker, raw: object, where: str) -> GlossaryTerm:
    data = checker.mapping(raw, where, required={"term", "definition"}, allowed=_TERM)
    return GlossaryTerm(
        term=checker.text(data["term"], f"{where}.term"),
        definition=checker.text(data["definition"], f"{where}.definition"),
        aliases=checker.texts(data.get("aliases", []), f"{where}.aliases"),
    )


@dataclass(frozen=True)
class _Checker:
    path: Path

    def fail(self, where: str, message: str) -> TaxonomyError:
        return TaxonomyError(self.path, f"{where or 'top level'}: {message}")

    def mapping(
        self, value: object, where: str, required: set[str] | None = None, allowed: set[str] | None = None
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected a mapping")
        if allowed is not None:
            unknown = sorted(str(k) for k in value if k not in allowed)
            if unknown:
                key = f"{where}.{unknown[0]}" if where else unknown[0]
                raise self.fail(key, f"unknown key (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required or ()):
            if key not in value:
                raise self.fail(f"{where}.{key}" if where else key, "missing")
        return value

    def items(self, value: object, where: str) -> list[object]:
        if not isinstance(value, list):
            raise self.fail(where, "expected a list")
        return value

    def text(self, value: object, where: str) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
            raise self.fail(where, "expected non-empty text")
        return str(value).strip()

    def texts(self, value: object, where: str) -> tuple[str, ...]:
        return tuple(self.text(v, f"{where}[{i}]") for i, v in enumerate(self.items(value, where)))

    def ident(self, value: object, where: str) -> str:
        text = self.text(value, where)
        if not _ID.match(text):
            raise self.fail(where, f"'{text}' is not an id (lower-case letters, digits and '-')")
        return text

    def number(self, value: object, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, "expected a number")
        return float(value)

    def pins(self, value: object, where: str) -> tuple[str, ...]:
        pins = self.texts(value, where)
        for i, pin in enumerate(pins):
            if not _PIN.match(pin):
                raise self.fail(f"{where}[{i}]", f"'{pin}' is not 'article-id#paragraph-index'")
        return pins
