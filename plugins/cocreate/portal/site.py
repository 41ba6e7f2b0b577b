"""Every page and data file of the portal, as specifications rendered on demand.

`Site.pages()` lists what the portal publishes: the fixed overview pages (catalogue, kinds,
phases, stakeholders, statistics), one transparency page per project, and paginated lists
(the catalogue, each facet value, each stakeholder category). Nothing but paginated lists
grows with the number of projects, so the build stays linear. Each page is rendered only
when asked, from one in-memory catalogue; its template is given the portal and the page's
own typed object (`portal/context.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from html import escape
from typing import Any

from markupsafe import Markup

from cocreate.i18n.translator import Translator
from cocreate.portal import datapackage, urls
from cocreate.portal.catalog import Catalog
from cocreate.portal.context import (
    CallsPage,
    CataloguePage,
    DataPage,
    FacetOncePage,
    GlossaryPage,
    HomePage,
    KindsPage,
    Page,
    PhasesPage,
    ProjectPage,
    ProposePage,
    StakeholderListPage,
    StakeholdersPage,
    StatisticsPage,
)
from cocreate.portal.entry import Entry
from cocreate.portal.facets import FACETS, Facet, FacetValue, index_json
from cocreate.portal.feeds import Item
from cocreate.portal.figures import Section, sections
from cocreate.portal.forms import MAX_URL_BYTES, browser_rules, form_messages
from cocreate.portal.glossary import glossary
from cocreate.portal.list_inputs import inputs, overridden
from cocreate.portal.listing import paginate
from cocreate.portal.options import Options
from cocreate.portal.project import Project
from cocreate.portal.templating import PREVIEW, Portal, shares_a_page
from cocreate.standard.paths import project_file
from cocreate.standard.validate import SLUG
from cocreate.standard.vocabulary import CATEGORIES, CATEGORY_ORDER

ORGANISATION = Facet("organisation", None, static=False)
"""Organisations are not a facet of the catalogue; one in many projects gets its own list."""
HOME_CHANGES = 5
"""The newest changes the home page shows; the rest are in the feeds."""
HOME_CALLS = 3
"""Open calls the home page shows; the rest are on the open calls' page."""


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A project's transparency page, rendered."""

    html: str


@dataclass
class PageSpec:
    """A generated page: where it goes, its title, and how to render its HTML."""

    uri: str
    title: str
    render: Callable[[], str]
    description: str = ""
    in_nav: bool = False
    edit_url: str | None = None
    feeds: str | None = None
    """The folder of the page's own feeds (a project's), besides the portal's."""
    searched: bool = False
    """The site search reads the page (a project's); it leaves the lists out."""
    inputs: Callable[[], tuple[Any, ...] | None] = lambda: None
    """What its content is made of, but for the options and the templates, when that is
    known without rendering it (a preview renders again only pages whose inputs changed);
    None when it is not (`portal/list_inputs.py`)."""


class Site:
    """The portal's pages for one catalogue and one set of options."""

    def __init__(self, catalog: Catalog, options: Options, rendered: Mapping[str, RenderedPage] | None = None,
                 recent: Sequence[Item] = ()) -> None:
        self.catalog = catalog
        self.options = options
        self.urls = options.urls
        self.rendered: dict[str, RenderedPage] = dict(rendered or {})
        """Project pages already rendered (by the validation workers), by slug; each handed
        over once, when its page is rendered (`_hand_over`)."""
        self.recent = list(recent)[:HOME_CHANGES]
        """The newest changes of the portal, newest first (the items of its feeds), for the home page."""
        self.t: Translator = catalog.t
        self.portal = Portal(catalog, options, self.t)
        """What every template is given: the catalogue, the settings, the words, the helpers."""

    @classmethod
    def from_projects(cls, projects: Iterable[Project], options: Options) -> Site:
        """A site made in this process from whole projects, every page rendered here (the
        build renders them in its worker processes instead)."""
        projects = list(projects)
        t = Translator(options.language)
        renderer = cls(Catalog([], t), options)
        return cls(Catalog([p.entry() for p in projects], t), options,
                   {p.slug: renderer.render_project(p) for p in projects})

    # ----- the pages -------------------------------------------------------------------
    def facet_uri(self, fv: FacetValue, number: int = 1) -> str:
        """The list of a facet value's projects; for a value one project has, its place on
        the facet's shared page."""
        return self.portal.facet_uri(fv, number)

    @cached_property
    def _tags(self) -> dict[str, FacetValue]:
        return {fv.value: fv for fv in self.catalog.facets["tag"]}

    def _hand_over(self, project: Entry) -> str:
        """A project's page, rendered by the workers, relinked (`_relinked`) and handed over
        once: the site keeps no copy of it (a national portal's pages, held until the build
        ends, would take hundreds of megabytes while Pagefind indexes them)."""
        return self._relinked(project, self.rendered.pop(project.slug).html)

    def _relinked(self, project: Entry, html: str) -> str:
        """A project page rendered (in a worker, from the project alone) with links to the
        pages of its tags; a tag only this project has is on the shared page instead."""
        for tag in project.tags:
            fv = self._tags.get(tag)
            if fv is not None and shares_a_page(fv):
                old = self.urls.link(project.uri, urls.facet("tag", urls.slugify(tag)))
                html = html.replace(f'href="{old}"', f'href="{self.urls.link(project.uri, self.facet_uri(fv))}"', 1)
        return html

    def render_project(self, project: Project) -> RenderedPage:
        """A project's transparency page. Depends on the project alone, so worker processes
        can render it beside validation."""
        page = ProjectPage(uri=project.uri, title=project.title, portal=self.portal, project=project)
        return RenderedPage(self.portal.render(page))

    def pages(self) -> Iterator[PageSpec]:
        """Every page of the portal, overview pages first."""
        t, portal = self.t, self.portal
        yield from self._catalogue_pages()
        yield self._spec(KindsPage(uri=urls.KINDS, title=t("kinds.title"), portal=portal),
                         in_nav=True, description=t("kinds.intro"))
        yield self._spec(PhasesPage(uri=urls.PHASES, title=t("phases.title"), portal=portal),
                         in_nav=True, description=t("phases.intro"))
        yield from self._stakeholder_pages()
        yield from self._calls_pages()
        day = t.day(self.options.day)
        yield self._spec(StatisticsPage(uri=urls.STATISTICS, title=t("statistics.title"),
                                                           portal=portal, sections=self._statistics, built=day),
                         in_nav=True, description=t("statistics.intro", day=day))
        yield self._spec(ProposePage(uri=urls.PROPOSE, title=t("propose.title"), portal=portal,
                                                     messages=form_messages(self.options.language),
                                                     rules=browser_rules(), url_limit=MAX_URL_BYTES,
                                                     slug_pattern=SLUG.pattern),
                         in_nav=True, description=t("propose.intro"))
        yield self._spec(GlossaryPage(uri=urls.GLOSSARY, title=t("glossary.title"), portal=portal,
                                                       groups=glossary(t)),
                         in_nav=True, description=t("glossary.intro"))
        yield self._spec(DataPage(uri=urls.DATA_PAGE, title=t("data.title"), portal=portal,
                                               tables=datapackage.TABLES),
                         in_nav=True, description=t("data.intro"))
        for project in self.catalog.projects:
            yield PageSpec(project.uri, project.title, partial(self._hand_over, project),
                           description=project.summary,
                           edit_url=self.urls.edit(project_file(self.options.projects_folder, project.slug)),
                           feeds=urls.project_folder(project.slug), searched=True,
                           inputs=partial(self._project_inputs, project))
        for facet in FACETS:
            if not facet.static:
                continue
            once = portal.once[facet.name]
            for listing in paginate(once, self.options.facet_page_size, urls.facet_once(facet.name),
                                    partial(urls.facet_once, facet.name)) if once else ():
                title = t("catalogue.once_title", facet=t(f"facets.{facet.name}"))
                yield self._spec(FacetOncePage(uri=listing.uri, title=title, portal=portal,
                                                                  listing=listing))
            for fv in self.catalog.facets[facet.name]:
                if shares_a_page(fv):
                    continue
                listings = paginate(fv.projects, self.options.facet_page_size, self.facet_uri(fv),
                                    partial(self.facet_uri, fv))
                for listing in listings:
                    title = t("catalogue.facet_title", facet=t(f"facets.{facet.name}"), value=fv.label)
                    yield self._spec(CataloguePage(uri=listing.uri, title=title, portal=portal,
                                                                     listing=listing, facet_value=fv))

    def _spec(self, page: Page, *, in_nav: bool = False, description: str = "",
              feeds: str | None = None) -> PageSpec:
        """A page, rendered with its template when asked."""
        return PageSpec(page.uri, page.title, lambda: self.portal.render(page),
                        description=description, in_nav=in_nav, feeds=feeds, inputs=partial(self._inputs, page))

    @cached_property
    def _overridden(self) -> bool:
        return overridden(self.options)

    def _inputs(self, page: Page) -> tuple[Any, ...] | None:
        """What a list's content is made of (`list_inputs.inputs`), unless the portal's own
        templates render lists (they may show anything)."""
        return None if self._overridden else inputs(page)

    def _project_inputs(self, project: Entry) -> tuple[Any, ...] | None:
        """What a project's page is made of: its page as rendered (the same object while the
        project is not validated again) and the pages its tags link to (`_relinked`)."""
        rendered = self.rendered.get(project.slug)
        if rendered is None:
            return None
        links = tuple((tag, self.facet_uri(fv) if (fv := self._tags.get(tag)) is not None and shares_a_page(fv)
                       else None) for tag in project.tags)
        return "project", project.slug, rendered, links

    def _calls_pages(self) -> Iterator[PageSpec]:
        """The open calls, the one that closes first first; and those that seek each category."""
        t, portal = self.t, self.portal
        for listing in paginate(self.catalog.open_calls, self.options.page_size, urls.calls(), urls.calls):
            first = listing.number == 1
            title = t("calls.title") if first else t("calls.page_title", number=listing.number)
            yield self._spec(CallsPage(uri=listing.uri, title=title, portal=portal, listing=listing),
                             in_nav=first, description=t("calls.intro"), feeds=urls.CALLS_FOLDER if first else None)
        for category, projects in self.catalog.calls_by_category.items():
            if not projects:
                continue
            title = t("calls.category_title", category=t.label("category", category))
            for listing in paginate(projects, self.options.page_size, urls.calls_seeking(category),
                                    partial(urls.calls_seeking, category)):
                yield self._spec(CallsPage(uri=listing.uri, title=title, portal=portal,
                                                         listing=listing, category=category))

    def home(self) -> Markup:
        """What the home page shows below the portal's own words: projects by phase, the
        newest changes, the open calls and a call to propose a project."""
        page = HomePage(uri=urls.HOME, title="", portal=self.portal, recent=self.recent,
                        calls=self.catalog.open_calls[:HOME_CALLS])
        return Markup(self.portal.render(page))  # noqa: S704 - autoescaped template

    def _catalogue_pages(self) -> Iterator[PageSpec]:
        t = self.t
        for listing in paginate(self.catalog.projects, self.options.page_size, urls.catalogue(), urls.catalogue):
            title = t("catalogue.title") if listing.number == 1 else t("catalogue.page_title", number=listing.number)
            yield self._spec(CataloguePage(uri=listing.uri, title=title, portal=self.portal,
                                                             listing=listing),
                             in_nav=listing.number == 1, description=t("catalogue.intro"))

    def _stakeholder_pages(self) -> Iterator[PageSpec]:
        t, portal = self.t, self.portal
        yield self._spec(StakeholdersPage(uri=urls.STAKEHOLDERS, title=t("stakeholders.title"),
                                                   portal=portal),
                         in_nav=True, description=t("stakeholders.intro"))
        for category in CATEGORY_ORDER:
            organisations = self.catalog.organisations[category]
            if category not in CATEGORIES and not organisations:
                continue  # other parties and parties of unrecorded kind: a list only when there are some
            title = t("stakeholders.category_title", category=t.label("category", category))
            for listing in paginate(organisations, self.options.page_size * 2, urls.category(category),
                                    partial(urls.category, category)):
                yield self._spec(StakeholderListPage(
                    uri=listing.uri, title=title, portal=portal, listing=listing, category=category))
            for org in organisations:
                if len(org.roles) <= PREVIEW:
                    continue  # its projects are all listed in the category's list
                projects = [project for project, _ in org.roles]
                value = FacetValue(ORGANISATION, org.name, org.name, org.slug, projects)
                title = t("catalogue.facet_title", facet=t("facets.organisation"), value=org.name)
                for listing in paginate(projects, self.options.facet_page_size, portal.organisation_uri(org),
                                        partial(portal.organisation_uri, org)):
                    yield self._spec(CataloguePage(uri=listing.uri, title=title, portal=portal,
                                                                     listing=listing, facet_value=value))

    @cached_property
    def _statistics(self) -> list[Section]:
        return sections(self.catalog, self.t)

    # ----- data files ------------------------------------------------------------------
    def index_json(self) -> str:
        """The compact catalogue index that the catalogue page filters with JavaScript."""
        return index_json(self.catalog.projects)


def safe_title(text: str) -> str:
    """A title for MkDocs' templates, which print it without escaping (and after
    `striptags`, which unescapes): no `<` or `>` at all, and every `&` escaped."""
    return escape(text.replace("<", "‹").replace(">", "›"), quote=True)
