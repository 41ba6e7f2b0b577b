"""Each project's change history, from one pass over `git log` for the whole portal.

Two git calls in all, however many projects: `git log --raw` names every version of every
project file, and one `git cat-file --batch` reads them. Each version is loaded strictly and
compared with the one before it (`cocreate.changes`), so the history says in plain words
what changed. Only commit hashes, dates and subjects are read: never author names or emails.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.changes import Change, project_changes
from cocreate.gitrepo import GitError, git, read_blobs
from cocreate.loader import load_text
from cocreate.portal.i18n import Translator

NO_BLOB = "0" * 40
PR_IN_SUBJECT = re.compile(r"(?:\(#(\d+)\)\s*$|^Merge pull request #(\d+)\b)")


@dataclass(frozen=True)
class Event:
    """The changes one commit made to one project."""

    slug: str
    commit: str
    timestamp: int
    pull_request: int | None
    changes: tuple[Change, ...]

    @property
    def date(self) -> str:
        return dt.datetime.fromtimestamp(self.timestamp, dt.timezone.utc).date().isoformat()


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


def _parse_log(out: str, folder: str) -> list[tuple[str, int, str, list[tuple[str, str, str]]]]:
    """[(commit, timestamp, subject, [(slug, old blob, new blob)])], newest first."""
    commits = []
    prefix = f"{folder}/"
    for block in out.split("\x00")[1:]:
        header, _, raw = block.partition("\n")
        sha, timestamp, subject = (header.split(" ", 2) + ["", ""])[:3]
        files = []
        for line in raw.splitlines():
            meta, _, path = line.partition("\t")
            if not line.startswith(":") or not path.startswith(prefix) or not path.endswith("/project.yml"):
                continue
            slug = path[len(prefix) : -len("/project.yml")]
            if slug and "/" not in slug:
                fields = meta.split()
                files.append((slug, fields[2], fields[3]))
        if sha and timestamp.isdigit():
            commits.append((sha, int(timestamp), subject, files))
    return commits


def read_history(repo: Path, folder: str, t: Translator) -> History:
    """The history of every project under `folder`, or an unavailable one with the reason."""
    try:
        shallow = git(repo, "rev-parse", "--is-shallow-repository").decode().strip()
    except GitError:
        return History(False, "no-git")
    if shallow == "true":
        return History(False, "shallow")
    try:
        out = git(repo, "log", "--format=%x00%H %ct %s", "--raw", "--no-renames", "--no-abbrev",
                  "--", f"{folder}/").decode("utf-8", "replace")
    except GitError:
        return History(False, "no-git")
    commits = _parse_log(out, folder)
    blobs = {sha for *_, files in commits for _, old, new in files for sha in (old, new) if sha != NO_BLOB}
    contents = read_blobs(repo, sorted(blobs))
    loaded: dict[str, Any] = {sha: load_text(raw, sha).data for sha, raw in contents.items()}
    history = History(True)
    for sha, timestamp, subject, files in commits:
        match = PR_IN_SUBJECT.search(subject)
        number = int(match.group(1) or match.group(2)) if match else None
        for slug, old, new in files:
            before = loaded.get(old) if old != NO_BLOB else None
            after = loaded.get(new) if new != NO_BLOB else None
            if (old != NO_BLOB and before is None) or (new != NO_BLOB and after is None):
                changes: tuple[Change, ...] = (Change(slug, "project-unreadable"),)
            else:
                changes = tuple(project_changes(slug, before, after, t))
            if changes:
                history.events.setdefault(slug, []).append(Event(slug, sha, timestamp, number, changes))
    return history
