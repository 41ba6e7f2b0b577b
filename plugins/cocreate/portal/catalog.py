"""The portal's catalogue: every project's entry, sorted, with its facets' values, the
directory of stakeholders (organisations across projects), coverage and open calls."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from cocreate.i18n.translator import Translator
from cocreate.portal.entry import Entry
from cocreate.portal.facets import FACETS, FacetValue
from cocreate.portal.urls import UniqueSlugs, slugify
from cocreate.standard.vocabulary import CATEGORIES, CATEGORY_ORDER, KINDS, NOT_RECORDED, OPENNESS, OWNERSHIP, PHASES


@dataclass
class Organisation:
    """A stakeholder as it appears across projects, named the same way."""

    name: str
    category: str
    roles: list[tuple[Entry, str]] = field(default_factory=list)
    slug: str = ""
    """Unique within its category: the address of its own list, when it needs one."""


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
