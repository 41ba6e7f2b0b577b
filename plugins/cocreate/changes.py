"""What changed between two versions of the portal's projects, in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cocreate.portal.i18n import Translator
from cocreate.privacy import redact

PROTECTED = ("openness", "ownership", "maintainers")
"""Fields that only a project's maintainers may change."""


@dataclass(frozen=True)
class Change:
    """One change to one project. `kind` keys the sentence in `portal.changes.<kind>`."""

    slug: str
    kind: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)


def _names(data: dict[str, Any]) -> list[str]:
    return [s.get("name", "") for s in data.get("stakeholders", []) if isinstance(s, dict)]


def _entries(data: dict[str, Any]) -> list[Any]:
    return [e for e in data.get("timeline", []) if isinstance(e, dict)]


def _title(data: dict[str, Any], t: Translator) -> str:
    return t.text(data.get("title", ""))


def project_changes(slug: str, old: dict[str, Any] | None, new: dict[str, Any] | None, t: Translator) -> list[Change]:
    """The changes from `old` to `new` (either may be None: added, removed or unreadable)."""
    if old is None and new is None:
        return [Change(slug, "project-unreadable")]
    if old is None:
        assert new is not None
        return [Change(slug, "project-added", {"title": _title(new, t)})]
    if new is None:
        return [Change(slug, "project-removed", {"title": _title(old, t)})]
    changes: list[Change] = []
    if old.get("phase") != new.get("phase"):
        changes.append(Change(slug, "phase-moved", {"old": _label(t, "phase", old.get("phase")),
                                                     "new": _label(t, "phase", new.get("phase"))}))
    if old.get("status") != new.get("status"):
        changes.append(Change(slug, "status-changed", {"old": _label(t, "status", old.get("status")),
                                                       "new": _label(t, "status", new.get("status"))}))
    for key in ("openness", "ownership"):
        if old.get(key) != new.get(key):
            level_old = (old.get(key) or {}).get("level") if isinstance(old.get(key), dict) else None
            level_new = (new.get(key) or {}).get("level") if isinstance(new.get(key), dict) else None
            changes.append(Change(slug, f"{key}-changed", {"old": _label(t, key, level_old), "new": _label(t, key, level_new)}))
    old_names, new_names = _names(old), _names(new)
    changes += [Change(slug, "stakeholder-joined", {"name": n}) for n in new_names if n not in old_names]
    changes += [Change(slug, "stakeholder-left", {"name": n}) for n in old_names if n not in new_names]
    old_entries = _entries(old)
    changes += [Change(slug, "timeline-added", {"date": e.get("date", ""), "title": t.text(e.get("title", ""))})
                for e in _entries(new) if e not in old_entries]
    if old.get("maintainers") != new.get("maintainers"):
        before, after = old.get("maintainers") or [], new.get("maintainers") or []
        changes.append(Change(slug, "maintainers-changed", {
            "added": [m for m in after if m not in before] or ["-"],
            "removed": [m for m in before if m not in after] or ["-"]}))
    described = {"phase", "status", "openness", "ownership", "stakeholders", "timeline", "maintainers"}
    others = sorted(k for k in set(old) | set(new) if k not in described and old.get(k) != new.get(k))
    if others:
        changes.append(Change(slug, "fields-changed", {"fields": others}))
    stakeholders_edited = [s for s in old.get("stakeholders", []) if s not in new.get("stakeholders", [])
                           and isinstance(s, dict) and s.get("name") in new_names]
    if stakeholders_edited:
        changes.append(Change(slug, "stakeholders-edited", {"names": [s["name"] for s in stakeholders_edited]}))
    return changes


def _label(t: Translator, group: str, value: Any) -> str:
    try:
        return t.label(group, str(value))
    except KeyError:
        return str(value)


def all_changes(old: dict[str, dict[str, Any] | None], new: dict[str, dict[str, Any] | None],
                t: Translator) -> list[Change]:
    """Changes of every project, by slug. A slug in neither mapping has no change."""
    result: list[Change] = []
    for slug in sorted(set(old) | set(new)):
        if slug in old and slug in new and old[slug] == new[slug]:
            continue
        before = old.get(slug) if slug in old else None
        after = new.get(slug) if slug in new else None
        if slug in old and slug in new and (before is None or after is None):
            result.append(Change(slug, "project-unreadable"))
            continue
        result.extend(project_changes(slug, before, after, t))
    return result


def sentence(change: Change, t: Translator) -> str:
    """The change in plain words, in the translator's language, with any personal data
    masked: it may quote a past version (in page histories, feeds and pull request
    summaries) that today's checks would refuse."""
    return redact(t(f"changes.{change.kind}", **change.params))
