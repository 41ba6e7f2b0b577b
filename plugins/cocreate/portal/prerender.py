"""Rendering project pages where they are validated: in the validation worker processes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cocreate.portal.catalog import Catalog, Project
from cocreate.portal.i18n import Translator
from cocreate.portal.site import Options, Site
from cocreate.validate import Result


def project_from(result: Result, options: Options, dates: dict[str, str]) -> Project | None:
    """The portal's view of a validated project, or None for an invalid one."""
    slug = result.source.slug
    if slug is None or result.data is None or not result.valid:
        return None
    source = f"{options.projects_folder}/{slug}/project.yml"
    return Project(slug, result.data, source, Translator(options.language), dates.get(source))


@cache
def _site(options: Options) -> Site:
    return Site(Catalog([], Translator(options.language)), options)


@dataclass(frozen=True)
class Prerender:
    """A `finish` step for `validate_sources`: renders each valid project's page."""

    options: Options
    dates: dict[str, str] = field(default_factory=dict, hash=False)

    def __call__(self, result: Result) -> None:
        project = project_from(result, self.options, self.dates)
        if project is not None:
            result.extra["page"] = _site(self.options).render_project(project)
            result.data = slim(project.data)  # what lists and overviews need; less to send and keep


LIST_FIELDS = ("title", "summary", "status", "phase", "dimensions", "tags", "location", "example")


def slim(data: dict[str, Any]) -> dict[str, Any]:
    """The part of a project that lists, overviews and the index show (its page is rendered)."""
    kept = {key: data[key] for key in LIST_FIELDS if key in data}
    kept["openness"] = {"level": data["openness"]["level"]}
    kept["ownership"] = {"level": data["ownership"]["level"]}
    kept["stakeholders"] = [{k: s[k] for k in ("name", "category", "role")} for s in data["stakeholders"]]
    return kept
