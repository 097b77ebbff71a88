"""The digest plugin's options in mkdocs.yml: only a schema (MkDocs rejects unknown keys in strict mode)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class EditionConfig(Config):
    """One edition of the site."""

    code = c.Type(str)
    """BCP 47 tag of the edition's text: `zh-Hans`, `zh-Hant`, `zh-HK`."""

    language = c.Type(str)
    """Material's UI language for it: `zh-Hans` (provided in theme/), `zh-Hant`, `zh-TW`."""

    opencc = c.Type(str)
    """OpenCC configuration that converts text into it: `tw2sp`, `s2twp`, `s2hk`."""

    label = c.Type(str)
    """What the edition switch shows: `简体`, `繁體`."""

    path = c.Type(str, default="")
    """Folder under the site root; the first edition must have none (it is the root)."""


class DigestConfig(Config):
    """Options of the ``digest`` plugin."""

    seeds = c.Dir(exists=True, default="seeds")
    """Folder of raw article files; each may have a `<stem>.yml` sidecar beside it."""

    taxonomy = c.File(exists=True, default="taxonomy.yml")
    """The curator's YAML: categories, themes, players, glossary and fixed names."""

    strict_seeds = c.Type(bool, default=False)
    """Fail the build when any seed cannot be read (by default it is skipped and listed on the home page)."""

    cache_dir = c.Type(str, default=".cache/digest")
    """Where cleaned and extracted articles are kept by content hash between builds; `""` keeps none."""

    workers = c.Type(int, default=0)
    """Processes that clean and extract articles in parallel; 0 means one per CPU core."""

    editions = c.ListOfItems(c.SubConfig(EditionConfig), default=[])
    """The editions to publish, the first at the site root; none means one edition, unconverted."""
