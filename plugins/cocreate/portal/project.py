"""One valid project, whole, in the portal's language: what its page shows.

A `Project` is made where the project is validated (a worker process) to render its page;
its `Entry` (`portal/entry.py`) is what lists, overviews and indexes need, and all that
travels back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from cocreate.i18n.translator import Translator
from cocreate.portal import parts, urls
from cocreate.portal.calls import Call, call_of
from cocreate.portal.dialogue import Exchange, PlannedStep, counts, events, exchanges, planned_steps
from cocreate.portal.entry import Entry, Party
from cocreate.portal.parts import Text
from cocreate.portal.periods import span
from cocreate.standard.fieldpaths import walk
from cocreate.standard.schema import is_multilingual
from cocreate.standard.vocabulary import (
    ANSWERS,
    CATEGORIES,
    CATEGORY_ORDER,
    CLOSED_STATUSES,
    NOT_RECORDED,
    PHASES,
    PRINCIPLES,
    approach,
    holds_not_recorded,
    kind,
)


@dataclass
class Project:
    """One valid project, with derived values and its texts in the portal's language."""

    slug: str
    data: dict[str, Any]
    source: str
    """Path of the YAML file relative to the repository root, for edit links."""
    t: Translator
    last_changed: str | None = None
    history: list[Any] | None = None
    """The project's history events, newest first; None when history is unavailable."""
    today: dt.date | None = None
    """The day of the build, for which its call is open or closed (None: not known, so
    no call is open)."""

    @cached_property
    def title(self) -> str:
        return self.t.text(self.data["title"])

    @cached_property
    def summary(self) -> str:
        return self.t.text(self.data["summary"])

    @property
    def title_lang(self) -> str | None:
        """The language the title is shown in when it is not the portal's, else None."""
        return _other(self.t, self.data["title"])

    @property
    def summary_lang(self) -> str | None:
        return _other(self.t, self.data["summary"])

    @property
    def phase(self) -> str:
        return self.data["phase"]

    @cached_property
    def events(self) -> list[parts.TimelineEntry]:
        """The timeline's events, oldest first: what happened, not the steps planned."""
        return [parts.timeline_entry(event) for event in events(self.data["timeline"])]

    @cached_property
    def plans(self) -> list[PlannedStep]:
        """The steps planned next, earliest first, each saying whether its date has passed."""
        return planned_steps(self.data["timeline"], self.today)

    @cached_property
    def exchanges(self) -> list[Exchange]:
        """What residents asked and what the city answered, newest question first."""
        return exchanges(self.data.get("dialogue", ()), self.today)

    @cached_property
    def phases_in_timeline(self) -> frozenset[str]:
        """The phases that the timeline shows an event in (a planned step is not one)."""
        return frozenset(e.phase for e in self.events if e.phase in PHASES)

    @property
    def steps(self) -> list[tuple[str, str]]:
        """Each phase and what the record says of it: `current` (the file says so), `done`
        (an earlier phase the timeline shows), `next` (a later one), `seen` (the timeline
        shows it, the current phase is not recorded) or `unrecorded`. A phase is never done
        because a later one is current: the record has to show it."""
        steps = []
        current = PHASES.index(self.phase) if self.phase in PHASES else None
        for index, phase in enumerate(PHASES):
            if current is None:
                state = "seen" if phase in self.phases_in_timeline else "unrecorded"
            elif index == current:
                state = "current"
            elif index > current:
                state = "next"
            else:
                state = "done" if phase in self.phases_in_timeline else "unrecorded"
            steps.append((phase, state))
        return steps

    @property
    def status(self) -> str:
        return self.data["status"]

    @property
    def openness(self) -> str:
        return self.data["openness"]["level"]

    @property
    def ownership(self) -> str:
        return self.data["ownership"]["level"]

    @cached_property
    def kind(self) -> str:
        return kind(self.openness, self.ownership)

    @cached_property
    def approach(self) -> str:
        return approach(self.data["stakeholders"])

    @cached_property
    def categories(self) -> list[str]:
        """The categories of the parties, in order: the seven, then other parties, then
        parties whose kind is not recorded."""
        present = {s["category"] for s in self.data["stakeholders"]}
        return [c for c in CATEGORY_ORDER if c in present]

    @property
    def stakeholders_by_category(self) -> list[tuple[str, list[parts.Stakeholder]]]:
        """The stakeholders grouped by category, in the order of `categories`."""
        groups: dict[str, list[parts.Stakeholder]] = {}
        for stakeholder in parts.stakeholders(self.data):
            groups.setdefault(stakeholder.category, []).append(stakeholder)
        return [(category, groups[category]) for category in CATEGORY_ORDER if category in groups]

    @property
    def missing_voices(self) -> list[str] | None:
        """The seven categories no party belongs to; None when some party's category is
        not recorded (it may be any of them)."""
        if NOT_RECORDED in self.categories:
            return None
        return [c for c in CATEGORIES if c not in self.categories]

    @cached_property
    def incomplete(self) -> bool:
        """Whether the record answers "not recorded" anywhere."""
        return holds_not_recorded(self.data)

    @cached_property
    def only_in(self) -> list[str]:
        """The other languages some of the project's texts are shown in, for want of one in
        the portal's language."""
        found: set[str] = set()
        for path, value in walk(self.data, stop=is_multilingual):
            if not (isinstance(value, dict) and is_multilingual(path)):
                continue  # a plain text is taken to be in the portal's language
            text, language = self.t.text_in(value)
            if language is not None and language != self.t.language:
                found.add(language)
        return sorted(found)

    @property
    def dimensions(self) -> list[str]:
        return list(self.data.get("dimensions", []))

    @property
    def tags(self) -> list[str]:
        return list(self.data.get("tags", []))

    @property
    def parties_stating(self) -> int:
        """How many parties the record says both what they give and what they expect to get."""
        return sum(1 for s in self.data["stakeholders"]
                   if NOT_RECORDED not in (s.get("contributes"), s.get("benefit")))

    @cached_property
    def location(self) -> parts.Location:
        """The parts of the place the record gives (scope, country, province, city,
        district); none when the record does not say where (`location: not-recorded`)."""
        return parts.location(self.data)

    @property
    def location_recorded(self) -> bool:
        return self.data["location"] != NOT_RECORDED

    @property
    def city(self) -> str:
        return self.location.city or ""

    @property
    def country(self) -> str | None:
        """The project's country as recorded (ISO 3166-1), else None: never the portal's."""
        return self.location.country or None

    @property
    def place(self) -> str:
        """The most precise place recorded: the city, else the region or province, else the
        country's name (a national programme has no city)."""
        location = self.location
        if location.city:
            return location.city
        if location.province:
            return location.province
        return self.t.country(location.country) if location.country else ""

    @property
    def example(self) -> bool:
        return self.data.get("example") == "true"

    @property
    def uri(self) -> str:
        return urls.project(self.slug)

    @property
    def accepts_participants(self) -> bool | None:
        """Whether the project takes new participants: not when it is completed or archived;
        unknown (None) when its record does not say its status or who can join, for the page
        never invites readers into what may have ended or be closed to them."""
        if self.status in CLOSED_STATUSES:
            return False
        if NOT_RECORDED in (self.status, self.openness):
            return None
        return True

    @cached_property
    def call(self) -> Call | None:
        """The project's call (`seeking`), open or closed."""
        return call_of(self.data, self.t, CATEGORIES)

    @property
    def open_call(self) -> Call | None:
        """The call, when it invites people in: open on the day of the build, on a project
        that takes participants now (its status and who can join recorded, and not ended).
        A record that does not say whether the project takes anyone has no open call on any
        page, list, badge or feed, whatever its call's dates."""
        call = self.call
        if call is None or self.today is None or self.accepts_participants is not True:
            return None
        return call if call.open_on(self.today) else None

    @cached_property
    def principles(self) -> list[parts.Principle]:
        """The working principles the parties commit to, in the order the co-creation text names them."""
        return sorted(parts.principles(self.data), key=lambda p: PRINCIPLES.index(p.principle))

    def entry(self) -> Entry:
        """What lists, overviews and indexes show of the project."""
        phases: dict[str, str] = {}
        for event in self.events:
            phases.setdefault(event.phase, event.date)
        ends = [found[1] for event in self.events if (found := span(event.date)) is not None]
        runs_until = max(ends).isoformat() if ends and (self.status in CLOSED_STATUSES
                                                        or self.status == NOT_RECORDED) else None
        return Entry(slug=self.slug, title=self.title, summary=self.summary, phase=self.phase, status=self.status,
                     kind=self.kind, openness=self.openness, ownership=self.ownership, approach=self.approach,
                     categories=tuple(self.categories), dimensions=tuple(self.dimensions), tags=tuple(self.tags),
                     place=self.place, example=self.example, incomplete=self.incomplete,
                     title_lang=self.title_lang, summary_lang=self.summary_lang,
                     stakeholders=tuple(Party(name=s["name"], category=s["category"], role=s["role"],
                                              since=s.get("since"))
                                        for s in self.data["stakeholders"]),
                     tables=tuple(self.data.get("data", ())), last_changed=self.last_changed,
                     call=self.open_call,
                     principles=tuple((p.principle, p.evidence is not None) for p in self.principles),
                     phase_dates=tuple(phases.items()), runs_until=runs_until, began=self.began,
                     dialogue=counts(self.exchanges, ANSWERS))

    @property
    def began(self) -> str | None:
        """The first day of the project as recorded (the catalogue's "newest first"): the
        date of its timeline's first event that happened (not a planned step), else its
        `start_date`; a month, quarter or year counts from its first day. None when neither
        is recorded."""
        happened = [event.date for event in self.events]
        first = happened[0] if happened else self.data.get("start_date")
        found = span(first) if isinstance(first, str) else None
        return found[0].isoformat() if found else None

    # ----- what its page shows besides (portal/parts.py): the record's own parts, typed ----
    @property
    def title_text(self) -> Text:
        """The title as recorded, in each language it is written in (`title` is the one shown)."""
        return self.data["title"]

    @property
    def summary_text(self) -> Text:
        return self.data["summary"]

    @property
    def description(self) -> Text:
        """What the project is about, in Markdown."""
        return self.data["description"]

    @property
    def criteria(self) -> list[Text]:
        """What someone must meet to join, when the record says."""
        return list(self.data["openness"].get("criteria", ()))

    @property
    def how_to_join(self) -> Text | None:
        """How to join, in Markdown, when the record says."""
        return self.data["openness"].get("how_to_join")

    @property
    def license(self) -> str | None:
        """The licence of the results (SPDX), when the record gives one."""
        return self.data["ownership"].get("license")

    @property
    def ownership_note(self) -> Text | None:
        return self.data["ownership"].get("note")

    @property
    def start_date(self) -> str | None:
        """When the project started or will start, as recorded."""
        return self.data.get("start_date")

    @property
    def party_count(self) -> int:
        """How many parties the record names."""
        return len(self.data["stakeholders"])

    @property
    def maintainers(self) -> list[str]:
        """Who looks after the project's file (none: the portal's maintainers)."""
        return list(self.data.get("maintainers", ()))

    @cached_property
    def outputs(self) -> list[parts.Output]:
        return parts.outputs(self.data)

    @cached_property
    def links(self) -> list[parts.Link]:
        return parts.links(self.data)

    @cached_property
    def tables(self) -> list[parts.Table]:
        """The project's own tables (`data`)."""
        return parts.tables(self.data)

    @cached_property
    def trust(self) -> parts.Trust | None:
        return parts.trust(self.data)

    @cached_property
    def provenance(self) -> parts.Provenance | None:
        """Where the record comes from (`source`; `Project.source` is its file)."""
        return parts.provenance(self.data)


def _other(t: Translator, value: Any) -> str | None:
    """The language a text is shown in when it is not the portal's, else None."""
    language = t.text_in(value)[1]
    return language if language is not None and language != t.language else None
