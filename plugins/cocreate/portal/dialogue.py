"""What residents asked and what the city answered (`dialogue`), and the steps planned next
(timeline entries with `planned: true`), as pages, statistics and feeds show them.

Only what is recorded is said: days are counted only between two dates that each name a
day (a month or a year does not say how many days passed), a wait only up to the day of
the build when it is known, and a planned step whose date has passed is "not recorded as
done", never done.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cocreate.portal.parts import TimelineEntry, timeline_entry
from cocreate.standard.dates import parse_date

UNANSWERED = "unanswered"
"""The state of an entry the city has not answered (it records no `answer`)."""


def is_planned(event: dict[str, Any]) -> bool:
    """Whether a timeline entry is a planned step, not an event."""
    return event.get("planned") == "true"


def events(timeline: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The timeline's events: what happened, without the steps planned."""
    return [e for e in timeline if not is_planned(e)]


def _days(first: str | None, last: str | None) -> int | None:
    """Days from one recorded date to another, when both name a day."""
    start = parse_date(first) if first else None
    end = parse_date(last) if last else None
    if start is None or end is None or start.precision != "day" or end.precision != "day":
        return None
    return (end.start - start.start).days


@dataclass(frozen=True, slots=True)
class Exchange:
    """One entry of `dialogue` as a page shows it (texts as recorded: the template says
    them in the page's language and escapes them)."""

    key: str
    """A stable identifier: the same entry keeps it while its date and words stay."""
    asked: str
    channel: str
    request: Any
    answer: str | None
    reason: Any
    response: Any
    answered: str | None
    changed: str | None
    days_to_answer: int | None
    """Days from the question to the answer, when both dates name a day."""
    waited: int | None
    """For an entry without an answer: days from the question to the day of the build,
    when the question's date names a day and the build's day is known."""

    @property
    def state(self) -> str:
        return self.answer or UNANSWERED


def entry_key(item: dict[str, Any]) -> str:
    """An entry's identifier from what it records of the question (its date, channel and
    words): the same in every build, whatever the order of the list."""
    text = json.dumps([item.get("asked"), item.get("channel"), item.get("request")], ensure_ascii=False,
                      sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def exchanges(dialogue: Iterable[dict[str, Any]], today: dt.date | None) -> list[Exchange]:
    """The entries, newest question first (of two asked alike, the later in the file first)."""
    found = []
    for index, item in enumerate(dialogue):
        answered = item.get("answered")
        waited = None
        if "answer" not in item and today is not None:
            waited = _days(item["asked"], today.isoformat())
        asked = parse_date(item["asked"])
        found.append((asked.sort_key if asked else (dt.date.min, dt.date.min), index, Exchange(
            entry_key(item), item["asked"], item["channel"], item["request"], item.get("answer"), item.get("reason"),
            item.get("response"), answered, item.get("changed"), _days(item["asked"], answered), waited)))
    return [exchange for *_, exchange in sorted(found, key=lambda f: (f[0], f[1]), reverse=True)]


@dataclass(frozen=True, slots=True)
class DialogueCounts:
    """A project's entries as the statistics count them."""

    states: tuple[tuple[str, int], ...] = ()
    """How many entries are in each state (answers, then unanswered), those that occur."""
    days: tuple[int, ...] = ()
    """Days to the answer of each answered entry whose two dates name a day."""

    @property
    def entries(self) -> int:
        return sum(n for _, n in self.states)


def counts(found: Sequence[Exchange], answers: Sequence[str]) -> DialogueCounts:
    states = [(state, sum(1 for e in found if e.state == state)) for state in (*answers, UNANSWERED)]
    return DialogueCounts(tuple((s, n) for s, n in states if n),
                          tuple(e.days_to_answer for e in found if e.answer and e.days_to_answer is not None))


@dataclass(frozen=True, slots=True)
class DialogueSummary:
    """Every project's entries together, for the statistics page."""

    entries: int
    answered: int
    states: tuple[tuple[str, int], ...]
    dated: int
    """Answered entries whose days to the answer are known."""
    median_days: float | None
    """The median of those days; None when none is known."""


def summary(all_counts: Iterable[DialogueCounts], answers: Sequence[str]) -> DialogueSummary:
    total: dict[str, int] = {}
    days: list[int] = []
    for found in all_counts:
        for state, n in found.states:
            total[state] = total.get(state, 0) + n
        days.extend(found.days)
    states = tuple((s, total[s]) for s in (*answers, UNANSWERED) if total.get(s))
    entries = sum(total.values())
    return DialogueSummary(entries, entries - total.get(UNANSWERED, 0), states, len(days),
                           statistics.median(days) if days else None)


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """A timeline entry marked planned, and whether its date has passed."""

    event: TimelineEntry
    overdue: bool
    """Its whole span of days lies before the day of the build, and it is still planned:
    not recorded as done."""


def planned_steps(timeline: Iterable[dict[str, Any]], today: dt.date | None) -> list[PlannedStep]:
    """The planned steps, earliest first; none is overdue when the build's day is unknown."""
    steps = []
    for event in timeline:
        if not is_planned(event):
            continue
        date = parse_date(event["date"])
        overdue = date is not None and today is not None and date.end < today
        step = PlannedStep(timeline_entry(event), overdue)
        steps.append((date.sort_key if date else (dt.date.max, dt.date.max), step))
    return [step for _, step in sorted(steps, key=lambda s: s[0])]


def next_step(steps: Sequence[PlannedStep]) -> PlannedStep | None:
    """The first planned step whose date has not passed."""
    return next((s for s in steps if not s.overdue), None)
