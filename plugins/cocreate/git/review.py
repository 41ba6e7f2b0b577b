"""Ownership as review rules: who may change which project, read from the base revision.

- A new project may be proposed by anyone.
- A project's maintainers (and the portal's maintainers) may change or remove it.
- Anyone else may change a project owned by all contributors (`ownership.level: shared`)
  only by adding stakeholders (themselves) and timeline entries to its project file, and by
  moving `phase` along with a new entry; openness, ownership, maintainers, every other field
  and every other file of the project's folder (tables, schemas) stay with the maintainers.
- Nobody but its maintainers changes a project owned by its initiator.
- Nobody puts a symlink or a submodule into the projects folder.
- Files in the projects folder that belong to no project belong to the portal's maintainers.
Rules and maintainers always come from the base revision, never from the pull request.
Files outside the projects folder are left to CODEOWNERS (the portal maintainers).

A maintainer may be a team (`@org/team`). Team membership cannot be read from a workflow,
so where a change needs a maintainer and the project's owners (as CODEOWNERS lists them)
include a team, the review does not refuse: it says that a member of the team approves the
change through GitHub's required code-owner review, which GitHub enforces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cocreate.git.comparison import Comparison, ProjectDiff
from cocreate.git.repo import PathChange, Snapshot
from cocreate.i18n.translator import Translator

ADDITIVE = ("stakeholders", "timeline")
CODE_OWNER_REVIEW = "code-owner-review"


@dataclass(frozen=True)
class Decision:
    """Whether the author may make the changes to one project. `reason` keys the sentence
    in `portal.review.<reason>`. A decision that waits for code-owner review is allowed
    here: GitHub asks for the team's approval."""

    slug: str
    allowed: bool
    reason: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def needs_code_owner(self) -> bool:
        return self.reason == CODE_OWNER_REVIEW


def handle(value: str) -> str:
    """`@Name` and `name` name the same GitHub account."""
    return value.strip().lstrip("@").casefold()


def is_team(value: str) -> bool:
    """`@org/team` names a team; `@name` a person."""
    return "/" in value


@dataclass(frozen=True)
class Owners:
    """Who answers for a path, as CODEOWNERS lists them: the project's maintainers, or the
    portal's when the project names none."""

    names: tuple[str, ...]

    @classmethod
    def of(cls, data: dict[str, Any] | None, portal: tuple[str, ...]) -> Owners:
        values = data.get("maintainers") if isinstance(data, dict) else None
        names = tuple(v for v in values if isinstance(v, str)) if isinstance(values, list) else ()
        return cls(names or portal)

    @property
    def people(self) -> set[str]:
        return {handle(n) for n in self.names if not is_team(n)}

    @property
    def teams(self) -> list[str]:
        return sorted(f"@{handle(n)}" for n in self.names if is_team(n))

    @property
    def shown(self) -> list[str]:
        return sorted(f"@{handle(n)}" for n in self.names) or ["-"]


def _only_added(old: Any, new: Any) -> bool:
    """Whether `new` is `old` with items added (none changed, none removed)."""
    if not isinstance(old, list) or not isinstance(new, list):
        return old == new
    remaining = list(new)
    for item in old:
        if item not in remaining:
            return False
        remaining.remove(item)
    return True


def _contributor_change(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fields a non-maintainer's change to a shared project touches that only its
    maintainers may change (none: the change is within what anyone may do)."""
    touched = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    refused = [k for k in touched if k not in (*ADDITIVE, "phase") or
               (k in ADDITIVE and not _only_added(old.get(k), new.get(k)))]
    if "phase" in touched:
        timeline = new.get("timeline")
        events = [e for e in timeline if not (isinstance(e, dict) and e.get("planned") == "true")] \
            if isinstance(timeline, list) else []
        latest = events[-1] if events else None  # a planned step moves no phase
        if not isinstance(latest, dict) or latest.get("phase") != new.get("phase") or \
                not _only_added(old.get("timeline"), timeline):
            refused.append("phase")
    return refused


def _needs_owner(slug: str, owners: Owners, reason: str, **params: Any) -> Decision:
    """A change that only an owner may make, made by someone not listed by login: refused,
    unless the owners include a team, whose members GitHub itself asks to approve."""
    params = {"maintainers": owners.shown, **params}
    if owners.teams:
        return Decision(slug, True, CODE_OWNER_REVIEW, {**params, "teams": owners.teams, "because": reason})
    return Decision(slug, False, reason, params)


def review_project(project: ProjectDiff, comparison: Comparison, author: str, portal: tuple[str, ...]) -> Decision:
    """The decision for one project that the branch changes."""
    slug, who = project.slug, handle(author)
    old, tip, new = (comparison.old or Snapshot(""), comparison.tip or Snapshot(""),
                     comparison.new or Snapshot(""))
    if project.irregular:
        return Decision(slug, False, "symlink", {"paths": [c.path for c in project.irregular]})
    if slug not in old and slug not in tip:
        return Decision(slug, True, "new-project")
    rules = tip if slug in tip else old  # the base as it is now; else as the branch found it
    owners = Owners.of(rules.data(slug), portal)
    if who in owners.people or who in Owners(portal).people:
        return Decision(slug, True, "maintainer")
    before = rules.data(slug) if slug not in old else old.data(slug)
    after = new.data(slug)
    if rules.data(slug) is None or before is None:
        return _needs_owner(slug, owners, "base-unreadable")
    if slug not in new:
        return _needs_owner(slug, owners, "removal-needs-maintainer")
    ownership = rules.data(slug).get("ownership")  # type: ignore[union-attr]
    if not isinstance(ownership, dict) or ownership.get("level") != "shared":
        return _needs_owner(slug, owners, "initiator-owned")
    added, changed, removed = project.names(comparison.folder)
    if added or changed or removed:
        return _needs_owner(slug, owners, "files-protected", files=sorted({*added, *changed, *removed}))
    refused = _contributor_change(before, after) if isinstance(after, dict) else ["project.yml"]
    if refused:
        return _needs_owner(slug, owners, "shared-protected", fields=refused)
    return Decision(slug, True, "shared-contribution")


def review_loose(change: PathChange, comparison: Comparison, author: str, portal: tuple[str, ...]) -> Decision:
    """The decision for a path in the projects folder that belongs to no project."""
    name = change.path.removeprefix(f"{comparison.folder}/")
    if change.irregular:
        return Decision(name, False, "symlink", {"paths": [change.path]})
    owners = Owners(portal)
    if handle(author) in owners.people:
        return Decision(name, True, "maintainer")
    return _needs_owner(name, owners, "portal-file")


def review(comparison: Comparison, author: str, portal_maintainers: list[str]) -> list[Decision]:
    """A decision for each project, and each path belonging to no project, that the branch
    changes; the portal's maintainers come from the base's mkdocs.yml."""
    portal = tuple(portal_maintainers)
    decisions = [review_project(p, comparison, author, portal) for p in comparison.projects]
    return decisions + [review_loose(c, comparison, author, portal) for c in comparison.loose]


def explain(decision: Decision, t: Translator) -> str:
    """The decision in plain words; a change that waits for code-owner review says what it
    needs and from whom."""
    if decision.needs_code_owner:
        why = t(f"review.{decision.params['because']}", **decision.params)
        return t(f"review.{CODE_OWNER_REVIEW}", why=why, teams=decision.params["teams"])
    return t(f"review.{decision.reason}", **decision.params)
