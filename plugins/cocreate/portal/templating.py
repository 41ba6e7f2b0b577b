"""The Jinja environment of the portal's templates, which a portal can override, and what
every template is given as `portal`.

A theme's `custom_dir` may hold a `cocreate/` folder: a template there replaces cocreate's
own of the same name (`cocreate/project.html`, `cocreate/_macros.html`), as Material's own
templates are overridden from `custom_dir`. Everything a template prints is escaped unless
it is marked safe (the sanitized Markdown and the charts).

Each template is given two names: `portal` (`Portal`, below: the same for every page of a
portal, a global, so the macros of `_macros.html` see it too) and `page` (the page's own
typed object, `portal/context.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from types import ModuleType
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape
from markupsafe import Markup

from cocreate.git.changes import Change, sentence
from cocreate.i18n.translator import Translator
from cocreate.portal import channels, urls
from cocreate.portal.catalog import Catalog, Organisation
from cocreate.portal.entry import Entry
from cocreate.portal.facets import FACETS, FacetValue
from cocreate.portal.options import Options
from cocreate.portal.urls import Urls
from cocreate.standard import markdown
from cocreate.standard.dates import parse_date
from cocreate.standard.vocabulary import (
    ACTIVITIES,
    CATEGORIES,
    CATEGORY_ORDER,
    NOT_RECORDED,
    OPENNESS,
    OWNERSHIP,
    PHASES,
    ROLES,
)

if TYPE_CHECKING:
    from cocreate.portal.context import Page

OVERRIDES = "cocreate"
"""The folder, inside a theme's `custom_dir`, of templates that replace cocreate's."""
PREVIEW = 6
"""Projects shown in a cell of the kinds matrix or a column of the phase board."""
TOP = 30
"""Values of one facet listed on the catalogue page; the rest are reached by search."""


def environment(template_dirs: tuple[str, ...] = ()) -> Environment:
    """The environment: templates from `template_dirs` first, then cocreate's own."""
    return Environment(
        loader=ChoiceLoader([FileSystemLoader(list(template_dirs)), PackageLoader("cocreate.portal", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def shares_a_page(fv: FacetValue) -> bool:
    """A value of an open-ended facet (tags, places: values people write, not the
    vocabulary's) that only one project has: it is listed on the facet's one page of such
    values instead of a page of its own. In a real portal most tags are used once: a page
    each made a third of its pages."""
    return fv.facet.label_group is None and len(fv.projects) == 1


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The standard's values that templates list (`standard/vocabulary.py`), in its order."""

    phases: tuple[str, ...] = PHASES
    activities: dict[str, str] = field(default_factory=lambda: dict(ACTIVITIES))
    """Each activity and the phase it belongs to."""
    categories: tuple[str, ...] = CATEGORIES
    """The seven categories of stakeholders."""
    category_order: tuple[str, ...] = CATEGORY_ORDER
    """The seven, then other parties, then parties whose kind is not recorded."""
    openness: tuple[str, ...] = OPENNESS
    ownership: tuple[str, ...] = OWNERSHIP
    join_roles: tuple[str, ...] = tuple(r for r in ROLES if r != "initiator")
    """The roles one who joins a project can take."""


@dataclass(eq=False)
class Portal:
    """What every template of one portal shares, as `portal`; it renders them too."""

    catalog: Catalog
    options: Options
    translate: Translator
    """The words of the page's language: `translate(key, **params)`, `translate.label(group,
    value)`, `translate.date(value)`."""
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    not_recorded: str = NOT_RECORDED
    """What a record answers where it makes no claim; pages say it in words."""
    preview: int = PREVIEW
    """Projects a cell of the kinds matrix or a column of the phase board shows."""
    environment: Environment = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.environment = environment(self.options.template_dirs)
        self.environment.filters["safe_url"] = safe_url
        self.environment.filters["label"] = lambda value, group: self.translate.label(group, value)
        self.environment.filters["pair"] = lambda value, group: (value, self.translate.label(group, value))
        self.environment.globals["portal"] = self
        self._cards: dict[tuple[str, str, bool], Markup] = {}

    def render(self, page: Page) -> str:
        """The page's template, given this portal and the page."""
        return self.environment.get_template(page.template).render(page=page)

    @property
    def urls(self) -> ModuleType:
        """The addresses of the portal's pages and files (`portal/urls.py`)."""
        return urls

    @property
    def repository(self) -> Urls:
        """The portal's addresses with its repository's: a file's edit and history links, a
        commit's, a pull request's, an issue form's (None where the repository is unknown)."""
        return self.options.urls

    # ----- a contributor's text, printed safely ----------------------------------------
    def text(self, value: Any) -> Markup:
        """A text of a project for a page: escaped; in the page's language, else marked with
        the language it is in (`<span lang="en">`) for screen readers; "not recorded" said
        in words."""
        if value == NOT_RECORDED:
            return Markup('<span class="cc-unrecorded">{}</span>').format(self.translate("project.not_recorded"))
        text, language = self.translate.text_in(value)
        if language is None or language == self.translate.language:
            return Markup.escape(text)
        return Markup('<span lang="{}">{}</span>').format(language, text)

    def markdown(self, value: Any) -> Markup:
        """A Markdown text of a project, rendered and sanitized, marked with its language as
        `text` does."""
        text, language = self.translate.text_in(value)
        html = Markup(markdown.render(text))  # noqa: S704 - sanitized by nh3 (standard.markdown)
        if language is None or language == self.translate.language:
            return html
        return Markup('<div lang="{}">{}</div>').format(language, html)

    def sentence(self, key: str, **params: Any) -> Markup:
        """A portal sentence as HTML, its `{placeholders}` filled with HTML: each text a
        contributor wrote comes isolated (`<bdi>`, from the `sought` macro), never escaped twice."""
        return Markup(escape(self.translate(key), quote=False)).format(**params)  # noqa: S704 - escaped here

    @staticmethod
    def sanitized(html: str) -> Markup:
        """HTML that `standard.markdown` made and sanitized already (an open call's
        `how_to_respond`, rendered where its project was validated)."""
        return Markup(html)  # noqa: S704 - sanitized by nh3 (standard.markdown.render)

    def change(self, change: Change) -> str:
        """A change of a project's record in a sentence (its history)."""
        return sentence(change, self.translate)

    @staticmethod
    def machine_date(value: str) -> str:
        """A recorded date for an HTML `datetime` attribute (a quarter as its year)."""
        date = parse_date(value)
        return date.machine if date is not None else value

    def count_forms(self, key: str) -> dict[str, str]:
        """A counted string's forms for a script that counts in the browser (`Translator.forms`)."""
        return self.translate.forms(key)

    @staticmethod
    def mailto(address: str, subject: str, body: str) -> str:
        """A `mailto:` link with the message written (`portal/channels.py`)."""
        return channels.mailto(address, subject, body)

    @staticmethod
    def whatsapp_link(digits: str, text: str) -> str:
        """A `wa.me` link with the message written (`portal/channels.py`)."""
        return channels.whatsapp_link(digits, text)

    # ----- the catalogue's lists --------------------------------------------------------
    def facet_uri(self, fv: FacetValue, number: int = 1) -> str:
        """The list of a facet value's projects; for a value one project has, its place on
        the facet's shared page."""
        if shares_a_page(fv):
            return f"{urls.facet_once(fv.facet.name, self._once_pages[(fv.facet.name, fv.value)])}#{fv.slug}"
        return urls.facet(fv.facet.name, fv.slug, number)

    @cached_property
    def once(self) -> dict[str, list[FacetValue]]:
        """Each facet's values that share a page, in the facet's order."""
        return {name: [fv for fv in values if shares_a_page(fv)] for name, values in self.catalog.facets.items()}

    @cached_property
    def _once_pages(self) -> dict[tuple[str, str], int]:
        size = self.options.facet_page_size
        return {(name, fv.value): i // size + 1 for name, values in self.once.items() for i, fv in enumerate(values)}

    @staticmethod
    def organisation_uri(org: Organisation, number: int = 1) -> str:
        """The list of an organisation's projects (only for one in more than `PREVIEW`)."""
        return urls.organisation(org.category, org.slug, number)

    @staticmethod
    def top_values(values: list[FacetValue]) -> list[FacetValue]:
        """A facet's values for the catalogue page: all of them, or the `TOP` most used."""
        if len(values) <= TOP:
            return values
        return sorted(values, key=lambda fv: (-len(fv.projects), fv.label.casefold()))[:TOP]

    @staticmethod
    def is_static_facet(name: str) -> bool:
        """Whether a facet's values have pages of their own (not the organisations)."""
        return next(f.static for f in FACETS if f.name == name)

    def card(self, project: Entry, from_uri: str, compact: bool = False) -> Markup:
        """A project's card in a list (`compact`: without its summary, in one line). A project appears in
        many lists (the catalogue and one per facet value), so each card is rendered once
        per folder depth and reused."""
        depth = "../" * from_uri.count("/")
        key = (project.slug, depth, compact)
        if key not in self._cards:
            macro = self.environment.get_template("_macros.html").module.card  # type: ignore[attr-defined]
            link = self.repository.link
            self._cards[key] = Markup(macro(project, lambda to: link(from_uri, to), compact))  # noqa: S704 - autoescaped
        return self._cards[key]

    def cards(self, projects: Sequence[Entry], from_uri: str, compact: bool = False) -> Markup:
        """The cards of a page of a list, joined here rather than one template call each."""
        return Markup("".join([self.card(project, from_uri, compact) for project in projects]))  # noqa: S704 - cards, each safe

    def reuse_cards(self, previous: Portal) -> None:
        """Take the cards that `previous`, a portal of the same options and templates (a
        preview's last build), rendered of the projects whose entries are the same here: a
        card is made of its entry alone."""
        if previous.options != self.options:
            return
        before = {project.slug: project for project in previous.catalog.projects}
        same = {project.slug for project in self.catalog.projects if before.get(project.slug) == project}
        self._cards.update({key: card for key, card in previous._cards.items() if key[0] in same})


def safe_url(value: Any) -> str:
    """The URL when it is http(s), else an empty string. Validation already refuses other
    schemes; the build checks again so that no path around validation can publish one."""
    text = str(value or "").strip()
    return text if re.match(r"https?://[^\s\"'<>`]+$", text, re.IGNORECASE) else ""
