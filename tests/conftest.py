"""Fixtures shared by the test suite (the helpers they use are in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import DEMO_DAY, FIXTURES, ROOT, build, make_portal, shared


@pytest.fixture
def minimal_text() -> str:
    """A small valid project file, as text."""
    return (FIXTURES / "valid" / "minimal.yml").read_text("utf-8")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built once for the run in Bahasa Indonesia, on `DEMO_DAY`."""
    return shared(tmp_path_factory, "demo-id", lambda folder: build(make_portal(folder), day=DEMO_DAY)) / "site"


@pytest.fixture(scope="session")
def demo_site_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built once for the run in English, on `DEMO_DAY`."""
    return shared(tmp_path_factory, "demo-en",
                  lambda folder: build(make_portal(folder, language="en"), day=DEMO_DAY)) / "site"


@pytest.fixture(scope="session")
def demo_site_bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal as its mkdocs.yml publishes it: in Bahasa Indonesia at the root and
    in English under `en/`, from one build, once for the run, on `DEMO_DAY`."""
    return shared(tmp_path_factory, "demo-both",
                  lambda folder: build(make_portal(folder, bilingual=True), day=DEMO_DAY)) / "site"


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel of this tree, built once for the run as the release workflow
    builds them (`python -m build --no-isolation`: the wheel from the sdist). Once, also for
    the workers of pytest-xdist: two builds at once would share this tree's build folders."""
    import subprocess
    import sys

    def fill(out: Path) -> None:
        proc = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    return shared(tmp_path_factory, "dist", fill)


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("cocreate-*.whl")
    return found
