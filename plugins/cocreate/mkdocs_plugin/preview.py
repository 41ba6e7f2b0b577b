"""MkDocs' side of the preview (`mkdocs serve`): the generated pages a save leaves as they were.

MkDocs builds the whole site on every save it sees, every page read, rendered into
Material's template and written. Under `mkdocs serve` the plugin is kept from one build to
the next (it has `on_startup`), with its `PreviewState` (`build/preview.py`): the site served is
carried into the folder being built, and a generated page whose key is the one the page on
disk was made with is neither rendered nor written (`mark_unchanged`). The key is a digest
of all a generated page is made of:

- its content (the portal's HTML inside Material's page): a project page's as its worker
  rendered it (with links to its tags' pages); a list's as the last build rendered it while
  the options and the portal's templates are the same and so is what the list shows
  (`PageSpec.inputs`, `portal/list_inputs.py`: the projects of its page, what its cards show
  of them, its pager and counts; `KeptSite.content_digest`), else rendered again;
- its address, title, description, edit link and feeds;
- what is around it (`chrome`): `mkdocs.yml`, the hand-written pages and the titles of the
  pages in the navigation, the theme's templates as edited, the day the data last changed
  (the footer), and in a portal of several languages every page's address (a page's
  language switcher links its versions).

Pages in the navigation (the overviews) and hand-written pages are made every time. Such a
page is marked `unchanged`: it reads and renders nothing, and Material's template is
replaced by an empty one, for which MkDocs writes nothing (and would say so for each: that
line is left out, `SkippedPages`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from cocreate.build.output import Output, SiteFolder
from cocreate.build.preview import PreviewState
from cocreate.build.preview_site import ServedFolder, tree_fingerprint
from cocreate.build.search import SearchError, SearchIndex, SiteSearch
from cocreate.mkdocs_plugin.pages import PortalPage, add_files
from cocreate.portal.site import PageSpec, Site

log = get_plugin_logger(__name__)

THEME = str(Path(__file__).resolve().parent / "theme")


def _rendered(spec: PageSpec) -> Iterator[str]:
    """A list's content, rendered when first asked for and kept for the page."""
    html = spec.render()
    spec.render = lambda: html
    yield html


class Preview:
    """What the plugin does under `mkdocs serve` (`CocreatePlugin` inherits it): `on_startup`
    keeps a `PreviewState` for the serve's builds; the build writes into a `ServedFolder`
    (`_site_folder`); `_preview_files`, once the portal's files are made, carries the site
    served over, marks the pages left as they were and has the search follow the page."""

    _preview: PreviewState | None = None
    _folder: SiteFolder | None
    _search: SiteSearch | None
    _output: Output | None
    language: str

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps a plugin that has this event from one build to the next of `mkdocs serve`."""
        self._preview = PreviewState() if command == "serve" else None

    def _site_folder(self, config: MkDocsConfig) -> SiteFolder:
        """The folder the build writes into, beside the site. A preview's carries the site
        served over, and Material's templates are compiled once for all its builds (MkDocs
        makes the theme's environment anew for each)."""
        site = Path(config.site_dir)
        if self._preview is None:
            return SiteFolder(site)
        make, compiled = config.theme.get_env, self._preview.theme_templates

        def environment() -> Environment:
            env = make()
            env.bytecode_cache = compiled
            return env

        config.theme.get_env = environment  # type: ignore[method-assign]
        return ServedFolder(site, self._preview.site)

    def _add_files(self, sites: list[Site], files: Files, config: MkDocsConfig, made: list[tuple[File, str]]) -> None:
        """The files the portal makes, added to MkDocs' (`pages.add_files`); then, in a preview,
        only what a save changed is made again (`_preview_files`)."""
        add_files(files, config, made, self._output.generated if self._output is not None else {})
        self._preview_files(sites, files, config)

    def _preview_files(self, sites: list[Site], files: Files, config: MkDocsConfig) -> None:
        """A preview, once the portal's files are made: the site served carried into the folder
        being built, the generated pages that are as they were marked, the site search for after."""
        preview, folder, search = self._preview, self._folder, self._search
        if preview is None or not isinstance(folder, ServedFolder) or search is None:
            return
        log.info("preview: %d of %d projects validated again", len(preview.validated), len(sites[0].catalog.projects))
        folder.carry_over()
        search.later = True
        folder.search = (search, self.language, _indexed)
        folder.produced = {file.dest_uri for file in files} | set(self._output.generated if self._output else ())
        lists_made(preview, sites)
        unchanged = mark_unchanged(preview, config, files, sites)
        log.info("preview: %d generated pages as they were, %d rendered to compare",
                 unchanged, len(preview.site.rendered))


def chrome(config: MkDocsConfig, files: Files, data_date: str | None, languages: int) -> str:
    """The digest of what is around a generated page's content (see the module's docstring):
    `mkdocs.yml`, every hand-written page (its title may be in the navigation), the titles
    and addresses of the pages in the navigation, the theme as edited."""
    digest = hashlib.sha256()
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    for file in files.documentation_pages():
        page = file.page
        if isinstance(page, PortalPage):
            if page.spec.in_nav or languages > 1:
                digest.update(f"\0{file.dest_uri}\0{page.spec.title if page.spec.in_nav else ''}".encode(
                    "utf-8", "surrogatepass"))
        else:
            digest.update(f"\0{file.dest_uri}\0".encode("utf-8", "surrogatepass") + file.content_bytes)
    digest.update(tree_fingerprint([THEME, *([config.theme.custom_dir] if config.theme.custom_dir else [])]).encode())
    digest.update(f"\0{data_date}\0{config.site_url}\0{config.use_directory_urls}\0".encode())
    return digest.hexdigest()


def lists_made(preview: PreviewState, sites: list[Site]) -> None:
    """Tell the preview what this build's lists are rendered with (every language's
    options); its sites are those whose cards the next build reuses (`PreviewState.templates_for`)."""
    preview.site.lists_from([site.options for site in sites], preview.same_templates)
    preview.sites = list(sites)


def mark_unchanged(preview: PreviewState, config: MkDocsConfig, files: Files, sites: list[Site]) -> int:
    """Mark each generated page outside the navigation whose key is the one its file on disk
    was made with (see the module's docstring); how many are."""
    catalog, languages = sites[0].catalog, len(sites)
    data_date = max((p.last_changed for p in catalog.projects if p.last_changed), default=None)  # the footer's
    around = chrome(config, files, data_date, languages)
    site, building = preview.site, Path(config.site_dir)
    skipped: set[str] = set()
    for file in files.documentation_pages():
        page = file.page
        if not isinstance(page, PortalPage) or page.spec.in_nav:
            continue
        spec = page.spec
        content = site.content_digest(file.dest_uri, spec.inputs(), _rendered(spec))
        key = hashlib.sha256("\0".join((around, file.dest_uri, page.url, spec.title, spec.description,
                                        spec.edit_url or "", spec.feeds or "", content))
                             .encode("utf-8", "surrogatepass")).hexdigest()
        if site.page_unchanged(file.dest_uri, key) and (building / file.dest_uri).is_file():
            page.unchanged = True
            skipped.add(file.src_uri)
    site.writing()
    SkippedPages.install(skipped)
    return len(skipped)


def _indexed(outcome: SearchIndex | SearchError) -> None:
    if isinstance(outcome, SearchError):
        log.warning("preview: the site search was not made: %s", outcome)
    else:
        log.info("preview: site search: %s pages indexed",
                 ", ".join(f"{n} ({lang})" for lang, n in outcome.pages.items()))


class SkippedPages(logging.Filter):
    """Leaves out MkDocs' line for each unchanged page ("Page skipped: ... Generated empty output")."""

    LOGGER = "mkdocs.commands.build"

    def __init__(self, pages: set[str]) -> None:
        super().__init__()
        self.pages = pages

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message[15:].split("'", 1)[0] in self.pages)

    @classmethod
    def install(cls, pages: set[str]) -> None:
        logger = logging.getLogger(cls.LOGGER)
        for each in [f for f in logger.filters if isinstance(f, cls)]:
            logger.removeFilter(each)
        logger.addFilter(cls(pages))
