"""The portal model: facets, organisations, coverage."""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import TraceFunction

import pytest

from cocreate.i18n.translator import Translator
from cocreate.portal.catalog import Catalog
from cocreate.portal.entry import Entry, Party
from cocreate.portal.facets import FACETS, index_json
from cocreate.portal.project import Project
from cocreate.portal.urls import UniqueSlugs, slugify
from cocreate.standard.loader import load_text
from cocreate.standard.validate import validate_paths
from helpers import FIXTURES, PROJECTS


def _catalog(language: str = "id") -> Catalog:
    t = Translator(language)
    report = validate_paths([PROJECTS])
    entries = []
    for result in report.projects:
        assert result.source.slug is not None
        assert result.data is not None
        entries.append(Project(result.source.slug, result.data, "x", t).entry())
    return Catalog(entries, t)


def entry(slug: str, **fields: Any) -> Entry:
    """The minimal fixture's entry, under another slug and with some fields changed."""
    data = load_text((FIXTURES / "valid" / "minimal.yml").read_bytes(), "m.yml").data
    assert data is not None
    return dataclasses.replace(Project(slug, data, "x", Translator("en")).entry(), slug=slug, title=slug, **fields)


def test_facets_cover_every_project_once_per_single_valued_facet() -> None:
    catalog = _catalog()
    for facet in ("phase", "kind", "openness", "ownership", "status", "approach", "location"):
        assert sum(len(fv.projects) for fv in catalog.facets[facet]) == len(catalog.projects), facet
    assert [fv.value for fv in catalog.facets["phase"]] == ["involvement", "curation", "empowerment"]
    assert {fv.value for fv in catalog.facets["kind"]} == {"crowd", "club", "coalition", "community"}


def test_organisations_are_merged_by_name_and_category() -> None:
    catalog = _catalog()
    for category, orgs in catalog.organisations.items():
        names = [org.name.casefold() for org in orgs]
        assert len(names) == len(set(names)), category  # one organisation per name in a category
        assert all(org.category == category for org in orgs)
    total_roles = sum(len(org.roles) for orgs in catalog.organisations.values() for org in orgs)
    assert total_roles == sum(len(p.stakeholders) for p in catalog.projects)
    shared = Catalog([entry("a", stakeholders=(Party(name="Forum RW", category="community", role="initiator"),)),
                      entry("b", stakeholders=(Party(name="forum rw ", category="community", role="partner"),
                                               Party(name="Forum RW", category="business", role="funder")))], Translator("en"))
    assert [(o.name, [(p.slug, role) for p, role in o.roles]) for o in shared.organisations["community"]] == [
        ("Forum RW", [("a", "initiator"), ("b", "partner")])]
    assert [o.name for o in shared.organisations["business"]] == ["Forum RW"]


def test_the_index_filters_as_the_facets_list() -> None:
    """The catalogue page's script finds each facet's values in the column the index names
    for it (`facets`, from `FACETS`): filtering the index by a value gives the very projects
    of that value's static list."""
    catalog = _catalog("en")
    index = json.loads(index_json(catalog.projects))
    rows = [dict(zip(index["fields"], row, strict=True)) for row in index["projects"]]
    assert set(index["facets"]) == {facet.name for facet in FACETS}
    assert {"categories", "dimensions", "tags", "location"} <= set(index["facets"].values()) <= set(index["fields"])
    for facet, values in catalog.facets.items():
        column = index["facets"][facet]
        for fv in values:
            shown = [row["slug"] for row in rows
                     if (fv.value in row[column] if isinstance(row[column], list) else row[column] == fv.value)]
            assert shown == [p.slug for p in fv.projects], (facet, fv.value)
    assert all(catalog.facets[name] for name in ("category", "dimension", "tag", "location"))  # lists and texts


def test_coverage_counts_projects_per_category_and_phase() -> None:
    catalog = _catalog()
    for category, row in catalog.coverage.items():
        assert sum(row.values()) == sum(category in p.categories for p in catalog.projects)


def test_demo_covers_the_vocabulary() -> None:
    catalog = _catalog()
    assert len(catalog.facets["category"]) == 7
    assert {fv.value for fv in catalog.facets["approach"]} >= {"top-down", "bottom-up"}
    assert len(catalog.facets["phase"]) == 3


def test_slugify() -> None:
    assert slugify("Kota Sukamaju") == "kota-sukamaju"
    assert slugify("Café & Ürün") == "cafe-urun"
    assert slugify("!!!") == "x"


def _old_unique(bases: list[str]) -> list[str]:
    """The de-duplication portals were built with until it was made linear: the reference
    for the addresses that must not change."""
    taken: set[str] = set()
    out = []
    for base in bases:
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out.append(slug)
    return out


TRICKY = [
    ["x", "x", "x"],
    ["x", "x-2", "x"],  # a literal x-2 before the generated one
    ["x", "x", "x-2"],  # ... and after it: the literal moves on
    ["x-2", "x", "x", "x", "x-3", "x-2"],
    ["x-2-2", "x-2", "x-2", "x", "x"],
    ["a-1", "a", "a", "a-1", "a-10", "a", "a", "a", "a", "a", "a", "a", "a", "a"],
    ["x"] * 5 + ["x-5", "x-6", "x"] + ["x-7"] * 3,
]


@pytest.mark.parametrize("bases", TRICKY)
def test_unique_slugs_are_unique_and_as_before(bases: list[str]) -> None:
    unique = UniqueSlugs()
    slugs = [unique(base) for base in bases]
    assert len(set(slugs)) == len(slugs)
    assert slugs == _old_unique(bases)


def test_unique_slugs_match_the_old_numbering_on_random_lists() -> None:
    rng = random.Random(11)
    for _ in range(300):
        bases = [rng.choice(["x", "x-2", "x-3", "x-2-2", "y", "y-2", "x-10"]) for _ in range(rng.randint(1, 30))]
        unique = UniqueSlugs()
        assert [unique(b) for b in bases] == _old_unique(bases), bases


class _TooMuchWork(Exception):
    pass


def lines_run(work: Callable[[], object], budget: int) -> int:
    """How many lines of Python `work` runs, in every function it calls, as the interpreter
    counts them (`sys.settrace`); `work` is stopped once they are more than `budget`."""
    count = 0

    def each_line(_frame: FrameType, event: str, _arg: Any) -> TraceFunction:
        nonlocal count
        if event == "line":
            count += 1
            if count > budget:
                raise _TooMuchWork
        return each_line

    before = sys.gettrace()
    def each_call(_frame: FrameType, _event: str, _arg: Any) -> TraceFunction:
        return each_line

    sys.settrace(each_call)
    try:
        work()
    except _TooMuchWork:
        pass
    finally:
        sys.settrace(before)
    return count


def test_unique_slugs_take_linear_work_for_many_alike_names() -> None:
    # 16,000 names that slugify alike, with the literal numbered slugs they would collide
    # with mixed in: the old loop looked up about 128 million slugs here, in hundreds of millions of lines.
    bases = ["rw-05"] * 16_000 + [f"rw-05-{n}" for n in range(2, 16_002, 3)] + ["rw-05"] * 100
    unique = UniqueSlugs()
    slugs: list[str] = []
    budget = 20 * len(bases)  # a few lines for each slug handed out and each taken one passed over
    lines = lines_run(lambda: slugs.extend(unique(base) for base in bases), budget)
    assert lines <= budget, f"more than {budget} lines of Python for {len(bases)} names"
    assert len(slugs) == len(bases)
    assert len(set(slugs)) == len(slugs)
    assert slugs[:3] == ["rw-05", "rw-05-2", "rw-05-3"]


def test_organisations_that_slugify_alike_get_their_own_addresses() -> None:
    t = Translator("en")
    # names that differ only in characters slugify drops: one slug base for all of them
    names = ["Forum RW 05", "forum-rw-05-2", *(f"Forum RW 05 {chr(0x4E00 + i)}" for i in range(16_000))]
    projects = [entry(f"p{i}", stakeholders=tuple(Party(name=name, category="community", role="partner")
                                                  for name in names[i * 200:(i + 1) * 200]))
                for i in range(len(names) // 200 + 1)]
    orgs = Catalog(projects, t).organisations["community"]
    slugs = [org.slug for org in orgs]
    assert len(orgs) == len(names)
    assert len(set(slugs)) == len(slugs)
    # sorted by name, the 16,001 alike names come first and the literal one moves on
    assert slugs[:3] == ["forum-rw-05", "forum-rw-05-2", "forum-rw-05-3"]
    assert slugs[-2:] == ["forum-rw-05-16001", "forum-rw-05-2-2"]
    assert slugs[:-1] == ["forum-rw-05", *(f"forum-rw-05-{n}" for n in range(2, 16_002))]


def test_facet_values_that_slugify_alike_get_their_own_addresses() -> None:
    t = Translator("en")

    def project(slug: str, city: str) -> Entry:
        return entry(slug, place=city)

    cities = ["Kota A", "kota-a-2", "KOTA A", "Kota  A!"]
    catalog = Catalog([project(f"p{i}", city) for i, city in enumerate(cities)], t)
    slugs = {fv.value: fv.slug for fv in catalog.facets["location"]}
    # in label order: "kota  a!", "kota a" (twice), "kota-a-2"
    assert slugs == {"Kota  A!": "kota-a", "Kota A": "kota-a-2", "KOTA A": "kota-a-3", "kota-a-2": "kota-a-2-2"}


@pytest.mark.parametrize(("timeline", "start", "began"), [
    (["2024-03-17", "2025-01"], None, "2024-03-17"),  # the first event of the timeline
    (["2024-Q3"], "2020", "2024-07-01"),              # a quarter from its first day, before start_date
    ([], "2023-05", "2023-05-01"),                    # no event: the start date
    ([], None, None),                                 # neither: no date, sorted last
])
def test_a_project_began_on_the_first_day_its_record_gives(timeline: list[str], start: str | None,
                                                           began: str | None) -> None:
    """The catalogue's "newest first" orders by this day (`began` in projects/index.json)."""
    data = load_text((FIXTURES / "valid" / "minimal.yml").read_bytes(), "m.yml").data
    event = data["timeline"][0] if data["timeline"] else {"phase": "involvement", "activity": "co-experience",
                                                            "title": "x"}
    data = {**data, "timeline": [{**event, "date": date} for date in timeline]}
    data.pop("start_date", None)
    if start:
        data["start_date"] = start
    project = Project("p", data, "x", Translator("en"))
    assert project.began == began
    assert project.entry().began == began
