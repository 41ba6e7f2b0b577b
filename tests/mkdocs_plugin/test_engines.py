"""Two engines, one portal: MkDocs 1.6 (its last release) and ProperDocs 1.6 (its maintained
fork) build the demo portal into the same site, and a strict build with a warning leaves
the published site as it was under either.

Each engine runs as its own process, as `mkdocs build` and `properdocs build`: ProperDocs'
command line redirects every `mkdocs.*` import to `properdocs.*` for the whole process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from helpers import make_portal, shared

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
"""The one part of the two sites that may differ: each page names the engine that built it
(`mkdocs-1.6.1, mkdocs-material-…` or `mkdocs-ProperDocs 1.6.7, mkdocs-material-…`)."""


def engine_build(engine: str, config_file: Path, site: str = "site") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", str(config_file), "-d", site],
                          cwd=config_file.parent, env=ENV, capture_output=True, text=True, timeout=600)


def contents(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    def fill(folder: Path) -> None:
        config_file = make_portal(folder)
        for engine, site in (("mkdocs", "site-mkdocs"), ("properdocs", "site-properdocs")):
            proc = engine_build(engine, config_file, site)
            assert proc.returncode == 0, f"{engine}: {proc.stdout}{proc.stderr}"

    folder = shared(tmp_path_factory, "engines", fill)
    return folder / "site-mkdocs", folder / "site-properdocs"


def test_the_plugin_is_registered_for_both_engines() -> None:
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        (plugin,) = [e for e in entry_points(group=group) if e.name == "cocreate"]
        assert plugin.value == "cocreate.mkdocs_plugin.plugin:CocreatePlugin", group


def test_both_engines_build_the_same_site(two_sites: tuple[Path, Path]) -> None:
    mkdocs_site, properdocs_site = map(contents, two_sites)
    assert sorted(mkdocs_site) == sorted(properdocs_site)
    assert "projects/taman-kota-hijau/index.html" in mkdocs_site
    assert "data/datapackage.json" in mkdocs_site
    generators = set()
    for path, data in mkdocs_site.items():
        other = properdocs_site[path]
        if path.endswith(".html"):
            found = GENERATOR.findall(data), GENERATOR.findall(other)
            assert len(found[0]) == len(found[1]) == 1, f"{path}: one generator tag each"
            generators.update(found[0] + found[1])
            data, other = GENERATOR.sub(b"", data), GENERATOR.sub(b"", other)
        assert data == other, f"{path} differs between the engines"
    # the second site was really built by ProperDocs
    assert any(b"ProperDocs" in g for g in generators), generators
    assert any(b"mkdocs-1." in g for g in generators), generators


def test_under_properdocs_a_strict_build_with_a_warning_keeps_the_old_site(tmp_path: Path) -> None:
    config_file = make_portal(tmp_path / "portal")
    proc = engine_build("properdocs", config_file)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "portal" / "site"
    before = contents(site)
    page = tmp_path / "portal" / "content" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n[broken](nowhere.md)\n", "utf-8")
    proc = engine_build("properdocs", config_file)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "strict mode" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert "the site is left as it was" in proc.stdout + proc.stderr
    assert contents(site) == before
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site")) == []
