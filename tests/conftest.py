"""Shared helpers for the test suite: paths of the repository and its fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PROJECTS = ROOT / "projects"


@pytest.fixture
def minimal_text() -> str:
    """A small valid project file, as text."""
    return (FIXTURES / "valid" / "minimal.yml").read_text("utf-8")


def make_portal(tmp_path: Path, projects: Path | None = PROJECTS, *, language: str = "id",
                extra: str = "") -> Path:
    """A portal repository in `tmp_path`: the demo's mkdocs.yml and content,
    and a copy of `projects` (the demo's by default). Returns the path of its mkdocs.yml."""
    import shutil

    shutil.copytree(ROOT / "content", tmp_path / "content")
    if projects is not None:
        shutil.copytree(projects, tmp_path / "projects")
    else:
        (tmp_path / "projects").mkdir()
    config = (ROOT / "mkdocs.yml").read_text("utf-8").replace("language: id", f"language: {language}")
    (tmp_path / "mkdocs.yml").write_text(config + extra, "utf-8")
    return tmp_path / "mkdocs.yml"


def build(config_file: Path, **overrides):
    """Build a portal with MkDocs itself, strict, into `site/` beside mkdocs.yml."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(config_file.parent / "site"), **overrides)
    mkdocs_build(config)
    return config_file.parent / "site"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built once for the session in Bahasa Indonesia."""
    return build(make_portal(tmp_path_factory.mktemp("demo-id")))


@pytest.fixture(scope="session")
def demo_site_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portal, built once for the session in English."""
    return build(make_portal(tmp_path_factory.mktemp("demo-en"), language="en"))


def assert_inert(html: str, where: str = "") -> None:
    """No element of `html` can run code: no script-bearing tags, no event handlers or
    style attributes, no links or sources with a script or data scheme."""
    from bs4 import BeautifulSoup

    doc = BeautifulSoup(html, "html.parser")
    for tag in doc.find_all(True):
        ours = (tag.name, (tag.get("class") or [""])[0]) in {("svg", "cc-chart"), ("form", "cc-filters"),
                                                                ("form", "cc-propose-form")}
        assert ours or tag.name not in {"script", "iframe", "object", "embed", "form", "meta", "style", "img",
                                        "svg", "math", "base", "link"}, f"{where}: <{tag.name}>"
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on") and name.lower() not in {"style", "srcdoc", "formaction"}, \
                f"{where}: <{tag.name} {name}>"
            if name.lower() in {"href", "src", "action", "xlink:href"}:
                scheme = "".join(str(value).split()).lower().split(":", 1)[0]
                assert scheme not in {"javascript", "data", "vbscript"}, f"{where}: {name}={value}"


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
