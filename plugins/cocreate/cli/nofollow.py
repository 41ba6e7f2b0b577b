"""Writing a project file without ever following a symbolic link: what `cocreate import`
writes stays inside the projects folder, whatever links a clone holds (a dangling link at
`projects/x/project.yml`, a folder `projects/y -> /elsewhere`).

Every part of the path below the portal's folder is looked at with `lstat`, never `stat`;
folders are made one at a time and opened with `O_NOFOLLOW | O_DIRECTORY`, each relative to
the one above it (a link put in place meanwhile is refused, not followed); a file is made
with `O_CREAT | O_EXCL | O_NOFOLLOW`, and a file replaced is written beside it and renamed
over it (a rename replaces a link itself, never what it points to)."""

from __future__ import annotations

import contextlib
import enum
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cocreate.standard.paths import PROJECT_FILE

_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class LinkRefused(OSError):
    """A part of the path is a symbolic link (or not what it should be): nothing is written."""


class FileState(enum.Enum):
    MISSING = "missing"
    EXISTS = "exists"


@dataclass(frozen=True)
class ProjectFolder:
    """`projects/<slug>/project.yml` under the portal's folder `root`."""

    root: Path
    projects: Path
    slug: str

    def _parts(self) -> list[str]:
        try:
            below = self.projects.relative_to(self.root).parts
        except ValueError:  # a projects folder outside the portal's: its own name is checked
            return [self.projects.name, self.slug]
        return [*below, self.slug]

    def _start(self) -> Path:
        try:
            self.projects.relative_to(self.root)
        except ValueError:
            return self.projects.parent
        return self.root

    def state(self) -> FileState:
        """Whether the project file is there; LinkRefused when any part of its path is a link."""
        path = self._start()
        for part in [*self._parts(), PROJECT_FILE]:
            path = path / part
            try:
                info = path.lstat()
            except FileNotFoundError:
                return FileState.MISSING
            if stat.S_ISLNK(info.st_mode):
                raise LinkRefused(f"{path} is a symbolic link")
            wanted = stat.S_ISREG if part == PROJECT_FILE else stat.S_ISDIR
            if not wanted(info.st_mode):
                raise LinkRefused(f"{path} is not a {'file' if part == PROJECT_FILE else 'folder'}")
        return FileState.EXISTS

    def write(self, raw: bytes, *, replace: bool) -> None:
        """Write the project file, making its folders; a new file only, unless `replace`."""
        folder = os.open(self._start(), os.O_RDONLY | os.O_DIRECTORY)
        try:
            for part in self._parts():
                child = self._enter(folder, part)
                os.close(folder)
                folder = child
            if replace:
                self._replace(folder, raw)
            else:
                self._create(folder, PROJECT_FILE, raw)
        finally:
            os.close(folder)

    def _enter(self, parent: int, name: str) -> int:
        with contextlib.suppress(FileExistsError):
            os.mkdir(name, 0o777, dir_fd=parent)
        try:
            child = os.open(name, _DIRECTORY, dir_fd=parent)
        except OSError as exc:  # ELOOP: a link; ENOTDIR: a file or a link to one
            raise LinkRefused(f"{self.projects / self.slug}: {name} is a symbolic link or not a folder") from exc
        return child

    def _create(self, folder: int, name: str, raw: bytes) -> None:
        try:
            handle = os.open(name, _NEW_FILE, 0o666, dir_fd=folder)
        except FileExistsError as exc:  # a dangling link too: O_EXCL never follows it
            raise LinkRefused(f"{self.projects / self.slug / name} is there already (a symbolic link?)") from exc
        with os.fdopen(handle, "wb") as out:
            out.write(raw)

    def _replace(self, folder: int, raw: bytes) -> None:
        info = os.stat(PROJECT_FILE, dir_fd=folder, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            raise LinkRefused(f"{self.projects / self.slug / PROJECT_FILE} is a symbolic link or not a file")
        temporary = f".{PROJECT_FILE}.import"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary, dir_fd=folder)
        self._create(folder, temporary, raw)
        os.replace(temporary, PROJECT_FILE, src_dir_fd=folder, dst_dir_fd=folder)
