"""The curator's taxonomy: the real file loads; malformed ones fail naming the key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.ingest import read_taxonomy
from builder.taxonomy import TaxonomyError, parse_taxonomy
from tests.conftest import ROOT

MINIMAL = """
categories: {overseas: 海外玩家}
themes:
  - {id: gap, name: 算力差距, intro: 介绍, terms: {算力: 3}, min_score: 3}
players:
  - {id: openai, name: OpenAI, category: overseas, about: 介绍}
glossary:
  - {term: AIGC, definition: 人工智能生成内容}
"""


def test_the_project_taxonomy_loads_with_the_three_themes() -> None:
    taxonomy = read_taxonomy(ROOT / "taxonomy.yml")
    assert [t.id for t in taxonomy.themes] == ["players", "compute-gap", "ecosystems"]
    assert {t.name for t in taxonomy.themes} == {"玩家", "算力差距", "生态"}
    assert {p.category for p in taxonomy.players} <= {c for c, _ in taxonomy.categories}
    assert {"AIGC", "MaaS", "AIaaS", "SaaS", "PaaS", "NLP", "MAU", "算力", "大模型"} <= {
        g.term for g in taxonomy.glossary
    }


def test_minimal_taxonomy_parses() -> None:
    taxonomy = parse_taxonomy(MINIMAL, Path("t.yml"))
    assert taxonomy.player("openai").names == ("OpenAI",)


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("glossary:", "glosary:", "glosary: unknown key"),
        ("min_score: 3}", "min_score: 3, colour: red}", "themes[0].colour: unknown key"),
        ("category: overseas", "category: space", "players[0].category: 'space' is not one of"),
        ("terms: {算力: 3}", "terms: {算力: lots}", "themes[0].terms.算力: expected a number"),
        ("id: openai", "id: Open AI", "players[0].id: 'Open AI' is not an id"),
        ("about: 介绍}", "about: 介绍, aliases: oops}", "players[0].aliases: expected a list"),
        ("definition: 人工智能生成内容", "definiton: x", "glossary[0].definiton: unknown key"),
        ("{id: gap,", "{name2: x, id: gap,", "themes[0].name2: unknown key"),
        ("min_score: 3}", "min_score: 3, include: [bad]}", "themes[0].include[0]: 'bad' is not"),
        ("min_score: 3}", "min_score: 3, notes: 一点}", "themes[0].notes: expected a list"),
    ],
)
def test_malformed_taxonomy_names_the_key(old: str, new: str, needle: str) -> None:
    assert old in MINIMAL
    with pytest.raises(TaxonomyError) as info:
        parse_taxonomy(MINIMAL.replace(old, new, 1), Path("t.yml"))
    assert needle in str(info.value)
    assert "t.yml" in str(info.value)


def test_duplicate_ids_are_errors() -> None:
    text = MINIMAL.replace("glossary:", "  - {id: openai, name: X, category: overseas, about: Y}\nglossary:")
    with pytest.raises(TaxonomyError, match="players: id 'openai' is used twice"):
        parse_taxonomy(text, Path("t.yml"))


def test_a_themes_notes_are_the_curators_key_points() -> None:
    text = MINIMAL.replace("min_score: 3}", "min_score: 3, notes: [第一点。, 第二点。]}", 1)
    assert parse_taxonomy(text, Path("t.yml")).theme("gap").notes == ("第一点。", "第二点。")
