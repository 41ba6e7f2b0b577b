"""Rendering reports: the text line format, JSON, and GitHub annotations that cannot be forged."""

from __future__ import annotations

import json
import re

from cocreate.i18n.report import render_github, render_json, render_text
from cocreate.i18n.untrusted import escape_data, escape_property
from cocreate.standard.validate import Report, check_bytes, make_report

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<field>\S+): (?P<msg>.+)$")


def _report(minimal_text: str, old: str, new: str) -> Report:
    return make_report([check_bytes(minimal_text.replace(old, new).encode(), "projects/x/project.yml")])


def test_text_lines_follow_the_publiccode_format(minimal_text: str) -> None:
    report = _report(minimal_text, "category: community", "category: residents")
    lines = render_text(report, "en").splitlines()
    match = LINE.match(lines[0])
    assert match, lines[0]
    assert match.groupdict() == {
        "file": "projects/x/project.yml", "line": "15", "col": "15", "sev": "error",
        "code": "invalid-value", "field": "stakeholders[0].category",
        "msg": "'residents' is not one of the allowed values",
    }
    assert lines[1].startswith("    hint: Use one of: local-government, central-government, community")
    assert lines[-1] == "1 file checked: 1 error, 0 warnings in 1 file"


def test_text_in_bahasa_indonesia(minimal_text: str) -> None:
    report = _report(minimal_text, "status: active", "status: aktif")
    text = render_text(report, "id")
    assert "'aktif' bukan salah satu nilai yang diizinkan; maksud Anda 'active'?" in text
    assert "petunjuk: Gunakan salah satu dari:" in text


def test_json_is_structured(minimal_text: str) -> None:
    report = _report(minimal_text, "phase: involvement\nlocation", "phase: curation\nlocation")
    body = json.loads(render_json(report, "en"))
    assert body["valid"] is False
    assert body["errors"] == 2
    assert body["files"] == 1
    first = body["problems"][0]
    assert set(first) == {"code", "severity", "file", "line", "column", "field", "path", "message", "hint", "params"}
    assert {p["code"] for p in body["problems"]} == {"phase-not-latest", "no-government-stakeholder"}


def test_escaping_of_workflow_commands() -> None:
    assert escape_data("50%\r\n::error::x") == "50%25%0D%0A::error::x"
    assert escape_property("a:b,c\n") == "a%3Ab%2Cc%0A"


def test_contributor_text_cannot_forge_a_workflow_command(minimal_text: str) -> None:
    hostile = 'status: "active\\n::add-mask::secret\\n::error file=x::forged"'
    report = _report(minimal_text, "status: active", hostile)
    assert [p.code for p in report.problems] == ["not-one-line"]  # a status is one line
    # a folder name is contributor text too, and git allows a line break in it
    folder = "projects/x\n::add-mask::secret\n::error file=x::forged/project.yml"
    report = make_report([check_bytes(minimal_text.replace("status: active", "status: stalled").encode(), folder)])
    out = render_github(report, "en")
    for line in out.splitlines():
        assert line.startswith(("::error file=projects/x", "::notice::")), line
    assert "file=projects/x\\n%3A%3Aadd-mask%3A%3Asecret\\n%3A%3Aerror file=x%3A%3Aforged/project.yml,line=" in out


def test_valid_report_summary(minimal_text: str) -> None:
    report = make_report([check_bytes(minimal_text.encode(), "p.yml")])
    assert render_text(report, "id") == "1 berkas diperiksa: semuanya sah\n"
    assert render_github(report, "en") == "::notice::1 file checked: all valid\n"


def test_text_lines_never_break_on_contributor_text(minimal_text: str) -> None:
    folder = "projects/x\n::add-mask::secret/project.yml"
    report = make_report([check_bytes(minimal_text.replace("status: active", "status: stalled").encode(), folder)])
    lines = render_text(report, "en").splitlines()
    assert not any(line.startswith("::") for line in lines)
    assert "x\\n::add-mask::secret" in lines[0]
