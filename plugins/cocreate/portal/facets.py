"""The catalogue's facets: the ways to filter it (phase, kind, category, tag...), how to
read an entry's values for each, and a value with the projects that have it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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
