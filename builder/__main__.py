"""Command line: ``python -m builder clean PATH`` prints a seed's clean article as JSON; ``build``
publishes; ``pages`` writes the generated pages; ``fetch`` saves a page; ``theme-terms`` suggests theme
vocabulary."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click

from builder.clean.options import CleanOptions
from builder.clean.pipeline import article_to_json, clean_article
from builder.digest import build_digest
from builder.errors import BuilderError
from builder.extract.options import make_extract_options
from builder.fetch import FetchError, fetch_page
from builder.ingest import read_seed, read_sidecar, read_taxonomy
from builder.pages.site import render_site
from builder.publish import BuildBusyError, BuildFailedError, build_atomically
from builder.script import make_converters
from builder.writer import write_generated


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


@cli.command()
@click.argument("url")
@click.option("--name", default=None, help="File name (stem) for the seed; default: host and a hash.")
@click.option("--seeds", type=click.Path(path_type=Path, file_okay=False), default=Path("seeds"))
def fetch(url: str, name: str | None, seeds: Path) -> None:
    """Save the page at URL into the seeds folder as HTML, with a sidecar holding URL and date."""
    try:
        saved = fetch_page(url, seeds, name=name)
    except FetchError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"saved {saved.page} (and {saved.sidecar.name}) from {saved.final_url}")


@cli.command()
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--seeds", type=click.Path(path_type=Path, file_okay=False, exists=True), default=Path("seeds"))
@click.option(
    "--taxonomy", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=Path("taxonomy.yml")
)
def pages(out_dir: Path, seeds: Path, taxonomy: Path) -> None:
    """Write the generated Markdown pages and data files into OUT_DIR (as the MkDocs plugin adds them)."""
    try:
        converters = make_converters()
        loaded = read_taxonomy(taxonomy)
        digest = build_digest(seeds, loaded, converters, make_extract_options(loaded, converters))
        write_generated(render_site(digest), out_dir)
    except (BuilderError, FileExistsError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for skipped in digest.skipped:
        click.echo(f"skipped: {skipped.message}", err=True)


@cli.command(name="theme-terms")
@click.option("--seeds", type=click.Path(path_type=Path, file_okay=False, exists=True), default=Path("seeds"))
@click.option(
    "--taxonomy", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=Path("taxonomy.yml")
)
@click.option("--top", default=15, show_default=True, help="Candidates per theme.")
def theme_terms(seeds: Path, taxonomy: Path, top: int) -> None:
    """Suggest words each theme's vocabulary could grow by, found in the digest itself.

    Printed as taxonomy lines (weight 1): paste the ones you accept into the theme's `terms`."""
    # Imported here: jieba's part-of-speech tables take half a second to load, on every command.
    from builder.extract.vocabulary import suggest_theme_terms  # noqa: PLC0415

    try:
        converters = make_converters()
        loaded = read_taxonomy(taxonomy)
        options = make_extract_options(loaded, converters)
        digest = build_digest(seeds, loaded, converters, options)
    except BuilderError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for theme, found in suggest_theme_terms(digest, options, top).items():
        click.echo(f"# {theme}: words its paragraphs use far more than the rest of the digest")
        for s in found:
            click.echo(f"{s.word}: 1  # in {s.in_theme} of its paragraphs, {s.elsewhere} elsewhere")


@cli.command(name="build")
@click.option(
    "-f",
    "--config-file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=Path("mkdocs.yml"),
)
@click.option("-d", "--site-dir", type=click.Path(path_type=Path, file_okay=False), default=None)
@click.option(
    "--no-wait", is_flag=True, help="Stop, instead of waiting, when another build of the site runs."
)
@click.option("--full", is_flag=True, help="Render every page, even when the live release could be reused.")
def build_command(config_file: Path, site_dir: Path | None, no_wait: bool, full: bool) -> None:
    """Build the site (every edition) into a new release and swap it in only if the whole build succeeds."""
    for name in ("mkdocs", "builder.publish"):
        logging.getLogger(name).setLevel(logging.INFO)
    try:
        # builder.publish says "published: …" the moment the new release goes live.
        build_atomically(config_file, site_dir, wait=not no_wait, incremental=not full)
    except BuildBusyError as exc:
        click.echo(f"error: not published: {exc}", err=True)
        sys.exit(2)
    except BuildFailedError as exc:
        click.echo(f"error: not published: {exc}", err=True)
        sys.exit(1)
    if _LEAVE_AT_ONCE:
        # Published, its state kept, the lock released: what is left is Python freeing the state it
        # read and kept (millions of objects) one by one, 1.5 s of a 9 s publish at 1,000 articles.
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


# Set by ``main`` (a process of its own), never when the commands run inside another program.
_LEAVE_AT_ONCE = False


def main() -> None:
    """Entry point for ``python -m builder``."""
    global _LEAVE_AT_ONCE  # noqa: PLW0603 (one flag, set once, for this process only)
    _LEAVE_AT_ONCE = True
    cli(prog_name="python -m builder")


if __name__ == "__main__":
    main()
