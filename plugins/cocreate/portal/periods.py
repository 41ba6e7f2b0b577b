"""The quarters the statistics count in, read from dates as recorded.

A date may be a day, a month, a quarter or a year (`standard.dates`); it stands for its
whole span of days, and a year cannot be placed in a quarter.
"""

from __future__ import annotations

import calendar
import datetime as dt

from cocreate.standard.dates import parse_date

Quarter = tuple[int, int]
"""(year, quarter 1-4)."""


def span(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a recorded date stands for; None when it names no real day."""
    date = parse_date(value)
    return (date.start, date.end) if date is not None else None


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


def quarter_start(quarter: Quarter) -> dt.date:
    year, number = quarter
    return dt.date(year, number * 3 - 2, 1)


def quarter_end(quarter: Quarter) -> dt.date:
    year, number = quarter
    month = number * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])
