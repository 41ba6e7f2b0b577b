"""The runner emulation itself: it runs steps with the shell, environment and skipping that
GitHub documents, so that test_workflow_steps.py means what it says."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from actions_runner import JobRun, NotEmulated, Runner, shell_command


def workflow(text: str) -> dict[str, Any]:
    return yaml.load(text, Loader=yaml.BaseLoader)


def run(tmp_path: Path, text: str, **actions: Callable[[Runner, dict[str, str]], None]) -> JobRun:
    event = {"pull_request": {"base": {"sha": "b" * 40}, "user": {"login": "warga"}}}
    runner = Runner(workspace=tmp_path / "work", temp=tmp_path / "temp", event_name="pull_request", event=event,
                    github={"sha": "a" * 40}, path=os.environ["PATH"].split(os.pathsep), actions=actions)
    return runner.run_job(workflow(text), "j")


def test_shell_is_chosen_as_github_does() -> None:
    data = workflow("""
defaults: {run: {shell: sh}}
jobs:
  j:
    defaults: {run: {shell: bash}}
    steps: [{run: x}, {run: x, shell: python}, {run: x, shell: "perl {0}"}]
  k:
    steps: [{run: x}]
""")
    j, k = data["jobs"]["j"], data["jobs"]["k"]
    assert [shell_command(data, j, step) for step in j["steps"]] == [
        "bash --noprofile --norc -eo pipefail {0}", "python {0}", "perl {0}"]
    assert shell_command(data, k, k["steps"][0]) == "sh -e {0}"
    assert shell_command({}, k, k["steps"][0]) == "bash -e {0}"
    with pytest.raises(NotEmulated):
        shell_command({}, k, {"run": "x", "shell": "zsh"})


def test_without_shell_bash_a_failing_command_before_a_pipe_goes_unnoticed(tmp_path: Path) -> None:
    result = run(tmp_path, """
jobs:
  j:
    steps:
      - {name: default, run: "false | cat"}
      - {name: default stops at a failing command, if: always(), run: "false\\necho never"}
      - {name: bash, if: always(), shell: bash, run: "false | cat"}
""")
    assert result.outcomes() == {"default": "success", "default stops at a failing command": "failure",
                                 "bash": "failure"}
    assert "never" not in result.step("default stops at a failing command").output


def test_a_failure_skips_later_steps_except_those_that_ask_to_run(tmp_path: Path) -> None:
    result = run(tmp_path, """
jobs:
  j:
    steps:
      - {name: one, run: "true"}
      - {name: two, run: "exit 3", continue-on-error: "true"}
      - {name: three, run: "exit 1"}
      - {name: four, run: "true"}
      - {name: five, if: "${{ always() }}", run: "true"}
      - {name: six, if: failure(), run: "true"}
      - {name: seven, if: success(), run: "true"}
      - {name: eight, if: "!cancelled()", run: "true"}
""")
    assert result.outcomes() == {"one": "success", "two": "failure", "three": "failure", "four": "skipped",
                                 "five": "success", "six": "success", "seven": "skipped", "eight": "success"}


def test_environment_has_the_runners_variables_and_the_workflows_in_order(tmp_path: Path) -> None:
    result = run(tmp_path, """
env: {A: workflow, B: workflow, C: workflow}
jobs:
  j:
    env: {B: job, C: job, BASE: "${{ github.event.pull_request.base.sha }}"}
    steps:
      - env: {C: step, WHO: "${{ github.event.pull_request.user.login }}"}
        run: |
          echo "$A $B $C $BASE $WHO $CI $GITHUB_ACTIONS $GITHUB_SHA $GITHUB_EVENT_NAME"
          test "$PWD" = "$GITHUB_WORKSPACE" && test -d "$RUNNER_TEMP" && test -f "$GITHUB_EVENT_PATH"
          echo "summary line" >> "$GITHUB_STEP_SUMMARY"
      - run: echo "second" >> "$GITHUB_STEP_SUMMARY"
""")
    assert result.failed() == [], result.steps[0].output
    assert result.steps[0].output.split() == ["workflow", "job", "step", "b" * 40, "warga", "true", "true", "a" * 40,
                                              "pull_request"]
    assert result.summary == "summary line\nsecond\n"


def test_what_is_not_emulated_is_refused(tmp_path: Path) -> None:
    for text in ("jobs: {j: {steps: [{uses: actions/cache@v4}]}}",
                 "jobs: {j: {steps: [{run: 'true', if: github.event_name == 'push'}]}}",
                 "jobs: {j: {steps: [{run: 'true', env: {X: '${{ secrets.TOKEN }}'}}]}}",
                 "jobs: {j: {steps: [{run: 'true', env: {X: '${{ toJSON(github) }}'}}]}}",
                 "jobs: {j: {steps: [{run: 'echo X=1 >> \"$GITHUB_ENV\"'}]}}"):
        with pytest.raises(NotEmulated):
            run(tmp_path, text)


def test_actions_run_through_what_the_test_gives(tmp_path: Path) -> None:
    seen: list[dict[str, str]] = []
    result = run(tmp_path, """
jobs:
  j:
    steps:
      - uses: actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b
        with: {python-version: "3.11", cache: "${{ github.sha }}"}
""", **{"actions/setup-python": lambda _runner, inputs: seen.append(inputs)})
    assert result.outcomes() == {"Run actions/setup-python": "success"}
    assert seen == [{"python-version": "3.11", "cache": "a" * 40}]
