"""Build the site so that a failure never leaves a half-written one: build aside, then swap.

`mkdocs build` empties `site/` first and writes into it; if the build then fails (a strict warning, a
bad page), the previous site is gone. Here MkDocs builds into a staging folder beside it, and the old
site is replaced only when the whole build, every edition included, has succeeded.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

log = logging.getLogger(__name__)


class BuildFailedError(Exception):
    """The site could not be built; the previous one is untouched."""


def build_atomically(config_file: Path, site_dir: Path | None = None) -> Path:
    """Build into `.<site>.building`, then swap it for the site folder; return the site folder."""
    target = Path(site_dir) if site_dir else Path(load_config(str(config_file)).site_dir)
    staging = target.with_name(f".{target.name}.building")
    previous = target.with_name(f".{target.name}.previous")
    for leftover in (staging, previous):
        if leftover.exists():
            shutil.rmtree(leftover)
    try:
        build(load_config(str(config_file), site_dir=str(staging)))
    except (MkDocsException, OSError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailedError(f"the build failed, {target} is unchanged: {exc}") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    if previous.exists():
        shutil.rmtree(previous)
    log.info("site written to %s", target)
    return target
