"""What changed between two versions of the portal's projects, in plain words."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from cocreate.git.comparison import Comparison
from cocreate.git.repo import Snapshot
from cocreate.i18n.translator import Translator
from cocreate.standard.privacy import redact
from cocreate.standard.vocabulary import NOT_RECORDED


@dataclass(frozen=True)
class Label:
    """A value of the standard's vocabulary a change names (`phase: curation`): said in the
    reader's language when the sentence is made."""

    group: str
    value: Any

    def said(self, t: Translator) -> str:
        return _label(t, self.group, self.value)


@dataclass(frozen=True)
class Text:
    """A text a change quotes as the project file records it (plain, or one per language):
    said in the reader's language when the record has it."""

    value: Any

    def said(self, t: Translator) -> str:
        return _title(self.value, t)


@dataclass(frozen=True)
class Fields:
    """Fields of the standard a change names (`principles`, `seeking`): said in the
    reader's words when the sentence is made (a field the standard does not have, as written)."""

    names: tuple[str, ...]

    def said(self, t: Translator) -> str:
        return ", ".join(t.field_name(name) for name in self.names)


@dataclass(frozen=True)
class Names:
    """Parties a change names, as their records write them: a name the record does not give
    (`not-recorded`, standard 1.2) is said as such, never as the code."""

    names: tuple[str, ...]

    def said(self, t: Translator) -> str:
        return ", ".join(t("changes.unnamed_party") if name == NOT_RECORDED else name for name in self.names)


@dataclass(frozen=True)
class Change:
    """One change to one project. `kind` keys the sentence in `portal.changes.<kind>`; its
    params hold what the project files record (labels and texts as `Label` and `Text`), so
    that one change is told in each of the portal's languages (`words`)."""

    slug: str
    kind: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def words(self, t: Translator) -> dict[str, Any]:
        """The change's params as its sentence says them, in `t`'s language."""
        return {key: value.said(t) if isinstance(value, Label | Text | Fields | Names) else value
                for key, value in self.params.items()}


# A version from history is read as it was written: any field may have any shape (text
# where a list belongs, a list item without its dash). These read only well-formed parts,
# so that a past mistake is described as well as it can be and never breaks a build.
def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _texts(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _level(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    level = value.get("level") if isinstance(value, dict) else None
    return level if isinstance(level, str) else None


def _names(data: dict[str, Any]) -> list[str]:
    return [s["name"] for s in _dicts(data.get("stakeholders")) if isinstance(s.get("name"), str)]


def _title(value: Any, t: Translator) -> str:
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if isinstance(v, str)}
    return t.text(value) if isinstance(value, (str, dict)) else ""


def project_changes(slug: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[Change]:
    """The changes from `old` to `new` (either may be None: added, removed or unreadable).
    Either may be any loaded data, however far from the standard: nothing here assumes a
    shape."""
    if not isinstance(old, dict) and not isinstance(new, dict):
        return [Change(slug, "project-unreadable")]
    if not isinstance(old, dict):
        assert isinstance(new, dict)
        return [Change(slug, "project-added", {"title": Text(new.get("title"))})]
    if not isinstance(new, dict):
        return [Change(slug, "project-removed", {"title": Text(old.get("title"))})]
    changes: list[Change] = []
    for key in ("phase", "status"):
        if old.get(key) != new.get(key):
            kind = "phase-moved" if key == "phase" else "status-changed"
            changes.append(Change(slug, kind, {"old": Label(key, old.get(key)), "new": Label(key, new.get(key))}))
    for key in ("openness", "ownership"):
        if old.get(key) != new.get(key):
            changes.append(Change(slug, f"{key}-changed", {"old": Label(key, _level(old, key)),
                                                           "new": Label(key, _level(new, key))}))
    old_names, new_names = _names(old), _names(new)
    changes += [Change(slug, "stakeholder-joined", {"name": Names((n,))}) for n in new_names if n not in old_names]
    changes += [Change(slug, "stakeholder-left", {"name": Names((n,))}) for n in old_names if n not in new_names]
    old_entries = _dicts(old.get("timeline"))
    for e in _dicts(new.get("timeline")):  # a planned step is no event: it is told apart, and no feed carries it
        if e not in old_entries:
            kind = "step-planned" if e.get("planned") == "true" else "timeline-added"
            changes.append(Change(slug, kind, {"date": _text(e.get("date")), "title": Text(e.get("title"))}))
    changes += _dialogue_changes(slug, _dicts(old.get("dialogue")), _dicts(new.get("dialogue")))
    if old.get("maintainers") != new.get("maintainers"):
        before, after = _texts(old.get("maintainers")), _texts(new.get("maintainers"))
        changes.append(Change(slug, "maintainers-changed", {
            "added": [m for m in after if m not in before] or ["-"],
            "removed": [m for m in before if m not in after] or ["-"]}))
    described = {"phase", "status", "openness", "ownership", "stakeholders", "timeline", "maintainers", "dialogue"}
    others = sorted(k for k in set(old) | set(new) if k not in described and old.get(k) != new.get(k))
    if others:
        changes.append(Change(slug, "fields-changed", {"fields": Fields(tuple(others))}))
    new_stakeholders = _dicts(new.get("stakeholders"))
    edited = [s["name"] for s in _dicts(old.get("stakeholders"))
              if s not in new_stakeholders and isinstance(s.get("name"), str) and s["name"] in new_names]
    if edited:
        changes.append(Change(slug, "stakeholders-edited", {"names": Names(tuple(edited))}))
    return changes


def _question(entry: dict[str, Any]) -> str:
    """What identifies an entry: its date, channel and words (any shape a past version gave them)."""
    return json.dumps([entry.get("asked"), entry.get("channel"), entry.get("request")], sort_keys=True, default=str)


def _dialogue_changes(slug: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    """A question recorded, and an answer recorded or changed (an entry is the same
    question while its date, channel and words stay)."""
    before = {_question(e): e for e in old}
    changes = []
    for entry in new:
        was = before.get(_question(entry))
        answer = entry.get("answer")
        if was is None:
            changes.append(Change(slug, "dialogue-added", {"request": Text(entry.get("request"))}))
        if isinstance(answer, str) and (was is None or was.get("answer") != answer):
            changes.append(Change(slug, "dialogue-answered", {"request": Text(entry.get("request")),
                                                              "answer": Label("answer", answer)}))
    return changes


def files_changed(slug: str, added: list[str], changed: list[str], removed: list[str]) -> Change:
    """The files of a project's folder other than its project file that a change touched
    (names relative to the folder): tables, their schemas, anything else."""
    return Change(slug, "files-changed", {"added": added or ["-"], "changed": changed or ["-"],
                                          "removed": removed or ["-"]})


def _label(t: Translator, group: str, value: Any) -> str:
    try:
        return t.label(group, str(value))
    except KeyError:
        return str(value)


def all_changes(old: dict[str, dict[str, Any] | None], new: dict[str, dict[str, Any] | None]) -> list[Change]:
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
        result.extend(project_changes(slug, before, after))
    return result


def branch_changes(comparison: Comparison) -> list[Change]:
    """Everything a branch changes in each project it touches: its project file in plain
    words, then every other file of its folder; and each path of the projects folder that
    belongs to no project."""
    result: list[Change] = []
    old, new = comparison.old or Snapshot(""), comparison.new or Snapshot("")
    for project in comparison.projects:
        slug, file = project.slug, project.project_file
        if file is not None:
            unreadable = file.irregular or (slug in old and old.readable(slug) is None) or \
                (slug in new and new.readable(slug) is None)
            result += [Change(slug, "project-unreadable")] if unreadable else \
                project_changes(slug, old.readable(slug), new.readable(slug))
        added, changed, removed = project.names(comparison.folder)
        if added or changed or removed:
            result.append(files_changed(slug, added, changed, removed))
    result += [Change(c.path.removeprefix(f"{comparison.folder}/"), "no-project") for c in comparison.loose]
    return result


def sentence(change: Change, t: Translator) -> str:
    """The change in plain words, in the translator's language, with any personal data
    masked: it may quote a past version (in page histories, feeds and pull request
    summaries) that today's checks would refuse."""
    return redact(t(f"changes.{change.kind}", **change.words(t)))
