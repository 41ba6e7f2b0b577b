"""Reading project files at git revisions, without checking them out.

Paths in git are bytes and may hold anything but NUL: they are decoded with
`surrogateescape`, so that a path read from git can be handed back to git unchanged, and
are escaped wherever they are shown. Every git call uses literal pathspecs: a folder named
`:(glob)*` is a folder, not a pattern.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.standard.loader import load_text
from cocreate.standard.paths import project_file, project_of
from cocreate.standard.schema import is_valid

REGULAR_MODES = frozenset({"100644", "100755"})
"""Modes of plain files in git; a symlink is 120000, a submodule 160000, a folder 040000."""
SYMLINK_MODE = "120000"
NO_MODE = "000000"
NO_BLOB = "0" * 40


class GitError(Exception):
    """git failed: the message says what to do."""


def git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    """Run git in `repo` and return its output; raise GitError with git's own words."""
    try:
        proc = subprocess.run(["git", "--literal-pathspecs", "-C", str(repo), *args], input=input,
                              capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return proc.stdout


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def resolve(repo: Path, revision: str) -> str:
    """The commit a revision names."""
    if not revision or revision.startswith("-"):
        raise GitError(f"unknown revision: {revision!r}")
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options",
                   f"{revision}^{{commit}}").decode().strip()
    except GitError as exc:
        raise GitError(f"unknown revision: {revision} ({exc})") from exc


def merge_base(repo: Path, base: str, head: str) -> str:
    """Where `head` branched off `base`: what a pull request is compared with, as GitHub's
    own diff does, so that changes made on `base` since then are not taken for the pull
    request's."""
    try:
        return git(repo, "merge-base", base, head).decode().strip()
    except GitError as exc:
        raise GitError(f"{base} and {head} have no common history: compare a branch with the branch "
                       f"it was made from ({exc})") from exc


def read_blobs(repo: Path, objects: list[str]) -> dict[str, bytes]:
    """The content of many blobs (or `rev:path` names) with one `git cat-file --batch`."""
    if not objects:
        return {}
    out = git(repo, "cat-file", "--batch", input=b"".join(o.encode("utf-8", "surrogateescape") + b"\n"
                                                           for o in objects))
    result: dict[str, bytes] = {}
    position = 0
    for name in objects:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        result[name] = out[position : position + size]
        position += size + 1
    return result


def file_at(repo: Path, revision: str, path: str) -> bytes | None:
    """One file's content at a revision, or None when it does not exist there."""
    name = f"{resolve(repo, revision)}:{path}"
    return read_blobs(repo, [name]).get(name)


def is_folder(repo: Path, revision: str, path: str) -> bool:
    """Whether `path` is a folder at `revision` (not a file, a symlink or missing)."""
    try:
        return git(repo, "cat-file", "-t", f"{revision}:{path}").strip() == b"tree"
    except GitError:
        return False


@dataclass(frozen=True)
class PathChange:
    """One path that differs between two revisions (a rename counts as a removal and an
    addition), with its git mode on each side (`000000` where it does not exist)."""

    path: str
    old_mode: str
    new_mode: str
    old_blob: str
    new_blob: str

    @property
    def added(self) -> bool:
        return self.old_mode == NO_MODE

    @property
    def removed(self) -> bool:
        return self.new_mode == NO_MODE

    @property
    def irregular(self) -> bool:
        """A symlink, a submodule or anything else that is not a plain file, on the new side."""
        return not self.removed and self.new_mode not in REGULAR_MODES


def path_changes(repo: Path, old: str, new: str, folder: str) -> list[PathChange]:
    """Every path under `folder` (and `folder` itself) that differs from `old` to `new`."""
    out = git(repo, "diff", "--raw", "-z", "--no-renames", "--no-abbrev", "--no-ext-diff", old, new, "--",
              folder)
    fields = out.split(b"\0")
    changes = []
    for index in range(0, len(fields) - 1, 2):
        meta, path = fields[index].decode(), _path(fields[index + 1])
        old_mode, new_mode, old_blob, new_blob, _status = meta.lstrip(":").split()
        changes.append(PathChange(path, old_mode, new_mode, old_blob, new_blob))
    return changes


def readable(data: Any) -> dict[str, Any] | None:
    """Loaded data as a project, when it has the standard's shape; else None. A version
    from history or from a branch may be anything: one that does not load, or loads into
    the wrong shape (text where a list belongs), is "a version that could not be read"."""
    return data if isinstance(data, dict) and is_valid(data) else None


@dataclass(frozen=True)
class Version:
    """A project file at one revision: its bytes and, when it loads, its data (any shape)."""

    raw: bytes
    data: dict[str, Any] | None


@dataclass
class Snapshot:
    """Project files of one revision, by slug: only plain files named `project.yml`."""

    revision: str
    versions: dict[str, Version] = field(default_factory=dict)

    def __contains__(self, slug: str) -> bool:
        return slug in self.versions

    def data(self, slug: str) -> dict[str, Any] | None:
        version = self.versions.get(slug)
        return version.data if version else None

    def readable(self, slug: str) -> dict[str, Any] | None:
        """The project's data when it has the standard's shape (see `readable`)."""
        return readable(self.data(slug))

    @property
    def all_data(self) -> dict[str, dict[str, Any] | None]:
        return {slug: version.data for slug, version in self.versions.items()}


def projects_at(repo: Path, revision: str, folder: str = "projects", slugs: set[str] | None = None) -> Snapshot:
    """Every `folder/<slug>/project.yml` at `revision` (or only those of `slugs`), read and
    loaded strictly. A `project.yml` that is a symlink or a submodule is not a project file."""
    commit = resolve(repo, revision)
    snapshot = Snapshot(commit)
    if slugs is not None and not slugs:
        return snapshot
    listing = git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, "--", folder).split(b"\0")
    names: dict[str, str] = {}
    for entry in filter(None, listing):
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = _path(raw_path)
        slug = project_of(path, folder)
        if slug is None or path != project_file(folder, slug) or (slugs is not None and slug not in slugs):
            continue
        if kind == "blob" and mode in REGULAR_MODES:
            names[slug] = sha
    blobs = read_blobs(repo, list(names.values()))
    for slug, sha in names.items():
        raw = blobs.get(sha, b"")
        snapshot.versions[slug] = Version(raw, load_text(raw, project_file(folder, slug)).data)
    return snapshot


def toplevel(root: Path) -> tuple[Path, str]:
    """The top folder of the repository that holds `root` (the folder of mkdocs.yml), and
    where `root` lies in it: `` at the top, `portal/` in a sub-folder. Paths in git are
    relative to the top."""
    out = git(root, "rev-parse", "--show-toplevel", "--show-prefix").decode("utf-8", "surrogateescape")
    top, prefix = out.split("\n")[:2]
    return Path(top), prefix
