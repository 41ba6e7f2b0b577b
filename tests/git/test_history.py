"""Project histories from one pass over git log, on real temporary repositories."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.git.history import blob_id, read_history
from cocreate.i18n.translator import Translator
from cocreate.standard.loader import load_text
from gitutil import commit_all, git, init_repo
from helpers import PROJECTS, build, make_portal


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
    history = read_history(_repo(tmp_path), "projects")
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
    events = read_history(repo, "projects").of("taman-kota-hijau")
    assert events[0].changes[0].kind == "status-changed"


def test_shallow_clone_and_no_git(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    assert read_history(clone, "projects").reason == "shallow"
    plain = tmp_path / "plain"
    plain.mkdir()
    history = read_history(plain, "projects")
    assert not history.available
    assert history.reason == "no-git"
    assert history.of("x") == []


def _edit(repo: Path, old: str, new: str, message: str, date: str | None = None) -> None:
    path = repo / "projects" / "taman-kota-hijau" / "project.yml"
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    commit_all(repo, message, date=date)


BROKEN_SHAPES = [
    # `stakeholders:` written as text
    ("stakeholders:\n", "stakeholders: semua warga\nx_stakeholders:\n"),
    # a list item without its dash: the item's keys join the list's parent map
    ("stakeholders:\n  - name: Komunitas Baru", "stakeholders:\n    name: Komunitas Baru"),
    # a timeline entry that is a list, maintainers as a map
    ("maintainers:\n", "maintainers: {a: b}\nx_maintainers:\n"),
]


@pytest.mark.parametrize(("old", "new"), BROKEN_SHAPES)
def test_a_past_version_of_the_wrong_shape_is_shown_as_unreadable(tmp_path: Path, old: str, new: str) -> None:
    repo = _repo(tmp_path)
    _edit(repo, old, new, "a wrong shape")
    _edit(repo, new, old, "mended")
    events = read_history(repo, "projects").of("taman-kota-hijau")
    kinds = [[c.kind for c in e.changes] for e in events]
    assert kinds[:2] == [["project-unreadable"], ["project-unreadable"]]


def test_a_past_version_of_the_wrong_shape_never_breaks_diff_or_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "portal")
    make_portal(repo)
    commit_all(repo, "start", date="2026-01-02T10:00:00Z")
    _edit(repo, "stakeholders:\n", "stakeholders: semua warga\nx_stakeholders:\n", "oops")
    _edit(repo, "stakeholders: semua warga\nx_stakeholders:\n", "stakeholders:\n", "mended")
    monkeypatch.chdir(repo)
    for base, head in (("HEAD~2", "HEAD~1"), ("HEAD~1", "HEAD"), ("HEAD~2", "HEAD")):
        for fmt in ("text", "markdown", "json"):
            result = CliRunner().invoke(cli, ["diff", base, head, "--format", fmt, "--lang", "en"])
            assert result.exit_code == 0, result.output
    assert "taman-kota-hijau: this version of the project file could not be read" in \
        CliRunner().invoke(cli, ["diff", "HEAD~2", "HEAD~1", "--lang", "en"]).output
    site = build(repo / "mkdocs.yml")
    page = (site / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8")
    assert page.count("versi berkas proyek ini tidak dapat dibaca") == 2


def test_committer_dates_are_bounded_and_history_follows_commit_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    repo = _repo(tmp_path)
    _edit(repo, "status: active", "status: paused", "far future", date="@300000000000 +0000")  # year 11476
    _edit(repo, "status: paused", "status: completed", "year 9999", date="@253402300000 +0000")
    _edit(repo, "status: completed", "status: active", "back in time", date="2024-06-01T10:00:00Z")
    events = read_history(repo, "projects").of("taman-kota-hijau")
    assert [c.words(Translator("en"))["new"] for e in events[:3] for c in e.changes] == ["Active", "Completed", "Paused"]
    assert [e.date for e in events[:3]] == ["2024-06-01", "2026-05-28", "2026-05-28"]
    assert [e.sequence for e in events] == sorted((e.sequence for e in events), reverse=True)
    # the site feed puts the newest commit first, whatever its date says
    item_ranks = [e.sequence for e in events]
    assert item_ranks[0] == max(item_ranks)


def test_a_portal_with_far_future_commits_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "portal")
    make_portal(repo)
    commit_all(repo, "start", date="2026-01-02T10:00:00Z")
    _edit(repo, "status: active", "status: paused", "far future", date="@300000000000 +0000")
    _edit(repo, "status: paused", "status: active", "later", date="2026-03-01T10:00:00Z")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    site = build(repo / "mkdocs.yml")
    feed = (site / "feed.xml").read_text("utf-8")
    assert "11476" not in feed
    assert "9999" not in feed
    first = feed.index("<entry>")
    assert "taman-kota-hijau" in feed[first:feed.index("</entry>", first)]


def test_each_language_tells_the_history_in_its_own_words(tmp_path: Path) -> None:
    """One change, told on the Indonesian page in Indonesian and on the English page in
    English: its labels and the texts it quotes (a title recorded in both languages)."""
    repo = init_repo(tmp_path / "portal")
    config = make_portal(repo, bilingual=True)
    commit_all(repo, "The demo", date="2024-01-02T10:00:00Z")
    _edit(repo, "status: active", "status: paused", "Pause the park", date="2024-03-04T10:00:00Z")
    site = build(config)
    told = {}
    for tree in ("", "en/"):
        page = (site / tree / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8")
        history = BeautifulSoup(page, "html.parser").select_one("#history")  # the whole section, parts and all
        assert history is not None
        told[tree] = history.get_text(" ", strip=True)
        told[f"{tree}feed"] = (site / tree / "projects" / "taman-kota-hijau" / "feed.json").read_text("utf-8")
    assert "Cikaret Green City Park" in told["en/"]
    assert "Taman Kota Hijau Cikaret" not in told["en/"]
    assert "Paused" in told["en/"]
    assert "Dijeda" not in told["en/"]
    assert "Taman Kota Hijau Cikaret" in told[""]
    assert "Dijeda" in told[""]
    assert "Paused" not in told[""]
    assert "Paused" in told["en/feed"]
    assert "Dijeda" not in told["en/feed"]
    assert "Dijeda" in told["feed"]


def test_the_version_just_validated_is_not_loaded_again(tmp_path: Path) -> None:
    """`knows` gives the history a version's data by its content (git's blob id): the events
    compare with that data, as the build's workers hand over what they validated."""
    repo = _repo(tmp_path)
    raw = (repo / "projects" / "taman-kota-hijau" / "project.yml").read_bytes()
    assert blob_id(raw) == git(repo, "hash-object", "projects/taman-kota-hijau/project.yml").strip()
    history = read_history(repo, "projects")
    data = load_text(raw, "p").data
    history.knows(raw, {**data, "status": "paused"})  # not what the file says: only to see it used
    (newest, _) = history.of("taman-kota-hijau")
    assert [c.kind for c in newest.changes] == ["status-changed", "stakeholder-joined"]
    assert [c.kind for c in read_history(repo, "projects").of("taman-kota-hijau")[0].changes] == ["stakeholder-joined"]
