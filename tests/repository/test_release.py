"""Releasing: one version, a changelog section for each release, and the wheel check that
the release workflow runs before publishing (scripts/wheel_check.py), run here on every
change: the wheel alone in a fresh environment, then a new portal that validates and
builds with no network."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

from cocreate import __version__
from cocreate.cli import cli
from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import release
import wheel_check


def test_the_version_has_one_home() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "cocreate.__version__"}
    assert metadata.version("cocreate") == __version__ == release.version()
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"cocreate, version {__version__}\n"


def test_the_wheel_is_the_version_and_declares_the_licence(wheel: Path) -> None:
    assert wheel.name == f"cocreate-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        meta = archive.read(f"cocreate-{__version__}.dist-info/METADATA").decode()
        entry_points = archive.read(f"cocreate-{__version__}.dist-info/entry_points.txt").decode()
        licence = archive.read(f"cocreate-{__version__}.dist-info/licenses/LICENSE").decode()
    assert licence == (ROOT / "LICENSE").read_text("utf-8")
    assert "Apache License" in licence
    assert "License-File: LICENSE" in meta
    assert "License-Expression: Apache-2.0" in meta
    assert "\nLicense:" not in meta
    assert "Provides-Extra: properdocs" in meta
    assert "[mkdocs.plugins]\ncocreate = cocreate.mkdocs_plugin.plugin:CocreatePlugin" in entry_points
    assert "[properdocs.plugins]\ncocreate = cocreate.mkdocs_plugin.plugin:CocreatePlugin" in entry_points


def test_the_wheel_check_passes(dist: Path, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "wheel_check.py"), str(dist), "--work", str(tmp_path)],
                          capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "a new portal validates and builds offline" in proc.stdout
    assert "without network:" in proc.stdout


def test_the_wheel_check_finds_a_missing_file(dist: Path, wheel: Path, tmp_path: Path) -> None:
    (sdist,) = dist.glob("cocreate-*.tar.gz")
    wanted = wheel_check.tracked_package_files()
    assert {"cli/scaffold/.github/workflows/check.yml", "cli/scaffold/.gitignore", "i18n/locales/id.yml",
            "py.typed"} <= set(wanted)
    assert wheel_check.missing_files(wheel, sdist, wanted) == []
    dropped = {"cocreate/cli/scaffold/.github/workflows/check.yml", "cocreate/cli/scaffold/.gitignore"}
    thinner = tmp_path / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(thinner, "w") as target:
        for item in source.infolist():
            if item.filename not in dropped:
                target.writestr(item, source.read(item))
    assert wheel_check.missing_files(thinner, sdist, wanted) == sorted(f"wheel: {p}" for p in dropped)


CHANGELOG = """# Changelog

## [Unreleased]

- Something new.

## [1.2.0] - 2027-01-02

### Fixed

- A bug.

## [1.1.0] - 2026-12-01

- First.

[1.2.0]: https://example.invalid/compare/v1.1.0...v1.2.0
"""


def test_release_notes_are_the_version_s_section() -> None:
    assert release.notes("1.2.0", CHANGELOG) == "### Fixed\n\n- A bug.\n"
    assert release.notes("1.1.0", CHANGELOG) == "- First.\n"
    with pytest.raises(SystemExit, match=r"no section '## \[1.3.0\]"):
        release.notes("1.3.0", CHANGELOG)


def test_the_release_script_checks_the_tag() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(ROOT / "scripts" / "release.py"), *args], capture_output=True, text=True)

    assert run("check-tag", f"v{__version__}").returncode == 0
    assert run("check-tag", "v99.0.0").returncode == 1
    assert run("version").stdout == f"{__version__}\n"
    assert run("bogus").returncode == 2


def test_the_changelog_keeps_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings
    assert headings[0] == "## [Unreleased]"
    for heading in headings[1:]:
        match = release.HEADING.match(heading)
        assert match, f"write a released version as '## [X.Y.Z] - YYYY-MM-DD': {heading}"
        assert match["date"], f"write a released version as '## [X.Y.Z] - YYYY-MM-DD': {heading}"
    # the version in the code is either released with notes, or the notes wait under Unreleased
    found = release.sections(text)
    assert __version__ in found or found["Unreleased"].strip()
