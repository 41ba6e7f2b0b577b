"""What lists, overviews, indexes and feeds know of a project: its `Entry` and its parties.

An `Entry` is made where a project is validated (a worker process, `Project.entry`) and is
all of the project that travels back to the main process: the catalogue, the statistics and
the feeds are made from entries alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cocreate.portal import urls
from cocreate.portal.calls import Call
from cocreate.portal.dialogue import DialogueCounts


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """A stakeholder as lists show it."""

    name: str
    category: str
    role: str
    since: str | None = None
    """When the party joined, as recorded."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """A project as lists, overviews, the catalogue's index and the data package's
    descriptor see it; texts in the portal's language. Made by keyword only
    (`Project.entry`): twenty fields are too many to tell apart by their place."""

    slug: str
    title: str
    summary: str
    phase: str
    status: str
    kind: str
    openness: str
    ownership: str
    approach: str
    categories: tuple[str, ...]
    dimensions: tuple[str, ...]
    tags: tuple[str, ...]
    place: str
    """The most precise place recorded: a city, a region or province, or a country."""
    example: bool
    incomplete: bool
    """Whether the record answers "not recorded" anywhere."""
    title_lang: str | None
    """The language of the title when it is not the portal's (lists mark it for screen readers)."""
    summary_lang: str | None
    stakeholders: tuple[Party, ...]
    tables: tuple[dict[str, Any], ...]
    """The project's own tables (`data` in its file), for the data package."""
    last_changed: str | None
    call: Call | None = None
    """The project's call, only when it is open on the day of the build."""
    principles: tuple[tuple[str, bool], ...] = ()
    """Each working principle committed to, and whether an evidence link backs it."""
    phase_dates: tuple[tuple[str, str], ...] = ()
    """Each phase the timeline reached, with the date of its first entry, in order."""
    runs_until: str | None = None
    """The last day the record shows the project running (ISO): the end of its last dated
    timeline entry, when it has ended or its status is not recorded; None while it runs on
    (proposed, active, paused) or when no entry is dated."""
    began: str | None = None
    """The first day of the project as recorded (`Project.began`), for sorting by newest."""
    dialogue: DialogueCounts = DialogueCounts()
    """What residents asked and how much of it the city answered, counted."""

    @property
    def uri(self) -> str:
        return urls.project(self.slug)
