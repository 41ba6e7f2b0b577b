"""Validation of files and trees: invalid fixtures with exact errors, the demo, discovery."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any, NoReturn

import pytest

from cocreate.i18n.messages import problem_codes
from cocreate.standard.validate import Result as FileResult
from cocreate.standard.validate import check_bytes, discover, make_report, validate_paths, validate_sources
from helpers import FIXTURES, PROJECTS

TODAY = dt.date(2026, 11, 29)
INVALID = sorted((FIXTURES / "invalid").glob("*.yml"))
EXPECT = re.compile(rb"^# expect: (\d+):(\d+) (error|warning)\[([a-z0-9-]+)\] (\S+)$", re.MULTILINE)

NOT_FROM_ONE_FILE = {
    # about the tree or the file system, tested below; not expressible as one fixture's content
    "file-too-large", "file-unreadable", "file-is-symlink", "invalid-slug",
    "missing-project-file", "misplaced-file", "symlink-in-projects",
    # needs the portal's setting of required languages: tests/standard/test_validate.py below
    "missing-required-translation",
    # about the data files beside a project: tests/standard/test_datafiles.py
    "data-file-missing", "data-file-unsafe", "data-file-too-large", "data-schema-invalid", "data-invalid",
    "data-file-encoding", "data-formula", "data-too-many-columns",
    # guards for what cannot happen with today's schema: a bug, or a keyword not yet used
    "internal-error", "schema-violation", "invalid-format",
}


def expected(raw: bytes) -> list[tuple[int, int, str, str, str]]:
    return [(int(line), int(column), sev.decode(), code.decode(), field.decode())
            for line, column, sev, code, field in EXPECT.findall(raw)]


@pytest.mark.parametrize("fixture", INVALID, ids=[f.stem for f in INVALID])
def test_invalid_fixture_gives_exactly_its_expected_problems(fixture: Path) -> None:
    raw = fixture.read_bytes()
    want = expected(raw)
    assert want, f"{fixture.name} lists no expected problems"
    result = check_bytes(raw, fixture.name, today=TODAY)
    got = [(p.position.line, p.position.column, p.severity.value, p.code, p.field) for p in result.problems]
    assert got == want
    code_in_name = fixture.stem.split("_", 1)[1]
    assert any(code.endswith(code_in_name) or code_in_name in code for *_, code, _ in want), \
        f"{fixture.name}: the file name should name the problem it shows"


def test_every_problem_code_has_a_fixture() -> None:
    shown = {code for f in INVALID for *_, code, _ in expected(f.read_bytes())}
    missing = set(problem_codes()) - shown - NOT_FROM_ONE_FILE
    assert not missing, f"problem codes without an invalid fixture: {sorted(missing)}"


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "valid").glob("*.yml")), ids=lambda p: p.stem)
def test_valid_fixtures_are_valid(fixture: Path) -> None:
    result = check_bytes(fixture.read_bytes(), fixture.name, today=TODAY)
    assert result.problems == []
    assert result.data is not None


def test_implicit_types_stay_text() -> None:
    data = check_bytes((FIXTURES / "valid" / "implicit-types.yml").read_bytes(), "x.yml", today=TODAY).data
    assert data is not None
    assert data["title"] == "yes"
    assert data["summary"] == "012345"
    assert data["location"]["city"] == "off"
    assert data["trust"]["access"] == "no"
    assert data["stakeholders"][0]["contributes"] == "~"


def test_demo_projects_are_valid_without_warnings() -> None:
    report = validate_paths([PROJECTS])
    assert list(report.problems) == []
    assert len(report.projects) >= 8


def _tree(tmp_path: Path, minimal_text: str) -> Path:
    root = tmp_path / "projects"
    for slug in ("bank-sampah", "Bad_Slug"):
        (root / slug).mkdir(parents=True)
        (root / slug / "project.yml").write_text(minimal_text, "utf-8")
    (root / "empty-folder").mkdir()
    (root / "stray.yml").write_text(minimal_text, "utf-8")
    (root / "README.md").write_text("notes", "utf-8")
    (root / ".hidden").mkdir()
    return root


def test_tree_problems(tmp_path: Path, minimal_text: str) -> None:
    report = validate_paths([_tree(tmp_path, minimal_text)])
    assert sorted(p.code for p in report.problems) == ["invalid-slug", "misplaced-file", "missing-project-file"]
    assert [r.source.slug for r in report.projects] == ["bank-sampah"]


def test_a_symlinked_project_file_is_refused(tmp_path: Path, minimal_text: str) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text(minimal_text, "utf-8")
    (tmp_path / "projects" / "linked").mkdir(parents=True)
    os.symlink(secret, tmp_path / "projects" / "linked" / "project.yml")
    report = validate_paths([tmp_path / "projects"])
    assert [p.code for p in report.problems] == ["file-is-symlink"]


def test_one_project_folder_or_file(tmp_path: Path, minimal_text: str) -> None:
    folder = tmp_path / "bank-sampah"
    folder.mkdir()
    (folder / "project.yml").write_text(minimal_text, "utf-8")
    (sources_a, _), (sources_b, _) = discover([folder]), discover([folder / "project.yml"])
    assert [s.slug for s in sources_a] == [s.slug for s in sources_b] == ["bank-sampah"]
    other = tmp_path / "any-name.yml"
    other.write_text(minimal_text, "utf-8")
    assert [s.slug for s in discover([other])[0]] == [None]


def test_parallel_and_serial_agree(tmp_path: Path, minimal_text: str) -> None:
    root = tmp_path / "projects"
    for i in range(450):
        (root / f"p-{i:03d}").mkdir(parents=True)
        text = minimal_text if i % 50 else minimal_text.replace("status: active", "status: aktif")
        (root / f"p-{i:03d}" / "project.yml").write_text(text, "utf-8")
    sources, _ = discover([root])
    serial = make_report(validate_sources(sources, jobs=1, finish=_mark_done))
    arrived: list[str] = []
    parallel = make_report(validate_sources(sources, jobs=2, finish=_mark_done,
                                            on_result=lambda r: arrived.append(r.source.name)))
    assert serial.problems == parallel.problems
    assert serial.errors == 9
    assert len(parallel.projects) == 441
    # the finish step ran in the workers, once per file, and results arrived in order
    made: list[tuple[str, int]] = [r.artefact for r in parallel.results if r.artefact is not None]
    assert len(made) == len(parallel.results)
    assert [artefact[0] for artefact in made] == [r.source.name for r in parallel.results]
    assert arrived == [s.name for s in sources]
    assert {artefact[1] for artefact in made} - {os.getpid()}
    # what the step made travels back instead of the data
    assert all(r.data is None for r in parallel.results)
    assert len(parallel.projects) == 441


def _mark_done(result: FileResult[Any]) -> tuple[str, int]:
    return result.source.name, os.getpid()


def test_a_bug_becomes_an_internal_error_problem(tmp_path: Path, minimal_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # fault injection: a rule that crashes must not crash the run or hide the other files
    def broken(*_args: object, **_kwargs: object) -> NoReturn:
        raise RuntimeError("boom")

    monkeypatch.setattr("cocreate.standard.validate.rule_problems", broken)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "project.yml").write_text(minimal_text, "utf-8")
    report = validate_paths([tmp_path / "p"])
    assert [(p.code, p.params["detail"]) for p in report.problems] == [("internal-error", "RuntimeError: boom")]


def test_a_slug_is_checked_for_personal_data(tmp_path: Path, minimal_text: str) -> None:
    folder = tmp_path / "projects" / "warga-081234567890"
    folder.mkdir(parents=True)
    (folder / "project.yml").write_text(minimal_text, "utf-8")
    report = validate_paths([tmp_path / "projects"])
    assert [(p.code, p.params["found"]) for p in report.problems] == [("personal-data-phone", "08********90")]
