"""What the cleaning steps are given: built once per build and passed in, never global."""

from __future__ import annotations

from dataclasses import dataclass

from builder.model import Sidecar
from builder.script import Converters


@dataclass(frozen=True)
class CleanOptions:
    """Options for cleaning one article."""

    converters: Converters
    sidecar: Sidecar | None = None
    # Off when re-cleaning a cleaned text: there is no title, date or byline left to find.
    read_metadata: bool = True
