"""Every page and data file of the portal, as specifications rendered on demand.

`Site.pages()` lists what the portal publishes: the fixed overview pages (catalogue, kinds,
phases, stakeholders, statistics), one transparency page per project, and paginated lists
(the catalogue, each facet value, each stakeholder category). Nothing but paginated lists
grows with the number of projects, so the build stays linear. Each page is rendered only
when asked, from one in-memory catalogue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from html import escape
from typing import Any

from markupsafe import Markup

from cocreate.git.changes import sentence
from cocreate.i18n.translator import Translator
from cocreate.portal import channels, datapackage, urls
from cocreate.portal.calls import Call
from cocreate.portal.catalog import Catalog, Organisation
from cocreate.portal.entry import Entry
from cocreate.portal.facets import FACETS, Facet, FacetValue
from cocreate.portal.feeds import Item
from cocreate.portal.figures import Section, sections
from cocreate.portal.forms import MAX_URL_BYTES, browser_rules, form_messages
from cocreate.portal.glossary import glossary
from cocreate.portal.listing import paginate
from cocreate.portal.options import Options
from cocreate.portal.periods import span
from cocreate.portal.project import Project
from cocreate.portal.templating import environment
from cocreate.standard import markdown
from cocreate.standard.dates import parse_date
from cocreate.standard.paths import project_file
from cocreate.standard.validate import SLUG
from cocreate.standard.vocabulary import (
    ACTIVITIES,
    CATEGORIES,
    CATEGORY_ORDER,
    NOT_RECORDED,
    OPENNESS,
    OWNERSHIP,
    PHASES,
    PRINCIPLES,
    ROLES,
)

PREVIEW = 6
"""Projects shown in a cell of the kinds matrix or a column of the phase board."""
ORGANISATION = Facet("organisation", lambda p: [], static=False)
"""Organisations are not a facet of the catalogue; one in many projects gets its own list."""
HISTORY_SHOWN = 30
"""History events shown on a project page; the rest are in the repository."""
HOME_CHANGES = 5
"""The newest changes the home page shows; the rest are in the feeds."""
HOME_CALLS = 3
"""Open calls the home page shows; the rest are on the open calls' page."""
TOP = 30
"""Values of one facet listed on the catalogue page; the rest are reached by search."""


def shares_a_page(fv: FacetValue) -> bool:
    """A value of an open-ended facet (tags, places: values people write, not the
    vocabulary's) that only one project has: it is listed on the facet's one page of such
    values instead of a page of its own. In a real portal most tags are used once: a page
    each made a third of its pages."""
    return fv.facet.label_group is None and len(fv.projects) == 1


def top_values(values: list[FacetValue]) -> list[FacetValue]:
    """A facet's values for the catalogue page: all of them, or the `TOP` most used."""
    if len(values) <= TOP:
        return values
    return sorted(values, key=lambda fv: (-len(fv.projects), fv.label.casefold()))[:TOP]


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


class Site:
    """The portal's pages for one catalogue and one set of options."""

    def __init__(self, catalog: Catalog, options: Options, rendered: Mapping[str, RenderedPage] | None = None,
                 recent: Sequence[Item] = ()) -> None:
        self.catalog = catalog
        self.options = options
        self.urls = options.urls
        self.rendered: Mapping[str, RenderedPage] = rendered or {}
        """Project pages already rendered (by the validation workers), by slug."""
        self.recent = list(recent)[:HOME_CHANGES]
        """The newest changes of the portal, newest first (the items of its feeds), for the home page."""
        self.t: Translator = catalog.t
        self.env = environment(options.template_dirs)
        self.env.filters["safe_url"] = safe_url
        self.env.filters["label"] = lambda value, group: self.t.label(group, value)
        self.env.filters["pair"] = lambda value, group: (value, self.t.label(group, value))
        self.env.globals.update(t=self.t, md=self.markdown, PHASES=PHASES, ACTIVITIES=ACTIVITIES,
                                CATEGORIES=CATEGORIES, OPENNESS=OPENNESS, OWNERSHIP=OWNERSHIP, options=options,
                                urls=urls, repo=self.urls, facet_uri=self.facet_uri, top=top_values, preview=PREVIEW,
                                cards=self.cards, organisation_uri=self.organisation_uri,
                                change_text=lambda c: sentence(c, self.t), HISTORY_SHOWN=HISTORY_SHOWN,
                                tx=self.text, mdx=self.markdown_text, NOT_RECORDED=NOT_RECORDED,
                                machine_date=machine_date,
                                CATEGORY_ORDER=CATEGORY_ORDER,
                                static_facet=lambda name: next(f.static for f in FACETS if f.name == name),
                                PRINCIPLES=PRINCIPLES, JOIN_ROLES=[r for r in ROLES if r != "initiator"],
                                join_issue=self.join_issue, html=sanitized, th=self.text_html,
                                count_forms=self.count_forms, ask_issue=self.ask_issue, page_address=self.page_address,
                                mailto=channels.mailto, whatsapp_link=channels.whatsapp_link)
        self._cards: dict[tuple[str, str, bool], Markup] = {}

    def text_html(self, key: str, **params: Any) -> Markup:
        """A portal sentence as HTML, its `{placeholders}` filled with HTML: each text a
        contributor wrote comes isolated (`<bdi>`, from the `sought` macro), never escaped twice."""
        return Markup(escape(self.t(key), quote=False)).format(**params)  # noqa: S704 - escaped here

    @classmethod
    def from_projects(cls, projects: Iterable[Project], options: Options) -> Site:
        """A site made in this process from whole projects, every page rendered here (the
        build renders them in its worker processes instead)."""
        projects = list(projects)
        t = Translator(options.language)
        renderer = cls(Catalog([], t), options)
        return cls(Catalog([p.entry() for p in projects], t), options,
                   {p.slug: renderer.render_project(p) for p in projects})

    # ----- helpers for templates -------------------------------------------------------
    def card(self, project: Entry, from_uri: str, compact: bool = False) -> Markup:
        """A project's card in a list (`compact`: without its summary). A project appears in
        many lists (the catalogue and one per facet value), so each card is rendered once
        per folder depth and reused."""
        depth = "../" * from_uri.count("/")
        key = (project.slug, depth, compact)
        if key not in self._cards:
            macro = self.env.get_template("_macros.html").module.card  # type: ignore[attr-defined]
            self._cards[key] = Markup(macro(project, lambda to: self.urls.link(from_uri, to), compact))  # noqa: S704 - autoescaped
        return self._cards[key]

    def cards(self, projects: Sequence[Entry], from_uri: str, compact: bool = False) -> Markup:
        """The cards of a page of a list, joined here rather than one template call each."""
        return Markup("".join([self.card(project, from_uri, compact) for project in projects]))  # noqa: S704 - cards, each safe

    def join_issue(self, project: Project) -> str | None:
        """GitHub's issue form for joining a project, with the project named (its `project`
        field and the issue's title)."""
        title = f"{self.t('project.join_issue_title')}: {project.title}"
        return self.urls.new_issue(urls.JOIN_TEMPLATE, title=title, project=project.slug)

    def count_forms(self, key: str) -> dict[str, str]:
        """A counted string's forms for a script that counts in the browser: one per plural
        category of the page's language (CLDR, through Babel: `other` in Bahasa Indonesia,
        `one` and `other` in English), `{count}` left to fill. The script picks the form
        with the browser's own CLDR rules (`Intl.PluralRules`)."""
        from babel import Locale

        categories = sorted(Locale.parse(self.t.language).plural_form.tags | {"other"})
        return {category: self.t(f"{key}.{category}") for category in categories}

    def ask_issue(self, project: Project) -> str | None:
        """GitHub's issue form for asking or suggesting something about a project, with the
        project named (channels.js adds the question and who asks, as they are typed)."""
        title = f"{self.t('ask.issue_title')}: {project.title}"
        return self.urls.new_issue(urls.ASK_TEMPLATE, title=title, project=project.slug)

    def page_address(self, uri: str) -> str:
        """A page's public address, for a message a reader sends; empty when the portal's
        address is unknown."""
        return self.urls.absolute(uri) if self.options.site_url else ""

    @staticmethod
    def markdown(value: str) -> Markup:
        return Markup(markdown.render(value))  # noqa: S704 - sanitized by nh3 (standard.markdown)

    def text(self, value: Any) -> Markup:
        """A text of a project for a page: escaped; in the page's language, else marked with
        the language it is in (`<span lang="en">`) for screen readers; "not recorded" said
        in words."""
        if value == NOT_RECORDED:
            return Markup('<span class="cc-unrecorded">{}</span>').format(self.t("project.not_recorded"))
        text, language = self.t.text_in(value)
        if language is None or language == self.t.language:
            return Markup.escape(text)
        return Markup('<span lang="{}">{}</span>').format(language, text)

    def markdown_text(self, value: Any) -> Markup:
        """A Markdown text of a project, rendered and sanitized, marked with its language as
        `text` does."""
        text, language = self.t.text_in(value)
        html = self.markdown(text)
        if language is None or language == self.t.language:
            return html
        return Markup('<div lang="{}">{}</div>').format(language, html)

    def _render(self, template: str, uri: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            uri=uri, link=lambda to: self.urls.link(uri, to), catalog=self.catalog,
            term=lambda group, value: f"{self.urls.link(uri, urls.GLOSSARY)}#{urls.term(group, value)}", **context
        )

    # ----- the pages -------------------------------------------------------------------
    def facet_uri(self, fv: FacetValue, number: int = 1) -> str:
        """The list of a facet value's projects; for a value one project has, its place on
        the facet's shared page."""
        if shares_a_page(fv):
            return f"{urls.facet_once(fv.facet.name, self._once_pages[(fv.facet.name, fv.value)])}#{fv.slug}"
        return urls.facet(fv.facet.name, fv.slug, number)

    @cached_property
    def _once(self) -> dict[str, list[FacetValue]]:
        """Each facet's values that share a page, in the facet's order."""
        return {name: [fv for fv in values if shares_a_page(fv)] for name, values in self.catalog.facets.items()}

    @cached_property
    def _once_pages(self) -> dict[tuple[str, str], int]:
        size = self.options.facet_page_size
        return {(name, fv.value): i // size + 1 for name, values in self._once.items() for i, fv in enumerate(values)}

    @cached_property
    def _tags(self) -> dict[str, FacetValue]:
        return {fv.value: fv for fv in self.catalog.facets["tag"]}

    def _relinked(self, project: Entry, html: str) -> str:
        """A project page rendered (in a worker, from the project alone) with links to the
        pages of its tags; a tag only this project has is on the shared page instead."""
        for tag in project.tags:
            fv = self._tags.get(tag)
            if fv is not None and shares_a_page(fv):
                old = self.urls.link(project.uri, urls.facet("tag", urls.slugify(tag)))
                html = html.replace(f'href="{old}"', f'href="{self.urls.link(project.uri, self.facet_uri(fv))}"', 1)
        return html

    @staticmethod
    def organisation_uri(org: Organisation, number: int = 1) -> str:
        """The list of an organisation's projects (only for one in more than `PREVIEW`)."""
        return urls.organisation(org.category, org.slug, number)

    def render_project(self, project: Project) -> RenderedPage:
        """A project's transparency page. Depends on the project alone, so worker processes
        can render it beside validation."""
        return RenderedPage(self._render("project.html", project.uri, project=project))

    def pages(self) -> Iterator[PageSpec]:
        """Every page of the portal, overview pages first."""
        yield from self._catalogue_pages()
        yield self._page(urls.KINDS, self.t("kinds.title"), "kinds.html", in_nav=True,
                         description=self.t("kinds.intro"))
        yield self._page(urls.PHASES, self.t("phases.title"), "phases.html", in_nav=True,
                         description=self.t("phases.intro"))
        yield from self._stakeholder_pages()
        yield from self._calls_pages()
        yield self._page(urls.STATISTICS, self.t("statistics.title"), "statistics.html", in_nav=True,
                         sections=self._statistics, built=self.t.day(self.options.day),
                         description=self.t("statistics.intro", day=self.t.day(self.options.day)))
        yield self._page(urls.PROPOSE, self.t("propose.title"), "propose.html", in_nav=True,
                         description=self.t("propose.intro"), messages=form_messages(self.options.language),
                         rules=browser_rules(), url_limit=MAX_URL_BYTES,
                         slug_pattern=SLUG.pattern)
        yield self._page(urls.GLOSSARY, self.t("glossary.title"), "glossary.html", in_nav=True,
                         description=self.t("glossary.intro"), groups=glossary(self.t))
        yield self._page(urls.DATA_PAGE, self.t("data.title"), "data.html", in_nav=True,
                         description=self.t("data.intro"), tables=datapackage.TABLES,
                         schema=lambda table: datapackage.table_schema(table, self.t))
        for project in self.catalog.projects:
            page = self.rendered[project.slug]
            yield PageSpec(project.uri, project.title, _constant(self._relinked(project, page.html)),
                           description=project.summary,
                           edit_url=self.urls.edit(project_file(self.options.projects_folder, project.slug)),
                           feeds=urls.project_folder(project.slug), searched=True)
        for facet in FACETS:
            if not facet.static:
                continue
            once = self._once[facet.name]
            for listing in paginate(once, self.options.facet_page_size, urls.facet_once(facet.name),
                                    partial(urls.facet_once, facet.name)) if once else ():
                title = self.t("catalogue.once_title", facet=self.t(f"facets.{facet.name}"))
                yield self._page(listing.uris[listing.number - 1], title, "facet_once.html", listing=listing)
            for fv in self.catalog.facets[facet.name]:
                if shares_a_page(fv):
                    continue
                listings = paginate(fv.projects, self.options.facet_page_size, self.facet_uri(fv),
                                    partial(self.facet_uri, fv))
                for listing in listings:
                    title = self.t("catalogue.facet_title", facet=self.t(f"facets.{facet.name}"), value=fv.label)
                    yield self._page(listing.uris[listing.number - 1], title, "catalogue.html",
                                     listing=listing, facet_value=fv)

    def _page(self, uri: str, title: str, template: str, *, in_nav: bool = False, description: str = "",
              feeds: str | None = None, **context: Any) -> PageSpec:
        return PageSpec(uri, title, lambda: self._render(template, uri, title=title, **context),
                        description=description, in_nav=in_nav, feeds=feeds)

    def _calls_pages(self) -> Iterator[PageSpec]:
        """The open calls, the one that closes first first; and those that seek each category."""
        for listing in paginate(self.catalog.open_calls, self.options.page_size, urls.calls(), urls.calls):
            first = listing.number == 1
            title = self.t("calls.title") if first else self.t("calls.page_title", number=listing.number)
            yield self._page(listing.uris[listing.number - 1], title, "calls.html", in_nav=first,
                             description=self.t("calls.intro"), feeds=urls.CALLS_FOLDER if first else None,
                             listing=listing, category=None)
        for category, projects in self.catalog.calls_by_category.items():
            if not projects:
                continue
            title = self.t("calls.category_title", category=self.t.label("category", category))
            for listing in paginate(projects, self.options.page_size, urls.calls_seeking(category),
                                    partial(urls.calls_seeking, category)):
                yield self._page(listing.uris[listing.number - 1], title, "calls.html",
                                 listing=listing, category=category)

    def home(self) -> Markup:
        """What the home page shows below the portal's own words: projects by phase, the
        newest changes, the open calls and a call to propose a project."""
        return Markup(self._render("home.html", urls.HOME, recent=self.recent,  # noqa: S704 - autoescaped template
                                   calls=self.catalog.open_calls[:HOME_CALLS]))

    def _catalogue_pages(self) -> Iterator[PageSpec]:
        listings = paginate(self.catalog.projects, self.options.page_size, urls.catalogue(), urls.catalogue)
        for listing in listings:
            uri = listing.uris[listing.number - 1]
            title = self.t("catalogue.title") if listing.number == 1 else \
                self.t("catalogue.page_title", number=listing.number)
            yield self._page(uri, title, "catalogue.html", in_nav=listing.number == 1, listing=listing,
                             facet_value=None, description=self.t("catalogue.intro"))

    def _stakeholder_pages(self) -> Iterator[PageSpec]:
        yield self._page(urls.STAKEHOLDERS, self.t("stakeholders.title"), "stakeholders.html",
                         in_nav=True, description=self.t("stakeholders.intro"))
        for category in CATEGORY_ORDER:
            organisations = self.catalog.organisations[category]
            if category not in CATEGORIES and not organisations:
                continue  # other parties and parties of unrecorded kind: a list only when there are some
            listings = paginate(organisations, self.options.page_size * 2, urls.category(category),
                                partial(urls.category, category))
            for listing in listings:
                title = self.t("stakeholders.category_title", category=self.t.label("category", category))
                yield self._page(listing.uris[listing.number - 1], title, "stakeholder_list.html",
                                 listing=listing, category=category)
            for org in organisations:
                if len(org.roles) <= PREVIEW:
                    continue  # its projects are all listed in the category's list
                projects = [project for project, _ in org.roles]
                value = FacetValue(ORGANISATION, org.name, org.name, org.slug, projects)
                for listing in paginate(projects, self.options.facet_page_size, self.organisation_uri(org),
                                        partial(self.organisation_uri, org)):
                    title = self.t("catalogue.facet_title", facet=self.t("facets.organisation"), value=org.name)
                    yield self._page(listing.uris[listing.number - 1], title, "catalogue.html",
                                     listing=listing, facet_value=value)

    @cached_property
    def _statistics(self) -> list[Section]:
        return sections(self.catalog, self.t)

    # ----- data files ------------------------------------------------------------------
    def index_json(self) -> str:
        """The compact catalogue index that the catalogue page filters with JavaScript."""
        fields = ["slug", "title", "summary", "phase", "kind", "openness", "ownership", "status",
                  "categories", "dimensions", "approach", "location", "tags", "call", "began", "closes"]
        rows = [
            [p.slug, p.title, p.summary, p.phase, p.kind, p.openness, p.ownership, p.status,
             p.categories, p.dimensions, p.approach, p.place, p.tags, "open" if p.call else "",
             p.began or "", closes_on(p.call)]
            for p in self.catalog.projects
        ]
        return json.dumps({"fields": fields, "projects": rows}, ensure_ascii=False, separators=(",", ":"))


def closes_on(call: Call | None) -> str:
    """The last day one can respond to an open call (the catalogue's "closing soonest"), or
    an empty string when there is none."""
    found = span(call.closes) if call is not None else None
    return found[1].isoformat() if found else ""


def machine_date(value: str) -> str:
    """A recorded date for an HTML `datetime` attribute (a quarter as its year)."""
    date = parse_date(value)
    return date.machine if date is not None else value


def sanitized(html: str) -> Markup:
    """HTML that `standard.markdown` made and sanitized already (an open call's
    `how_to_respond`, rendered where its project was validated)."""
    return Markup(html)  # noqa: S704 - sanitized by nh3 (standard.markdown.render)


def _constant(html: str) -> Callable[[], str]:
    """A page's renderer when its HTML is made already (by the workers)."""
    return lambda: html


def safe_url(value: Any) -> str:
    """The URL when it is http(s), else an empty string. Validation already refuses other
    schemes; the build checks again so that no path around validation can publish one."""
    text = str(value or "").strip()
    return text if re.match(r"https?://[^\s\"'<>`]+$", text, re.IGNORECASE) else ""


def safe_title(text: str) -> str:
    """A title for MkDocs' templates, which print it without escaping (and after
    `striptags`, which unescapes): no `<` or `>` at all, and every `&` escaped."""
    return escape(text.replace("<", "‹").replace(">", "›"), quote=True)
