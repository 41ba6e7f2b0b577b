"""Rules of the standard that JSON Schema cannot say, each with its own problem code.

Every rule reads loaded data defensively: a part that the schema already refuses (a wrong
type, a missing field) is skipped here, so one mistake is reported once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from cocreate.standard.dates import FORM, PartialDate, parse_date
from cocreate.standard.fieldpaths import walk
from cocreate.standard.loader import Document
from cocreate.standard.markdown import unsafe_changes
from cocreate.standard.privacy import find_in_data
from cocreate.standard.problems import Code, FieldPath, Problem, Severity
from cocreate.standard.schema import is_markdown, is_multilingual, project_schema
from cocreate.standard.vocabulary import (
    ACTIVITIES,
    CLOSED_STATUSES,
    GOVERNMENT,
    LANGUAGES,
    NOT_RECORDED,
    PHASES,
    PRINCIPLES,
    ROLES,
)


@dataclass(frozen=True)
class Context:
    """What the rules need besides the file: the day they run (dates may not lie after it)
    and the languages the portal requires of every text."""

    today: dt.date
    required_languages: tuple[str, ...] = ()


Rule = Callable[[dict[str, Any], Document, str, Context], Iterator[Problem]]

DATE_FIELDS: tuple[str, ...] = ("start_date",)


def _items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _text(item: dict[str, Any], key: str, allowed: tuple[str, ...] | dict[str, str]) -> str | None:
    value = item.get(key)
    return value if isinstance(value, str) and value in allowed else None


def _problem(doc: Document, file: str, code: Code, path: FieldPath, **params: Any) -> Problem:
    return Problem(code, file, doc.position(path), path, params)


def _dates(data: dict[str, Any]) -> Iterator[tuple[FieldPath, str, bool]]:
    """Every date field: (path, value, whether it may lie in the future)."""
    for key in DATE_FIELDS:
        if isinstance(data.get(key), str):
            yield (key,), data[key], True
    for i, item in _items(data, "timeline"):
        if isinstance(item.get("date"), str):  # a planned step may lie ahead; an event may not
            yield ("timeline", i, "date"), item["date"], planned(item)
    for i, item in _items(data, "dialogue"):
        for key in ("asked", "answered"):
            if isinstance(item.get(key), str):
                yield ("dialogue", i, key), item[key], False
    for i, item in _items(data, "stakeholders"):
        if isinstance(item.get("since"), str):
            yield ("stakeholders", i, "since"), item["since"], False
        consent = item.get("consent")
        if isinstance(consent, dict) and isinstance(consent.get("date"), str):
            yield ("stakeholders", i, "consent", "date"), consent["date"], False
    source = data.get("source")
    if isinstance(source, dict) and isinstance(source.get("imported"), str):
        yield ("source", "imported"), source["imported"], False
    seeking = data.get("seeking")
    if isinstance(seeking, dict):
        if isinstance(seeking.get("opened"), str):
            yield ("seeking", "opened"), seeking["opened"], False
        if isinstance(seeking.get("closes"), str):
            yield ("seeking", "closes"), seeking["closes"], True


def planned(item: dict[str, Any]) -> bool:
    """Whether a timeline entry is a planned step (`planned: true`), not an event."""
    return item.get("planned") == "true"


def check_dates(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    for path, value, future_ok in _dates(data):
        if not FORM.match(value):
            continue  # the schema reports the form
        date = parse_date(value)
        if date is None:
            yield _problem(doc, file, Code.DATE_NOT_REAL, path, value=value)
        elif date.start > context.today and not future_ok:
            yield _problem(doc, file, Code.DATE_IN_FUTURE, path, value=value, today=context.today.isoformat())


def check_initiator(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    roles = [item.get("role") for _, item in _items(data, "stakeholders")]
    if roles and all(role in ROLES for role in roles) and "initiator" not in roles:
        yield _problem(doc, file, Code.NO_INITIATOR, ("stakeholders",))


def check_timeline(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    latest: PartialDate | None = None
    last_phase = -1
    for i, item in _items(data, "timeline"):
        date = parse_date(item["date"]) if isinstance(item.get("date"), str) else None
        if date is not None:
            if latest is not None and latest.surely_after(date):
                yield _problem(doc, file, Code.TIMELINE_NOT_IN_ORDER, ("timeline", i, "date"),
                               value=item["date"], previous=latest.text)
            latest = date if latest is None or date.start >= latest.start else latest
        phase = _text(item, "phase", PHASES) if not planned(item) else None  # a plan moves no phase
        if phase is not None:
            index = PHASES.index(phase)
            if index < last_phase:
                yield _problem(doc, file, Code.TIMELINE_PHASE_BACKWARDS, ("timeline", i, "phase"),
                               value=phase, previous=PHASES[last_phase])
            last_phase = max(index, last_phase)
        activity = _text(item, "activity", ACTIVITIES)
        phase = _text(item, "phase", PHASES)
        if activity is not None and phase is not None and ACTIVITIES[activity] != phase:
            yield _problem(doc, file, Code.ACTIVITY_WRONG_PHASE, ("timeline", i, "activity"),
                           value=activity, phase=phase, expected=ACTIVITIES[activity])


def check_current_phase(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    timeline = [(i, item) for i, item in _items(data, "timeline") if not planned(item)]
    phase = _text(data, "phase", PHASES)
    if not timeline or phase is None:
        return
    i, latest = timeline[-1]
    latest_phase = _text(latest, "phase", PHASES)
    if latest_phase is not None and latest_phase != phase:
        yield _problem(doc, file, Code.PHASE_NOT_LATEST, ("phase",), value=phase, latest=latest_phase, index=i)


def check_government_and_society(
    data: dict[str, Any], doc: Document, file: str, context: Context
) -> Iterator[Problem]:
    phase = _text(data, "phase", PHASES)
    categories = [item.get("category") for _, item in _items(data, "stakeholders")]
    if phase not in ("curation", "empowerment") or not categories:
        return  # no stakeholders at all: the schema says so, once
    unknown = NOT_RECORDED in categories  # a party of unknown kind may be either: never guessed
    if not unknown and not any(c in GOVERNMENT for c in categories):
        yield _problem(doc, file, Code.NO_GOVERNMENT_STAKEHOLDER, ("stakeholders",), phase=phase)
    if not unknown and not any(isinstance(c, str) and c not in GOVERNMENT for c in categories):
        yield _problem(doc, file, Code.NO_SOCIETY_STAKEHOLDER, ("stakeholders",), phase=phase)


def check_location(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    """A project in one neighbourhood or one city names the city."""
    location = data.get("location")
    if isinstance(location, dict) and location.get("scope") in ("neighbourhood", "city") and "city" not in location:
        yield _problem(doc, file, Code.CITY_REQUIRED, ("location",), scope=location["scope"])


def check_seeking(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    """An open call closes on or after the day it opened, and only a project that still
    takes participants may make one."""
    seeking = data.get("seeking")
    if not isinstance(seeking, dict):
        return
    opened, closes = seeking.get("opened"), seeking.get("closes")
    if isinstance(opened, str) and isinstance(closes, str):
        first, last = parse_date(opened), parse_date(closes)
        if first is not None and last is not None and last.end < first.start:
            yield _problem(doc, file, Code.CALL_CLOSES_BEFORE_OPENING, ("seeking", "closes"), value=closes,
                           opened=opened)
    status = data.get("status")
    if isinstance(status, str) and status in CLOSED_STATUSES:
        yield _problem(doc, file, Code.CALL_ON_CLOSED_PROJECT, ("seeking",), status=status)


def check_principles(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    """Each principle is committed to once: one practice per principle (two would split
    the page and double the count in the statistics)."""
    first: dict[str, int] = {}
    for i, item in _items(data, "principles"):
        principle = _text(item, "principle", PRINCIPLES)
        if principle is None:
            continue
        if principle in first:
            yield _problem(doc, file, Code.PRINCIPLE_REPEATED, ("principles", i, "principle"), value=principle,
                           first=first[principle])
        else:
            first[principle] = i


def check_dialogue(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    """An answer comes on or after the question (a day of a partial date may be either:
    only one that is surely earlier is refused). Names and contact details are found by
    the privacy check, which reads every text of the file."""
    for i, item in _items(data, "dialogue"):
        asked, answered = item.get("asked"), item.get("answered")
        if not isinstance(asked, str) or not isinstance(answered, str):
            continue
        first, last = parse_date(asked), parse_date(answered)
        if first is not None and last is not None and first.surely_after(last):
            yield _problem(doc, file, Code.ANSWERED_BEFORE_ASKED, ("dialogue", i, "answered"), value=answered,
                           asked=asked)


def check_personal_data(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    for finding in find_in_data(data):
        if finding.path and finding.path not in doc.positions:
            position = doc.key_position(finding.path)  # found in a key
        else:
            position = doc.locate(finding.path, finding.found)  # its own line in a text of several
        yield Problem(Code.personal_data(finding.kind), file, position, finding.path, {"found": finding.masked})


_LANGUAGE = re.compile(project_schema()["$defs"]["language"]["pattern"])


def check_translations(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    """Warn when a text written in several languages lacks one of the portal's languages."""
    for path, value in walk(data, stop=is_multilingual):
        if not (isinstance(value, dict) and is_multilingual(path)):
            continue
        if not value or not all(isinstance(text, str) and _LANGUAGE.match(key) for key, text in value.items()):
            continue  # the schema reports the map itself: one problem for one cause
        for language in (*LANGUAGES, *(x for x in context.required_languages if x not in LANGUAGES)):
            if language not in value and language in context.required_languages:
                yield Problem(Code.MISSING_REQUIRED_TRANSLATION, file, doc.position(path), path,
                              {"language": language})
            elif language not in value:
                yield Problem(Code.MISSING_TRANSLATION, file, doc.position(path), path,
                              {"language": language}, Severity.WARNING)


TAG_LIKE = _TAG_LIKE = re.compile(r"<[A-Za-z/!?]")
"""What makes a plain text hold markup (also in the proposal form: `portal/forms.py`)."""


def check_markup(data: dict[str, Any], doc: Document, file: str, context: Context) -> Iterator[Problem]:
    """Markdown must survive sanitizing unchanged; plain text must hold no HTML at all."""
    for path, text in walk(data):
        if not isinstance(text, str):
            continue
        if is_markdown(path):
            # only raw HTML (<), entities (&) and links (`](`, `]:`) can be changed by sanitizing
            risky = "<" in text or "&" in text or "](" in text or "]:" in text
            removed = unsafe_changes(text) if risky else None
            if removed:
                yield _problem(doc, file, Code.UNSAFE_MARKUP, path, removed=removed)
        elif _TAG_LIKE.search(text):
            yield _problem(doc, file, Code.MARKUP_IN_TEXT, path)


RULES: tuple[Rule, ...] = (
    check_dates,
    check_initiator,
    check_timeline,
    check_current_phase,
    check_government_and_society,
    check_location,
    check_seeking,
    check_principles,
    check_dialogue,
    check_personal_data,
    check_markup,
    check_translations,
)


def rule_problems(doc: Document, file: str, today: dt.date | None = None,
                  required_languages: tuple[str, ...] = ()) -> list[Problem]:
    """Run every rule on a loaded document."""
    data = doc.data if isinstance(doc.data, dict) else {}
    context = Context(today or dt.date.today(), required_languages)
    return [problem for rule in RULES for problem in rule(data, doc, file, context)]
