"""Shared fixtures: the OpenCC converters are built once per session, as a build does."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.clean.options import CleanOptions
from builder.clean.pipeline import clean_article
from builder.digest import extract_article
from builder.extract.options import ExtractOptions, make_extract_options
from builder.ingest import read_taxonomy
from builder.model import Article, Metadata, Provenance, Sidecar, SourceText
from builder.script import Converters, make_converters
from tests.sitecheck import build_site

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site, built once per test session with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def converters() -> Converters:
    return make_converters()


@pytest.fixture(scope="session")
def extract_options(converters: Converters) -> ExtractOptions:
    return make_extract_options(read_taxonomy(ROOT / "taxonomy.yml"), converters)


@pytest.fixture(scope="session")
def options(converters: Converters) -> CleanOptions:
    return CleanOptions(converters=converters)


def source_of(text: str, name: str = "test.txt") -> SourceText:
    """A decoded seed made from a string, as if read from ``name``."""
    provenance = Provenance(
        path=Path(name), encoding="utf_8", sha256=hashlib.sha256(text.encode()).hexdigest()
    )
    return SourceText(text=text, provenance=provenance)


@pytest.fixture(scope="session")
def clean(converters: Converters) -> Callable[..., Article]:
    """Clean a text given as a string."""

    def run(text: str, sidecar: Sidecar | None = None, read_metadata: bool = True) -> Article:
        opts = CleanOptions(converters=converters, sidecar=sidecar, read_metadata=read_metadata)
        return clean_article(source_of(text), opts)

    return run


@pytest.fixture(scope="session")
def extract(clean: Callable[..., Article], extract_options: ExtractOptions) -> Callable[..., Article]:
    """Clean and extract a text given as a string (``date``: the article's date)."""

    def run(text: str, date: str | None = None) -> Article:
        article = clean(text, read_metadata=False)
        if date:
            article = dataclasses.replace(article, metadata=Metadata(date=date))
        return extract_article(article, extract_options)

    return run
