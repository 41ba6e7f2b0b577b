"""The MkDocs plugin: MkDocs' events, in the order MkDocs fires them, each handing its work
to the build (`build/`: the projects validated and built, the site's files, its search, the
folder swapped in for the site), the portal (`portal/`: pages, markers, each page's head) or
their MkDocs side beside this file (`config.py`, `pages.py`, `trees.py`, `theme.py`).
ARCHITECTURE.md follows one build through them.
"""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from cocreate.build.output import Output, SiteError, SiteFolder
from cocreate.build.search import SearchError, SiteSearch
from cocreate.build.sites import build_sites
from cocreate.i18n.report import problem_line
from cocreate.i18n.translator import Translator
from cocreate.mkdocs_plugin.config import CocreateConfig, footer_facts, portal_languages, portal_options
from cocreate.mkdocs_plugin.pages import PortalPage, SharedBlocks, compact_chrome, page_preview, portal_files
from cocreate.mkdocs_plugin.preview import Preview
from cocreate.mkdocs_plugin.strict import WarningCount
from cocreate.mkdocs_plugin.theme import adapt_theme, page_scripts
from cocreate.mkdocs_plugin.trees import LanguageTrees, further_pages
from cocreate.portal import urls
from cocreate.portal.catalog import Catalog
from cocreate.portal.channels import FooterFacts, missing_footer
from cocreate.portal.languages import PageLanguages, Trees
from cocreate.portal.markers import fill_counts, with_home
from cocreate.portal.previews import Head, head_tags
from cocreate.portal.search import SearchBox, search_box
from cocreate.portal.site import Site
from cocreate.standard.paths import folder_name
from cocreate.standard.problems import Problem, Severity
from cocreate.standard.vocabulary import DEFAULT_LANGUAGE

log = get_plugin_logger(__name__)


class CocreatePlugin(Preview, BasePlugin[CocreateConfig]):
    """Turns `projects/` into the portal's pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.root = Path.cwd()
        self.projects = self.root / "projects"
        self.language = DEFAULT_LANGUAGE
        self.trees: LanguageTrees | None = None  # the portal's languages, when it has more than one
        self._folder: SiteFolder | None = None  # the folder being built, swapped in for the site
        self._main_site_name = ""  # MkDocs' `site_name` (the pages of the other languages change it)
        self._site_names: dict[str, str] = {}  # the site's name in each language
        self._warnings = WarningCount()  # a strict build's
        self._output: Output | None = None
        self._search: SiteSearch | None = None  # told each page written, started once the pages it reads are
        self._catalog: Catalog | None = None
        self._home: dict[str, Markup] = {}  # what the home page shows of the portal, in each language
        self._files = Files([])
        self._shared_blocks: SharedBlocks | None = None
        self._words: dict[str, tuple[Translator, SearchBox]] = {}
        self._footers: dict[str, FooterFacts] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if (problem := urls.site_url_problem(config.site_url)) is not None:
            raise PluginError(f"cocreate: mkdocs.yml: {problem}")
        # Atomic publishing: MkDocs writes into a fresh folder beside the site; only a build that succeeds
        # replaces the site (on_post_build), a failed one is discarded (on_build_error), the site left as it was.
        self._folder = self._site_folder(config)  # a preview's carries the site served over: `preview.py`
        config.site_dir = str(self._folder.building)
        self._warnings.stop()
        if config.strict:  # MkDocs fails the build for them after on_post_build: too late to keep the site
            self._warnings.start()
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.projects = (self.root / self.config.projects_dir).resolve()
        languages = portal_languages(self.config, config.theme.get("language"))
        self.language = languages[0]
        self.trees = LanguageTrees(Trees(languages)) if len(languages) > 1 else None
        self._main_site_name = config.site_name
        if str(self.projects) not in config.watch:
            config.watch.append(str(self.projects))
        adapt_theme(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        gc.freeze()  # the validation workers fork from here: the collector leaves the copies alone
        try:
            portal = self._sites(config)
            self._catalog = portal[0].catalog
            if missing := missing_footer(portal[0].options.footer, portal[0].options.channels):
                log.warning("cocreate: the footer does not say %s: set them in mkdocs.yml, under the plugin's footer: "
                            "(operator, privacy, accessibility) and channels: (the city's email, WhatsApp, office "
                            "or complaints service); README, \"Footer and channels\"", ", ".join(missing))
            self._home = {each.options.language: each.home() for each in portal}
            self._cancel_search()
            searched = tuple(urls.project_pages(language, self.language) for language in self._languages())
            trees = tuple(urls.tree(language, self.language) for language in self._languages())
            self._search = SiteSearch(Path(config.site_dir), searched, config.use_directory_urls, trees)
            made = further_pages(self.trees, files, config, self.language) + portal_files(portal, config, self._search)
            self._add_files(portal, files, config, made)  # under `mkdocs serve`, then only what a save changed
        except SiteError as exc:
            raise PluginError(f"cocreate: {exc}") from None
        log.info("%d projects, %d generated pages", len(portal[0].catalog.projects),
                 sum(file.is_documentation_page() for file, _ in made))
        # The projects are loaded and will not change during the build: keep the cyclic garbage collector
        # from scanning them again and again (large builds grew faster than linearly). Undone when it ends.
        gc.collect()
        gc.freeze()
        if self._output is not None:
            self._output.write_pending()  # the feeds, on a core that page rendering leaves idle
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._files = files
        if self.trees is not None:
            self.trees.navigation(nav, files)
        self._shared_blocks = SharedBlocks(nav, *(self.trees.navs.values() if self.trees else ()))
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page's markers filled with what the portal counts (`portal/markers.py`)."""
        return fill_counts(markdown, self._catalog) if self._catalog is not None else markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A page of a further language that has no translation, marked (`trees.py`); the home
        page, with what is happening on the portal (`portal/markers.py`)."""
        language, uri = self.trees.trees.of(page.file.src_uri) if self.trees else (self.language, page.file.src_uri)
        if self.trees is not None:
            html = self.trees.as_written(page, html)
        home = self._home.get(language)
        return with_home(html, home) if uri == urls.HOME and home is not None and not isinstance(page, PortalPage) \
            else html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["cocreate_block"] = self._shared_blocks
        env.globals["cocreate_scripts"] = page_scripts
        self._words = {language: (Translator(language), search_box(Translator(language)))
                       for language in self._languages()}
        env.globals["cocreate_t"], env.globals["cocreate_search"] = self._words[self.language]  # the theme's partials
        data_date = max((p.last_changed for p in self._catalog.projects if p.last_changed), default=None) \
            if self._catalog is not None else None  # the projects' last change (git)
        self._footers = {language: footer_facts(self.config, data_date, files,
                                                partial(urls.in_tree, language, self.language),
                                                Path(config.docs_dir).name)
                         for language in self._languages()}
        env.globals["cocreate_footer"] = self._footers[self.language]
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """The site search started once the pages it reads are written (each is, right after its
        `on_post_page`). A page of a further language: its tree's navigation, words, search box
        and footer; every page: its versions in the others (`cocreate_languages`, `trees.py`)."""
        if self._search is not None and isinstance(page, PortalPage) and self._search.start():
            log.debug("site search: started before %s, while the other pages are written", page.file.dest_uri)
        if self.trees is None:
            return context
        languages = self.trees.languages(page, self._files)
        config.site_name = self._site_names[languages.language]  # Material's header and title read it
        page.cocreate_languages = languages  # type: ignore[attr-defined]
        if languages.language != self.language:
            context["nav"] = self.trees.navs[languages.language]
            words: dict[str, Any] = context  # type: ignore[assignment]  # a TypedDict of MkDocs' keys only
            words["cocreate_t"], words["cocreate_search"] = self._words[languages.language]
            words["cocreate_footer"] = self._footers[languages.language]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """What a page's head says besides Material's (`head_tags`: feeds, versions in the
        other languages, link preview); Material's template around the content compacted."""
        spec = page.spec if isinstance(page, PortalPage) else None  # None: a hand-written page
        if self._search is not None:
            self._search.wrote(page.file.dest_uri, project_page=spec is not None and spec.searched,
                               generated=spec is not None)
        languages: PageLanguages | None = getattr(page, "cocreate_languages", None)
        preview = page_preview(page, config, languages.language if languages else self.language, self.language)
        tags = head_tags(Head(preview, languages, self.language, page.url, config.site_url or "",
                              spec.feeds if spec else None))
        # a generated page's content, once written, is not held until the build ends (20,000 pages in a national portal)
        content, page.content = page.content, (page.content if spec is None else None)
        return compact_chrome(output.replace("</head>", f"{tags}</head>", 1), content)

    @event_priority(-100)  # after every other plugin has written its files: all goes in at once
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        config.site_name = self._main_site_name or config.site_name
        output, self._output = self._output, None
        if output is not None and not output.wait():
            raise PluginError("cocreate: the projects' feeds could not be written (the reason is above)")
        if self._warnings.stop():  # strict, with warnings: MkDocs fails the build right after
            log.info("strict mode and warnings above: the site is left as it was")
            self._cancel_search()
            return  # on_build_error throws the new folder away
        search, self._search = self._search, None
        if search is None or self._folder is None:  # on_files did not run: nothing to publish
            raise PluginError("cocreate: the build made none of the portal's pages; the site is left as it was")
        try:  # a site is never published without its search: a failure here keeps the old one
            index = search.finish(self.language)
            if search.restarted:
                log.debug("site search: started again, a page it reads was written after it started")
            log.info("site search: %s pages indexed", ", ".join(f"{n} ({lang})" for lang, n in index.pages.items()))
            size = self._folder.publish(self.config.site_size_limit)
        except (SearchError, SiteError) as exc:
            raise PluginError(f"cocreate: {exc}") from None
        log.info("site: %s MB", f"{size / 2**20:,.1f}")
        config.site_dir = str(self._folder.site)

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        self._cancel_search()
        self._warnings.stop()
        output, self._output = self._output, None
        if output is not None:
            output.wait()  # before removing the folder it writes into
        if self._folder is not None:
            self._folder.discard()

    # -- helpers ---------------------------------------------------------------------------
    def _sites(self, config: MkDocsConfig) -> list[Site]:
        """The portal's `Site` in each of its languages, the main one first (`build/sites.py`)."""
        options = portal_options(self.config, config, self._languages(),
                                 folder_name(self.root, self.projects, self.config.projects_dir))
        self._site_names = dict(options.site_names)
        # written straight into the folder being built (MkDocs has cleaned it): a failed build discards them
        self._output = Output(Path(config.site_dir))
        return build_sites(options, self.root, self.projects, self._output, self._say, self._preview)

    def _say(self, problem: Problem) -> None:
        """A problem of a project: a warning (a text in one language: missing-translation) never
        fails a strict build; the languages a portal requires are errors (required_languages)."""
        (log.error if problem.severity is Severity.ERROR else log.info)("%s", problem_line(problem, self.language))

    def _languages(self) -> tuple[str, ...]:
        """The portal's languages, the main one first (one, unless it has further ones)."""
        return self.trees.trees.languages if self.trees else (self.language,)

    def _cancel_search(self) -> None:
        search, self._search = self._search, None
        if search is not None:
            search.cancel()
