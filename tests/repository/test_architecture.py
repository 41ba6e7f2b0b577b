"""ARCHITECTURE.md names every module of the package: a newcomer finds each one in the row of
its layer (the modules at the package's top in the text), so a module added without a word
there fails here."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "plugins" / "cocreate"
ARCHITECTURE = (ROOT / "ARCHITECTURE.md").read_text("utf-8")


def modules() -> list[Path]:
    """Every module of the package but the `__init__` files and the files `cocreate init` copies."""
    return sorted(path for path in PACKAGE.rglob("*.py")
                  if path.name != "__init__.py" and "scaffold" not in path.relative_to(PACKAGE).parts)


def layer_rows() -> dict[str, str]:
    """The table's row of each layer, by its folder (`standard`)."""
    return dict(re.findall(r"^\| `([a-z0-9_]+)/` \|(.*)$", ARCHITECTURE, re.MULTILINE))


def named(module: Path) -> bool:
    folder, *rest = module.relative_to(PACKAGE).with_suffix("").parts
    if not rest:  # a module at the package's top: its file, anywhere in the text
        return f"`{module.name}`" in ARCHITECTURE or f"`cocreate/{module.name}`" in ARCHITECTURE
    return f"`{'/'.join(rest)}`" in layer_rows().get(folder, "")


def test_the_table_has_a_row_for_every_layer() -> None:
    layers = {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").is_file()}
    assert set(layer_rows()) == layers


def test_architecture_names_every_module() -> None:
    assert len(modules()) > 50
    missing = [module.relative_to(PACKAGE).as_posix() for module in modules() if not named(module)]
    assert not missing, f"modules ARCHITECTURE.md does not name (in the row of their layer): {missing}"
