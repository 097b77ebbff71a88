"""The digest plugin's options in mkdocs.yml: only a schema (MkDocs rejects unknown keys in strict mode)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class DigestConfig(Config):
    """Options of the ``digest`` plugin."""

    seeds = c.Dir(exists=True, default="seeds")
    """Folder of raw article files; each may have a `<stem>.yml` sidecar beside it."""

    taxonomy = c.File(exists=True, default="taxonomy.yml")
    """The curator's YAML: categories, themes, players and glossary."""
