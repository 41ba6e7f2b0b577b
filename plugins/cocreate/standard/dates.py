"""Dates as records give them: a day, a month, a quarter or a year.

Real records often know only "March 2024" or "2023". The standard takes a date in any of
four forms, each an ISO 8601-like text, and keeps it as written:

| form | example | means |
| --- | --- | --- |
| `YYYY-MM-DD` | `2024-03-17` | that day |
| `YYYY-MM` | `2024-03` | some day in March 2024 |
| `YYYY-Qn` | `2024-Q1` | some day in the first quarter of 2024 |
| `YYYY` | `2024` | some day in 2024 |

A partial date is a span of days. Two dates are out of order only when the first surely
comes after the second (its first day is after the other's last); one is in the future only
when its first day is, and "today" is the day it is in the portal's time zone
(`today_in`; the plugin's option `timezone`, Asia/Jakarta by default): a date written in
Jakarta at 03:00 is not "tomorrow" to a validator running in UTC.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from dataclasses import dataclass
from zoneinfo import ZoneInfo

FORM = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?|-Q(?P<quarter>[1-4]))?$")
"""The four forms (the schema's `$defs/date` pattern says the same)."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as recorded, and the span of days it stands for."""

    text: str
    start: dt.date
    end: dt.date
    precision: str
    """`day`, `month`, `quarter` or `year`."""

    @property
    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Earlier spans first; of two that start together, the shorter (`2024-01-01`
        before `2024-01` before `2024`)."""
        return (self.start, self.end)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def month(self) -> int | None:
        return self.start.month if self.precision in ("day", "month") else None

    @property
    def quarter(self) -> int | None:
        return (self.start.month - 1) // 3 + 1 if self.precision == "quarter" else None

    @property
    def machine(self) -> str:
        """The date for an HTML `datetime` attribute, which knows days, months and years
        but not quarters (a quarter is given as its year)."""
        return str(self.year) if self.precision == "quarter" else self.text

    def surely_after(self, other: PartialDate) -> bool:
        """Whether this date comes after `other` whichever days the two stand for."""
        return self.start > other.end


def parse_date(text: str) -> PartialDate | None:
    """A date in one of the four forms, or None when the text is none of them or names
    no real day or month (`2024-02-30`, `2024-13`)."""
    found = FORM.match(text)
    if found is None:
        return None
    year = int(found["year"])
    try:
        if found["day"]:
            day = dt.date(year, int(found["month"]), int(found["day"]))
            return PartialDate(text, day, day, "day")
        if found["month"]:
            month = int(found["month"])
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return PartialDate(text, dt.date(year, month, 1), dt.date(year, month, last), "month")
        if found["quarter"]:
            first = (int(found["quarter"]) - 1) * 3 + 1
            last = calendar.monthrange(year, first + 2)[1]
            return PartialDate(text, dt.date(year, first, 1), dt.date(year, first + 2, last), "quarter")
        return PartialDate(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    except ValueError:
        return None


def today_in(timezone: str, moment: float | None = None) -> dt.date:
    """Today as the standard means it: the day it is in the portal's time zone (an IANA
    name, `Asia/Jakarta`) at `moment` (POSIX seconds; now when None)."""
    return dt.datetime.fromtimestamp(time.time() if moment is None else moment, ZoneInfo(timezone)).date()
