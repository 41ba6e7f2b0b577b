"""Parts of a project's record as its page shows them, typed: its timeline, its place, its
parties, its principles, its outputs, its links, its own tables, its promise to
participants (`trust`) and where the record comes from (`source`).

`Project` (`portal/project.py`) makes them from the validated record; the templates read
these, never the record itself. A text is as the record gives it (`Text`: one string, or one
per language), for `portal.text` or `portal.markdown` to show in the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cocreate.standard.vocabulary import NOT_RECORDED

Text = str | dict[str, str]
"""A text as a record gives it: one string, or one per language (`{id: ..., en: ...}`)."""


@dataclass(frozen=True, slots=True)
class Location:
    """Where the project takes place, as far as the record says (`location`)."""

    scope: str | None = None
    country: str | None = None
    """ISO 3166-1, as recorded: never the portal's when the record does not give one."""
    province: str | None = None
    city: str | None = None
    district: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An entry of the project's timeline (`timeline[]`): what happened, or a step planned."""

    date: str
    phase: str
    activity: str
    title: Text
    description: Text | None = None
    evidence: str | None = None
    """Where one can see that it happened (a URL), when the record gives one."""
    planned: bool = False


@dataclass(frozen=True, slots=True)
class Stakeholder:
    """A party to the project (`stakeholders[]`): who, in which role, what it gives and
    expects to get (either may be `not-recorded`)."""

    name: str
    category: str
    role: str
    contributes: Text
    benefit: Text
    kind: str | None = None
    """`individual` for a person (with consent), else an organisation."""
    url: str | None = None
    since: str | None = None
    motivations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Principle:
    """A working principle the parties commit to (`principles[]`), and how they practise it."""

    principle: str
    practice: Text
    evidence: str | None = None
    """Where one can see it practised (a URL), when the record gives one."""


@dataclass(frozen=True, slots=True)
class Output:
    """What the project has produced (`outputs[]`)."""

    title: Text
    type: str
    url: str | None = None
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """Another public page about the project (`links[]`)."""

    title: Text
    url: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table the project publishes (`data[]`): a CSV file and its Table Schema, in its folder."""

    name: str
    title: Text
    path: str
    schema: str
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class Trust:
    """The project's promise to participants about their information; each statement may be
    `not-recorded`."""

    information: Text
    purpose: Text
    access: Text
    retention: Text

    @property
    def statements(self) -> tuple[Text, Text, Text, Text]:
        return (self.information, self.purpose, self.access, self.retention)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where the record comes from, when it was imported from an existing list (`source`)."""

    url: str | None = None
    license: str | None = None
    record_id: str | None = None
    documented_by: str | None = None
    imported: str | None = None


def location(data: Mapping[str, Any]) -> Location:
    """The place's parts the record gives; none when it says `location: not-recorded`."""
    value = data["location"]
    if not isinstance(value, Mapping):
        return Location()
    return Location(*(str(value[key]) if value.get(key) is not None else None
                      for key in ("scope", "country", "province", "city", "district")))


def timeline_entry(entry: Mapping[str, Any]) -> TimelineEntry:
    return TimelineEntry(entry["date"], entry["phase"], entry["activity"], entry["title"], entry.get("description"),
                         entry.get("evidence"), entry.get("planned") == "true")


def stakeholders(data: Mapping[str, Any]) -> list[Stakeholder]:
    return [Stakeholder(s["name"], s["category"], s["role"], s["contributes"], s["benefit"], s.get("kind"),
                        s.get("url"), s.get("since"), tuple(s.get("motivations", ())))
            for s in data["stakeholders"]]


def principles(data: Mapping[str, Any]) -> list[Principle]:
    return [Principle(p["principle"], p["practice"], p.get("evidence")) for p in data.get("principles", ())]


def outputs(data: Mapping[str, Any]) -> list[Output]:
    return [Output(o["title"], o["type"], o.get("url"), o.get("description")) for o in data.get("outputs", ())]


def links(data: Mapping[str, Any]) -> list[Link]:
    return [Link(link["title"], link["url"]) for link in data.get("links", ())]


def tables(data: Mapping[str, Any]) -> list[Table]:
    return [Table(t["name"], t["title"], t["path"], t["schema"], t.get("description")) for t in data.get("data", ())]


def trust(data: Mapping[str, Any]) -> Trust | None:
    """The promise, or None when the record does not make one (`trust: not-recorded`)."""
    value = data["trust"]
    if value == NOT_RECORDED or not isinstance(value, Mapping):
        return None
    return Trust(value["information"], value["purpose"], value["access"], value["retention"])


def provenance(data: Mapping[str, Any]) -> Provenance | None:
    """Where the record comes from, or None when it does not say (it was not imported)."""
    value = data.get("source")
    if not value:
        return None
    return Provenance(value.get("url"), value.get("license"), value.get("record_id"), value.get("documented_by"),
                      value.get("imported"))
