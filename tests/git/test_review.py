"""Ownership rules for pull requests, on real git repositories: each rule allowed and refused."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.i18n.untrusted import markdown_inline
from gitutil import commit_all, git, init_repo
from helpers import PROJECTS

SHARED = "bank-sampah-berseri"      # ownership: shared; maintainer @bank-sampah-berseri-rw09 (a person)
TEAM = "taman-kota-hijau"           # ownership: shared; maintainers @forum-rw05-cikaret, @sukamaju-dlh/tim-taman
INITIATOR = "pasar-induk-digital"   # ownership: initiator; made a person's for these tests
OWNER = "koperasi-pedagang-pasar-induk"
CONFIG = "site_name: x\ntheme: {name: material, language: en}\nplugins:\n  - cocreate:\n      maintainers: ['@portal-admin']\n"


def make_portal(root: Path, folder: str = "projects", config: str = CONFIG) -> Path:
    init_repo(root)
    for slug in (SHARED, TEAM, INITIATOR):
        shutil.copytree(PROJECTS / slug, root / folder / slug)
    initiator = root / folder / INITIATOR / "project.yml"
    text = initiator.read_text("utf-8").replace('  - "@sukamaju-diskopukmdag/tim-pasar"\n', "")
    initiator.write_text(text, "utf-8")
    (root / "mkdocs.yml").write_text(config, "utf-8")
    commit_all(root, "start")
    git(root, "branch", "base")
    return root


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_portal(tmp_path / "portal")
    monkeypatch.chdir(root)
    return root


def edit(repo: Path, slug: str, old: str, new: str, folder: str = "projects") -> None:
    path = repo / folder / slug / "project.yml"
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def review(author: str, base: str = "base", head: str = "HEAD") -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(cli, ["review", base, head, "--author", author, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["decisions"]


def reasons(decisions: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(d["project"], d["reason"]) for d in decisions]


JOIN = ("stakeholders:\n", "stakeholders:\n  - name: Komunitas Pesepeda\n    category: community\n    role: contributor\n"
        "    contributes: Relawan\n    benefit: Jalur sepeda\n")
ENTRY = ("\ntrust:", "\n  - date: 2026-08-01\n    phase: involvement\n    activity: co-definition\n    title: Rapat\ntrust:")


def test_anyone_may_propose_a_new_project(repo: Path) -> None:
    shutil.copytree(PROJECTS / "dasbor-anggaran-terbuka", repo / "projects" / "dasbor-anggaran-terbuka")
    commit_all(repo, "new")
    code, decisions = review("someone")
    assert code == 0
    assert reasons(decisions) == [("dasbor-anggaran-terbuka", "new-project")]


def test_anyone_may_join_a_shared_project_and_add_entries(repo: Path) -> None:
    edit(repo, SHARED, *JOIN)
    edit(repo, SHARED, *ENTRY)
    commit_all(repo, "join")
    code, decisions = review("a-resident")
    assert code == 0
    assert reasons(decisions) == [(SHARED, "shared-contribution")]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [("level: open", "level: criteria\n  criteria: [Warga RW 09]", "openness"),
     ("level: shared\n  license: CC-BY-SA-4.0", "level: initiator", "ownership"),
     ('  - "@bank-sampah-berseri-rw09"\n', '  - "@bank-sampah-berseri-rw09"\n  - "@a-resident"\n', "maintainers"),
     ("status: active", "status: paused", "status")],
)
def test_only_maintainers_change_protected_fields_of_a_shared_project(repo: Path, old: str, new: str, field: str) -> None:
    edit(repo, SHARED, old, new)
    commit_all(repo, "change")
    code, decisions = review("a-resident")
    assert code == 1
    assert decisions[0]["reason"] == "shared-protected"
    assert field in decisions[0]["params"]["fields"]
    code, decisions = review("bank-sampah-berseri-rw09")
    assert code == 0
    assert decisions[0]["reason"] == "maintainer"
    code, _ = review("@Portal-Admin")  # portal maintainers, however written
    assert code == 0


def test_a_team_maintained_project_is_left_to_code_owner_review(repo: Path) -> None:
    # a workflow cannot tell whether the author is in @sukamaju-dlh/tim-taman: the check does
    # not refuse, it says that GitHub's required code-owner review asks the team
    edit(repo, TEAM, "level: open", "level: criteria\n  criteria: [Warga RW 05]")
    commit_all(repo, "change")
    code, decisions = review("someone")
    assert code == 0
    assert reasons(decisions) == [(TEAM, "code-owner-review")]
    assert decisions[0]["allowed"]
    assert decisions[0]["params"]["teams"] == ["@sukamaju-dlh/tim-taman"]
    assert decisions[0]["params"]["because"] == "shared-protected"
    assert "@sukamaju-dlh/tim-taman" in decisions[0]["text"]
    assert "code-owner review" in decisions[0]["text"]
    markdown = CliRunner().invoke(cli, ["review", "base", "HEAD", "--author", "someone", "--format", "markdown"])
    assert markdown.exit_code == 0
    assert markdown.output.startswith(f"- ⏳ {markdown_inline(TEAM)}:")
    assert review("forum-rw05-cikaret") == (0, [{**decisions[0], "allowed": True, "reason": "maintainer",
                                                 "params": {}, "text": "the author maintains this project"}])


def test_removing_someone_elses_stakeholder_entry_is_refused(repo: Path) -> None:
    edit(repo, SHARED, "  - name: Kelompok Ibu Peduli Sampah RW 09 Lembahasri", "  - name: Kelompok Lain")
    commit_all(repo, "rename")
    code, decisions = review("a-resident")
    assert code == 1
    assert decisions[0]["params"]["fields"] == ["stakeholders"]


def test_an_initiator_owned_project_is_changed_by_its_maintainers_only(repo: Path) -> None:
    edit(repo, INITIATOR, *JOIN)
    commit_all(repo, "join")
    code, decisions = review("a-resident")
    assert code == 1
    assert decisions[0]["reason"] == "initiator-owned"
    assert review(OWNER)[0] == 0


def test_removing_a_project_needs_a_maintainer(repo: Path) -> None:
    shutil.rmtree(repo / "projects" / SHARED)
    commit_all(repo, "remove")
    code, decisions = review("a-resident")
    assert code == 1
    assert decisions[0]["reason"] == "removal-needs-maintainer"


def test_rules_come_from_the_base_revision(repo: Path) -> None:
    # the pull request makes its author a maintainer and changes openness in one go: refused,
    # because the base revision does not list the author
    edit(repo, SHARED, '  - "@bank-sampah-berseri-rw09"\n', '  - "@bank-sampah-berseri-rw09"\n  - "@intruder"\n')
    edit(repo, SHARED, "level: open", "level: criteria\n  criteria: [Teman saya]")
    mkdocs = repo / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text("utf-8").replace("@portal-admin", "@intruder"), "utf-8")
    commit_all(repo, "takeover")
    code, decisions = review("intruder")
    assert code == 1
    assert decisions[0]["reason"] == "shared-protected"


def test_files_outside_projects_are_left_to_codeowners(repo: Path) -> None:
    (repo / "README.md").write_text("hello", "utf-8")
    commit_all(repo, "docs")
    result = CliRunner().invoke(cli, ["review", "base", "HEAD", "--author", "x"])
    assert result.exit_code == 0
    assert result.output.strip() == "no project changed"


# ----- every file of a project's folder belongs to the project (issue item 3) ------------------
@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_other_files_of_a_shared_project_stay_with_its_maintainers(repo: Path, action: str) -> None:
    folder = repo / "projects" / SHARED
    (folder / "setoran.csv").write_text("bulan,kg\n2024-01,3\n", "utf-8")
    commit_all(repo, "a table")
    git(repo, "branch", "-f", "base")
    if action == "add":
        (folder / "extra.json").write_text("{}", "utf-8")
    elif action == "change":
        (folder / "setoran.csv").write_text("bulan,kg\n2024-01,300\n", "utf-8")
    else:
        (folder / "setoran.csv").unlink()
    commit_all(repo, action)
    code, decisions = review("a-resident")
    assert code == 1
    assert reasons(decisions) == [(SHARED, "files-protected")]
    assert decisions[0]["params"]["files"] == ["extra.json" if action == "add" else "setoran.csv"]
    assert review("bank-sampah-berseri-rw09")[0] == 0
    diff = json.loads(CliRunner().invoke(cli, ["diff", "base", "HEAD", "--format", "json"]).output)["changes"]
    assert [(c["project"], c["kind"]) for c in diff] == [(SHARED, "files-changed")]
    key = {"add": "added", "change": "changed", "delete": "removed"}[action]
    assert diff[0]["params"][key] == [decisions[0]["params"]["files"][0]]


# ----- symlinks are refused and never followed (item 4) ------------------------------------------
@pytest.mark.parametrize("target", ["../" + INITIATOR, "../../..", f"../{INITIATOR}/project.yml", "/etc"])
def test_a_symlink_under_projects_is_refused_for_everyone(repo: Path, target: str) -> None:
    os.symlink(target, repo / "projects" / "linked")
    os.symlink(target, repo / "projects" / SHARED / "notes")
    commit_all(repo, "links")
    for author in ("a-resident", "bank-sampah-berseri-rw09", "portal-admin"):
        code, decisions = review(author)
        assert code == 1
        assert sorted(reasons(decisions)) == [(SHARED, "symlink"), ("linked", "symlink")]
    result = CliRunner().invoke(cli, ["validate", "projects"])
    assert result.exit_code == 1
    assert result.output.count("symlink-in-projects") == 2


def test_replacing_the_projects_folder_with_a_link_is_refused(repo: Path) -> None:
    shutil.move(repo / "projects", repo / "elsewhere")
    os.symlink("elsewhere", repo / "projects")
    commit_all(repo, "move")
    code, decisions = review("portal-admin")
    assert code == 1
    assert ("projects", "symlink") in reasons(decisions)


# ----- compared from the merge base (item 5) -----------------------------------------------------
def test_a_branch_is_compared_from_where_it_left_the_base(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, SHARED, *JOIN)
    commit_all(repo, "join")
    git(repo, "checkout", "-q", "main")
    shutil.copytree(PROJECTS / "dasbor-anggaran-terbuka", repo / "projects" / "dasbor-anggaran-terbuka")
    edit(repo, INITIATOR, "status: completed", "status: archived")
    commit_all(repo, "main moves on")
    code, decisions = review("a-resident", "main", "feature")
    assert code == 0
    assert reasons(decisions) == [(SHARED, "shared-contribution")]
    diff = json.loads(CliRunner().invoke(cli, ["diff", "main", "feature", "--format", "json"]).output)
    assert [(c["project"], c["kind"]) for c in diff["changes"]] == [(SHARED, "stakeholder-joined")]
    assert diff["merge_base"] == git(repo, "merge-base", "main", "feature").strip()


def test_maintainers_removed_on_the_base_since_the_branch_left_it_are_not_maintainers(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, INITIATOR, "status: completed", "status: archived")
    commit_all(repo, "pause")
    git(repo, "checkout", "-q", "main")
    edit(repo, INITIATOR, f'  - "@{OWNER}"\n', '  - "@someone-else"\n')
    commit_all(repo, "hand over")
    code, decisions = review(OWNER, "main", "feature")
    assert code == 1
    assert reasons(decisions) == [(INITIATOR, "initiator-owned")]


def test_unrelated_histories_are_a_usage_error(repo: Path, tmp_path: Path) -> None:
    other = init_repo(tmp_path / "other")
    (other / "x").write_text("x", "utf-8")
    commit_all(other, "other")
    git(repo, "fetch", "-q", str(other), "main:unrelated")
    result = CliRunner().invoke(cli, ["review", "main", "unrelated", "--author", "x"])
    assert result.exit_code == 2
    assert "no common history" in result.output


# ----- the projects folder is read from the base (item 6) ----------------------------------------
def test_a_pull_request_cannot_move_the_projects_folder_it_is_reviewed_against(repo: Path) -> None:
    shutil.copytree(repo / "projects", repo / "mine")
    edit(repo, INITIATOR, "status: completed", "status: archived", folder="mine")
    (repo / "mkdocs.yml").write_text(CONFIG.replace("maintainers:", "projects_dir: mine\n      maintainers:"), "utf-8")
    commit_all(repo, "my own folder")
    code, decisions = review("a-resident")
    assert code == 0
    assert decisions == []
    diff = CliRunner().invoke(cli, ["diff", "base", "HEAD"]).output
    assert diff == "no project changed\n"


# ----- nested projects folders (item 7) ----------------------------------------------------------
def test_a_nested_projects_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = CONFIG.replace("maintainers:", "projects_dir: data/projects\n      maintainers:")
    root = make_portal(tmp_path / "nested", "data/projects", config)
    monkeypatch.chdir(root)
    edit(root, INITIATOR, *JOIN, folder="data/projects")
    commit_all(root, "join")
    code, decisions = review("a-resident")
    assert code == 1
    assert reasons(decisions) == [(INITIATOR, "initiator-owned")]
    assert review(OWNER)[0] == 0
    diff = json.loads(CliRunner().invoke(cli, ["diff", "base", "HEAD", "--format", "json"]).output)["changes"]
    assert [(c["project"], c["kind"]) for c in diff] == [(INITIATOR, "stakeholder-joined")]
    assert CliRunner().invoke(cli, ["codeowners"]).exit_code == 0
    owners = (root / ".github" / "CODEOWNERS").read_text("utf-8")
    assert f"/data/projects/{INITIATOR}/  @{OWNER}" in owners


def test_a_portal_in_a_sub_folder_of_its_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = init_repo(tmp_path / "top")
    make_portal(top / "portal")
    shutil.rmtree(top / "portal" / ".git")
    commit_all(top, "start")
    git(top, "branch", "base")
    monkeypatch.chdir(top / "portal")
    edit(top / "portal", INITIATOR, *JOIN)
    commit_all(top, "join")
    code, decisions = review("a-resident")
    assert code == 1
    assert reasons(decisions) == [(INITIATOR, "initiator-owned")]


# ----- paths in the projects folder that belong to no project ------------------------------------
def test_a_loose_file_in_the_projects_folder_is_the_portal_maintainers(repo: Path) -> None:
    (repo / "projects" / "README.md").write_text("notes", "utf-8")
    commit_all(repo, "notes")
    code, decisions = review("a-resident")
    assert code == 1
    assert reasons(decisions) == [("README.md", "portal-file")]
    diff = json.loads(CliRunner().invoke(cli, ["diff", "base", "HEAD", "--format", "json"]).output)["changes"]
    assert [(c["project"], c["kind"]) for c in diff] == [("README.md", "no-project")]
    assert review("portal-admin")[0] == 0


def test_a_planned_step_moves_no_phase_and_only_maintainers_record_what_residents_asked(repo: Path) -> None:
    plan = ("\ntrust:", "\n  - date: 2027-08\n    phase: curation\n    activity: curation\n    title: Uji ulang\n"
            "    planned: true\ntrust:")
    edit(repo, SHARED, *plan)
    edit(repo, SHARED, "\nphase: involvement", "\nphase: curation")
    commit_all(repo, "plan")
    code, decisions = review("a-resident")
    assert code == 1
    assert decisions[0]["params"]["fields"] == ["phase"]
    git(repo, "reset", "-q", "--hard", "base")
    path = repo / "projects" / SHARED / "project.yml"
    assert path.read_text("utf-8").count("\ndialogue:\n") == 1  # the demo's list, last in the file: one more entry
    path.write_text(path.read_text("utf-8") + "  - asked: 2026-11-02\n    channel: office\n"
                    "    request: Setor hari Sabtu?\n", "utf-8")
    commit_all(repo, "question")
    code, decisions = review("a-resident")
    assert code == 1
    assert decisions[0]["params"]["fields"] == ["dialogue"]
    assert review("bank-sampah-berseri-rw09")[0] == 0
