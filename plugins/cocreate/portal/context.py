"""What each page's template is given as `page`: one typed object per kind of page.

As a page of MkDocs' own theme is given `config` and `page`, each template of the portal
(`portal/templates/`, or a portal's own in `custom_dir/cocreate/`) is given two names:

- `portal` (`portal.templating.Portal`): what every page shares: the catalogue, the
  settings, the words of the page's language (`portal.translate`), the standard's values
  (`portal.vocabulary`, `portal.not_recorded`), the addresses (`portal.urls`, and
  `portal.repository` for links into the portal's repository) and the helpers that print a
  contributor's text safely (`portal.text`, `portal.markdown`, ...).
- `page`: the page's own values, one kind of `Page` per template (`ProjectPage` for
  `project.html`, `CataloguePage` for `catalogue.html`, ...: each names its `template`).
  `page.link(to)` is the relative link from the page to another.

Templates never read a project's raw record: every value they print is a property of
`Project` or of the page (tests/portal/test_templates.py checks it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from markupsafe import Markup

from cocreate.portal import datapackage, urls
from cocreate.portal.datapackage import Table
from cocreate.portal.entry import Entry
from cocreate.portal.facets import FacetValue
from cocreate.portal.feeds import Item
from cocreate.portal.figures import Section
from cocreate.portal.glossary import Group
from cocreate.portal.listing import Listing
from cocreate.portal.project import Project
from cocreate.portal.templating import Portal

HISTORY_SHOWN = 30
"""History events shown on a project page; the rest are in the repository."""


@dataclass(frozen=True, kw_only=True)
class Page:
    """What a page's template is given as `page`: its address, its title, links from it.
    Each kind of page below names its template."""

    template: ClassVar[str]
    """The template of this kind of page, in `portal/templates/` (or the portal's own)."""
    uri: str
    title: str
    portal: Portal = field(repr=False, compare=False)

    def link(self, to: str) -> str:
        """The link from this page to the page or file at `to` (an address of `portal.urls`)."""
        return self.portal.repository.link(self.uri, to)

    def term(self, group: str, value: str) -> str:
        """The link to a term of the standard in the glossary (`term("phase", "curation")`)."""
        return f"{self.link(urls.GLOSSARY)}#{urls.term(group, value)}"


@dataclass(frozen=True, kw_only=True)
class KindsPage(Page):
    """The kinds of co-creation, openness by ownership, with projects of each (`kinds.html`)."""

    template: ClassVar[str] = "kinds.html"


@dataclass(frozen=True, kw_only=True)
class PhasesPage(Page):
    """The phase board: the projects in each phase (`phases.html`)."""

    template: ClassVar[str] = "phases.html"


@dataclass(frozen=True, kw_only=True)
class StakeholdersPage(Page):
    """Which categories of stakeholders take part in each phase, and the directory of
    organisations by category (`stakeholders.html`)."""

    template: ClassVar[str] = "stakeholders.html"


@dataclass(frozen=True, kw_only=True)
class ProjectPage(Page):
    """A project's transparency page (`project.html`, with `join.html` and `_dialogue.html`)."""

    template: ClassVar[str] = "project.html"
    project: Project

    @property
    def join_issue(self) -> str | None:
        """GitHub's issue form for joining the project, with the project named (its `project`
        field and the issue's title)."""
        title = f"{self.portal.translate('project.join_issue_title')}: {self.project.title}"
        return self.portal.repository.new_issue(urls.JOIN_TEMPLATE, title=title, project=self.project.slug)

    @property
    def ask_issue(self) -> str | None:
        """GitHub's issue form for asking or suggesting something about the project, with the
        project named (channels.js adds the question and who asks, as they are typed)."""
        title = f"{self.portal.translate('ask.issue_title')}: {self.project.title}"
        return self.portal.repository.new_issue(urls.ASK_TEMPLATE, title=title, project=self.project.slug)

    @property
    def address(self) -> str:
        """The page's public address, for a message a reader sends; empty when the portal's
        address is unknown."""
        return self.portal.repository.absolute(self.uri) if self.portal.options.site_url else ""

    @property
    def history(self) -> list[Any]:
        """The newest events of the project's history that the page shows (`HISTORY_SHOWN`)."""
        return (self.project.history or [])[:HISTORY_SHOWN]

    @property
    def history_all(self) -> str | None:
        """The link to the file's whole history, when the page shows only part of it."""
        more = len(self.project.history or []) > HISTORY_SHOWN
        return self.portal.repository.commits(self.project.source) if more else None

    def tag_link(self, tag: str) -> str:
        """The link to the list of a tag's projects (`Site` links a tag only this project
        has to its line on the tags' shared page instead)."""
        return self.link(urls.facet("tag", urls.slugify(tag)))


@dataclass(frozen=True, kw_only=True)
class CataloguePage(Page):
    """A page of the catalogue (`catalogue.html`): every project, or those of one facet value
    or one organisation (`facet_value`)."""

    template: ClassVar[str] = "catalogue.html"
    listing: Listing
    facet_value: FacetValue | None = None

    @property
    def cards(self) -> Markup:
        """The projects of this page, as cards (compact on a facet value's list)."""
        return self.portal.cards(self.listing.items, self.uri, compact=self.facet_value is not None)


@dataclass(frozen=True, kw_only=True)
class FacetOncePage(Page):
    """The values of a facet that one project each has, on one page (`facet_once.html`)."""

    template: ClassVar[str] = "facet_once.html"
    listing: Listing


@dataclass(frozen=True, kw_only=True)
class CallsPage(Page):
    """A page of the open calls (`calls.html`): all of them, or those seeking a `category`."""

    template: ClassVar[str] = "calls.html"
    listing: Listing
    category: str | None = None


@dataclass(frozen=True, kw_only=True)
class StakeholderListPage(Page):
    """A page of the organisations of one category of stakeholders (`stakeholder_list.html`)."""

    template: ClassVar[str] = "stakeholder_list.html"
    listing: Listing
    category: str


@dataclass(frozen=True, kw_only=True)
class StatisticsPage(Page):
    """The statistics page (`statistics.html`): its sections, on the day of the build."""

    template: ClassVar[str] = "statistics.html"
    sections: list[Section]
    built: str
    """The day of the build, in words."""


@dataclass(frozen=True, kw_only=True)
class ProposePage(Page):
    """The proposal form (`propose.html`) and what its script checks in the browser
    (`portal/forms.py`)."""

    template: ClassVar[str] = "propose.html"
    messages: str
    """The standard's messages for the form's script, as JSON."""
    rules: str
    """The rules the script checks beyond the schema, as JSON."""
    url_limit: int
    """The longest address of GitHub's new-file form the script opens."""
    slug_pattern: str


@dataclass(frozen=True, kw_only=True)
class GlossaryPage(Page):
    """The glossary (`glossary.html`): the standard's terms in plain words."""

    template: ClassVar[str] = "glossary.html"
    groups: Sequence[Group]


@dataclass(frozen=True, kw_only=True)
class DataPage(Page):
    """The open data page (`data.html`): the data package's tables and their fields."""

    template: ClassVar[str] = "data.html"
    tables: Sequence[Table]

    def schema(self, table: Table) -> dict[str, Any]:
        """A table's Table Schema, its descriptions in the page's language."""
        return datapackage.table_schema(table, self.portal.translate)


@dataclass(frozen=True, kw_only=True)
class HomePage(Page):
    """What the home page shows below the portal's own words (`home.html`)."""

    template: ClassVar[str] = "home.html"
    recent: Sequence[Item]
    """The newest changes of the portal, newest first."""
    calls: Sequence[Entry]
    """The projects whose call closes first."""
