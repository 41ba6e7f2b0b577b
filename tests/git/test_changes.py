"""`cocreate diff`: what changed between two revisions, over real commits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.git.changes import all_changes, sentence
from cocreate.i18n.translator import Translator
from cocreate.i18n.untrusted import markdown_inline
from gitutil import commit_all, init_repo
from helpers import PROJECTS


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = init_repo(tmp_path / "portal")
    shutil.copytree(PROJECTS / "taman-kota-hijau", root / "projects" / "taman-kota-hijau")
    shutil.copytree(PROJECTS / "bank-sampah-berseri", root / "projects" / "bank-sampah-berseri")
    (root / "mkdocs.yml").write_text("site_name: x\ntheme: {name: material, language: en}\n", "utf-8")
    commit_all(root, "start")
    monkeypatch.chdir(root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_diff_over_real_commits(repo: Path) -> None:
    park = repo / "projects" / "taman-kota-hijau" / "project.yml"
    edit(park, "  - name: Dinas Lingkungan Hidup Kota Sukamaju", "  - name: Komunitas Baru\n    category: community\n"
         "    role: contributor\n    contributes: Bibit\n    benefit: Taman\n  - name: Dinas Lingkungan Hidup Kota Sukamaju")
    edit(park, "maintainers:\n", "maintainers:\n  - \"@warga-baru\"\n")
    edit(park, "level: open", "level: criteria\n  criteria: [Warga Cikaret]")
    shutil.rmtree(repo / "projects" / "bank-sampah-berseri")
    shutil.copytree(PROJECTS / "dana-rintisan-sukamaju", repo / "projects" / "dana-rintisan-sukamaju")
    commit_all(repo, "change")
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", "--format", "json"])
    assert result.exit_code == 0, result.output
    kinds = [(c["project"], c["kind"]) for c in json.loads(result.output)["changes"]]
    assert kinds == [
        ("bank-sampah-berseri", "project-removed"),
        ("dana-rintisan-sukamaju", "project-added"),
        ("taman-kota-hijau", "openness-changed"),
        ("taman-kota-hijau", "stakeholder-joined"),
        ("taman-kota-hijau", "maintainers-changed"),
    ]
    text = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD"]).output
    assert "taman-kota-hijau: Komunitas Baru joined" in text
    assert "taman-kota-hijau: openness changed from “Open to everyone” to “Open to those who meet criteria”" in text
    indonesian = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", "--lang", "id", "--format", "markdown"]).output
    assert indonesian.startswith("### Yang diubah oleh pull request ini")
    assert "- Komunitas Baru bergabung" in indonesian


def test_phase_and_timeline(repo: Path) -> None:
    bank = repo / "projects" / "bank-sampah-berseri" / "project.yml"
    text = bank.read_text("utf-8")
    assert "phase: involvement" in text
    edit(bank, "\ntrust:", "\n  - date: 2025-06-01\n    phase: curation\n    activity: curation\n"
         "    title: Uji ulang\ntrust:")
    edit(bank, "\nphase: involvement", "\nphase: curation")
    edit(bank, "stakeholders:\n", "stakeholders:\n  - name: Kelurahan Lembahasri\n    category: local-government\n"
         "    role: partner\n    contributes: Tempat\n    benefit: Data\n")
    commit_all(repo, "curation")
    changes = json.loads(CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", "--format", "json"]).output)["changes"]
    assert [c["kind"] for c in changes] == ["phase-moved", "stakeholder-joined", "timeline-added"]
    assert changes[0]["text"] == "phase moved from Involvement to Curation"
    assert changes[2]["params"] == {"date": "2025-06-01", "title": "Uji ulang"}


@pytest.mark.usefixtures("repo")
def test_no_change_and_bad_revision() -> None:
    assert CliRunner().invoke(cli, ["diff", "HEAD", "HEAD"]).output == "no project changed\n"
    result = CliRunner().invoke(cli, ["diff", "HEAD", "no-such-branch"])
    assert result.exit_code == 2
    assert "unknown revision" in result.output


def test_markdown_summary_neutralises_contributor_text() -> None:
    t = Translator("en")
    changes = all_changes({}, {"x": {"title": "<img src=x onerror=alert(1)> @everyone [a](javascript:x)"}})
    line = markdown_inline(sentence(changes[0], t))
    assert "\\<img" in line
    assert "@everyone" not in line
    assert "\\]\\(" in line
    assert all(line[i - 1] == "\\" for i, c in enumerate(line) if c in "<>[]()=:")


def test_sentences_mask_personal_data_a_past_version_held() -> None:
    t = Translator("en")
    old = {"stakeholders": [{"name": "Kelompok Tani"}], "timeline": []}
    new = {"stakeholders": [{"name": "Kelompok Tani"}, {"name": "Budi (budi.santoso@example.com, 0812 3456 7890)"}],
           "timeline": [{"date": "2024-01-05", "title": "Call 081234567890"}]}
    said = [sentence(c, t) for c in all_changes({"p": old}, {"p": new})]
    assert len(said) == 2
    assert not any("budi.santoso@example.com" in s or "3456 7890" in s or "081234567890" in s for s in said)
    assert "Budi (bu" in said[0]
    assert "*" in said[0]
    assert "*" in said[1]


def test_diff_masks_personal_data_in_every_format(repo: Path) -> None:
    park = repo / "projects" / "taman-kota-hijau" / "project.yml"
    edit(park, "  - name: Dinas Lingkungan Hidup Kota Sukamaju", "  - name: Pak Budi 0812 3456 7890\n"
         "    category: community\n    role: contributor\n    contributes: Bibit\n    benefit: Taman\n"
         "  - name: Dinas Lingkungan Hidup Kota Sukamaju")
    commit_all(repo, "a phone number slips in")
    for fmt in ("text", "markdown", "json"):
        output = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", "--format", fmt]).output
        assert "Pak Budi 08" in output, fmt
        assert "3456 7890" not in output, fmt


def test_a_planned_step_is_no_event_and_an_answer_to_residents_is_told() -> None:
    t = Translator("en")
    event = {"date": "2026-11-01", "phase": "involvement", "activity": "co-definition", "title": "Rapat"}
    plan = {**event, "date": "2027-03", "title": "Uji coba", "planned": "true"}
    question = {"asked": "2026-11-02", "channel": "whatsapp", "request": {"id": "Setor Sabtu?", "en": "Saturdays?"}}
    old: dict[str, dict[str, Any] | None] = {"x": {"timeline": [event], "dialogue": [question]}}
    new: dict[str, dict[str, Any] | None] = {"x": {"timeline": [event, plan], "dialogue": [{**question, "answer": "adopted"},
                                                        {**question, "asked": "2026-11-03"}]}}
    said = [(c.kind, sentence(c, t)) for c in all_changes(old, new)]
    assert said == [("step-planned", "step planned: 2027-03 Uji coba"),
                    ("dialogue-answered", "answer to residents: Adopted: Saturdays?"),
                    ("dialogue-added", "residents' question recorded: Saturdays?")]
    done: dict[str, dict[str, Any] | None] = {"x": {"timeline": [event, {k: v for k, v in plan.items() if k != "planned"}],
                                                   "dialogue": [{**question, "answer": "adopted"}, {**question, "asked": "2026-11-03"}]}}
    assert [c.kind for c in all_changes(new, done)] == ["timeline-added"]  # the plan recorded as done: an event
    broken: dict[str, dict[str, Any] | None] = {"x": {"dialogue": [{"asked": ["x"], "request": {"a": [1]}}, "text"]}}  # a past version of any shape
    assert [c.kind for c in all_changes(old, broken)] == ["dialogue-added"]


def test_a_party_whose_name_is_not_recorded_is_said_so_never_as_the_code() -> None:
    old = {"stakeholders": [{"name": "Kelompok Tani", "contributes": "Lahan"}]}
    new = {"stakeholders": [{"name": "Kelompok Tani", "contributes": "Lahan dan bibit"}, {"name": "not-recorded"}]}
    changes = all_changes({"p": old}, {"p": new})
    assert [sentence(c, Translator("en")) for c in changes] == [
        "a party whose name is not recorded joined", "what these parties give or get changed: Kelompok Tani"]
    assert sentence(changes[0], Translator("id")) == "pihak yang namanya tidak tercatat bergabung"
