"""The pull-request check, run step by step as GitHub's runner runs it, on real pull requests.

Each test makes a real git repository (the "GitHub" side: a base commit on `main`, a head
commit on the pull request's branch), and runs every step of `.github/workflows/check.yml`
through `actions_runner`: the same shell command line, the same environment variable names,
the same skipping after a failure. The workflow is read from the head commit, as GitHub does
for `pull_request`. Two portals run it:

- `repository`: a copy of this checkout (its own `.github/`, `mkdocs.yml`, `content/`, and
  `requirements.txt`, which installs the checkout itself), with two demo projects;
- `scaffold`: a portal made by `cocreate init` (the workflows and requirements every city
  gets), with the same two demo projects.

"Install cocreate" runs for real: once per session in a fresh virtual environment (the
lock file from PyPI with its hashes, then this checkout), and again in every job, where it
finds everything installed. Later steps run with that environment's bin first on PATH, as
after `actions/setup-python`, and nothing else on PATH provides `cocreate` or `mkdocs`.

The portal maintainers are an individual login here, and the refused change touches a
project whose only maintainer is a login, so no team (which review cannot resolve, and
leaves to code-owner review) is involved in what these tests decide.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from actions_runner import JobRun, NotEmulated, Runner, load_workflow, step_name
from cocreate.i18n.translator import Translator
from cocreate.i18n.untrusted import markdown_inline
from gitutil import ENV as GIT_ENV
from gitutil import commit_all, git, init_repo
from helpers import PROJECTS, ROOT

WORKFLOW = ".github/workflows/check.yml"
JOB = "check"
INSTALL = "Install cocreate"
VALIDATE = "Validate the projects"
REVIEW = "Check who may change which project"
CODEOWNERS = "Check that CODEOWNERS is up to date"
BUILD = "Build the portal"
DIFF = "Say what the pull request changes"

Action = Callable[[Runner, dict[str, str]], None]
"""A `uses:` step's emulation: what the action does to the runner, given the step's `with:`."""

DEMO = ("bank-sampah-berseri", "taman-kota-hijau")
"""Two demo projects: both shared; bank-sampah-berseri's only maintainer is one login."""
OWNER = "bank-sampah-berseri-rw09"
PORTAL_MAINTAINER = "admin-portal"
OUTSIDER = "orang-luar"
FLAVOURS = ("repository", "scaffold")


def checkout_files(target: Path) -> Path:
    """A copy of this checkout as git sees it (tracked and new files, not ignored ones):
    what `actions/checkout` would give, without .venv, site/ or build leftovers."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            check=True, capture_output=True, text=True).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def system_path() -> list[str]:
    """This machine's PATH without anything that provides `cocreate` or `mkdocs` (this test
    session's own virtual environment among them): only the runner's Python may."""
    path = [entry for entry in os.environ.get("PATH", "").split(os.pathsep)
            if entry and not any((Path(entry) / program).exists() for program in ("cocreate", "mkdocs"))]
    for program in ("bash", "git"):
        assert shutil.which(program, path=os.pathsep.join(path)), f"{program} shares a folder with cocreate or mkdocs"
    return path


def python_for(version: str) -> str:
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return sys.executable
    found = shutil.which(f"python{version}")
    if found is None:
        pytest.fail(f"the workflows use Python {version} (actions/setup-python); install it to run these tests")
    return found


def setup_python(bin_dir: Path, version: str) -> Action:
    """actions/setup-python: the runner's Python, first on PATH."""
    def run(runner: Runner, inputs: dict[str, str]) -> None:
        if set(inputs) != {"python-version"} or inputs["python-version"] != version:
            raise NotEmulated(f"setup-python with {inputs}; this emulation has Python {version}")
        runner.path.insert(0, str(bin_dir))
    return run


def checkout(origin: Path, head_ref: str, head_sha: str) -> Action:
    """actions/checkout: a clone of the repository into the workspace, at the head commit.
    (GitHub checks out a merge of head into base; here head is made on the base tip, so the
    tree is the same.)"""
    def run(runner: Runner, inputs: dict[str, str]) -> None:
        if set(inputs) - {"fetch-depth", "persist-credentials"}:
            raise NotEmulated(f"checkout with {inputs}")
        depth = inputs.get("fetch-depth", "1")
        shallow = [] if depth == "0" else ["--depth", depth]
        subprocess.run(["git", "clone", "--quiet", "--no-local", *shallow, "--branch", head_ref, origin.as_uri(),
                        str(runner.workspace)], check=True, capture_output=True, text=True,
                       env={**os.environ, **GIT_ENV})
        git(runner.workspace, "checkout", "--quiet", "--detach", head_sha)
    return run


def python_version(workflow: dict[str, Any]) -> str:
    return next(step["with"]["python-version"] for step in workflow["jobs"][JOB]["steps"]
                if step.get("uses", "").startswith("actions/setup-python@"))


@pytest.fixture(scope="session")
def runner_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh Python where the "Install cocreate" step of this repository's check.yml ran
    for real, in a copy of this checkout: the lock from PyPI, each file against its hash,
    then cocreate itself. Its bin folder stands for what actions/setup-python provides."""
    workflow = load_workflow(ROOT / WORKFLOW)
    version = python_version(workflow)
    home = tmp_path_factory.mktemp("runner-python")
    subprocess.run([python_for(version), "-m", "venv", str(home)], check=True, capture_output=True, text=True)
    bin_dir = home / "bin"
    head = git(ROOT, "rev-parse", "HEAD").strip()
    event = {"number": 1, "pull_request": {"number": 1, "base": {"sha": head, "ref": "main"},
                                           "head": {"sha": head, "ref": "usulan"}, "user": {"login": OWNER}}}
    runner = Runner(workspace=checkout_files(tmp_path_factory.mktemp("cocreate-checkout")),
                    temp=tmp_path_factory.mktemp("runner-temp"), event_name="pull_request", event=event,
                    github={"sha": head}, path=[str(bin_dir), *system_path()], actions={})
    job = workflow["jobs"][JOB]
    install = next(step for step in job["steps"] if step_name(step) == INSTALL)
    result = runner.run_step(workflow, job, install)
    assert result.outcome == "success", result.output
    return bin_dir


def make_portal(flavour: str, target: Path, wheel: Path) -> None:
    """A portal with the demo projects, as its base commit will hold it."""
    if flavour == "repository":
        checkout_files(target)
        shutil.rmtree(target / "projects")
        config = target / "mkdocs.yml"
        text = config.read_text("utf-8")
        assert '"@cocreate-portal/maintainers"' in text
        config.write_text(text.replace('"@cocreate-portal/maintainers"', f'"@{PORTAL_MAINTAINER}"'), "utf-8")
    else:
        proc = subprocess.run([sys.executable, "-m", "cocreate", "init", str(target), "--site-name", "Portal Kota Contoh",
                               "--repo-url", "https://github.com/kota-contoh/portal",
                               "--maintainer", f"@{PORTAL_MAINTAINER}", "--cocreate-wheel", str(wheel)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        # the portal's lock pins cocreate at this version with the hash of the session's
        # wheel, which is not on PyPI: the session's runner Python has this version installed
        # already, so pip finds the requirement satisfied and fetches nothing; every other
        # line of the step runs as written.
    for slug in DEMO:
        shutil.copytree(PROJECTS / slug, target / "projects" / slug)
    proc = subprocess.run([sys.executable, "-m", "cocreate", "codeowners"], cwd=target, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@dataclass
class PullRequest:
    origin: Path
    base: str
    head: str
    run: JobRun
    workflow: dict[str, Any]


def open_pull_request(tmp_path: Path, runner_bin: Path, flavour: str, author: str,
                      change: Callable[[Path], None], wheel: Path) -> PullRequest:
    """Make the portal (base commit on main), apply `change` on a branch (head commit), and
    run the check job for a pull request of `author`."""
    make_portal(flavour, tmp_path / "origin", wheel)
    origin = init_repo(tmp_path / "origin")
    base = commit_all(origin, "base")
    git(origin, "checkout", "-q", "-b", "usulan")
    change(origin)
    head = commit_all(origin, "the pull request")
    git(origin, "checkout", "-q", "main")
    workflow_file = tmp_path / "check.yml"  # the workflow as the head commit has it
    workflow_file.write_text(git(origin, "show", f"{head}:{WORKFLOW}"), "utf-8")
    workflow = load_workflow(workflow_file)
    event = {"number": 7, "pull_request": {"number": 7, "base": {"sha": base, "ref": "main"},
                                           "head": {"sha": head, "ref": "usulan"}, "user": {"login": author}}}
    runner = Runner(workspace=tmp_path / "work" / "portal", temp=tmp_path / "runner-temp", event_name="pull_request",
                    event=event, github={"sha": head, "ref": "refs/pull/7/merge", "base_ref": "main",
                                         "head_ref": "usulan", "repository": "kota-contoh/portal",
                                         "actor": author},
                    path=system_path(),
                    actions={"actions/checkout": checkout(origin, "usulan", head),
                             "actions/setup-python": setup_python(runner_bin, python_version(workflow))})
    return PullRequest(origin, base, head, runner.run_job(workflow, JOB), workflow)


def report(pr: PullRequest) -> str:
    return "\n".join(f"--- {step.name}: {step.outcome}\n{step.output}" for step in pr.run.steps)


def assert_fails_at(pr: PullRequest, failing: str | None) -> None:
    """`failing` is the one step that fails (None: none does); every step before it passed,
    every step after it was skipped, except those that run `if: always()`."""
    names = [step_name(step) for step in pr.workflow["jobs"][JOB]["steps"]]
    assert {INSTALL, VALIDATE, REVIEW, CODEOWNERS, BUILD, DIFF} <= set(names)
    always = {step_name(step) for step in pr.workflow["jobs"][JOB]["steps"] if "always()" in step.get("if", "")}
    stop = names.index(failing) if failing else len(names)
    expected = {name: "success" if i < stop or name in always else "skipped" for i, name in enumerate(names)}
    if failing:
        expected[failing] = "failure"
    assert pr.run.outcomes() == expected, report(pr)


def edit_project(root: Path, slug: str, old: str, new: str) -> None:
    path = root / "projects" / slug / "project.yml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_allowed_change_passes_every_step(tmp_path: Path, runner_bin: Path, flavour: str, wheel: Path) -> None:
    def change(root: Path) -> None:  # the maintainer pauses their project, and proposes a new one
        edit_project(root, "bank-sampah-berseri", "status: active", "status: paused")
        shutil.copytree(PROJECTS / "dasbor-anggaran-terbuka", root / "projects" / "dasbor-anggaran-terbuka")

    pr = open_pull_request(tmp_path, runner_bin, flavour, OWNER, change, wheel)
    assert_fails_at(pr, None)
    review = pr.run.step(REVIEW)
    for slug in ("bank-sampah-berseri", "dasbor-anggaran-terbuka"):
        line = f"- ✅ {markdown_inline(slug)}:"
        assert line in review.output
        assert line in pr.run.summary
    assert "❌" not in pr.run.summary
    for language in ("id", "en"):  # the diff, in both languages, after the review lines
        t = Translator(language)
        assert f"### {t('changes.heading')}" in pr.run.step(DIFF).summary
        assert t("changes.status-changed", old=t.label("status", "active"), new=t.label("status", "paused")) \
            in pr.run.summary
    assert pr.run.summary.index("- ✅") < pr.run.summary.index("###")
    # the new project is not in CODEOWNERS yet: a warning, not a failure
    assert "::warning title=CODEOWNERS::" in pr.run.step(CODEOWNERS).output


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_refused_review_fails_the_review_step(tmp_path: Path, runner_bin: Path, flavour: str, wheel: Path) -> None:
    """Before `defaults: run: shell: bash`, this step passed: `cocreate review` exited 1 into
    `| tee`, and `bash -e` took tee's 0. So did the build after it, and the required check."""
    def change(root: Path) -> None:  # the same edit, by someone who does not maintain the project
        edit_project(root, "bank-sampah-berseri", "status: active", "status: paused")

    pr = open_pull_request(tmp_path, runner_bin, flavour, OUTSIDER, change, wheel)
    assert_fails_at(pr, REVIEW)
    line = f"- ❌ {markdown_inline('bank-sampah-berseri')}:"
    assert line in pr.run.step(REVIEW).output
    assert line in pr.run.step(REVIEW).summary
    assert markdown_inline(f"@{OWNER}") in pr.run.step(REVIEW).output  # named, never mentioned


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_invalid_project_fails_the_validate_step(tmp_path: Path, runner_bin: Path, flavour: str, wheel: Path) -> None:
    def change(root: Path) -> None:  # a new project with `status: no`
        target = root / "projects" / "bank-sampah-rt03" / "project.yml"
        target.parent.mkdir()
        shutil.copy(ROOT / "tests" / "fixtures" / "invalid" / "status_invalid-value.yml", target)

    pr = open_pull_request(tmp_path, runner_bin, flavour, OUTSIDER, change, wheel)
    assert_fails_at(pr, VALIDATE)
    assert "::error file=projects/bank-sampah-rt03/project.yml,line=6," in pr.run.step(VALIDATE).output


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_failed_build_fails_the_build_step(tmp_path: Path, runner_bin: Path, flavour: str, wheel: Path) -> None:
    def change(root: Path) -> None:  # valid projects, and a page with a link to nowhere
        page = root / "content" / "index.md"
        page.write_text(page.read_text("utf-8") + "\n[Laporan](laporan-tahunan.md)\n", "utf-8")

    pr = open_pull_request(tmp_path, runner_bin, flavour, PORTAL_MAINTAINER, change, wheel)
    assert_fails_at(pr, BUILD)
    assert "laporan-tahunan.md" in pr.run.step(BUILD).output
