"""Each project's change history, from one pass over `git log` for the whole portal.

Two git calls in all, however many projects: `git log --raw` names every version of every
project file, and one `git cat-file --batch` reads them. Each version is loaded strictly and
compared with the one before it (`cocreate.git.changes`), so the history says in plain words
what changed: a project's versions when its history is first asked for, which in a build is
in the validation worker that validated the project (the version it validated is not loaded
again). Only commit hashes, dates and subjects are read: never author names or emails.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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


@dataclass(frozen=True)
class _Touch:
    """One commit's files of one project: (path inside the project's folder, old blob, new blob)."""

    commit: _Commit
    sequence: int
    files: tuple[tuple[str, str, str], ...]


@dataclass
class History:
    """Every project's events, newest first; `available` is False outside a full git clone.

    A project's events are worked out when first asked for (`of`), from the versions that
    one `git cat-file` read for all: in the validation workers, each for its own projects,
    where the project file as it is now is already loaded (`knows`), so only the older
    versions are loaded again."""

    available: bool
    reason: str = "ok"
    _touches: dict[str, list[_Touch]] = field(default_factory=dict, repr=False)
    _blobs: dict[str, bytes] = field(default_factory=dict, repr=False)
    _loaded: dict[str, dict[str, Any] | None] = field(default_factory=dict, repr=False)
    _events: dict[str, list[Event]] = field(default_factory=dict, repr=False)

    def of(self, slug: str) -> list[Event]:
        if slug not in self._events:
            self._events[slug] = [
                Event(slug, touch.commit.sha, touch.commit.timestamp, touch.commit.pull_request, changes,
                      touch.sequence)
                for touch in self._touches.get(slug, ()) if (changes := self._changes(slug, touch.files))]
        return self._events[slug]

    def last_changed(self, slug: str) -> str | None:
        events = self.of(slug)
        return events[0].date if events else None

    def knows(self, raw: bytes, data: dict[str, Any]) -> None:
        """A project file's content and its data as validated: any version of the same
        bytes is that data, without loading it again."""
        self._loaded.setdefault(blob_id(raw), data)

    def _load(self, sha: str) -> dict[str, Any] | None:
        if sha not in self._loaded:
            raw = self._blobs.get(sha)
            self._loaded[sha] = readable(load_text(raw, sha).data) if raw is not None else None
        return self._loaded[sha]

    def _changes(self, slug: str, files: tuple[tuple[str, str, str], ...]) -> tuple[Change, ...]:
        """What one commit changed in one project: its project file in plain words (a version
        that cannot be read is said to be so), then its other files."""
        changes: list[Change] = []
        added: list[str] = []
        changed: list[str] = []
        removed: list[str] = []
        for name, old, new in files:
            if name != PROJECT_FILE:
                (added if old == NO_BLOB else removed if new == NO_BLOB else changed).append(name)
                continue
            before = self._load(old) if old != NO_BLOB else None
            after = self._load(new) if new != NO_BLOB else None
            if (old != NO_BLOB and before is None) or (new != NO_BLOB and after is None):
                changes = [Change(slug, "project-unreadable")]
            else:
                changes = project_changes(slug, before, after)
        if added or changed or removed:
            changes.append(files_changed(slug, added, changed, removed))
        return tuple(changes)


def blob_id(raw: bytes) -> str:
    """The id git gives a file's content (its blob's SHA-1)."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class _Commit:
    sha: str
    timestamp: int
    subject: str
    files: list[tuple[str, str, str, str]]
    """(slug, path inside the project's folder, old blob, new blob)"""

    @property
    def pull_request(self) -> int | None:
        match = PR_IN_SUBJECT.search(self.subject)
        return int(match.group(1) or match.group(2)) if match else None


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
    history = History(True, _blobs=read_blobs(repo, sorted(blobs)))
    for position, commit in enumerate(commits):
        touched: dict[str, list[tuple[str, str, str]]] = {}
        for slug, name, old, new in commit.files:
            touched.setdefault(slug, []).append((name, old, new))
        for slug, files in sorted(touched.items()):
            history._touches.setdefault(slug, []).append(_Touch(commit, len(commits) - position, tuple(files)))
    return history
