"""The branch protection a portal needs: `cocreate init` prints it, CONTRIBUTING.md explains
it, and both name the same GitHub settings and the check job the workflow really has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from actions_runner import load_workflow
from cocreate.cli import cli
from cocreate.cli.branch_protection import CHECK_JOB, SETTINGS, instructions, required_check
from helpers import ROOT

SCAFFOLD = ROOT / "plugins" / "cocreate" / "cli" / "scaffold"
SECTION = "## Perlindungan cabang / Branch protection"


def labels() -> set[str]:
    return {s.rule for s in SETTINGS} | {s.ruleset for s in SETTINGS}


def section(path: Path) -> str:
    text = path.read_text("utf-8")
    assert SECTION in text, f"{path.relative_to(ROOT)} has no section {SECTION!r}"
    rest = text.split(SECTION, 1)[1]
    return rest.split("\n## ", 1)[0]


@pytest.mark.parametrize("workflow", [ROOT / ".github" / "workflows" / "check.yml",
                                      SCAFFOLD / ".github" / "workflows" / "check.yml"], ids=["repository", "scaffold"])
def test_the_required_check_is_the_check_job(workflow: Path) -> None:
    assert required_check() == load_workflow(workflow)["jobs"][CHECK_JOB]["name"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_init_prints_every_setting_and_the_check_it_wrote(tmp_path: Path, lang: str) -> None:
    target = tmp_path / "portal"
    result = CliRunner().invoke(cli, ["init", str(target), "--lang", lang,
                                      "--cocreate-git", "git+https://github.com/kota/cocreate@" + "a" * 40])
    assert result.exit_code == 0, result.output
    assert instructions(lang) in result.output
    printed = {line.strip()[2:].split(": ", 1)[0] for line in result.output.splitlines() if line.startswith("  - ")}
    assert printed == labels()
    check = load_workflow(target / ".github" / "workflows" / "check.yml")["jobs"][CHECK_JOB]["name"]
    assert result.output.count(f"“{check}”") == 2  # in the rule and in the ruleset
    assert "CODEOWNERS" in result.output
    assert SECTION.removeprefix("## ") in result.output


@pytest.mark.parametrize("path", [ROOT / "CONTRIBUTING.md", SCAFFOLD / "CONTRIBUTING.md"],
                         ids=["repository", "scaffold"])
def test_contributing_names_the_same_settings(path: Path) -> None:
    text = section(path)
    table = [line for line in text.splitlines() if line.startswith("| **")]
    named = {name for line in table for cell in line.split("|")[1:3] for name in re.findall(r"\*\*(.+?)\*\*", cell)}
    assert named == labels() | {required_check()}
    assert len(table) == len(SETTINGS)
    for fact in ("CODEOWNERS", "base branch", "cabang dasar", "write access", "akses tulis"):
        assert fact in text, fact


@pytest.mark.parametrize("path", [ROOT / "SECURITY.md", SCAFFOLD / "SECURITY.md", SCAFFOLD / "README.md"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_other_documents_point_to_the_one_list(path: Path) -> None:
    text = " ".join(path.read_text("utf-8").split())
    assert 'CONTRIBUTING.md, section "Perlindungan cabang / Branch protection"' in text
