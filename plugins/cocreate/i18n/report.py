"""Rendering a validation report as text, JSON or GitHub Actions annotations.

File names, field paths and the values that messages repeat are contributor text: each
format escapes them with [cocreate.i18n.untrusted][], as `cocreate diff` and `review` do."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from cocreate.i18n.messages import counted, hint, message, ui
from cocreate.i18n.untrusted import annotation_message, annotation_property, escape_data, one_line, to_json
from cocreate.standard.privacy import redact
from cocreate.standard.problems import Problem
from cocreate.standard.validate import Report


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
    files = counted("files", language, len(report.results))
    warnings = counted("warnings", language, report.warnings)
    if report.errors:
        return ui("summary_errors", language, files=files, errors=counted("errors", language, report.errors),
                  warnings=warnings, failed=counted("files", language, report.failed_files))
    if report.warnings:
        return ui("summary_warnings", language, files=files, warnings=warnings)
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
    return to_json(body) + "\n"


def render_github(report: Report, language: str) -> str:
    """One `::error` or `::warning` annotation per problem, then the summary as a notice."""
    lines = []
    for p in map(shown, report.problems):
        props = (
            f"file={annotation_property(p.file)},line={p.position.line},col={p.position.column},"
            f"title={annotation_property(f'{p.code}: {p.field}')}"
        )
        text = annotation_message(message(p, language), f"{ui('hint', language)}: {hint(p, language)}")
        lines.append(f"::{p.severity.value} {props}::{text}")
    lines.append(f"::notice::{escape_data(summary(report, language))}")
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Report, str], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
