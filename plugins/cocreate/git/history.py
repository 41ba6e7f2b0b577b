"""Each project's change history, from one pass over `git log` for the whole portal.

Two git calls in all, however many projects: `git log --raw` names every version of every
project file, and one `git cat-file --batch` reads them. Each version is loaded strictly and
compared with the one before it (`cocreate.git.changes`), so the history says in plain words
what changed. Only commit hashes, dates and subjects are read: never author names or emails.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.git.changes import Change, files_changed, project_changes
from cocreate.git.repo import NO_BLOB, GitError, git, read_blobs, readable
from cocreate.standard.loader import load_text
from cocreate.standard.paths import PROJECT_FILE, project_folder, project_of

PR_IN_SUBJECT = re.compile(r"(?:\(#(\d+)\)\s*$|^Merge pull request #(\d+)\b)")


def latest_time() -> int:
    """The latest moment a commit date may name: the build's own time (`SOURCE_DATE_EPOCH`
    when set, for reproducible builds). Commit dates are written by contributors: a date in
    year 11476 cannot be shown at all, one in year 9999 would stay on top of every feed."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else int(time.time())


def bounded(timestamp: int, latest: int) -> int:
    """A commit's time as the portal shows it: within the Unix era and not after `latest`."""
    return min(max(timestamp, 0), latest)


@dataclass(frozen=True)
class Event:
    """The changes one commit made to one project."""

    slug: str
    commit: str
    timestamp: int
    """The commit's date, bounded (see `latest_time`): shown, never used to order."""
    pull_request: int | None
    changes: tuple[Change, ...]
    sequence: int = 0
    """The commit's place in the history, counted from the oldest: what orders events."""

    @property
    def date(self) -> str:
        return dt.datetime.fromtimestamp(self.timestamp, dt.UTC).date().isoformat()


@dataclass
class History:
    """Every project's events, newest first; `available` is False outside a full git clone."""

    available: bool
    reason: str = "ok"
    events: dict[str, list[Event]] = field(default_factory=dict)

    def of(self, slug: str) -> list[Event]:
        return self.events.get(slug, [])

    def last_changed(self, slug: str) -> str | None:
        events = self.of(slug)
        return events[0].date if events else None


@dataclass(frozen=True)
class _Commit:
    sha: str
    timestamp: int
    subject: str
    files: list[tuple[str, str, str, str]]
    """(slug, path inside the project's folder, old blob, new blob)"""


def _parse_log(out: str, folder: str, latest: int) -> list[_Commit]:
    """The commits that touched project folders, newest first in commit order."""
    commits = []
    for block in out.split("\x00")[1:]:
        header, _, raw = block.partition("\n")
        sha, timestamp, subject = (header.split(" ", 2) + ["", ""])[:3]
        files = []
        for line in raw.splitlines():
            meta, _, path = line.partition("\t")
            slug = project_of(path, folder) if line.startswith(":") else None
            if slug is not None:
                fields = meta.split()
                files.append((slug, path[len(project_folder(folder, slug)) + 1:], fields[2], fields[3]))
        if sha and re.fullmatch(r"-?\d{1,30}", timestamp):
            commits.append(_Commit(sha, bounded(int(timestamp), latest), subject, files))
    return commits


def read_history(repo: Path, folder: str) -> History:
    """The history of every project under `folder`, or an unavailable one with the reason."""
    try:
        shallow = git(repo, "rev-parse", "--is-shallow-repository").decode().strip()
    except GitError:
        return History(False, "no-git")
    if shallow == "true":
        return History(False, "shallow")
    try:
        # --topo-order: commits in the order they were made, whatever dates they claim
        out = git(repo, "log", "--topo-order", "--format=%x00%H %ct %s", "--raw", "--no-renames", "--no-abbrev",
                  "--", f"{folder}/").decode("utf-8", "replace")
    except GitError:
        return History(False, "no-git")
    commits = _parse_log(out, folder, latest_time())
    blobs = {sha for commit in commits for _, name, old, new in commit.files if name == PROJECT_FILE
             for sha in (old, new) if sha != NO_BLOB}
    contents = read_blobs(repo, sorted(blobs))
    loaded: dict[str, Any] = {sha: readable(load_text(raw, sha).data) for sha, raw in contents.items()}
    history = History(True)
    for position, commit in enumerate(commits):
        match = PR_IN_SUBJECT.search(commit.subject)
        number = int(match.group(1) or match.group(2)) if match else None
        for slug, changes in _commit_changes(commit, loaded).items():
            history.events.setdefault(slug, []).append(
                Event(slug, commit.sha, commit.timestamp, number, changes, len(commits) - position))
    return history


def _commit_changes(commit: _Commit, loaded: dict[str, Any]) -> dict[str, tuple[Change, ...]]:
    """What one commit changed in each project it touched: its project file in plain words
    (a version that cannot be read is said to be so), then its other files."""
    result: dict[str, list[Change]] = {}
    files: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for slug, name, old, new in commit.files:
        if name != PROJECT_FILE:
            added, changed, removed = files.setdefault(slug, ([], [], []))
            (added if old == NO_BLOB else removed if new == NO_BLOB else changed).append(name)
            continue
        before = loaded.get(old) if old != NO_BLOB else None
        after = loaded.get(new) if new != NO_BLOB else None
        if (old != NO_BLOB and before is None) or (new != NO_BLOB and after is None):
            result[slug] = [Change(slug, "project-unreadable")]
        else:
            result[slug] = project_changes(slug, before, after)
    for slug, (added, changed, removed) in files.items():
        result.setdefault(slug, []).append(files_changed(slug, added, changed, removed))
    return {slug: tuple(changes) for slug, changes in sorted(result.items()) if changes}
