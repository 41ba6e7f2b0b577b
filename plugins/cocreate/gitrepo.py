"""Reading project files at git revisions, without checking them out."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.loader import load_text
from cocreate.validate import PROJECT_FILE


class GitError(Exception):
    """git failed: the message says what to do."""


def git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    """Run git in `repo` and return its output; raise GitError with git's own words."""
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], input=input, capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"cannot run git: {exc}") from exc
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return proc.stdout


def resolve(repo: Path, revision: str) -> str:
    """The commit a revision names."""
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except GitError as exc:
        raise GitError(f"unknown revision: {revision} ({exc})") from exc


def read_blobs(repo: Path, objects: list[str]) -> dict[str, bytes]:
    """The content of many blobs (or `rev:path` names) with one `git cat-file --batch`."""
    if not objects:
        return {}
    out = git(repo, "cat-file", "--batch", input="".join(f"{o}\n" for o in objects).encode())
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


@dataclass
class Snapshot:
    """The project files of one revision: slug -> loaded data (None when not loadable)."""

    revision: str
    files: dict[str, bytes]
    data: dict[str, dict[str, Any] | None]


def projects_at(repo: Path, revision: str, folder: str = "projects") -> Snapshot:
    """Every `folder/<slug>/project.yml` at `revision`, read and loaded strictly."""
    commit = resolve(repo, revision) if revision else ""
    if not commit:
        raise GitError(f"unknown revision: {revision}")
    listing = git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, "--", f"{folder}/").split(b"\0")
    names: dict[str, str] = {}
    for entry in filter(None, listing):
        meta, _, path = entry.decode("utf-8", "replace").partition("\t")
        parts = path.split("/")
        if len(parts) == 3 and parts[2] == PROJECT_FILE and meta.split()[1] == "blob":
            names[parts[1]] = meta.split()[2]
    blobs = read_blobs(repo, list(names.values()))
    files = {slug: blobs.get(sha, b"") for slug, sha in names.items()}
    data = {slug: load_text(raw, f"{folder}/{slug}/{PROJECT_FILE}").data for slug, raw in files.items()}
    return Snapshot(commit, files, data)


def changed_paths(repo: Path, base: str, head: str) -> list[str]:
    """Paths that differ between two revisions (both sides of a rename)."""
    out = git(repo, "diff", "--name-only", "-z", "--no-renames", resolve(repo, base), resolve(repo, head))
    return [p.decode("utf-8", "replace") for p in out.split(b"\0") if p]


def file_at(repo: Path, revision: str, path: str) -> bytes | None:
    """One file's content at a revision, or None when it does not exist there."""
    name = f"{resolve(repo, revision)}:{path}"
    return read_blobs(repo, [name]).get(name)
