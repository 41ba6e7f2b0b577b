"""The portal's search box: its words in the portal's language, and the filters it offers.

The search itself is Pagefind's (the index is built after the build, `build/search.py`).
A project page names its filter values with `data-pagefind-filter` (project.html): the
labels of its phase, kind, stakeholder categories and status, in the portal's language, as
the search box lists them here, in the vocabulary's order.

Every page holds the box itself (its field, named, and the live region that says what
happens); the rest of what it says and its filters are in one file, `search_texts`, that
the box's script loads when a reader opens it: the same on every page, they were a tenth
of a project page.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from cocreate.i18n.translator import Translator
from cocreate.portal import urls
from cocreate.standard.vocabulary import CATEGORIES, KIND_ORDER, PHASES, STATUSES

FILTERS: dict[str, tuple[str, ...]] = {"phase": PHASES, "kind": KIND_ORDER, "category": CATEGORIES,
                                       "status": STATUSES}
"""The search's filters (Pagefind's filter names, also vocabulary groups) and their values."""


LATER = ("filters_label", "prompt", "loading", "none", "found", "more", "unavailable", "any", "filters")
"""What `search_texts` holds of the `SearchBox`: what it says once it is open."""


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
    found: dict[str, str]
    """How many results, one form per plural category of the language, with `{count}`
    (`Translator.forms`): the script picks one with the browser's `Intl.PluralRules`."""
    more: str
    unavailable: str
    results: str
    any: str
    filters: tuple[SearchFilter, ...]
    texts: str
    """The file of `search_texts` in the site (`urls.search_texts`)."""
    bundle: str = f"{urls.SEARCH_BUNDLE}/"
    """The folder of the search's index and code in the site, which the box's script loads
    Pagefind from (the box's `data-bundle`)."""


def search_box(t: Translator) -> SearchBox:
    filters = tuple(SearchFilter(name, t(f"facets.{name}"), tuple(t.label(name, value) for value in values))
                    for name, values in FILTERS.items())
    return SearchBox(label=t("search.label"), placeholder=t("search.placeholder"), open=t("search.open"),
                     reset=t("search.reset"), filters_label=t("search.filters"), prompt=t("search.prompt"),
                     loading=t("search.loading"), none=t("search.none"), found=t.forms("search.found"),
                     more=t("search.more"),
                     unavailable=t("search.unavailable"), results=t("search.results"), any=t("catalogue.any"),
                     filters=filters, texts=urls.search_texts(t.language))


def search_texts(box: SearchBox) -> str:
    """The file the box's script loads when it opens: its messages and its filters (names,
    labels, values), as JSON that the script sets as text only."""
    fields = asdict(box)
    return json.dumps({name: fields[name] for name in LATER}, ensure_ascii=False, separators=(",", ":"))
