"""Helpers for the test suite: paths of the repository and its fixtures, portals built with
MkDocs itself, and a check that HTML can run no code. Fixtures live in conftest.py."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import Tag
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PROJECTS = ROOT / "projects"


def locked(path: Path) -> dict[str, tuple[Version, list[str]]]:
    """Each requirement of a lock file: its exact version and its hashes."""
    text = re.sub(r"\\\n", " ", path.read_text("utf-8"))
    entries: dict[str, tuple[Version, list[str]]] = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        words = shlex.split(line)
        requirement = Requirement(words[0])
        pins = [s for s in requirement.specifier if s.operator == "=="]
        assert len(pins) == 1, f"not pinned exactly: {line[:80]}"
        assert len(requirement.specifier) == 1, f"not pinned exactly: {line[:80]}"
        hashes = [w.removeprefix("--hash=") for w in words[1:] if w.startswith("--hash=")]
        assert len(hashes) == len(words) - 1, f"unexpected option in the lock: {line[:80]}"
        entries[canonicalize_name(requirement.name)] = (Version(pins[0].version), hashes)
    return entries


def shared(factory: pytest.TempPathFactory, name: str, fill: Callable[[Path], object]) -> Path:
    """A folder that `fill` fills once for the whole run, for what tests only read (a built
    portal, a wheel): a test must never change it. Under pytest-xdist the first worker to ask
    fills it while the others wait on a lock, then all read the same folder (in the run's own
    temporary folder, above each worker's); run alone, it is a new temporary folder."""
    if "PYTEST_XDIST_WORKER" not in os.environ or sys.platform == "win32":
        folder = factory.mktemp(name)
        fill(folder)
        return folder
    import fcntl

    run = factory.getbasetemp().parent
    folder, done = run / name, run / f"{name}.done"
    with (run / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # left half-filled by a worker whose `fill` failed
            folder.mkdir()
            fill(folder)
            done.touch()
    return folder


BILINGUAL = "      languages: [id, en]\n      site_name:\n        en: Sukamaju City Co-creation Portal (example)\n"
"""The lines of the demo's mkdocs.yml that publish it in both languages (and name it in English)."""


def make_portal(tmp_path: Path, projects: Path | None = PROJECTS, *, language: str = "id",
                extra: str = "", bilingual: bool = False) -> Path:
    """A portal repository in `tmp_path`: the demo's mkdocs.yml and content,
    and a copy of `projects` (the demo's by default). Returns the path of its mkdocs.yml.
    A portal in one language (`language`) unless `bilingual`: then the demo as it is, in
    Bahasa Indonesia at the root and in English under `en/` (one language has no use for
    the content's translations, `*.en.md`: they are left out)."""
    shutil.copytree(ROOT / "content", tmp_path / "content",
                    ignore=None if bilingual else shutil.ignore_patterns("*.en.md"))
    if projects is not None:
        shutil.copytree(projects, tmp_path / "projects")
    else:
        (tmp_path / "projects").mkdir()
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert BILINGUAL in config
    if not bilingual:
        config = config.replace(BILINGUAL, "").replace("language: id", f"language: {language}")
    (tmp_path / "mkdocs.yml").write_text(config + extra, "utf-8")
    return tmp_path / "mkdocs.yml"


DEMO_DAY = dt.date(2026, 12, 1)
"""The day the test suite builds the demo portal on (`SOURCE_DATE_EPOCH`): which of its
calls are open does not depend on the day the tests run."""


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()))


def build(config_file: Path, day: dt.date | None = None, **overrides: Any) -> Path:
    """Build a portal with MkDocs itself, strict, into `site/` beside mkdocs.yml; on `day`
    (as `SOURCE_DATE_EPOCH`) when one is given."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    before = os.environ.get("SOURCE_DATE_EPOCH")
    if day is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch(day)
    try:
        config = load_config(str(config_file), site_dir=str(config_file.parent / "site"), **overrides)
        mkdocs_build(config)
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    return config_file.parent / "site"


def one(node: Tag, selector: str) -> Tag:
    """The first element under `node` that `selector` matches; fails the test, naming the
    selector, when none does."""
    found = node.select_one(selector)
    assert found is not None, f"no element matches {selector!r}"
    return found


def parent(tag: Tag, name: str, class_: str | None = None) -> Tag:
    """The nearest element above `tag` named `name` (of class `class_`); fails the test when none is."""
    found = tag.find_parent(name, class_=class_) if class_ else tag.find_parent(name)
    assert found is not None, f"no <{name} class={class_}> above <{tag.name}>"
    return found


def xml_text(element: ElementTree.Element, path: str) -> str:
    """The text of the first element at `path` under `element` (an XML feed's or an SVG's)."""
    found = element.find(path)
    assert found is not None, f"no {path} in <{element.tag}>"
    return found.text or ""


def xml_attr(element: ElementTree.Element, path: str, name: str) -> str:
    """The attribute `name` of the first element at `path` under `element`."""
    found = element.find(path)
    assert found is not None, f"no {path} in <{element.tag}>"
    value = found.get(name)
    assert value is not None, f"<{found.tag}> has no {name}"
    return value


def matched(pattern: str, text: str, group: int = 0) -> str:
    """What `pattern` finds first in `text` (its `group`); fails the test when it finds nothing."""
    found = re.search(pattern, text)
    assert found is not None, f"{pattern!r} not in {text[:200]!r}"
    return found.group(group)


def attr(tag: Tag, name: str) -> str:
    """The value of `tag`'s attribute `name`, which must be there and hold one value."""
    value = tag.get(name)
    assert isinstance(value, str), f"<{tag.name} {name}={value!r}>"
    return value


def assert_inert(html: str, where: str = "") -> None:
    """No element of `html` can run code: no script-bearing tags, no event handlers or
    style attributes, no links or sources with a script or data scheme."""
    from bs4 import BeautifulSoup

    doc = BeautifulSoup(html, "html.parser")
    for tag in doc.find_all(True):
        ours = (tag.name, (tag.get("class") or [""])[0]) in {("svg", "cc-chart"), ("form", "cc-filters"),
                                                                ("form", "cc-propose-form"), ("form", "cc-join-form"),
                                                                ("form", "cc-channels-form")}
        assert ours or tag.name not in {"script", "iframe", "object", "embed", "form", "meta", "style", "img",
                                        "svg", "math", "base", "link"}, f"{where}: <{tag.name}>"
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"{where}: <{tag.name} {name}>"
            assert name.lower() not in {"style", "srcdoc", "formaction"}, f"{where}: <{tag.name} {name}>"
            if name.lower() in {"href", "src", "action", "xlink:href"}:
                scheme = "".join(str(value).split()).lower().split(":", 1)[0]
                assert scheme not in {"javascript", "data", "vbscript"}, f"{where}: {name}={value}"
