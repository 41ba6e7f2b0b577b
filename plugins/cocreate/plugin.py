"""The MkDocs plugin: a thin adapter from MkDocs' events to the portal core.

on_config  resolves options, watches the projects folder, adds the portal's CSS and JS;
on_files   validates every project once (any error stops the build before anything is
           written) and adds every portal page and data file, generated in memory;
on_page_markdown / on_page_content
           give generated pages their title and their HTML, rendered by the core without
           passing through the site's Markdown extensions.
"""

from __future__ import annotations

import gc
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from cocreate.config import CocreateConfig
from cocreate.messages import DEFAULT_LANGUAGE, LANGUAGES
from cocreate.portal.catalog import Catalog
from cocreate.portal.prerender import Prerender, project_from
from cocreate.portal.history import last_changed
from cocreate.portal.i18n import Translator
from cocreate.portal.site import INDEX_JSON, Options, PageSpec, Site, safe_title
from cocreate.report import problem_line, summary
from cocreate.validate import validate_paths

log = get_plugin_logger(__name__)

ASSETS = ("cocreate.css", "catalogue.js", "propose.js")
ASSET_DIR = "assets/cocreate"


class CocreatePlugin(BasePlugin[CocreateConfig]):
    """Turns `projects/` into the portal's pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.specs: dict[str, PageSpec] = {}
        self._full_content: dict[str, str] = {}
        self.language = DEFAULT_LANGUAGE
        self.root = Path.cwd()
        self.projects = self.root / "projects"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.projects = (self.root / self.config.projects_dir).resolve()
        theme_language = config.theme.get("language")
        self.language = self.config.language or (theme_language if theme_language in LANGUAGES else DEFAULT_LANGUAGE)
        if str(self.projects) not in config.watch:
            config.watch.append(str(self.projects))
        config.extra_css.append(f"{ASSET_DIR}/cocreate.css")
        config.extra_javascript.append(f"{ASSET_DIR}/catalogue.js")
        config.extra_javascript.append(f"{ASSET_DIR}/propose.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = self._site(config)
        self.specs = {}
        for spec in site.pages():
            self._add(files, File.generated(config, spec.uri, content="",
                      inclusion=InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV))
            self.specs[spec.uri] = spec
        self._add(files, File.generated(config, INDEX_JSON, content=site.index_json()))
        for name in ASSETS:
            content = resources.files("cocreate").joinpath(f"assets/{name}").read_bytes()
            self._add(files, File.generated(config, f"{ASSET_DIR}/{name}", content=content))
        log.info("%d projects, %d generated pages", len(site.catalog.projects), len(self.specs))
        # The projects are loaded and will not change during the build: keep the cyclic
        # garbage collector from scanning them again and again (it made large builds
        # grow faster than linearly). Undone when the build ends.
        gc.collect()
        gc.freeze()
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        page.meta["title"] = safe_title(spec.title)
        if spec.description:
            page.meta["description"] = safe_title(spec.description)
        if not spec.searchable:
            page.meta["search"] = {"exclude": True}
        page.edit_url = spec.edit_url
        return ""

    @event_priority(100)  # before any other plugin sees the (empty) Markdown rendering
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        return html if spec is None else spec.render()

    @event_priority(100)  # before the search plugin indexes the page
    def _search_content(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and spec.search is not None:
            self._full_content[page.file.src_uri] = page.content or ""
            page.content = spec.search()
        return context

    @event_priority(-100)  # after every other plugin, before the theme renders the page
    def _page_content(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if page.file.src_uri in self._full_content:
            page.content = self._full_content.pop(page.file.src_uri)
        return context

    on_page_context = CombinedEvent(_search_content, _page_content)
    """Search indexes a project's own words (title, summary, description, parties,
    timeline); the reader gets the whole transparency page."""

    # ------------------------------------------------------------------------------------
    def _site(self, config: MkDocsConfig) -> Site:
        if not self.projects.is_dir():
            raise PluginError(f"cocreate: no projects folder at {self.projects}")
        folder = self.projects.relative_to(self.root).as_posix() if self.projects.is_relative_to(self.root) \
            else self.config.projects_dir
        options = Options(language=self.language, page_size=max(1, self.config.page_size),
                          facet_page_size=max(1, self.config.facet_page_size),
                          repo_url=self.config.repo_url or config.repo_url, branch=self.config.branch,
                          directory_urls=config.use_directory_urls, projects_folder=folder)
        dates = last_changed(self.root, folder)
        report = validate_paths([self.projects], finish=Prerender(options, dates))
        for problem in report.problems:
            (log.error if problem.severity.value == "error" else log.warning)("%s", problem_line(problem, self.language))
        if not report.valid:
            raise PluginError(f"cocreate: {summary(report, self.language)}")
        projects = [p for result in report.projects if (p := project_from(result, options, dates)) is not None]
        rendered = {r.source.slug: r.extra["page"] for r in report.projects if r.source.slug and "page" in r.extra}
        return Site(Catalog(projects, Translator(self.language)), options, rendered)

    @staticmethod
    def _add(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None and not existing.generated_by:
            raise PluginError(f"cocreate: {file.src_uri} is generated by the portal; remove it from the docs folder")
        if existing is not None:
            files.remove(existing)
        files.append(file)


