"""Supply chain: the workflows install only what the lock file pins, each file checked
against its hash, and the lock covers everything cocreate needs at run time."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from helpers import ROOT, locked

LOCK = ROOT / "requirements" / "ci.txt"
RELEASE_LOCK = ROOT / "requirements" / "release.txt"
DEV_LOCK = ROOT / "requirements" / "dev.txt"
"""What `python3 dev.py test` (and so CI) installs: compiled from pyproject's extras, held to ci.txt."""
LOCKS = [LOCK, RELEASE_LOCK]
SOURCE = ROOT / "requirements" / "ci.in"
SCAFFOLD = ROOT / "plugins" / "cocreate" / "cli" / "scaffold"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LATEST = ROOT / ".github" / "workflows" / "latest.yml"
"""The one workflow that installs without the lock, on purpose: the newest releases pyproject allows."""
LOCKED_WORKFLOWS = [w for w in WORKFLOWS if w != LATEST]


def pip_installs(workflow: Path) -> list[list[str]]:
    """Every `pip install` command in a workflow's run steps, as words."""
    data = yaml.load(workflow.read_text("utf-8"), Loader=yaml.BaseLoader)
    commands = []
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            for line in re.sub(r"\\\n", " ", step.get("run", "")).splitlines():
                words = shlex.split(line, comments=True)
                if "pip" in words and "install" in words:
                    commands.append(words)
    return commands


def runtime_dependencies() -> list[Requirement]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return [Requirement(r) for r in pyproject["project"]["dependencies"]]


@pytest.mark.parametrize("lock", [*LOCKS, DEV_LOCK], ids=lambda p: p.name)
def test_every_line_of_the_lock_is_pinned_with_hashes(lock: Path) -> None:
    entries = locked(lock)
    assert len(entries) >= 10
    for name, (version, hashes) in entries.items():
        assert hashes, f"{name}=={version} has no --hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name


def test_the_lock_covers_every_runtime_dependency() -> None:
    entries = locked(LOCK)
    for requirement in runtime_dependencies():
        name = canonicalize_name(requirement.name)
        assert name in entries, f"{requirement} is not in {LOCK.name}"
        assert requirement.specifier.contains(entries[name][0], prereleases=True), \
            f"{LOCK.name} pins {name}=={entries[name][0]}, outside {requirement}"


def test_the_tests_run_the_versions_ci_and_the_portals_run() -> None:
    """dev.txt holds every package of ci.txt at the same version, and every dependency of the
    extras dev.py installs (test, import, properdocs) within its range."""
    ci, dev = locked(LOCK), locked(DEV_LOCK)
    assert {name: dev.get(name, (None,))[0] for name in ci} == {name: version for name, (version, _) in ci.items()}
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"]
    for requirement in (Requirement(r) for extra in ("test", "import", "properdocs") for r in extras[extra]):
        name = canonicalize_name(requirement.name)
        assert name in dev, requirement
        assert requirement.specifier.contains(dev[name][0], prereleases=True), requirement
    assert "--constraint=requirements/ci.txt" in DEV_LOCK.read_text("utf-8")[:600], "compile it as SECURITY.md says"


def test_cocreate_names_every_package_it_imports() -> None:
    """A package imported by cocreate but left to another package's requirements (Markdown came
    with MkDocs) has a range nobody chose: its new release is then never expected."""
    import ast
    import sys
    from importlib.metadata import packages_distributions

    provided = packages_distributions()
    imported = set()
    for path in (ROOT / "plugins" / "cocreate").rglob("*.py"):
        if "scaffold" not in path.parts:
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    imported |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    imported.add(node.module.split(".")[0])
    declared = {canonicalize_name(r.name) for r in runtime_dependencies()}
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"]
    declared |= {canonicalize_name(Requirement(r).name) for r in extras["import"] + extras["properdocs"]}
    third_party = sorted(m for m in imported - set(sys.stdlib_module_names) if m not in ("cocreate", "__future__"))
    assert third_party, "the imports were not read"
    for module in third_party:
        names = {canonicalize_name(d) for d in provided.get(module, [])}
        assert names & declared, f"cocreate imports {module} ({names or 'not installed'}): name it in pyproject's dependencies"


def test_the_lock_holds_the_build_backend() -> None:
    """`pip install --no-build-isolation` builds cocreate with the setuptools installed from the
    lock; with build isolation pip would download one without checking any hash."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    for requirement in map(Requirement, pyproject["build-system"]["requires"]):
        name = canonicalize_name(requirement.name)
        assert name in locked(LOCK), requirement
        assert requirement.specifier.contains(locked(LOCK)[name][0]), requirement


def test_the_lock_source_names_the_same_dependencies_as_pyproject() -> None:
    listed = [Requirement(line) for line in SOURCE.read_text("utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    wanted = {canonicalize_name(r.name): r.specifier for r in runtime_dependencies()}
    given = {canonicalize_name(r.name): r.specifier for r in listed if canonicalize_name(r.name) != "setuptools"}
    assert given == wanted, "requirements/ci.in must list pyproject's [project] dependencies, with their ranges"


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_the_lock_names_no_package_index(lock: Path) -> None:
    """The lock says what to install, not where from: an index URL (in the header's command or
    as an option line) would send every portal's installs to whatever index the machine that
    compiled it used. The hashes make any index safe; the workflows use PyPI."""
    text = lock.read_text("utf-8")
    for option in ("--index-url", "--extra-index-url", "--find-links", "--trusted-host", "-i ", "-f "):
        assert option not in text, f"{lock.name} names a package index ({option.strip()}): compile it as SECURITY.md says"
    source = lock.with_suffix(".in").relative_to(ROOT).as_posix()
    header = text[:400]
    assert f"--output-file={lock.relative_to(ROOT).as_posix()} " in header, f"Dependabot finds the lock of {source} by this header"
    assert f" {source}\n" in header, f"Dependabot finds the lock of {source} by this header"


def test_the_search_fix_of_material_is_required() -> None:
    """mkdocs-material 9.7.7 fixed a DOM XSS in search suggestions: no older release may install."""
    (material,) = [r for r in runtime_dependencies() if canonicalize_name(r.name) == "mkdocs-material"]
    assert not material.specifier.contains("9.7.6")
    assert locked(LOCK)["mkdocs-material"][0] >= Version("9.7.7")


def test_the_lock_is_for_the_python_the_workflows_use() -> None:
    for lock in LOCKS:
        assert "with Python 3.11" in lock.read_text("utf-8")[:200], f"compile {lock.name} with Python 3.11"
    for workflow in WORKFLOWS:
        versions = re.findall(r'python-version:\s*"?([\d.]+)"?', workflow.read_text("utf-8"))
        assert versions, workflow.name
        assert set(versions) == {"3.11"}, workflow.name


def install_problem(words: list[str]) -> str | None:
    """What is wrong with one `pip install` command, or None: it must install the lock with
    --require-hashes (wheels only), or requirements.txt (the project itself) with --no-deps
    and --no-build-isolation; never a name outside a file, never from another index."""
    args = words[words.index("install") + 1:]
    files = [args[i + 1] for i, w in enumerate(args[:-1]) if w in ("-r", "--requirement")]
    named = [w for i, w in enumerate(args) if not w.startswith("-") and w not in files and w != ":all:"]
    if named:
        return f"installs {named} outside a requirements file"
    if {"--index-url", "-i", "--extra-index-url", "--find-links", "-f", "--trusted-host"} & set(args):
        return "names another package index"
    if files in (["requirements/ci.txt"], ["requirements/release.txt"]):
        return None if {"--require-hashes", "--only-binary"} <= set(args) else "the lock without --require-hashes"
    if files == ["requirements.txt"]:
        return None if {"--no-deps", "--no-build-isolation"} <= set(args) else "the project with its dependencies"
    return f"installs from {files or 'nothing'}"


def test_the_install_check_refuses_what_it_should() -> None:
    ok_lock = ["python", "-m", "pip", "install", "--require-hashes", "--only-binary", ":all:", "-r", "requirements/ci.txt"]
    ok_self = ["python", "-m", "pip", "install", "--no-deps", "--no-build-isolation", "-r", "requirements.txt"]
    assert install_problem(ok_lock) is None
    assert install_problem(ok_self) is None
    for bad in ("python -m pip install -r requirements.txt", "python -m pip install mkdocs",
                "python -m pip install -r requirements/ci.txt",
                "python -m pip install --no-deps --no-build-isolation -r requirements.txt evil",
                "python -m pip install --require-hashes --only-binary :all: -r requirements/ci.txt -i https://x.example/"):
        assert install_problem(bad.split()) is not None, bad


@pytest.mark.parametrize("workflow", LOCKED_WORKFLOWS, ids=lambda p: p.name)
def test_workflows_install_only_from_the_lock(workflow: Path) -> None:
    commands = pip_installs(workflow)
    lock = "requirements/release.txt" if workflow.name == "release.yml" else "requirements/ci.txt"
    assert any(lock in words for words in commands), f"{workflow.name} does not install {lock}"
    for words in commands:
        assert install_problem(words) is None, f"{workflow.name}: {install_problem(words)}: {' '.join(words)}"
    text = workflow.read_text("utf-8")
    for other in ("curl ", "wget ", "pipx ", "uv pip", "npm ", "| sh", "|sh", "| bash"):
        assert other not in text, f"{workflow.name}: {other.strip()} fetches code outside the lock"


def test_the_newest_dependencies_are_tested_weekly_and_on_demand() -> None:
    """latest.yml installs nothing itself: it runs `python3 dev.py test --latest`, which takes the
    newest releases pyproject allows into an environment of its own, never the lock's."""
    data = yaml.load(LATEST.read_text("utf-8"), Loader=yaml.BaseLoader)
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    assert len(data["on"]["schedule"]) == 1
    assert re.fullmatch(r"\d+ \d+ \* \* \d", data["on"]["schedule"][0]["cron"]), "weekly"
    (job,) = data["jobs"].values()
    runs = [step["run"].strip() for step in job["steps"] if "run" in step]
    assert runs == ["python3 dev.py test --latest"]
    assert pip_installs(LATEST) == []


def test_the_release_lock_holds_the_release_tools() -> None:
    entries = locked(RELEASE_LOCK)
    assert {"build", "setuptools", "twine"} <= set(entries)
    assert entries["twine"][0] >= Version("6.1")  # trusted publishing built in
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (backend,) = map(Requirement, pyproject["build-system"]["requires"])
    assert backend.specifier.contains(entries["setuptools"][0])


def test_the_deploy_workflow_checks_the_installed_set() -> None:
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text("utf-8")
    assert "python -m pip check" in text


def test_the_project_requirements_name_only_cocreate() -> None:
    def lines(path: Path) -> list[str]:
        return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]

    assert lines(ROOT / "requirements.txt") == ["."]
    # a portal's: the pin of cocreate that `cocreate init` and `cocreate upgrade` write (tests/cli/test_pinning.py)
    assert lines(SCAFFOLD / "requirements.txt") == ["{{ cocreate_requirement }}"]


@pytest.mark.parametrize("path", ["requirements/ci.in", "requirements/ci.txt"])
def test_every_portal_gets_the_same_lock(path: str) -> None:
    assert (SCAFFOLD / path).read_text("utf-8") == (ROOT / path).read_text("utf-8"), \
        f"{path} differs from the scaffold's copy: copy it to plugins/cocreate/cli/scaffold/{path}"


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_every_portal_gets_the_same_workflows(name: str) -> None:
    scaffold = SCAFFOLD / ".github" / "workflows" / name
    assert scaffold.read_text("utf-8") == (ROOT / ".github" / "workflows" / name).read_text("utf-8")


def test_the_lock_holds_pagefinds_binary() -> None:
    """The site search needs Pagefind's binary, which its `bin` extra installs as a wheel for
    each platform: without it in the lock, CI's builds would fail (never download one)."""
    (pagefind,) = [r for r in runtime_dependencies() if canonicalize_name(r.name) == "pagefind"]
    assert "bin" in pagefind.extras
    entries = locked(LOCK)
    assert {"pagefind", "pagefind-bin"} <= set(entries)
    assert entries["pagefind"][0] == entries["pagefind-bin"][0], "the Python package and its binary are one release"
