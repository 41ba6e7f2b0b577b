"""The package's layers import one way: standard <- i18n <- git <- portal <- build <- {mkdocs_plugin, cli}.

Read from the source (AST), so an import against the direction fails here, whatever runs.
The command line may read the MkDocs plugin's configuration class (it reads mkdocs.yml
through it); nothing imports the command line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "plugins" / "cocreate"
LAYERS = ("standard", "i18n", "git", "portal", "build", "mkdocs_plugin", "cli")
"""Bottom to top: a module may import its own layer and the layers before it."""
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "scaffold" not in p.relative_to(PACKAGE).parts)


def imported(module: Path) -> list[tuple[int, str]]:
    """(line, module) for every cocreate module that `module` imports."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(module.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "cocreate":
                found += [(node.lineno, f"cocreate.{alias.name}") for alias in node.names]
            elif node.module.startswith("cocreate."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("cocreate")]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "relative"))
    return found


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_is_in_a_layer() -> None:
    loose = [p.relative_to(PACKAGE).as_posix() for p in MODULES if p.parent == PACKAGE]
    assert loose == ["__init__.py", "__main__.py"]
    assert {p.relative_to(PACKAGE).parts[0] for p in MODULES if p.parent != PACKAGE} == set(LAYERS)


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_point_down(module: Path) -> None:
    parts = module.relative_to(PACKAGE).parts
    if len(parts) == 1:
        return  # cocreate/__init__.py (the version) and __main__.py (runs the command line)
    mine = LAYERS.index(parts[0])
    wrong = []
    for line, name in imported(module):
        assert name != "relative", f"{module.name}:{line}: write imports in full (cocreate.<layer>.<module>)"
        other = layer_of(name)
        allowed = other is None or LAYERS.index(other) <= mine or (
            parts[0] == "cli" and name == "cocreate.mkdocs_plugin.config")
        if not allowed or (other == "cli" and parts[0] != "cli"):
            wrong.append(f"{line}: {name}")
    assert not wrong, f"{'/'.join(parts)} imports against the layers: {wrong}"


@pytest.mark.parametrize("layer", ["standard", "i18n", "git", "portal", "build"])
def test_the_core_is_free_of_mkdocs(layer: str) -> None:
    """Only mkdocs_plugin (and the command line, for the plugin's configuration) knows MkDocs:
    the engine can change without the core."""
    for module in (PACKAGE / layer).rglob("*.py"):
        tree = ast.parse(module.read_text("utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in names), module


def test_the_portal_makes_no_git_calls() -> None:
    """The portal renders what it is given; only git/ runs git."""
    for module in (PACKAGE / "portal").rglob("*.py"):
        names = {name for _, name in imported(module)}
        text = module.read_text("utf-8")
        assert "cocreate.git.repo" not in names, module
        assert "subprocess" not in text, module
