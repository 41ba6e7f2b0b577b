"""The portal of one build: its projects validated and built in the workers, then its
`Site` in each of its languages, the main one first (`build_sites`, both).

`validate` reads the portal's history (one `git log` for every project), validates and
prerenders every project (`build/pipeline.py`), and hands each result to the build's
`Output` as it arrives. `sites`, once the report is known to be valid, writes the files
that need every project (`build/site_files.py`) and makes each language's `Site`: its
catalogue, its pages already rendered, and what the home page shows as new.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from pathlib import Path

from cocreate.build.output import Output, SiteError
from cocreate.build.pipeline import Built, Prerender
from cocreate.build.preview import PreviewState
from cocreate.build.site_files import write_feeds, write_site_files
from cocreate.git.history import read_history
from cocreate.i18n.report import summary
from cocreate.i18n.translator import Translator
from cocreate.portal.catalog import Catalog
from cocreate.portal.options import Options, validation_day
from cocreate.portal.site import HOME_CHANGES, Site
from cocreate.standard.problems import Problem
from cocreate.standard.validate import Report, validate_paths


def build_sites(options: Options, root: Path, projects: Path, output: Output,
                say: Callable[[Problem], None], preview: PreviewState | None = None) -> list[Site]:
    """The portal's sites (`sites`) from the projects under `projects` (`validate`, or in a
    preview only those that changed, `PreviewState.validate`); every problem found is handed
    to `say`. Raises `SiteError` when there is no projects folder, and with the report's
    summary when a problem is an error."""
    if not projects.is_dir():
        raise SiteError(f"no projects folder at {projects}")
    report = (preview.validate if preview is not None else validate)(options, root, projects, output)
    for problem in report.problems:
        say(problem)
    if not report.valid:
        raise SiteError(summary(report, options.language))
    made = sites(report, options, projects, output)
    if preview is not None:
        preview.templates_for(made)
    return made


def validate(options: Options, root: Path, projects: Path, output: Output) -> Report:
    """Every project under `projects` validated and, when valid, built (`root`: the portal's
    repository); `output` is closed when this returns, whatever happens."""
    history = read_history(root, options.projects_folder)
    try:
        return validate_paths([projects], finish=Prerender(options, history), on_result=output.add,
                              required_languages=options.required_languages, today=validation_day(options.timezone))
    finally:
        output.close()


def sites(report: Report, options: Options, projects: Path, output: Output) -> list[Site]:
    """The portal's `Site` in each of its languages, the main one first, from a valid
    `report`; the files that need every project are written on the way."""
    built: list[Built] = [r.artefact for r in report.projects if r.artefact is not None]
    write_site_files(output, [b.entry for b in built], options, projects)
    made = []
    for language in options.languages or (options.language,):
        main = language == options.language
        entries = [b.entry if main else b.translations[language].entry for b in built]
        pages = {b.entry.slug: b.page if main else b.translations[language].page for b in built}
        each = options.in_language(language)
        write_feeds(output, each, entries)
        recent = heapq.nlargest(HOME_CHANGES, output.items_in(language), key=lambda i: (i.rank, i.id))
        made.append(Site(Catalog(entries, Translator(language)), each, pages, recent))
    output.forget_items()
    return made
