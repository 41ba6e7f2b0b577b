"""Ownership rules for pull requests, on real git repositories: each rule allowed and refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from conftest import PROJECTS
from gitutil import commit_all, git, init_repo

SHARED = "taman-kota-hijau"        # ownership: shared; maintainers @forum-rw05-cikaret, @sukamaju-dlh/tim-taman
INITIATOR = "pasar-induk-digital"  # ownership: initiator


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    root = init_repo(tmp_path / "portal")
    for slug in (SHARED, INITIATOR):
        shutil.copytree(PROJECTS / slug, root / "projects" / slug)
    (root / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material, language: en}\nplugins:\n  - cocreate:\n      maintainers: ['@portal-admin']\n",
        "utf-8")
    commit_all(root, "start")
    git(root, "branch", "base")
    monkeypatch.chdir(root)
    return root


def edit(repo: Path, slug: str, old: str, new: str) -> None:
    path = repo / "projects" / slug / "project.yml"
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def review(author: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(cli, ["review", "base", "HEAD", "--author", author, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["decisions"]


JOIN = ("stakeholders:\n", "stakeholders:\n  - name: Komunitas Pesepeda\n    category: community\n    role: contributor\n"
        "    contributes: Relawan\n    benefit: Jalur sepeda\n")
ENTRY = ("\ntrust:", "\n  - date: 2025-02-01\n    phase: empowerment\n    activity: co-elevation\n    title: Panen pertama\ntrust:")


def test_anyone_may_propose_a_new_project(repo: Path) -> None:
    shutil.copytree(PROJECTS / "bank-sampah-berseri", repo / "projects" / "bank-sampah-berseri")
    commit_all(repo, "new")
    code, decisions = review("someone")
    assert code == 0 and [(d["project"], d["reason"]) for d in decisions] == [("bank-sampah-berseri", "new-project")]


def test_anyone_may_join_a_shared_project_and_add_entries(repo: Path) -> None:
    edit(repo, SHARED, *JOIN)
    edit(repo, SHARED, *ENTRY)
    commit_all(repo, "join")
    code, decisions = review("a-resident")
    assert code == 0 and decisions[0]["reason"] == "shared-contribution"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [("level: open", "level: criteria\n  criteria: [Warga RW 05]", "openness"),
     ("level: shared\n  license: CC-BY-4.0", "level: initiator", "ownership"),
     ('  - "@forum-rw05-cikaret"\n', '  - "@forum-rw05-cikaret"\n  - "@a-resident"\n', "maintainers"),
     ("  en: Cikaret Green City Park", "  en: My Park", "title")],
)
def test_only_maintainers_change_protected_fields_of_a_shared_project(repo: Path, old: str, new: str, field: str) -> None:
    edit(repo, SHARED, old, new)
    commit_all(repo, "change")
    code, decisions = review("a-resident")
    assert code == 1 and decisions[0]["reason"] == "shared-protected" and field in decisions[0]["params"]["fields"]
    code, decisions = review("forum-rw05-cikaret")
    assert code == 0 and decisions[0]["reason"] == "maintainer"
    code, _ = review("@Portal-Admin")  # portal maintainers, however written
    assert code == 0


def test_removing_someone_elses_stakeholder_entry_is_refused(repo: Path) -> None:
    edit(repo, SHARED, "  - name: Program Studi Arsitektur Lanskap, Universitas Sukamaju", "  - name: Kampus Lain")
    commit_all(repo, "rename")
    code, decisions = review("a-resident")
    assert code == 1 and decisions[0]["params"]["fields"] == ["stakeholders"]


def test_an_initiator_owned_project_is_changed_by_its_maintainers_only(repo: Path) -> None:
    edit(repo, INITIATOR, *JOIN)
    commit_all(repo, "join")
    code, decisions = review("a-resident")
    assert code == 1 and decisions[0]["reason"] == "initiator-owned"
    maintainer = (repo / "projects" / INITIATOR / "project.yml").read_text("utf-8").split("maintainers:\n")[1].split('"')[1]
    assert review(maintainer)[0] == 0


def test_removing_a_project_needs_a_maintainer(repo: Path) -> None:
    shutil.rmtree(repo / "projects" / SHARED)
    commit_all(repo, "remove")
    code, decisions = review("a-resident")
    assert code == 1 and decisions[0]["reason"] == "removal-needs-maintainer"


def test_rules_come_from_the_base_revision(repo: Path) -> None:
    # the pull request makes its author a maintainer and changes openness in one go: refused,
    # because the base revision does not list the author
    edit(repo, SHARED, '  - "@forum-rw05-cikaret"\n', '  - "@forum-rw05-cikaret"\n  - "@intruder"\n')
    edit(repo, SHARED, "level: open", "level: criteria\n  criteria: [Teman saya]")
    mkdocs = repo / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text("utf-8").replace("@portal-admin", "@intruder"), "utf-8")
    commit_all(repo, "takeover")
    code, decisions = review("intruder")
    assert code == 1 and decisions[0]["reason"] == "shared-protected"


def test_files_outside_projects_are_left_to_codeowners(repo: Path) -> None:
    (repo / "README.md").write_text("hello", "utf-8")
    commit_all(repo, "docs")
    result = CliRunner().invoke(cli, ["review", "base", "HEAD", "--author", "x"])
    assert result.exit_code == 0 and result.output.strip() == "no project changed"
