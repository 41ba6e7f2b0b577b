"""The GitHub workflows: least privilege, pinned actions, no template injection, linted."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from actions_runner import load_workflow, shell_command
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
EVERY_PORTALS_WORKFLOWS = sorted((ROOT / "plugins" / "cocreate" / "scaffold" / ".github" / "workflows").glob("*.yml"))


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is a test dependency (pyproject [test]); install it")
    return path


def test_actionlint_finds_nothing() -> None:
    proc = subprocess.run([_tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing() -> None:
    proc = subprocess.run([_tool("zizmor"), "--offline", "--persona=auditor", "--no-progress", str(ROOT / ".github" / "workflows")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_hardening(workflow) -> None:
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


@pytest.mark.parametrize("workflow", WORKFLOWS + EVERY_PORTALS_WORKFLOWS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_run_step_fails_when_a_command_in_a_pipe_fails(workflow) -> None:
    """Without `shell: bash`, GitHub runs a step as `bash -e {0}`: `cocreate review | tee`
    then passes with tee's status whatever the review decided. The workflow-wide default
    gives every step `bash --noprofile --norc -eo pipefail {0}`, and no step may undo it."""
    data = load_workflow(workflow)
    assert data.get("defaults", {}).get("run", {}).get("shell") == "bash", "add `defaults: run: shell: bash`"
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            if "run" in step:
                assert "-eo pipefail" in shell_command(data, job, step), step.get("name", step["run"])
