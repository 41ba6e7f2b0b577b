"""The portal's search box: its words in the portal's language, and the filters it offers.

The search itself is Pagefind's (the index is built after the build, `build/search.py`).
A project page names its filter values with `data-pagefind-filter` (project.html): the
labels of its phase, kind, stakeholder categories and status, in the portal's language, as
the search box lists them here, in the vocabulary's order.
"""

from __future__ import annotations

from dataclasses import dataclass

from cocreate.i18n.translator import Translator
from cocreate.standard.vocabulary import CATEGORIES, KIND_ORDER, PHASES, STATUSES

FILTERS: dict[str, tuple[str, ...]] = {"phase": PHASES, "kind": KIND_ORDER, "category": CATEGORIES,
                                       "status": STATUSES}
"""The search's filters (Pagefind's filter names, also vocabulary groups) and their values."""


@dataclass(frozen=True)
class SearchFilter:
    name: str
    label: str
    values: tuple[str, ...]
    """The values' labels, as project pages give them to Pagefind."""


@dataclass(frozen=True)
class SearchBox:
    """What the header's search box says, in the portal's language."""

    label: str
    placeholder: str
    open: str
    reset: str
    filters_label: str
    prompt: str
    loading: str
    none: str
    one: str
    many: str
    """With `{count}`."""
    more: str
    unavailable: str
    results: str
    any: str
    filters: tuple[SearchFilter, ...]


def search_box(t: Translator) -> SearchBox:
    filters = tuple(SearchFilter(name, t(f"facets.{name}"), tuple(t.label(name, value) for value in values))
                    for name, values in FILTERS.items())
    return SearchBox(label=t("search.label"), placeholder=t("search.placeholder"), open=t("search.open"),
                     reset=t("search.reset"), filters_label=t("search.filters"), prompt=t("search.prompt"),
                     loading=t("search.loading"), none=t("search.none"), one=t("search.one"),
                     many=t("search.many"), more=t("search.more"),
                     unavailable=t("search.unavailable"), results=t("search.results"), any=t("catalogue.any"),
                     filters=filters)
