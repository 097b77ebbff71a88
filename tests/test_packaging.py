"""`pip install .` gives a working builder: every third-party module the builder imports belongs to a
run-time dependency declared in pyproject.toml, and the run-time lock holds no development tool."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import ROOT


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    found = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    assert found, requirement
    return _canonical(found.group(0))


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    assert isinstance(project, dict)
    return project


def _builder_imports() -> set[str]:
    """Top-level names of the modules the builder imports, standard library and itself excluded."""
    found: set[str] = set()
    for path in (ROOT / "builder").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "builder"}


def test_every_third_party_import_is_a_declared_runtime_dependency() -> None:
    declared = {_requirement_name(r) for r in _project()["dependencies"]}  # type: ignore[attr-defined]
    owners = packages_distributions()
    missing = {
        module: owners.get(module, [])
        for module in sorted(_builder_imports())
        if not {_canonical(d) for d in owners.get(module, [])} & declared
    }
    assert missing == {}, f"imported by builder/ but not in [project] dependencies: {missing}"


def test_the_runtime_lock_holds_no_development_tool() -> None:
    dev = {_requirement_name(r) for r in _project()["optional-dependencies"]["dev"]}  # type: ignore[index]
    pins = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    runtime = {_canonical(line.split("==")[0]) for line in pins if "==" in line}
    assert not runtime & dev


def test_every_declared_dependency_is_pinned() -> None:
    project = _project()
    wanted = {_requirement_name(r) for r in project["dependencies"]}  # type: ignore[attr-defined]
    wanted |= {_requirement_name(r) for r in project["optional-dependencies"]["dev"]}  # type: ignore[index]
    pinned = set()
    for lock in ("requirements.lock", "requirements-dev.lock"):
        lines = (ROOT / lock).read_text(encoding="utf-8").splitlines()
        pinned |= {_canonical(line.split("==")[0]) for line in lines if "==" in line}
    assert wanted <= pinned, wanted - pinned
