"""The GitHub workflows: least privilege, pinned actions, no template injection, linted."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from actions_runner import load_workflow, shell_command
from helpers import ROOT

SCAFFOLD_GITHUB = ROOT / "plugins" / "cocreate" / "cli" / "scaffold" / ".github"
GITHUB_DIRS = [ROOT / ".github", SCAFFOLD_GITHUB]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml")) + sorted((SCAFFOLD_GITHUB / "workflows").glob("*.yml"))


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is a test dependency (pyproject [test]); install it")
    return path


def test_actionlint_finds_nothing() -> None:
    proc = subprocess.run([_tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing() -> None:
    """Every workflow and Dependabot's settings, here and in the scaffold. zizmor only warns
    about a file it cannot parse: every workflow must name a job it completed."""
    proc = subprocess.run([_tool("zizmor"), "--offline", "--persona=auditor", "--no-progress",
                           *(str(d.relative_to(ROOT)) for d in GITHUB_DIRS)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "failed to parse" not in proc.stderr, proc.stderr
    for workflow in WORKFLOWS:
        assert f"completed {workflow.relative_to(ROOT)}" in proc.stderr, workflow


@pytest.mark.parametrize("github", GITHUB_DIRS, ids=["repository", "scaffold"])
def test_dependabot_keeps_actions_and_locks_current_after_a_cooldown(github: Path) -> None:
    data = yaml.load((github / "dependabot.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    ecosystems = {update["package-ecosystem"]: update for update in data["updates"]}
    assert set(ecosystems) == {"github-actions", "pip"}
    for update in ecosystems.values():
        assert update["directory"] == "/"
        assert int(update["cooldown"]["default-days"]) >= 3


def test_each_action_is_pinned_to_one_commit_everywhere() -> None:
    """One SHA and one version comment per action across all workflows: an update that
    reaches one file only (or a comment that no longer names the commit's tag) shows here."""
    pins: dict[str, set[str]] = {}
    for workflow in WORKFLOWS:
        for action, sha, comment in re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@(\S+) # (v[\d.]+)\s*$",
                                               workflow.read_text("utf-8"), re.MULTILINE):
            pins.setdefault(action, set()).add(f"{sha} {comment}")
    assert {"actions/checkout", "actions/setup-python", "actions/deploy-pages"} <= set(pins)
    assert {action: shas for action, shas in pins.items() if len(shas) > 1} == {}
    uses = sum(len(re.findall(r"uses:", w.read_text("utf-8"))) for w in WORKFLOWS)
    assert uses == sum(len(re.findall(r"uses: \S+@[0-9a-f]{40} # v[\d.]+$", w.read_text("utf-8"), re.MULTILINE))
                       for w in WORKFLOWS), "write each pin as `owner/action@SHA # vX.Y.Z`"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: str(p.relative_to(ROOT)))
def test_hardening(workflow: Path) -> None:
    text = workflow.read_text("utf-8")
    data = yaml.load(text, Loader=yaml.BaseLoader)
    assert data["permissions"] == {"contents": "read"}
    assert "pull_request_target" not in data["on"]
    for uses in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), f"not pinned to a commit: {uses}"
    for job in data["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in step.get("run", ""), "untrusted values must reach run: through env:"
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] == "false"


def test_deploy_is_least_privilege_and_never_overlaps() -> None:
    data = yaml.load((ROOT / ".github" / "workflows" / "deploy.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert "permissions" not in data["jobs"]["build"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_run_step_fails_when_a_command_in_a_pipe_fails(workflow: Path) -> None:
    """Without `shell: bash`, GitHub runs a step as `bash -e {0}`: `cocreate review | tee`
    then passes with tee's status whatever the review decided. The workflow-wide default
    gives every step `bash --noprofile --norc -eo pipefail {0}`, and no step may undo it."""
    data = load_workflow(workflow)
    assert data.get("defaults", {}).get("run", {}).get("shell") == "bash", "add `defaults: run: shell: bash`"
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            if "run" in step:
                assert "-eo pipefail" in shell_command(data, job, step), step.get("name", step["run"])


def test_release_is_least_privilege_and_uses_no_token() -> None:
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8")
    data = yaml.load(text, Loader=yaml.BaseLoader)
    assert data["on"] == {"push": {"tags": ["v*"]}}
    assert data["defaults"] == {"run": {"shell": "bash"}}
    jobs = data["jobs"]
    assert "permissions" not in jobs["build"]
    assert jobs["publish"]["permissions"] == {"contents": "read", "id-token": "write", "attestations": "write"}
    assert jobs["publish"]["environment"]["name"] == "pypi"
    assert jobs["release"]["permissions"] == {"contents": "write"}
    assert jobs["publish"]["needs"] == "build"
    assert jobs["release"]["needs"] == "publish"
    # trusted publishing: no password, token or secret anywhere
    for word in ("secrets.", "password", "TWINE_PASSWORD", "PYPI_TOKEN", "__token__"):
        assert word not in text, word
    runs = "\n".join(step.get("run", "") for job in jobs.values() for step in job["steps"])
    for command in ("python scripts/release.py check-tag", "python -m build --no-isolation", "twine check --strict",
                    "python scripts/wheel_check.py dist", "twine upload --non-interactive dist/*",
                    "gh release create \"$TAG\" --verify-tag"):
        assert command in runs, command
    uses = [step.get("uses", "") for step in jobs["publish"]["steps"]]
    assert any(u.startswith("actions/attest-build-provenance@") for u in uses)
