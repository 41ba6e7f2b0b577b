"""Rendering project pages where they are validated: in the validation worker processes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cocreate.portal.catalog import Catalog, Project
from cocreate.portal.datapackage import project_json, project_rows
from cocreate.portal.feeds import Item, both, items_from_events, items_from_timeline
from cocreate.portal.history import History
from cocreate.portal.i18n import Translator
from cocreate.portal.site import Options, Site
from cocreate.validate import Result


def project_from(result: Result, options: Options, history: History) -> Project | None:
    """The portal's view of a validated project, or None for an invalid one."""
    slug = result.source.slug
    if slug is None or result.data is None or not result.valid:
        return None
    source = f"{options.projects_folder}/{slug}/project.yml"
    return Project(slug, result.data, source, Translator(options.language), history.last_changed(slug),
                   history.of(slug) if history.available else None)


@cache
def _site(options: Options) -> Site:
    return Site(Catalog([], Translator(options.language)), options)


@dataclass(frozen=True)
class Prerender:
    """A `finish` step for `validate_sources`: renders each valid project's page."""

    options: Options
    history: History = field(default_factory=lambda: History(False, "none"), hash=False)

    def __call__(self, result: Result) -> None:
        project = project_from(result, self.options, self.history)
        if project is not None:
            result.extra["page"] = _site(self.options).render_project(project)
            result.extra["rows"] = project_rows(project.slug, project.data, project.last_changed)
            result.extra["json"] = project_json(project.slug, project.data)
            result.extra["items"], result.extra["files"] = project_feeds(project, self.options, self.history)
            result.data = slim(project.data)  # what lists and overviews need; less to send and keep


def project_feeds(project: Project, options: Options, history: History) -> tuple[list[Item], dict[str, str]]:
    """A project's feed items (its history, else its timeline) and its two feed files."""
    url = f"{options.site_url}projects/{project.slug}/"
    if history.available:
        items = items_from_events(history.of(project.slug), {project.slug: project.title}, {project.slug: url},
                                  project.t, options.site_url)
    else:
        items = items_from_timeline(project.slug, project.title, url, project.data["timeline"], project.t,
                                    options.site_url)
    title = f"{project.title} · {options.site_name}" if options.site_name else project.title
    return items, both(title, options.site_url, f"projects/{project.slug}/", url, items, options.language)


LIST_FIELDS = ("title", "summary", "status", "phase", "dimensions", "tags", "location", "example", "data")


def slim(data: dict[str, Any]) -> dict[str, Any]:
    """The part of a project that lists, overviews and the index show (its page is rendered)."""
    kept = {key: data[key] for key in LIST_FIELDS if key in data}
    kept["openness"] = {"level": data["openness"]["level"]}
    kept["ownership"] = {"level": data["ownership"]["level"]}
    kept["stakeholders"] = [{k: s[k] for k in ("name", "category", "role")} for s in data["stakeholders"]]
    return kept
