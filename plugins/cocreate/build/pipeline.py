"""The work done for each project where it is validated, in the validation worker processes.

The finish step turns a valid project into a `Built`: its page rendered, its entry for
lists and indexes, its rows of the data package and its feeds. That, not the project's
data, travels back to the process that builds the portal: each `Project` is made once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from cocreate.git.history import History
from cocreate.i18n.translator import Translator
from cocreate.portal import urls
from cocreate.portal.catalog import Catalog
from cocreate.portal.datapackage import RowContext, project_json, project_rows
from cocreate.portal.entry import Entry
from cocreate.portal.feeds import Item, both, items_from_events, items_from_timeline
from cocreate.portal.options import Options
from cocreate.portal.project import Project
from cocreate.portal.site import RenderedPage, Site
from cocreate.standard.paths import project_file
from cocreate.standard.validate import Result


@dataclass(frozen=True)
class Files:
    """What a project adds to the site's files: written as the project arrives, then let go."""

    rows: dict[str, str]
    """The project's rows of each table of the data package, as CSV text, by table."""
    json: str
    """The project in `projects.json`."""
    feed_items: tuple[Item, ...]
    """Its changes, for the portal's feeds."""
    feed_files: dict[str, str]
    """Its own feeds, by path."""


@dataclass
class Translation:
    """A project in one of the portal's further languages: its entry and page, and its
    feeds (items for the language's portal feeds, and its own two files), which
    `take_feeds` hands over once."""

    entry: Entry
    page: RenderedPage
    feeds: tuple[tuple[Item, ...], dict[str, str]] | None

    def take_feeds(self) -> tuple[tuple[Item, ...], dict[str, str]]:
        feeds, self.feeds = self.feeds, None
        return feeds or ((), {})


@dataclass
class Built:
    """What the build needs of one valid project, made where it was validated: its entry and
    page, kept until the pages are made, and its files, which `take_files` hands over once
    (at 10,000 projects, keeping them would cost a hundred megabytes); the same in each of
    the portal's further languages (`translations`, by language; the data package's rows
    are language-neutral and made once)."""

    entry: Entry
    page: RenderedPage
    files: Files | None
    translations: dict[str, Translation] = field(default_factory=dict)

    def take_files(self) -> Files | None:
        files, self.files = self.files, None
        return files


def project_from(result: Result[Any], options: Options, history: History) -> Project | None:
    """The portal's view of a validated project, or None for an invalid one."""
    slug = result.source.slug
    if slug is None or result.data is None or not result.valid:
        return None
    return Project(slug, result.data, project_file(options.projects_folder, slug), Translator(options.language),
                   history.last_changed(slug), history.of(slug) if history.available else None, options.day)


@cache
def _site(options: Options) -> Site:
    return Site(Catalog([], Translator(options.language)), options)


@dataclass(frozen=True)
class Prerender:
    """The `finish` step of the portal's validation: each valid project, built."""

    options: Options
    history: History = field(default_factory=lambda: History(False, "none"), hash=False)

    def __call__(self, result: Result[Any]) -> Built | None:
        if self.history.available and result.data is not None and result.raw is not None:
            self.history.knows(result.raw, result.data)  # the version just validated: not loaded again
        project = project_from(result, self.options, self.history)
        if project is None:
            return None
        items, files = project_feeds(project, self.options, self.history)
        translations = {}
        for language in self.options.languages[1:]:
            options = self.options.in_language(language)
            translated = replace(project, t=Translator(language))  # its texts (cached) made anew
            feed_items, feed_files = project_feeds(translated, options, self.history)
            translations[language] = Translation(translated.entry(), _site(options).render_project(translated),
                                                 (tuple(feed_items), feed_files))
        return Built(project.entry(), _site(self.options).render_project(project),
                     Files(project_rows(project.slug, project.data, RowContext(project.last_changed)),
                           project_json(project.slug, project.data), tuple(items), files), translations)


def project_feeds(project: Project, options: Options, history: History) -> tuple[list[Item], dict[str, str]]:
    """A project's feed items (its history, else its timeline) and its two feed files."""
    url = options.urls.absolute(project.uri)
    if history.available:
        items = items_from_events(history.of(project.slug), {project.slug: project.title}, {project.slug: url},
                                  project.t, options.urls)
    else:
        items = items_from_timeline(project.slug, project.title, url, project.data["timeline"], project.t,
                                    options.urls, project.exchanges)
    title = f"{project.title} · {options.site_name}" if options.site_name else project.title
    return items, both(title, options.site_url, options.urls.path(urls.project_folder(project.slug)), url, items,
                       options.language)
