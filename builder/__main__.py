"""Command line: ``python -m builder clean PATH`` prints a seed's clean article as JSON."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from builder.clean.options import CleanOptions
from builder.clean.pipeline import article_to_json, clean_article
from builder.errors import BuilderError
from builder.ingest import read_seed, read_sidecar
from builder.script import make_converters


@click.group()
@click.option("-v", "--verbose", count=True, help="Log what is dropped and flagged (-vv for more).")
def cli(verbose: int) -> None:
    """The digest's builder."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
def clean(path: Path) -> None:
    """Clean one seed and print the article as JSON on stdout."""
    try:
        source = read_seed(path)
        options = CleanOptions(converters=make_converters(), sidecar=read_sidecar(path))
        article = clean_article(source, options)
    except BuilderError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(json.dumps(article_to_json(article), ensure_ascii=False, indent=2))


def main() -> None:
    """Entry point for ``python -m builder``."""
    cli(prog_name="python -m builder")


if __name__ == "__main__":
    main()
