"""Every code the builder shows a reader has a label, in every edition: a new removal reason or flag kind
without one would show the curator's English on the Chinese site."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml

from builder.editions import Edition, make_edition_text
from builder.model import FlagKind, Removal, RemovalReason
from builder.pages.labels import FLAG_NAMES, REMOVAL_LABELS, flag_name, removal_label

ROOT = Path(__file__).resolve().parent.parent
_LATIN = re.compile(r"[A-Za-z]")


def _editions() -> list[Edition]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plugin = next(p["digest"] for p in config["plugins"] if isinstance(p, dict) and "digest" in p)
    return [Edition(**{"path": "", **edition}) for edition in plugin["editions"]]


@pytest.mark.parametrize("edition", _editions(), ids=lambda e: e.code)
@pytest.mark.parametrize("reason", list(RemovalReason), ids=str)
def test_every_removal_reason_has_a_chinese_label(reason: RemovalReason, edition: Edition) -> None:
    text = make_edition_text(edition)
    label = text.convert(removal_label(Removal(3, "某行", reason, "12")))
    assert label and not _LATIN.search(label), label
    assert "{" not in label


@pytest.mark.parametrize("edition", _editions(), ids=lambda e: e.code)
@pytest.mark.parametrize("kind", get_args(FlagKind))
def test_every_flag_kind_has_a_chinese_name(kind: str, edition: Edition) -> None:
    name = make_edition_text(edition).convert(flag_name(kind))
    assert name and not _LATIN.search(name)


def test_the_label_tables_hold_only_known_codes() -> None:
    assert set(REMOVAL_LABELS) == set(RemovalReason)
    assert set(FLAG_NAMES) == set(get_args(FlagKind))


def test_a_repeated_body_label_names_the_line_kept() -> None:
    label = removal_label(Removal(30, "正文", RemovalReason.REPEATED_COPY, "12"))
    assert "第 12 行" in label
