"""Last-change dates from one git log, on a real temporary repository."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from cocreate.portal.history import last_changed


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def test_dates_per_file(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    for name in ("a", "b"):
        (tmp_path / "projects" / name).mkdir(parents=True)
        (tmp_path / "projects" / name / "project.yml").write_text("x: 1\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one", date="2024-01-02T10:00:00Z")
    (tmp_path / "projects" / "b" / "project.yml").write_text("x: 2\n")
    git(tmp_path, "commit", "-qam", "two", date="2024-05-06T10:00:00Z")
    assert last_changed(tmp_path, "projects") == {
        "projects/a/project.yml": "2024-01-02", "projects/b/project.yml": "2024-05-06"}


def test_outside_git_the_dates_are_unknown(tmp_path: Path) -> None:
    assert last_changed(tmp_path, "projects") == {}
