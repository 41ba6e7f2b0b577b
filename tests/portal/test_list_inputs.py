"""What a list's content is made of (`portal/list_inputs.py`) agrees with what its template
shows: two lists with the same inputs render the same, whatever edit of a project came
between; a card's inputs leave out only what the card does not show."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from cocreate.i18n.translator import Translator
from cocreate.portal.catalog import Catalog
from cocreate.portal.entry import Entry
from cocreate.portal.list_inputs import CARD, card
from cocreate.portal.options import Options
from cocreate.portal.project import Project
from cocreate.portal.site import Site
from cocreate.portal.templating import Portal
from cocreate.standard.validate import validate_paths
from helpers import DEMO_DAY, PROJECTS

SHOWN = {*CARD, "call", "categories", "stakeholders"}
"""The fields a compact card is made of (a full card: its summary and its language too)."""


def _entries() -> list[Entry]:
    t = Translator("id")
    entries = []
    for result in validate_paths([PROJECTS]).projects:
        assert result.source.slug is not None
        assert result.data is not None
        entries.append(Project(result.source.slug, result.data, "x", t, today=DEMO_DAY).entry())
    return entries


def _variants(entries: list[Entry], base: Entry, name: str) -> list[Any]:
    """Other values of a field: the other projects' and a few made up."""
    value = getattr(base, name)
    made: list[Any] = [getattr(other, name) for other in entries]
    if isinstance(value, bool):
        made.append(not value)
    elif name in ("slug", "title", "summary", "place"):  # texts, not the vocabulary's values
        made += [value + " lagi", ""]
    elif isinstance(value, tuple):
        made += [(), value[:1], value + value[:1]]
    if value is not None:
        made.append(None)
    elif name.endswith("_lang"):
        made.append("en")
    return [v for v in made if v != value and (v is not None or name in ("title_lang", "summary_lang", "call"))]


def _card(entry: Entry, compact: bool, options: Options) -> str:
    portal = Portal(Catalog([entry], Translator("id")), options, Translator("id"))  # a portal keeps its cards
    return str(portal.card(entry, "projects/index.md", compact))


@pytest.mark.parametrize("compact", [False, True], ids=["card", "compact card"])
def test_a_card_is_made_of_what_its_inputs_say(compact: bool) -> None:
    entries, options = _entries(), Options(today=DEMO_DAY)
    base = next(e for e in entries if e.call is not None and e.title_lang is None)
    shown = SHOWN if compact else SHOWN | {"summary", "summary_lang"}
    html = _card(base, compact, options)
    for field in dataclasses.fields(Entry):
        changes = []
        for value in _variants(entries, base, field.name):
            other = dataclasses.replace(base, **{field.name: value})
            differs = _card(other, compact, options) != html
            assert not differs or card(other, compact) != card(base, compact), (field.name, value)
            changes.append(differs)
        if field.name in shown:
            assert any(changes), f"{field.name}: no change of it shows in the card"
        else:
            assert not any(changes), f"{field.name}: the card shows it"


def _lists(entries: list[Entry], options: Options) -> dict[str, tuple[Any, str]]:
    """Each list outside the navigation that has inputs: its inputs and its content."""
    site = Site(Catalog(entries, Translator("id")), options)
    return {spec.uri: (made_of, spec.render()) for spec in site.pages()
            if not spec.in_nav and not spec.searched and (made_of := spec.inputs()) is not None}


EDITS: dict[str, dict[str, Any]] = {
    "title": {"title": "Zona baru"},
    "title language": {"title_lang": "en"},
    "summary": {"summary": "Ringkasan lain."},
    "phase": {"phase": "empowerment"},
    "status": {"status": "completed"},
    "tags": {"tags": ("data-terbuka", "taman")},
    "place": {"place": "Kota Lain"},
    "categories": {"categories": ()},
    "stakeholders": {"stakeholders": ()},
    "call": {"call": None},
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_lists_with_the_same_inputs_render_the_same(edit: str) -> None:
    """Small pages (many lists, each of few projects): after an edit of one project, each
    list whose inputs are the same renders the same; some lists' inputs differ, not all."""
    entries, options = _entries(), Options(page_size=2, facet_page_size=2, today=DEMO_DAY)
    before = _lists(entries, options)
    n = max((i for i, e in enumerate(entries) if e.call is not None and e.stakeholders and e.categories),
            key=lambda i: entries[i].title.casefold())  # not on the catalogue's first page
    edited = dataclasses.replace(entries[n], **EDITS[edit])
    if edited == entries[n]:  # the project had that value already
        edited = dataclasses.replace(entries[n], phase="involvement")
    assert edited != entries[n]
    entries[n] = edited
    after = _lists(entries, options)
    same = [uri for uri in after if uri in before and before[uri][0] == after[uri][0]]
    assert all(before[uri][1] == after[uri][1] for uri in same), [u for u in same if before[u][1] != after[u][1]]
    assert 0 < len(same) < len(after)
    assert any(uri.startswith(("catalogue/", "calls/", "stakeholders/")) for uri in after)
