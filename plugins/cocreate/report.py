"""Rendering a validation report as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any, Callable

from cocreate.messages import hint, message, ui
from cocreate.privacy import redact
from cocreate.problems import Problem
from cocreate.validate import Report


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters a terminal acts on or breaks lines at: C0 and C1 controls (ESC starts terminal
escape sequences), line and paragraph separators, and bidirectional controls."""


def one_line(text: str) -> str:
    """Contributor text kept on its line: a line break in a value could otherwise start a
    line that a CI runner reads as a command (`::add-mask::...`), and a control character
    escaped in YAML (`"\\e]0;..."`) could drive the reader's terminal. Both are shown escaped."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_redacted(v) for v in value)
    return value


def shown(problem: Problem) -> Problem:
    """The problem as reports show it: personal data in its parameters and field path
    masked, whichever check repeats the value (reports and CI logs are public)."""
    return dataclasses.replace(problem, path=_redacted(problem.path),
                               params={k: _redacted(v) for k, v in problem.params.items()})


def problem_line(problem: Problem, language: str) -> str:
    """`file:line:col: error[code]: field: message`, always one line."""
    problem = shown(problem)
    pos = problem.position
    return one_line(
        f"{problem.file}:{pos.line}:{pos.column}: {problem.severity.value}[{problem.code}]: "
        f"{problem.field}: {message(problem, language)}"
    )


def summary(report: Report, language: str) -> str:
    files = len(report.results)
    if report.errors:
        return ui("summary_errors", language, files=files, errors=report.errors,
                  warnings=report.warnings, failed=report.failed_files)
    if report.warnings:
        return ui("summary_warnings", language, files=files, warnings=report.warnings)
    return ui("summary_ok", language, files=files)


def render_text(report: Report, language: str) -> str:
    label = ui("hint", language)
    lines: list[str] = []
    for problem in report.problems:
        lines.append(problem_line(problem, language))
        lines.append(one_line(f"    {label}: {hint(problem, language)}"))
    lines.append(summary(report, language))
    return "\n".join(lines) + "\n"


def problem_dict(problem: Problem, language: str) -> dict[str, object]:
    problem = shown(problem)
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "file": problem.file,
        "line": problem.position.line,
        "column": problem.position.column,
        "field": problem.field,
        "path": list(problem.path),
        "message": message(problem, language),
        "hint": hint(problem, language),
        "params": problem.params,
    }


def render_json(report: Report, language: str) -> str:
    body = {
        "valid": report.valid,
        "files": len(report.results),
        "errors": report.errors,
        "warnings": report.warnings,
        "language": language,
        "problems": [problem_dict(p, language) for p in report.problems],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def escape_data(text: str) -> str:
    """Escape a workflow-command message so contributor text cannot start a new command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, language: str) -> str:
    """One `::error` or `::warning` annotation per problem, then the summary as a notice."""
    lines = []
    for p in map(shown, report.problems):
        props = (
            f"file={escape_property(p.file)},line={p.position.line},col={p.position.column},"
            f"title={escape_property(f'{p.code}: {p.field}')}"
        )
        text = f"{message(p, language)}\n{ui('hint', language)}: {hint(p, language)}"
        lines.append(f"::{p.severity.value} {props}::{escape_data(text)}")
    lines.append(f"::notice::{escape_data(summary(report, language))}")
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Report, str], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
