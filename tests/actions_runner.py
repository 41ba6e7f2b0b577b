"""A GitHub Actions job run on this machine the way the runner runs it, as far as our
workflows need: each `run:` step through the same shell command line, with the same
environment variable names, one after the other, failing and skipping as on GitHub.

Why: a workflow is code that decides whether a pull request may be merged, and YAML that
actionlint accepts can still be wrong in how the runner executes it (a step without
`shell:` runs as `bash -e {0}`, without pipefail, so `cocreate review ... | tee` passed
whatever the review said). Running the steps for real is the only way to see that.

What is emulated, from GitHub's workflow syntax reference and the runner's own rules:

- the shell: the step's `shell:`, else the job's `defaults.run.shell`, else the
  workflow's, else `bash -e {0}`; the keywords `bash`, `sh` and `python` expand to the
  runner's command lines; the script is written to a file in RUNNER_TEMP whose path
  replaces `{0}`;
- the environment: what the runner provides (CI, GITHUB_ACTIONS, GITHUB_WORKSPACE,
  RUNNER_TEMP, GITHUB_STEP_SUMMARY and the other command files, GITHUB_EVENT_PATH...),
  then the workflow's `env:`, the job's and the step's, with `${{ }}` expressions taken
  from the event;
- `if:`: a step without one runs only while every earlier step succeeded; `always()`,
  `success()`, `failure()`, `cancelled()` and `!cancelled()` as on GitHub;
  `continue-on-error: true` keeps the job going;
- the working directory (`working-directory:` or the defaults), and `timeout-minutes`.

`uses:` steps run through the `actions` given to the runner (by action name without the
`@ref`); anything the emulation does not know (another action, another expression, a
step writing GITHUB_ENV, GITHUB_PATH or GITHUB_OUTPUT) raises NotEmulated, so a new
workflow feature makes the test fail instead of silently running differently.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell
DEFAULT_SHELL = "bash -e {0}"
"""What a `run:` step without `shell:` anywhere runs as on Linux: no pipefail."""
SHELLS = {"bash": "bash --noprofile --norc -eo pipefail {0}", "sh": "sh -e {0}", "python": "python {0}"}
EXTENSIONS = {"bash": ".sh", "sh": ".sh", "python": ".py"}
STATUS_FUNCTIONS = {"success()", "always()", "failure()", "cancelled()", "!cancelled()"}
COMMAND_FILES = ("GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STATE")
PASSED_THROUGH = ("HOME", "LANG", "TZ", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                  "NO_PROXY", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
"""From this machine's environment: where pip keeps its cache (HOME) and how it reaches
PyPI. The runner has its own values for these; none of them changes what a step decides."""


class NotEmulated(Exception):
    """The workflow uses something this emulation does not run the way GitHub does."""


def load_workflow(path: Path) -> dict[str, Any]:
    """A workflow file, every scalar kept as text (`on:` stays a key, `"1"` a string)."""
    return yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)


def shell_command(workflow: dict[str, Any], job: dict[str, Any], step: dict[str, Any]) -> str:
    """The command line GitHub runs a `run:` step with, `{0}` standing for the script."""
    for scope in (step, job.get("defaults", {}).get("run", {}), workflow.get("defaults", {}).get("run", {})):
        shell = scope.get("shell")
        if shell:
            if shell in SHELLS:
                return SHELLS[shell]
            if "{0}" not in shell:
                raise NotEmulated(f"shell {shell!r}: only bash, sh, python or a template with {{0}}")
            return shell
    return DEFAULT_SHELL


def working_directory(workflow: dict[str, Any], job: dict[str, Any], step: dict[str, Any]) -> str | None:
    for scope in (step, job.get("defaults", {}).get("run", {}), workflow.get("defaults", {}).get("run", {})):
        if scope.get("working-directory"):
            return scope["working-directory"]
    return None


def step_name(step: dict[str, Any]) -> str:
    """The name GitHub shows: `name:`, else "Run" and the action or the script's first line."""
    if step.get("name"):
        return step["name"]
    if step.get("uses"):
        return f"Run {step['uses'].split('@')[0]}"
    return f"Run {step['run'].strip().splitlines()[0]}"


@dataclass
class StepResult:
    """How one step ended: `outcome` is success, failure or skipped."""

    name: str
    outcome: str
    output: str = ""
    summary: str = ""


@dataclass
class JobRun:
    """A job's steps, in order, and the job's summary (every step's, one after the other)."""

    steps: list[StepResult]

    @property
    def summary(self) -> str:
        return "".join(step.summary for step in self.steps)

    def outcomes(self) -> dict[str, str]:
        return {step.name: step.outcome for step in self.steps}

    def step(self, name: str) -> StepResult:
        return next(step for step in self.steps if step.name == name)

    def failed(self) -> list[str]:
        return [step.name for step in self.steps if step.outcome == "failure"]


Action = Callable[["Runner", dict[str, str]], None]
"""Runs one `uses:` step, given its `with:` inputs."""


@dataclass
class Runner:
    """One job's runner: its workspace, its temporary folder, the event that started it,
    its PATH (which setup-python changes), and the actions it can run."""

    workspace: Path
    temp: Path
    event_name: str
    event: dict[str, Any]
    github: dict[str, str]
    path: list[str]
    actions: dict[str, Action]
    env_files: dict[str, Path] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        return {"github": {**self.github, "event_name": self.event_name, "event": self.event,
                           "workspace": str(self.workspace)},
                "runner": {"os": "Linux", "temp": str(self.temp)}}

    def evaluate(self, text: str, extra: dict[str, Any]) -> str:
        """`text` with each `${{ a.b.c }}` replaced by that value of the contexts."""
        def value(match: re.Match[str]) -> str:
            expression = match.group(1).strip()
            if not re.fullmatch(r"[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*", expression):
                raise NotEmulated(f"expression ${{{{ {expression} }}}}")
            node: Any = {**self.context(), **extra}
            for part in expression.split("."):
                if not isinstance(node, dict) or part not in node:
                    raise NotEmulated(f"no value for ${{{{ {expression} }}}} in this emulation")
                node = node[part]
            return "" if node is None else str(node)
        return re.sub(r"\$\{\{(.*?)\}\}", value, text)

    def base_env(self) -> dict[str, str]:
        """What the runner puts in every step's environment."""
        event_path = self.temp / "_github_workflow" / "event.json"
        event_path.parent.mkdir(parents=True, exist_ok=True)
        event_path.write_text(json.dumps(self.event), "utf-8")
        env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
        env.update({name: value for name, value in os.environ.items() if name.startswith("PIP_")})
        env.setdefault("LANG", "C.UTF-8")
        env.update({
            "PATH": os.pathsep.join(self.path),
            "CI": "true", "GITHUB_ACTIONS": "true", "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
            "RUNNER_TEMP": str(self.temp), "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_EVENT_NAME": self.event_name, "GITHUB_EVENT_PATH": str(event_path),
            **{f"GITHUB_{key.upper()}": value for key, value in self.github.items()},
        })
        return env

    def run_job(self, workflow: dict[str, Any], job_id: str) -> JobRun:
        """Every step of one job, in order, as the runner runs them."""
        job = workflow["jobs"][job_id]
        timeout = int(job.get("timeout-minutes", "360")) * 60
        self.workspace.mkdir(parents=True, exist_ok=True)
        self.temp.mkdir(parents=True, exist_ok=True)
        results: list[StepResult] = []
        job_failed = False
        for step in job["steps"]:
            name = step_name(step)
            if not self._should_run(step.get("if", ""), job_failed):
                results.append(StepResult(name, "skipped"))
                continue
            result = self.run_step(workflow, job, step, timeout)
            results.append(result)
            if result.outcome == "failure" and step.get("continue-on-error", "false") != "true":
                job_failed = True
        return JobRun(results)

    @staticmethod
    def _should_run(condition: str, job_failed: bool) -> bool:
        condition = condition.strip()
        if condition.startswith("${{") and condition.endswith("}}"):
            condition = condition[3:-2].strip()
        condition = condition or "success()"
        if condition not in STATUS_FUNCTIONS:
            raise NotEmulated(f"if: {condition}")
        return {"success()": not job_failed, "always()": True, "failure()": job_failed,
                "cancelled()": False, "!cancelled()": True}[condition]

    def run_step(self, workflow: dict[str, Any], job: dict[str, Any], step: dict[str, Any],
                 timeout: int = 600) -> StepResult:
        """One step, whatever came before it."""
        name = step_name(step)
        if "uses" in step:
            action = step["uses"].split("@")[0]
            if action not in self.actions:
                raise NotEmulated(f"action {action}")
            try:
                self.actions[action](self, {k: self.evaluate(v, {}) for k, v in step.get("with", {}).items()})
            except subprocess.CalledProcessError as exc:
                return StepResult(name, "failure", f"{exc}\n{exc.stdout or ''}{exc.stderr or ''}")
            return StepResult(name, "success")
        return self._run_script(workflow, job, step, name, timeout)

    def _run_script(self, workflow: dict[str, Any], job: dict[str, Any], step: dict[str, Any], name: str,
                    timeout: int) -> StepResult:
        template = shell_command(workflow, job, step)
        program = shlex.split(template)[0]
        script = self.temp / f"{uuid.uuid4()}{EXTENSIONS.get(Path(program).name, '')}"
        script.write_text(step["run"], "utf-8")
        argv = [word.replace("{0}", str(script)) for word in shlex.split(template)]
        files = {name: self.temp / "_runner_file_commands" / f"{name.lower()}_{uuid.uuid4()}"
                 for name in (*COMMAND_FILES, "GITHUB_STEP_SUMMARY")}
        for path in files.values():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("", "utf-8")
        env = self.base_env()
        env.update({key: str(path) for key, path in files.items()})
        for scope in (workflow, job, step):  # later scopes win, as on GitHub
            env.update({key: self.evaluate(value, {"env": env}) for key, value in scope.get("env", {}).items()})
        directory = working_directory(workflow, job, step)
        cwd = self.workspace / directory if directory else self.workspace
        timeout = min(timeout, int(step.get("timeout-minutes", "360")) * 60)
        proc = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=timeout)
        for key in COMMAND_FILES:
            if files[key].read_text("utf-8"):
                raise NotEmulated(f"step {name!r} writes {key}, which this emulation does not apply")
        return StepResult(name, "success" if proc.returncode == 0 else "failure", proc.stdout,
                          files["GITHUB_STEP_SUMMARY"].read_text("utf-8"))
