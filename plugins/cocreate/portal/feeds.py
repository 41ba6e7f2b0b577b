"""Atom and JSON Feed of changes: new projects, phases moved, parties joined, new entries.

Items come from the git history (one per project and commit). Where the history is not
available (no git, a shallow clone) they come from the projects' timeline entries instead.
Every date comes from the data, never from the clock, so feeds are reproducible.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from cocreate.git.changes import sentence
from cocreate.git.history import Event
from cocreate.i18n.translator import Translator
from cocreate.portal import urls
from cocreate.portal.dialogue import Exchange, is_planned
from cocreate.portal.entry import Entry
from cocreate.portal.periods import span
from cocreate.portal.urls import Urls
from cocreate.standard.dates import parse_date
from cocreate.standard.privacy import redact

LIMIT = 50
"""Items in a feed: the newest ones."""
FEED_KINDS = ("project-added", "phase-moved", "stakeholder-joined", "timeline-added", "status-changed",
              "openness-changed", "ownership-changed", "dialogue-answered")


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    url: str
    timestamp: int
    text: str
    rank: int
    """What orders items, newest highest: the commit's place in the history (commit dates
    are the committer's word), else the timeline entry's date."""
    slug: str = ""
    """The project the item is about."""

    @property
    def iso(self) -> str:
        # four digits for every year (strftime's `%Y` writes year 1 as `1`): RFC 3339
        moment = dt.datetime.fromtimestamp(self.timestamp, dt.UTC).replace(tzinfo=None)
        return moment.isoformat(timespec="seconds") + "Z"


def items_from_events(events: list[Event], titles: dict[str, str], urls: dict[str, str], t: Translator,
                      ids: Urls) -> list[Item]:
    items = []
    for event in events:
        said = [sentence(c, t) for c in event.changes if c.kind in FEED_KINDS]
        if not said or event.slug not in titles:
            continue
        items.append(Item(ids.entry_id(f"{event.slug}/{event.commit}"), f"{titles[event.slug]}: {said[0]}",
                          urls[event.slug], event.timestamp, "; ".join(said), event.sequence, event.slug))
    return items[:LIMIT]


def items_from_timeline(slug: str, title: str, url: str, timeline: list[dict[str, Any]], t: Translator,
                        ids: Urls, answered: Sequence[Exchange] = ()) -> list[Item]:
    """Items from the timeline's events (a planned step is none) and the answers the
    city recorded with their day, when there is no history to read them from."""
    items = []
    for exchange in answered:
        date = parse_date(exchange.answered) if exchange.answer and exchange.answered else None
        if date is None or exchange.answer is None:
            continue  # an answer without its date: the feed does not guess when it came
        day = date.start
        stamp = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
        text = t("changes.dialogue-answered", request=t.text(exchange.request),
                 answer=t.label("answer", exchange.answer))
        items.append(Item(ids.entry_id(f"{slug}/dialogue/{exchange.key}/{exchange.answer}"), f"{title}: {text}",
                          f"{url}#dialogue", stamp, redact(text), stamp, slug))
    for index, entry in enumerate(timeline):
        if is_planned(entry):
            continue
        date = parse_date(entry["date"])
        if date is None:
            continue  # validation refuses such a date: nothing to say of it
        day = date.start  # a month, a quarter or a year: the day it begins
        stamp = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
        text = t.text(entry["title"])
        items.append(Item(ids.entry_id(f"{slug}/timeline/{index}"), f"{title}: {text}", url, stamp, text, stamp,
                          slug))
    return sorted(items, key=lambda i: (i.rank, i.id), reverse=True)[:LIMIT]


def isolated(text: str) -> str:
    """A contributor's text isolated in a sentence of plain text (a feed's title or summary,
    where `<bdi>` is not markup): FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, so that
    Arabic or Hebrew does not reorder the words around it."""
    return f"\u2068{text}\u2069"


def _midnight(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def items_from_calls(projects: Sequence[Entry], t: Translator, urls_: Urls) -> list[Item]:
    """The feed of new calls: each open call, newest first by the day it opened (its
    `opened`, as recorded: the feed is the same for every build of the same day)."""
    items = []
    for project in projects:
        call = project.call
        found = span(call.opened) if call is not None else None
        if call is None or found is None:
            continue
        closes = span(call.closes)
        sought = [t.label("category", c) for c in call.categories] + [isolated(s) for s in (*call.skills,
                                                                                            *call.resources)]
        text = t("calls.feed_item", sought=", ".join(sought), closes=t.date(closes[1].isoformat()) if closes else "")
        stamp = _midnight(found[0])
        items.append(Item(urls_.entry_id(f"{project.slug}/call/{call.opened}"), f"{isolated(project.title)}: {text}",
                          urls_.absolute(urls.project(project.slug)) + "#join", stamp, text, stamp, project.slug))
    return sorted(items, key=lambda i: (i.rank, i.id), reverse=True)[:LIMIT]


def atom(title: str, self_url: str, home_url: str, items: list[Item], language: str) -> str:
    updated = items[0].iso if items else "1970-01-01T00:00:00Z"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">',
           f"<title>{escape(title)}</title>", f"<id>{escape(self_url)}</id>",
           f"<link rel=\"self\" href={quoteattr(self_url)}/>", f"<link rel=\"alternate\" href={quoteattr(home_url)}/>",
           f"<updated>{updated}</updated>", "<author><name>cocreate</name></author>"]
    for item in items:
        out += ["<entry>", f"<id>{escape(item.id)}</id>", f"<title>{escape(item.title)}</title>",
                f"<link href={quoteattr(item.url)}/>", f"<updated>{item.iso}</updated>",
                f"<summary>{escape(item.text)}</summary>", "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def json_feed(title: str, self_url: str, home_url: str, items: list[Item], language: str) -> str:
    body = {"version": "https://jsonfeed.org/version/1.1", "title": title, "home_page_url": home_url,
            "feed_url": self_url, "language": language,
            "items": [{"id": i.id, "url": i.url, "title": i.title, "content_text": i.text, "date_modified": i.iso}
                      for i in items]}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def both(title: str, base_url: str, folder: str, home_url: str, items: list[Item], language: str) -> dict[str, str]:
    """`feed.xml` and `feed.json` of one feed, by path."""
    xml, json_ = urls.feeds(folder)
    return {xml: atom(title, f"{base_url}{xml}", home_url, items, language),
            json_: json_feed(title, f"{base_url}{json_}", home_url, items, language)}
