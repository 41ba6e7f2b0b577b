"""What a generated list's content is made of: the values of its page that its template shows.

A list (a page of the catalogue, of a facet value's projects, of the values one project
each has, of open calls, of a category's organisations) shows a few values of a few
projects: a card shows a project's title, badges, place and number of parties, and its
summary unless it is compact. `inputs` gives them for one page, without rendering it, as
a tuple that compares equal only when the page's content, rendered with the same options
and the same templates, would be the same. A preview (`build/preview_site.py`,
`KeptSite.content_digest`) renders again only the lists whose inputs changed: a save that
changes a project's title, phase or tags renders the lists that show the project before or
after the save (and those whose order, pages or counts it changes), not every list.

Pages whose templates read more of the catalogue (the first page of the catalogue, with its
filters and counts; the overviews) have no inputs here: they are rendered on every build.
Neither have the lists when a portal overrides one of their templates (`LIST_TEMPLATES`, in
`template_dirs`): its own template may show anything.

tests/portal/test_list_inputs.py checks the cards' share of it against the card's template:
each field of an entry the card leaves out changes no card, each one it shows changes one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cocreate.portal.context import CallsPage, CataloguePage, FacetOncePage, Page, StakeholderListPage
from cocreate.portal.entry import Entry
from cocreate.portal.facets import FacetValue
from cocreate.portal.listing import Listing
from cocreate.portal.options import Options
from cocreate.portal.templating import PREVIEW

LIST_TEMPLATES = ("_macros.html", "catalogue.html", "facet_once.html", "calls.html", "stakeholder_list.html")
"""The templates the lists are rendered with (and the macros they import)."""

CARD = ("slug", "title", "title_lang", "phase", "kind", "status", "place")
"""The fields of an entry that a project's card shows as they are (`_macros.html`, `card`);
besides them, whether it has an open call and any stakeholder category, its number of
parties, and when not compact, its summary and the summary's language."""


def card(entry: Entry, compact: bool) -> tuple[Any, ...]:
    """What a project's card shows of its entry (`Portal.card`)."""
    shown = (*(getattr(entry, name) for name in CARD), entry.call is not None, bool(entry.categories),
             len(entry.stakeholders))
    return shown if compact else (*shown, entry.summary, entry.summary_lang)


def inputs(page: Page) -> tuple[Any, ...] | None:
    """The values a list's template shows (see the module's docstring); None for a page
    that is not such a list. (Whether the portal overrides the template: `overridden`.)"""
    if isinstance(page, CataloguePage):
        if page.listing.number == 1 and page.facet_value is None:
            return None  # the catalogue's first page: its filters count every facet value
        compact = page.facet_value is not None
        return ("catalogue", page.title, _pager(page.listing), _value(page.facet_value),
                tuple(card(entry, compact) for entry in page.listing.items))
    if isinstance(page, FacetOncePage):
        return ("once", page.title, _pager(page.listing),
                tuple((fv.slug, fv.label, fv.projects[0].slug, fv.projects[0].title) for fv in page.listing.items))
    if isinstance(page, CallsPage):
        catalog = page.portal.catalog
        seeking = () if page.category else (bool(catalog.open_calls),
                                            tuple((c, len(p)) for c, p in catalog.calls_by_category.items()))
        return ("calls", page.title, page.category, _pager(page.listing), seeking,
                tuple((e.slug, e.title, e.phase, e.kind, e.call) for e in page.listing.items))
    if isinstance(page, StakeholderListPage):
        return ("stakeholders", page.title, page.category, _pager(page.listing),
                tuple((org.name, org.category, org.slug, len(org.roles),
                       tuple((e.slug, e.title, e.title_lang, e.phase, role) for e, role in org.roles[:PREVIEW]))
                      for org in page.listing.items))
    return None


def _pager(listing: Listing) -> tuple[Any, ...]:
    return listing.number, listing.count, tuple(listing.uris)


def _value(fv: FacetValue | None) -> tuple[Any, ...] | None:
    """What a facet value's list shows of it: its name, its label and how many projects have it."""
    return None if fv is None else (fv.facet.name, fv.value, fv.label, fv.slug, len(fv.projects))


def overridden(options: Options) -> bool:
    """Whether a portal's own templates replace one the lists are rendered with."""
    return any((Path(folder) / name).exists() for folder in options.template_dirs for name in LIST_TEMPLATES)
