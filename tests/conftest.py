"""Fixtures shared by the test suite (the helpers they use are in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DEMO_DAY, FIXTURES, ROOT, build, make_portal


@pytest.fixture
def minimal_text() -> str:
    """A small valid project file, as text."""
    return (FIXTURES / "valid" / "minimal.yml").read_text("utf-8")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built once for the session in Bahasa Indonesia, on `DEMO_DAY`."""
    return build(make_portal(tmp_path_factory.mktemp("demo-id")), day=DEMO_DAY)


@pytest.fixture(scope="session")
def demo_site_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built once for the session in English, on `DEMO_DAY`."""
    return build(make_portal(tmp_path_factory.mktemp("demo-en"), language="en"), day=DEMO_DAY)


@pytest.fixture(scope="session")
def demo_site_bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal as its mkdocs.yml publishes it: in Bahasa Indonesia at the root and
    in English under `en/`, from one build, once for the session, on `DEMO_DAY`."""
    return build(make_portal(tmp_path_factory.mktemp("demo-both"), bilingual=True), day=DEMO_DAY)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel of this tree, built once for the session as the release
    workflow builds them (`python -m build --no-isolation`: the wheel from the sdist)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("cocreate-*.whl")
    return found
