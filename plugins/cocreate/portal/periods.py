"""Dates as the portal reads them for calls and charts: a day, and the quarter it falls in.

The standard writes dates as `YYYY-MM-DD`. Reading them here, not by comparing strings,
keeps the calls and charts right should a date ever be recorded less precisely (a month
`YYYY-MM`, a quarter `YYYY-Qn`, a year `YYYY`): such a date stands for its whole period, and
a year cannot be placed in a quarter.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

Quarter = tuple[int, int]
"""(year, quarter 1-4)."""

_FORMS = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$")


def span(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a recorded date stands for; None when it names no real day."""
    match = _FORMS.match(value)
    if match is None:
        return None
    year, month, day, quarter = match.groups()
    try:
        if day is not None:
            one = dt.date(int(year), int(month), int(day))
            return one, one
        if month is not None:
            first = dt.date(int(year), int(month), 1)
            return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
        if quarter is not None:
            start = (int(quarter) - 1) * 3 + 1
            last = start + 2
            return dt.date(int(year), start, 1), dt.date(int(year), last, calendar.monthrange(int(year), last)[1])
        return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    except ValueError:
        return None


def quarter_of(value: str) -> Quarter | None:
    """The quarter a date falls in; None for a date that names no quarter (a year) or no day."""
    found = span(value)
    if found is None:
        return None
    first, last = found
    quarter = (first.year, (first.month - 1) // 3 + 1)
    return quarter if quarter == (last.year, (last.month - 1) // 3 + 1) else None


def quarters(first: Quarter, last: Quarter) -> list[Quarter]:
    """Every quarter from `first` to `last`, both included."""
    found = []
    year, number = first
    while (year, number) <= last:
        found.append((year, number))
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
    return found


def quarter_end(quarter: Quarter) -> dt.date:
    year, number = quarter
    month = number * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])
