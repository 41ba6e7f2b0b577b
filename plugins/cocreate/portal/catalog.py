"""The portal's model: validated projects seen in one language, with their facets.

A `Project` is the whole of one project, made where the project is validated (a worker
process) to render its page; its `Entry` is what lists, overviews and indexes need, and
all that travels back. The `Catalog` is every entry, with facets and the directory of
stakeholders.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cocreate.i18n.translator import Translator
from cocreate.portal import urls
from cocreate.portal.calls import Call, call_of
from cocreate.portal.dialogue import DialogueCounts, Exchange, PlannedStep, counts, events, exchanges, planned_steps
from cocreate.portal.periods import span
from cocreate.portal.urls import slugify
from cocreate.standard.schema import is_multilingual
from cocreate.standard.vocabulary import (
    ANSWERS,
    APPROACHES,
    CATEGORIES,
    CATEGORY_ORDER,
    CLOSED_STATUSES,
    DIMENSIONS,
    KIND_ORDER,
    KINDS,
    NOT_RECORDED,
    OPENNESS,
    OWNERSHIP,
    PHASES,
    PRINCIPLES,
    STATUSES,
    approach,
    holds_not_recorded,
    kind,
)


class UniqueSlugs:
    """Hands out slugs unique within one list, in the order asked: the first `RW 05` gets
    `rw-05`, the next name that slugifies alike `rw-05-2`, then `rw-05-3`.

    Each slug is the smallest free `base`, `base-2`, `base-3`... (so addresses stay as
    they always were), found in linear time: the next number to try is kept per base, and a
    number that was found taken is never tried again. A generated `x-2` and a name that is
    itself `x-2` never share a slug: whichever comes second moves on (`x-3`, or `x-2-2`).
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        """The longest slug handed out: a base is shortened to make room for its `-n`."""
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        n = self._next.get(base, 1)
        while True:
            slug = base if n == 1 else f"{base}-{n}"
            if self.limit is not None and len(slug) > self.limit:
                suffix = "" if n == 1 else f"-{n}"
                slug = base[: self.limit - len(suffix)].rstrip("-") + suffix
            n += 1
            if slug not in self._taken:
                break
        self._next[base] = n
        self._taken.add(slug)
        return slug


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
    def events(self) -> list[dict[str, Any]]:
        """The timeline's events, oldest first: what happened, not the steps planned."""
        return events(self.data["timeline"])

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
        return frozenset(e["phase"] for e in self.events if e["phase"] in PHASES)

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
    def stakeholders_by_category(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """The stakeholders grouped by category, in the order of `categories`."""
        groups: dict[str, list[dict[str, Any]]] = {}
        for stakeholder in self.data["stakeholders"]:
            groups.setdefault(stakeholder["category"], []).append(stakeholder)
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
        for value in _multilingual(self.data, ()):
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

    @property
    def location(self) -> dict[str, str]:
        """The parts of the place the record gives (scope, country, province, city,
        district); empty when the record does not say where (`location: not-recorded`)."""
        value = self.data["location"]
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    @property
    def location_recorded(self) -> bool:
        return self.data["location"] != NOT_RECORDED

    @property
    def city(self) -> str:
        return self.location.get("city", "")

    @property
    def country(self) -> str | None:
        """The project's country as recorded (ISO 3166-1), else None: never the portal's."""
        return self.location.get("country") or None

    @property
    def place(self) -> str:
        """The most precise place recorded: the city, else the region or province, else the
        country's name (a national programme has no city)."""
        location = self.location
        if location.get("city"):
            return str(location["city"])
        if location.get("province"):
            return str(location["province"])
        return self.t.country(str(location["country"])) if location.get("country") else ""

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

    @property
    def principles(self) -> list[dict[str, Any]]:
        """The working principles the parties commit to, in the order the co-creation text names them."""
        return sorted(self.data.get("principles", []), key=lambda p: PRINCIPLES.index(p["principle"]))

    def entry(self) -> Entry:
        """What lists, overviews and indexes show of the project."""
        phases: dict[str, str] = {}
        for event in self.events:
            phases.setdefault(event["phase"], event["date"])
        ends = [found[1] for event in self.events if (found := span(event["date"])) is not None]
        runs_until = max(ends).isoformat() if ends and (self.status in CLOSED_STATUSES
                                                        or self.status == NOT_RECORDED) else None
        return Entry(self.slug, self.title, self.summary, self.phase, self.status, self.kind, self.openness,
                     self.ownership, self.approach, tuple(self.categories), tuple(self.dimensions), tuple(self.tags),
                     self.place, self.example, self.incomplete, self.title_lang, self.summary_lang,
                     tuple(Party(s["name"], s["category"], s["role"], s.get("since"))
                           for s in self.data["stakeholders"]),
                     tuple(self.data.get("data", ())), self.last_changed,
                     call=self.open_call,
                     principles=tuple((p["principle"], "evidence" in p) for p in self.principles),
                     phase_dates=tuple(phases.items()), runs_until=runs_until, began=self.began,
                     dialogue=counts(self.exchanges, ANSWERS))

    @property
    def began(self) -> str | None:
        """The first day of the project as recorded (the catalogue's "newest first"): the
        date of its timeline's first event that happened (not a planned step), else its
        `start_date`; a month, quarter or year counts from its first day. None when neither
        is recorded."""
        happened = [event["date"] for event in self.events]
        first = happened[0] if happened else self.data.get("start_date")
        found = span(first) if isinstance(first, str) else None
        return found[0].isoformat() if found else None


@dataclass(frozen=True, slots=True)
class Party:
    """A stakeholder as lists show it."""

    name: str
    category: str
    role: str
    since: str | None = None
    """When the party joined, as recorded."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A project as lists, overviews, the catalogue's index and the data package's
    descriptor see it; texts in the portal's language."""

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


@dataclass(frozen=True)
class Facet:
    """A way to filter the catalogue: a name, how to read a project's values, and labels."""

    name: str
    values_of: Callable[[Entry], Iterable[str]]
    label_group: str | None = None
    """Vocabulary group for labels; None when the value is its own label (tags, places)."""
    order: tuple[str, ...] = ()
    static: bool = True
    """Whether the facet has static list pages (else it filters only with JavaScript)."""


FACETS: tuple[Facet, ...] = (
    Facet("phase", lambda p: [p.phase], "phase", (*PHASES, NOT_RECORDED)),
    Facet("kind", lambda p: [p.kind], "kind", (*KIND_ORDER, NOT_RECORDED)),
    Facet("openness", lambda p: [p.openness], "openness", (*OPENNESS, NOT_RECORDED)),
    Facet("ownership", lambda p: [p.ownership], "ownership", (*OWNERSHIP, NOT_RECORDED)),
    Facet("category", lambda p: p.categories, "category", CATEGORY_ORDER),
    Facet("status", lambda p: [p.status], "status", (*STATUSES, NOT_RECORDED)),
    Facet("call", lambda p: ["open"] if p.call is not None else [], "call", ("open",)),
    Facet("dimension", lambda p: p.dimensions, "dimension", DIMENSIONS),
    Facet("approach", lambda p: [p.approach], "approach", (*APPROACHES, NOT_RECORDED), static=False),
    Facet("location", lambda p: [p.place] if p.place else []),
    Facet("tag", lambda p: p.tags),
)


@dataclass
class FacetValue:
    facet: Facet
    value: str
    label: str
    slug: str
    projects: list[Entry] = field(default_factory=list)


@dataclass
class Organisation:
    """A stakeholder as it appears across projects, named the same way."""

    name: str
    category: str
    roles: list[tuple[Entry, str]] = field(default_factory=list)
    slug: str = ""
    """Unique within its category: the address of its own list, when it needs one."""


def _multilingual(value: Any, path: tuple[str | int, ...]) -> Iterable[Any]:
    """Every text of a project that may be written in several languages."""
    if is_multilingual(path):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _multilingual(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _multilingual(child, (*path, index))


def _other(t: Translator, value: Any) -> str | None:
    """The language a text is shown in when it is not the portal's, else None."""
    language = t.text_in(value)[1]
    return language if language is not None and language != t.language else None


class Catalog:
    """All projects of the portal, sorted by title, with facets and the stakeholder directory."""

    def __init__(self, projects: Iterable[Entry], t: Translator) -> None:
        self.t = t
        self.projects = sorted(projects, key=lambda p: (p.title.casefold(), p.slug))

    @cached_property
    def facets(self) -> dict[str, list[FacetValue]]:
        """Each facet's values that occur, in vocabulary order (or by label), with projects."""
        result: dict[str, list[FacetValue]] = {}
        for facet in FACETS:
            found: dict[str, FacetValue] = {}
            for project in self.projects:
                for value in facet.values_of(project):
                    if value not in found:
                        label = self.t.label(facet.label_group, value) if facet.label_group else value
                        found[value] = FacetValue(facet, value, label, slugify(value))
                    found[value].projects.append(project)
            if facet.order:
                values = [found[v] for v in facet.order if v in found]
            else:
                values = sorted(found.values(), key=lambda fv: fv.label.casefold())
            unique = UniqueSlugs()
            for fv in values:  # two values may slugify alike ("RW 05" and "RW-05"): keep URLs apart
                fv.slug = unique(fv.slug)
            result[facet.name] = values
        return result

    def facet_value(self, facet: str, value: str) -> FacetValue | None:
        return next((fv for fv in self.facets[facet] if fv.value == value), None)

    @cached_property
    def organisations(self) -> dict[str, list[Organisation]]:
        """Stakeholders by category, each organisation once with every project it is in."""
        by_key: dict[tuple[str, str], Organisation] = {}
        for project in self.projects:
            for party in project.stakeholders:
                if party.name == NOT_RECORDED:
                    continue  # a party whose name is not recorded is no organisation of the directory
                key = (party.category, party.name.strip().casefold())
                org = by_key.setdefault(key, Organisation(party.name.strip(), party.category))
                org.roles.append((project, party.role))
        grouped: dict[str, list[Organisation]] = defaultdict(list)
        for org in by_key.values():
            grouped[org.category].append(org)
        result = {c: sorted(grouped[c], key=lambda o: o.name.casefold()) for c in CATEGORY_ORDER}
        for orgs in result.values():
            unique = UniqueSlugs()
            for org in orgs:
                org.slug = unique(slugify(org.name))
        return result

    @cached_property
    def coverage(self) -> dict[str, dict[str, int]]:
        """How many projects in each phase (or whose phase is not recorded) include each
        stakeholder category (the seven, other parties, parties of unrecorded kind)."""
        table = {c: dict.fromkeys((*PHASES, NOT_RECORDED), 0) for c in CATEGORY_ORDER}
        for project in self.projects:
            for category in project.categories:
                table[category][project.phase] += 1
        return table

    @property
    def incomplete(self) -> int:
        """How many projects answer "not recorded" somewhere."""
        return sum(p.incomplete for p in self.projects)
    @cached_property
    def _by_slug(self) -> dict[str, Entry]:
        return {p.slug: p for p in self.projects}

    def project(self, slug: str) -> Entry | None:
        """The project with this slug, if the portal has it."""
        return self._by_slug.get(slug)

    @cached_property
    def open_calls(self) -> list[Entry]:
        """The projects with an open call, the call that closes first first."""
        return sorted((p for p in self.projects if p.call is not None),
                      key=lambda p: (p.call.closes if p.call else "", p.title.casefold(), p.slug))

    @cached_property
    def calls_by_category(self) -> dict[str, list[Entry]]:
        """The projects whose open call seeks each category (every category, maybe none)."""
        found: dict[str, list[Entry]] = {c: [] for c in CATEGORIES}
        for project in self.open_calls:
            for category in project.call.categories if project.call else ():
                found[category].append(project)
        return found

    def count_by(self, facet: str) -> list[tuple[str, str, int]]:
        """(value, label, number of projects) for a facet, in its order."""
        return [(fv.value, fv.label, len(fv.projects)) for fv in self.facets[facet]]

    @staticmethod
    def kinds_matrix() -> list[list[tuple[str, str, str]]]:
        """Rows (openness) x columns (ownership) of (openness, ownership, kind)."""
        return [[(o, w, KINDS[(o, w)]) for w in OWNERSHIP] for o in OPENNESS]
