"""What a branch changes in the projects folder, as `cocreate diff` and `cocreate review` see it.

A pull request is compared from where it branched off (the merge base, as GitHub's own
diff does), not from the tip of its base branch: changes made on the base since then are
not the pull request's. Who may change what is read from the base branch's tip (the
maintainers as they are now), and so is the projects folder itself: a pull request that
moves `projects_dir` in mkdocs.yml does not move what it is reviewed against (the command
line reads it, and hands the folder over).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cocreate.git.repo import PathChange, Snapshot, merge_base, path_changes, projects_at, resolve
from cocreate.standard.paths import PROJECT_FILE, project_folder, project_of


@dataclass(frozen=True)
class ProjectDiff:
    """The paths of one project's folder that a branch changes."""

    slug: str
    project_file: PathChange | None
    """The change to `project.yml`, when it changed."""
    files: tuple[PathChange, ...] = ()
    """Changes to every other path in the folder: tables, schemas, anything."""

    @property
    def irregular(self) -> list[PathChange]:
        """Symlinks and submodules the branch puts into the folder: never allowed."""
        return [c for c in (self.project_file, *self.files) if c is not None and c.irregular]

    def names(self, folder: str) -> tuple[list[str], list[str], list[str]]:
        """The other files, relative to the project's folder: added, changed, removed."""
        prefix = f"{project_folder(folder, self.slug)}/"
        added = [c.path.removeprefix(prefix) for c in self.files if c.added]
        removed = [c.path.removeprefix(prefix) for c in self.files if c.removed]
        changed = [c.path.removeprefix(prefix) for c in self.files if not (c.added or c.removed)]
        return added, changed, removed


@dataclass
class Comparison:
    """A branch (`head`) against its base: the commits, the projects folder and what changed."""

    base: str
    """The base branch's tip: rules and maintainers are read here."""
    head: str
    merge_base: str
    """Where the branch left the base: what the changes are measured from."""
    folder: str
    """The projects folder as the base's mkdocs.yml names it, relative to the repository."""
    projects: list[ProjectDiff] = field(default_factory=list)
    loose: list[PathChange] = field(default_factory=list)
    """Paths in the projects folder that belong to no project (`projects/x` as a file or a
    link, `projects/README.md`)."""
    old: Snapshot | None = None
    """The changed projects' files at the merge base."""
    tip: Snapshot | None = None
    """The changed projects' files at the base's tip."""
    new: Snapshot | None = None
    """The changed projects' files at the head."""


def compare(repo: Path, base: str, head: str, folder: str) -> Comparison:
    """What `head` changes in `folder` (the projects folder, as the repository names it)
    since it left `base`.

    Raises:
        GitError: a revision is unknown, or the two have no common history.
    """
    base_commit, head_commit = resolve(repo, base), resolve(repo, head)
    start = merge_base(repo, base_commit, head_commit)
    result = Comparison(base_commit, head_commit, start, folder)
    grouped: dict[str, list[PathChange]] = {}
    for change in path_changes(repo, start, head_commit, folder):
        slug = project_of(change.path, folder)
        if slug is None:
            result.loose.append(change)
        else:
            grouped.setdefault(slug, []).append(change)
    for slug, changes in sorted(grouped.items()):
        own = f"{project_folder(folder, slug)}/{PROJECT_FILE}"
        project_file = next((c for c in changes if c.path == own), None)
        result.projects.append(ProjectDiff(slug, project_file, tuple(c for c in changes if c.path != own)))
    slugs = set(grouped)
    result.old = projects_at(repo, start, folder, slugs)
    result.tip = projects_at(repo, base_commit, folder, slugs)
    result.new = projects_at(repo, head_commit, folder, slugs)
    return result
