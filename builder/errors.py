"""Errors the builder reports to a curator: always with the file, and the line where it helps."""

from __future__ import annotations

from pathlib import Path


class BuilderError(Exception):
    """A problem with an input file, reported as ``path:line: message``."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"
        return f"{where}: {self.message}"


class SeedError(BuilderError):
    """A seed file cannot be read as text."""


class SidecarError(BuilderError):
    """A curator's sidecar YAML is malformed."""
