"""Project histories from one pass over git log, on real temporary repositories."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from cocreate.portal.history import read_history
from cocreate.portal.i18n import Translator
from conftest import PROJECTS
from gitutil import commit_all, git, init_repo


def _repo(tmp_path: Path) -> Path:
    repo = init_repo(tmp_path / "portal")
    shutil.copytree(PROJECTS / "taman-kota-hijau", repo / "projects" / "taman-kota-hijau")
    commit_all(repo, "Add the park", date="2024-01-02T10:00:00Z")
    path = repo / "projects" / "taman-kota-hijau" / "project.yml"
    path.write_text(path.read_text("utf-8").replace("stakeholders:\n", "stakeholders:\n  - name: Komunitas Baru\n"
                    "    category: community\n    role: contributor\n    contributes: x\n    benefit: y\n", 1), "utf-8")
    (repo / "README.md").write_text("not a project", "utf-8")
    commit_all(repo, "Join the park (#12)", date="2024-05-06T10:00:00Z")
    return repo


def test_events_per_project_newest_first(tmp_path: Path) -> None:
    history = read_history(_repo(tmp_path), "projects", Translator("en"))
    assert history.available
    events = history.of("taman-kota-hijau")
    assert [(e.date, e.pull_request, [c.kind for c in e.changes]) for e in events] == [
        ("2024-05-06", 12, ["stakeholder-joined"]),
        ("2024-01-02", None, ["project-added"]),
    ]
    assert history.last_changed("taman-kota-hijau") == "2024-05-06"
    assert len(events[0].commit) == 40


def test_merge_commit_subjects_name_the_pull_request(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    git(repo, "checkout", "-q", "-b", "feature")
    path = repo / "projects" / "taman-kota-hijau" / "project.yml"
    path.write_text(path.read_text("utf-8").replace("status: active", "status: paused"), "utf-8")
    commit_all(repo, "Pause")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "feature", "-m", "Merge pull request #34 from someone/feature")
    events = read_history(repo, "projects", Translator("en")).of("taman-kota-hijau")
    assert events[0].changes[0].kind == "status-changed"


def test_shallow_clone_and_no_git(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    assert read_history(clone, "projects", Translator("en")).reason == "shallow"
    plain = tmp_path / "plain"
    plain.mkdir()
    history = read_history(plain, "projects", Translator("en"))
    assert not history.available and history.reason == "no-git" and history.of("x") == []
