"""The statistics' numbers over time, from what projects record (never from the clock), and
the dates they read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cocreate.portal.entry import Entry, Party
from cocreate.portal.periods import quarter_of, quarters, span
from cocreate.portal.statistics import (
    joined_by_quarter,
    last_quarter,
    phases_by_quarter,
    principle_counts,
    without_dated_phase,
)
from cocreate.standard.vocabulary import PRINCIPLES


def entry(slug: str, phases: tuple[Any, ...] = (), parties: tuple[Any, ...] = (), principles: tuple[Any, ...] = ()) -> Entry:
    return Entry(slug=slug, title=slug, summary="", phase="involvement", status="active", kind="crowd",
                 openness="open", ownership="initiator", approach="bottom-up", categories=(), dimensions=(), tags=(),
                 place="Kota", example=False, incomplete=False, title_lang=None, summary_lang=None,
                 stakeholders=parties, tables=(), last_changed=None, principles=principles, phase_dates=phases)


@pytest.mark.parametrize(("value", "first", "last", "quarter"), [
    ("2024-02-29", dt.date(2024, 2, 29), dt.date(2024, 2, 29), (2024, 1)),
    ("2024-06", dt.date(2024, 6, 1), dt.date(2024, 6, 30), (2024, 2)),
    ("2024-Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30), (2024, 3)),
    ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), None),  # a year names no quarter
])
def test_a_recorded_date_stands_for_its_period(value: str, first: dt.date, last: dt.date, quarter: tuple[int, int] | None) -> None:
    assert span(value) == (first, last)
    assert quarter_of(value) == quarter


@pytest.mark.parametrize("value", ["2023-02-29", "2024-13", "2024-Q5", "24-01-01", "soon"])
def test_a_date_that_names_no_day_is_not_placed(value: str) -> None:
    assert span(value) is None
    assert quarter_of(value) is None


def test_quarters_run_across_years() -> None:
    assert quarters((2023, 3), (2024, 2)) == [(2023, 3), (2023, 4), (2024, 1), (2024, 2)]


def test_projects_by_phase_per_quarter_come_from_the_timelines() -> None:
    projects = [
        entry("a", (("involvement", "2024-01-10"), ("curation", "2024-05-02"), ("empowerment", "2024-11-30"))),
        entry("b", (("involvement", "2024-04-01"),)),
        entry("c"),  # no timeline read: not counted
    ]
    rows = [(row.quarter, row.counts) for row in phases_by_quarter(projects)]
    assert rows == [((2024, 1), (1, 0, 0, 0)),   # a started; b not yet
                    ((2024, 2), (1, 1, 0, 0)),   # a moved to curation in May, b started in April
                    ((2024, 3), (1, 1, 0, 0)),   # a quarter in which nothing changed is still there
                    ((2024, 4), (1, 0, 1, 0))]   # the last column: phase not recorded


def test_projects_no_quarter_can_count_are_counted_to_be_said() -> None:
    """The chart's note: projects with no dated event (an imported plan's steps are none) are
    said, so that the chart's totals and the portal's add up."""
    projects = [entry("a", (("involvement", "2024-01-10"),)), entry("b", (("not-recorded", "2024"),)),
                entry("c"), entry("d", (("curation", "soon"),))]
    assert without_dated_phase(projects) == 2  # c has no event, d's date names no day


def test_a_timeline_entry_of_unrecorded_phase_is_counted_as_not_recorded_never_as_a_phase() -> None:
    projects = [entry("a", (("involvement", "2023-Q4"), ("not-recorded", "2024-03"))),
                entry("b", (("not-recorded", "2024"),))]  # a year names no quarter, but it has a first day
    rows = [(row.quarter, row.counts) for row in phases_by_quarter(projects)]
    assert rows == [((2023, 4), (1, 0, 0, 0)),
                    ((2024, 1), (0, 0, 0, 2))]


def test_parties_per_quarter_come_from_their_joining_dates() -> None:
    parties = (Party(name="A", category="community", role="initiator", since="2024-02-01"),
               Party(name="B", category="business", role="partner", since="2024-08-15"),
               Party(name="C", category="academia", role="advisor"),
               Party(name="D", category="investor", role="funder", since="2024"))
    rows, undated = joined_by_quarter([entry("a", parties=parties)])
    assert rows == [((2024, 1), 1), ((2024, 2), 0), ((2024, 3), 1)]
    assert undated == 2  # one with no date, one whose date names no quarter: said, not placed


def test_every_chart_over_time_ends_at_the_same_quarter() -> None:
    """The phases' last change was in 2024 Q2, the last party joined in 2024 Q4: both charts
    end in 2024 Q4 (the phases as they stood then), each from its own first quarter."""
    projects = [entry("a", (("involvement", "2024-01-10"), ("curation", "2024-05-02")),
                      parties=(Party(name="A", category="community", role="initiator", since="2024-03-01"),
                               Party(name="B", category="business", role="partner", since="2024-11-15")))]
    until = last_quarter(projects)
    assert until == (2024, 4)
    phases = phases_by_quarter(projects, until)
    joined, _ = joined_by_quarter(projects, until)
    assert phases[-1].quarter == joined[-1][0] == (2024, 4)
    assert [row.counts for row in phases] == [(1, 0, 0, 0), (0, 1, 0, 0), (0, 1, 0, 0), (0, 1, 0, 0)]
    assert joined == [((2024, 1), 1), ((2024, 2), 0), ((2024, 3), 0), ((2024, 4), 1)]
    assert phases_by_quarter(projects)[-1].quarter == (2024, 2)  # alone, a chart ends at its own last quarter
    assert last_quarter([entry("b")]) is None


def test_principles_are_counted_with_their_evidence() -> None:
    counts = principle_counts([entry("a", principles=(("sharing", True), ("openness", False))),
                               entry("b", principles=(("sharing", False),))])
    assert [c.principle for c in counts] == list(PRINCIPLES)
    found = {c.principle: (c.committed, c.evidenced) for c in counts}
    assert found["sharing"] == (2, 1)
    assert found["openness"] == (1, 0)
    assert found["focus"] == (0, 0)


def _project(slug: str, status: str, timeline: list[tuple[str, str]]) -> Entry:
    """The entry of a project recorded with `status` and a timeline of (date, phase)."""
    from cocreate.i18n.translator import Translator
    from cocreate.portal.project import Project
    from cocreate.standard.loader import load_text
    from helpers import FIXTURES

    data = load_text((FIXTURES / "valid" / "minimal.yml").read_bytes(), "p.yml").data
    data["status"] = status
    data["timeline"] = [{"date": date, "phase": phase, "activity": "not-recorded", "title": {"en": date}}
                        for date, phase in timeline]
    return Project(slug, data, "x", Translator("en")).entry()


def test_a_project_counts_only_while_its_record_shows_it_running() -> None:
    """Completed in 2011 Q2 (its last entry): not counted after. Running: counted to the end.
    Status not recorded: it ran until its last dated entry, never beyond what is recorded."""
    projects = [_project("done", "completed", [("2011-02-10", "involvement"), ("2011-05-20", "curation")]),
                _project("runs", "active", [("2011-01-05", "involvement")]),
                _project("unknown", "not-recorded", [("2011-03-01", "involvement"), ("2011-Q3", "empowerment")])]
    assert [p.runs_until for p in projects] == ["2011-05-20", None, "2011-09-30"]
    rows = {row.quarter: row.counts for row in phases_by_quarter(projects, (2012, 2))}
    assert rows[(2011, 1)] == (3, 0, 0, 0)
    assert rows[(2011, 2)] == (2, 1, 0, 0)  # done moved to curation and ended in May: counted there, in it
    assert rows[(2011, 3)] == (1, 0, 1, 0)  # unknown's last entry; done no longer
    assert rows[(2011, 4)] == rows[(2012, 2)] == (1, 0, 0, 0)  # only the one recorded as running
    assert max(sum(counts) for counts in rows.values()) == 3
