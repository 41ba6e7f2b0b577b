"""Ownership as review rules: who may change which project, read from the base revision.

- A new project may be proposed by anyone.
- A project's maintainers (and the portal's maintainers) may change or remove it.
- Anyone else may change a project owned by all contributors (`ownership.level: shared`)
  only by adding stakeholders (themselves) and timeline entries, and by moving `phase`
  along with a new entry; openness, ownership, maintainers and everything else stay with
  the maintainers.
- Nobody but its maintainers changes a project owned by its initiator.
Rules and maintainers always come from the base revision, never from the pull request.
Files outside the projects folder are left to CODEOWNERS (the portal maintainers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ADDITIVE = ("stakeholders", "timeline")


@dataclass(frozen=True)
class Decision:
    """Whether the author may make the changes to one project. `reason` keys the sentence
    in `portal.review.<reason>`."""

    slug: str
    allowed: bool
    reason: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)


def handle(value: str) -> str:
    """`@Name` and `name` name the same GitHub account."""
    return value.strip().lstrip("@").casefold()


def _maintainers(data: dict[str, Any] | None) -> set[str]:
    values = (data or {}).get("maintainers") or []
    return {handle(v) for v in values if isinstance(v, str)}


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


def _contributor_change(old: dict[str, Any], new: dict[str, Any]) -> tuple[bool, list[str]]:
    """Whether a non-maintainer's change to a shared project stays within what anyone may do;
    and the fields it touches that only maintainers may change."""
    touched = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    refused = [k for k in touched if k not in (*ADDITIVE, "phase") or
               (k in ADDITIVE and not _only_added(old.get(k), new.get(k)))]
    if "phase" in touched:
        latest = (new.get("timeline") or [{}])[-1]
        if not isinstance(latest, dict) or latest.get("phase") != new.get("phase") or \
                not _only_added(old.get("timeline"), new.get("timeline")):
            refused.append("phase")
    return not refused, refused


def review_project(slug: str, old: dict[str, Any] | None, new: dict[str, Any] | None, existed: bool,
                   author: str, portal_maintainers: set[str]) -> Decision:
    """The decision for one changed project. `existed`: the project is in the base revision."""
    who = handle(author)
    if not existed:
        return Decision(slug, True, "new-project")
    owners = _maintainers(old)
    if who in owners or who in portal_maintainers:
        return Decision(slug, True, "maintainer")
    maintainers = sorted(f"@{m}" for m in owners) or ["-"]
    if old is None:
        return Decision(slug, False, "base-unreadable", {"maintainers": maintainers})
    if new is None:
        return Decision(slug, False, "removal-needs-maintainer", {"maintainers": maintainers})
    level = (old.get("ownership") or {}).get("level") if isinstance(old.get("ownership"), dict) else None
    if level != "shared":
        return Decision(slug, False, "initiator-owned", {"maintainers": maintainers})
    ok, fields = _contributor_change(old, new)
    if ok:
        return Decision(slug, True, "shared-contribution")
    return Decision(slug, False, "shared-protected", {"fields": fields, "maintainers": maintainers})
