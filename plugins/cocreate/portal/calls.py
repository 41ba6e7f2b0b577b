"""Open calls: what a project seeks now, until when, and how to respond (`seeking`).

A call is made once, where its project is validated, with its texts in the portal's
language and its Markdown already sanitized. Whether it is open is decided for the day of
the build (`Options.day`: `SOURCE_DATE_EPOCH`'s day when it is set), never for the moment
a page is read: a closed call is left out of the lists, the feed and the badge, and two
builds for the same day give the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cocreate.i18n.translator import Translator
from cocreate.portal.periods import span
from cocreate.standard import markdown


@dataclass(frozen=True, slots=True)
class Call:
    """A project's call, as every page and feed shows it."""

    opened: str
    closes: str
    categories: tuple[str, ...]
    """The stakeholder categories sought, in the standard's order."""
    skills: tuple[str, ...]
    resources: tuple[str, ...]
    how_to_respond: str
    """Sanitized HTML (from the Markdown of `seeking.how_to_respond`)."""

    def open_on(self, day: dt.date) -> bool:
        """Whether one can still respond on `day`: from the day it opened to the day it
        closes, both included."""
        opened, closes = span(self.opened), span(self.closes)
        return opened is not None and closes is not None and opened[0] <= day <= closes[1]


def call_of(data: dict[str, Any], t: Translator, categories: Iterable[str]) -> Call | None:
    """The call of a valid project's data, or None when it seeks nothing. `categories`: the
    standard's order of the categories."""
    seeking = data.get("seeking")
    if not isinstance(seeking, dict):
        return None
    sought = set(seeking.get("categories", ()))
    return Call(seeking["opened"], seeking["closes"], tuple(c for c in categories if c in sought),
                tuple(t.text(s) for s in seeking.get("skills", ())),
                tuple(t.text(r) for r in seeking.get("resources", ())),
                markdown.render(t.text(seeking["how_to_respond"])))


def closes_on(call: Call | None) -> str:
    """The last day one can respond to an open call (the catalogue's "closing soonest"), or
    an empty string when there is none."""
    found = span(call.closes) if call is not None else None
    return found[1].isoformat() if found else ""
