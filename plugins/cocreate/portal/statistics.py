"""The numbers of the statistics page, counted from the catalogue's entries at build time.

Counts over time come from what projects record, never from the clock: the phase a project
was in during each quarter it ran, read from its timeline (the first entry of each phase;
it ran until its last dated entry when it ended or its status is not recorded),
and the parties that joined in each quarter, read from `stakeholders[].since`. A party
without a recorded date is not placed in any quarter; the page says how many there are.
Every chart over time ends at the same quarter (`last_quarter`), the latest any of them
reaches, so that they can be read side by side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cocreate.portal.entry import Entry
from cocreate.portal.periods import Quarter, quarter_end, quarter_of, quarter_start, quarters, span
from cocreate.standard.vocabulary import CATEGORIES, NOT_RECORDED, PHASES, PRINCIPLES

PHASE_SERIES: tuple[str, ...] = (*PHASES, NOT_RECORDED)
"""The series of the phases over time: a timeline entry may say its phase is not recorded."""


@dataclass(frozen=True, slots=True)
class PhasesInQuarter:
    quarter: Quarter
    counts: tuple[int, ...]
    """Projects in each phase (in the order of `PHASE_SERIES`) at the end of the quarter."""


def last_quarter(entries: Sequence[Entry]) -> Quarter | None:
    """The latest quarter a project's phase began in or a party joined in: where every
    chart over time ends. None when no date names a quarter."""
    days = [span(value) for entry in entries for _, value in entry.phase_dates]
    found = [quarter_of(day[0].isoformat()) for day in days if day is not None]  # as phases_by_quarter places them
    found += [quarter_of(party.since) for entry in entries for party in entry.stakeholders if party.since]
    known = [q for q in found if q is not None]
    return max(known) if known else None


def phases_by_quarter(entries: Sequence[Entry], until: Quarter | None = None) -> list[PhasesInQuarter]:
    """How many projects were running in each phase in each quarter, from the first quarter
    any timeline reaches to the last one (or to `until`, when it is later). A project counts
    in a quarter only while its record shows it running: from its first dated entry until
    it ended (`Entry.runs_until`: a completed project, or one whose status is not recorded,
    stops at its last dated entry), in the latest phase it had reached by then."""
    dated: list[tuple[list[tuple[str, str]], str | None]] = []  # per project: (first day, phase)s, last day
    for entry in entries:
        steps = []
        for phase, value in entry.phase_dates:
            found = span(value)
            if found is not None:
                steps.append((found[0].isoformat(), phase))
        if steps:
            dated.append((sorted(steps), entry.runs_until))
    placed = [quarter_of(day) for steps, _ in dated for day, _ in steps]
    known = [q for q in placed if q is not None]
    if not known:
        return []
    rows = []
    for quarter in quarters(min(known), max(known + ([until] if until else []))):
        start, end = quarter_start(quarter).isoformat(), quarter_end(quarter).isoformat()
        counts = Counter(next(phase for day, phase in reversed(steps) if day <= min(end, last or end))
                         for steps, last in dated if steps[0][0] <= end and (last is None or last >= start))
        rows.append(PhasesInQuarter(quarter, tuple(counts[phase] for phase in PHASE_SERIES)))
    return rows


def without_dated_phase(entries: Sequence[Entry]) -> int:
    """How many projects no quarter of `phases_by_quarter` can count: no event of their
    timeline has a date (a plan's steps are no events)."""
    return sum(1 for entry in entries if not any(span(value) for _, value in entry.phase_dates))


def joined_by_quarter(entries: Sequence[Entry], until: Quarter | None = None) -> tuple[list[tuple[Quarter, int]], int]:
    """How many parties joined projects in each quarter (from the first to the last quarter
    any joined in, or to `until` when it is later), and how many parties have no joining
    date that names a quarter."""
    counted: Counter[Quarter] = Counter()
    undated = 0
    for entry in entries:
        for party in entry.stakeholders:
            quarter = quarter_of(party.since) if party.since else None
            if quarter is None:
                undated += 1
            else:
                counted[quarter] += 1
    if not counted:
        return [], undated
    return [(q, counted[q]) for q in quarters(min(counted), max([*counted, *([until] if until else [])]))], undated


@dataclass(frozen=True, slots=True)
class PrincipleCount:
    principle: str
    committed: int
    """Projects that commit to the principle."""
    evidenced: int
    """Of those, the projects that back it with an evidence link."""


def principle_counts(entries: Sequence[Entry]) -> list[PrincipleCount]:
    """Each of the nine principles, in the co-creation text's order, with its counts."""
    committed: Counter[str] = Counter()
    evidenced: Counter[str] = Counter()
    for entry in entries:
        for principle, has_evidence in entry.principles:
            committed[principle] += 1
            evidenced[principle] += has_evidence
    return [PrincipleCount(p, committed[p], evidenced[p]) for p in PRINCIPLES]


def calls_by_category(entries: Sequence[Entry]) -> list[tuple[str, int]]:
    """How many open calls seek each stakeholder category."""
    sought = Counter(c for entry in entries if entry.call is not None for c in entry.call.categories)
    return [(category, sought[category]) for category in CATEGORIES]
