"""Standard 1.1: what a record does not say is answered "not recorded", dates may be partial,
a national programme needs no city, one cause gives one problem."""

from __future__ import annotations

import datetime as dt

import pytest

from cocreate.standard.dates import parse_date
from cocreate.standard.validate import check_bytes
from cocreate.standard.vocabulary import NOT_RECORDED, approach, kind
from helpers import FIXTURES

TODAY = dt.date(2026, 11, 29)

UNRECORDED = (FIXTURES / "unrecorded" / "project.yml").read_text("utf-8")
"""A project whose source records little (the portal's pages of it are built from the same file)."""


def all_problems(text: str, **kwargs: object) -> list[tuple[str, str]]:
    result = check_bytes(text.encode("utf-8"), "p.yml", today=TODAY, **kwargs)  # type: ignore[arg-type]
    return [(p.code, p.field) for p in result.problems]


def problems(text: str, **kwargs: object) -> list[tuple[str, str]]:
    """The problems of a project file but the warnings that a text is in one language only:
    the fixture's texts are in English (`test_required_languages_are_a_setting` checks them)."""
    return [problem for problem in all_problems(text, **kwargs) if problem[0] != "missing-translation"]


def test_a_record_that_records_little_is_valid() -> None:
    result = check_bytes(UNRECORDED.encode("utf-8"), "p.yml", today=TODAY)
    assert result.valid
    assert {p.code for p in result.problems} == {"missing-translation"}
    assert problems(UNRECORDED) == []


def test_each_trust_statement_may_be_not_recorded_and_nothing_else_replaces_the_map() -> None:
    statements = UNRECORDED.replace("trust: not-recorded\n", "trust:\n  information: not-recorded\n"
                                    "  purpose: Hanya untuk proyek ini\n  access: not-recorded\n  retention: not-recorded\n")
    assert problems(statements) == []
    assert problems(UNRECORDED.replace("trust: not-recorded", "trust: unknown")) == [("invalid-value", "trust")]


def test_nothing_is_derived_from_not_recorded() -> None:
    assert kind(NOT_RECORDED, "shared") == kind("open", NOT_RECORDED) == NOT_RECORDED
    assert kind("open", "shared") == "community"
    assert approach([{"category": NOT_RECORDED, "role": "initiator"}]) == NOT_RECORDED
    assert approach([{"category": "other", "role": "initiator"}]) == "bottom-up"


def test_an_unknown_party_is_neither_government_nor_society() -> None:
    known_phase = UNRECORDED.replace("phase: not-recorded\nlocation", "phase: empowerment\nlocation")
    assert problems(known_phase) == []  # a party of unknown kind may be either: no claim either way
    known = known_phase.replace("    category: not-recorded\n", "    category: other\n")
    assert problems(known) == [("no-government-stakeholder", "stakeholders")]


@pytest.mark.parametrize(("text", "form", "start", "end"), [
    ("2024", "year", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2024-Q3", "quarter", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
    ("2024-03-17", "day", dt.date(2024, 3, 17), dt.date(2024, 3, 17)),
])
def test_partial_dates(text: str, form: str, start: dt.date, end: dt.date) -> None:
    date = parse_date(text)
    assert date is not None
    assert (date.precision, date.start, date.end) == (form, start, end)


@pytest.mark.parametrize(("value", "code"), [
    ("2024-13", "date-not-real"), ("2024-02-30", "date-not-real"), ("0000", "date-not-real"),
    ("2024-Q5", "invalid-date"), ("24-03", "invalid-date"), ("2024-3", "invalid-date"), ("2027-01", "date-in-future"),
])
def test_partial_dates_that_are_not_dates(value: str, code: str) -> None:
    assert problems(UNRECORDED.replace("date: 2020-Q3", f"date: {value}")) == [(code, "timeline[1].date")]


def test_partial_dates_are_out_of_order_only_when_surely_so() -> None:
    assert problems(UNRECORDED.replace("date: 2020-Q3", "date: 2018")) == []  # 2018 may be after September
    assert problems(UNRECORDED.replace("date: 2020-Q3", "date: 2018-09-30")) == []
    assert problems(UNRECORDED.replace("date: 2020-Q3", "date: 2018-Q2")) == [("timeline-not-in-order",
                                                                                "timeline[1].date")]


def test_a_national_programme_needs_no_city_but_a_city_project_does() -> None:
    assert problems(UNRECORDED) == []
    city = UNRECORDED.replace("  scope: national\n  country: UY\n", "  scope: city\n  country: UY\n")
    assert problems(city) == [("city-required", "location")]
    assert problems(city.replace("  country: UY\n", "  country: UY\n  city: Montevideo\n")) == []


def test_maintainers_may_be_left_out_of_an_imported_record() -> None:
    assert "maintainers" not in UNRECORDED
    assert problems(UNRECORDED) == []


def test_one_problem_per_cause() -> None:
    # four required fields of one map missing: four problems, not sixteen
    four = UNRECORDED.replace("  - name: Parliament of Uruguay\n    category: not-recorded\n    role: initiator\n"
                              "    contributes: not-recorded\n    benefit: not-recorded\n", "  - name: Parliament of Uruguay\n")
    assert problems(four) == [("missing-field", f"stakeholders[0].{f}")
                              for f in ("category", "role", "contributes", "benefit")]
    # no stakeholders at all in a known phase: that, not also "no government" and "no society"
    none = UNRECORDED.replace("phase: not-recorded\nlocation", "phase: empowerment\nlocation")
    none = none[:none.index("stakeholders:")] + none[none.index("timeline:"):]
    assert problems(none) == [("missing-field", "stakeholders")]


def test_required_languages_are_a_setting() -> None:
    text = (FIXTURES / "valid" / "minimal.yml").read_text("utf-8").replace(
        "title: Bank Sampah RT 03", "title:\n  id: Bank Sampah RT 03")
    assert all_problems(text) == [("missing-translation", "title")]  # a warning: the text is in one language
    assert all_problems(text, required_languages=("en",)) == [("missing-required-translation", "title")]
    result = check_bytes(text.encode(), "p.yml", today=TODAY, required_languages=("en",))
    assert not result.valid
