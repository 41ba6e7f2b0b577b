"""The catalogue's facets: the ways to filter it (phase, kind, category, tag...), a value
with the projects that have it, and the index (`projects/index.json`) the catalogue page's
script filters with. Which column of the index holds each facet's values is said here
once: the catalogue's lists, the index and the script all read it from `FACETS`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cocreate.portal.calls import closes_on
from cocreate.portal.entry import Entry
from cocreate.standard.vocabulary import (
    APPROACHES,
    CATEGORY_ORDER,
    DIMENSIONS,
    KIND_ORDER,
    NOT_RECORDED,
    OPENNESS,
    OWNERSHIP,
    PHASES,
    STATUSES,
)

Cell = str | tuple[str, ...]
"""A project's value in one column of the index: a text (empty when there is none), or a
list of them."""

COLUMNS: dict[str, Callable[[Entry], Cell]] = {
    "slug": lambda e: e.slug,
    "title": lambda e: e.title,
    "summary": lambda e: e.summary,
    "phase": lambda e: e.phase,
    "kind": lambda e: e.kind,
    "openness": lambda e: e.openness,
    "ownership": lambda e: e.ownership,
    "status": lambda e: e.status,
    "categories": lambda e: e.categories,
    "dimensions": lambda e: e.dimensions,
    "approach": lambda e: e.approach,
    "location": lambda e: e.place,
    "tags": lambda e: e.tags,
    "call": lambda e: "open" if e.call is not None else "",
    "began": lambda e: e.began or "",
    "closes": lambda e: closes_on(e.call),
}
"""The columns of the catalogue's index (`projects/index.json`), in order: what the
catalogue page's script filters by, orders by (`began`, `closes`) and draws its cards from."""


@dataclass(frozen=True)
class Facet:
    """A way to filter the catalogue: a name, the column of the index that holds a
    project's values, and labels."""

    name: str
    column: str | None
    """The column of `COLUMNS` (and of the index) that holds a project's values; None for
    a list that is no facet of the catalogue (an organisation's projects)."""
    label_group: str | None = None
    """Vocabulary group for labels; None when the value is its own label (tags, places)."""
    order: tuple[str, ...] = ()
    static: bool = True
    """Whether the facet has static list pages (else it filters only with JavaScript)."""

    def values_of(self, entry: Entry) -> tuple[str, ...]:
        """The project's values: its column's list, or its text when it has one."""
        if self.column is None:
            return ()
        value = COLUMNS[self.column](entry)
        return value if isinstance(value, tuple) else (value,) if value else ()


FACETS: tuple[Facet, ...] = (
    Facet("phase", "phase", "phase", (*PHASES, NOT_RECORDED)),
    Facet("kind", "kind", "kind", (*KIND_ORDER, NOT_RECORDED)),
    Facet("openness", "openness", "openness", (*OPENNESS, NOT_RECORDED)),
    Facet("ownership", "ownership", "ownership", (*OWNERSHIP, NOT_RECORDED)),
    Facet("category", "categories", "category", CATEGORY_ORDER),
    Facet("status", "status", "status", (*STATUSES, NOT_RECORDED)),
    Facet("call", "call", "call", ("open",)),
    Facet("dimension", "dimensions", "dimension", DIMENSIONS),
    Facet("approach", "approach", "approach", (*APPROACHES, NOT_RECORDED), static=False),
    Facet("location", "location"),
    Facet("tag", "tags"),
)
"""The catalogue's facets, in the order of its filters; the index names each one's column
(`facets` in `projects/index.json`), so the page's script reads this map and no other."""


def index_json(entries: Iterable[Entry]) -> str:
    """The compact catalogue index that the catalogue page filters with JavaScript: the
    columns' names, each facet's column, and one row of cells a project."""
    rows = [[column(entry) for column in COLUMNS.values()] for entry in entries]
    return json.dumps({"fields": list(COLUMNS), "facets": {facet.name: facet.column for facet in FACETS},
                       "projects": rows}, ensure_ascii=False, separators=(",", ":"))


@dataclass
class FacetValue:
    facet: Facet
    value: str
    label: str
    slug: str
    projects: list[Entry] = field(default_factory=list)
