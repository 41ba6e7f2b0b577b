"""Which project a path belongs to: one answer for validation, review, diff, CODEOWNERS and history.

A portal keeps each project in a folder of its own, `<projects folder>/<slug>/`, and every
file in that folder (the project file, its tables and their schemas, anything else)
belongs to the project. The projects folder may be nested (`data/projects`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

PROJECT_FILE = "project.yml"


class FolderError(ValueError):
    """The projects folder named in the configuration cannot be used; the message says why."""


def normalise_folder(folder: str) -> str:
    """The projects folder as git names it: `projects`, `data/projects` (no `./`, no
    trailing `/`). A folder outside the repository is refused."""
    cleaned = posixpath.normpath(folder.replace("\\", "/").strip() or ".")
    if cleaned in (".", "") or cleaned.startswith(("/", "../")) or cleaned == "..":
        raise FolderError(f"the projects folder {folder!r} must be a folder inside the repository")
    return cleaned


def project_of(path: str, folder: str) -> str | None:
    """The slug of the project that `path` belongs to, or None when it belongs to none.

    `projects/x/project.yml` and `projects/x/data/t.csv` belong to `x`; `projects/x`
    itself (a file or a link where a project folder should be), `projects/README.md` and
    paths outside the folder belong to no project.
    """
    prefix = f"{folder}/"
    if not path.startswith(prefix):
        return None
    slug, separator, rest = path[len(prefix):].partition("/")
    return slug if slug and separator and rest else None


def project_folder(folder: str, slug: str) -> str:
    """The folder of a project, relative to the repository: `projects/x`."""
    return f"{folder}/{slug}"


def project_file(folder: str, slug: str) -> str:
    """A project's file, relative to the repository: `projects/x/project.yml`."""
    return f"{folder}/{slug}/{PROJECT_FILE}"


def folder_name(root: Path, projects: Path, default: str) -> str:
    """The projects folder as the repository names it (`projects`, `data/projects`), for
    edit links and git; `default` when it lies outside the repository."""
    return projects.relative_to(root).as_posix() if projects.is_relative_to(root) else default
