"""The MkDocs plugin: a thin adapter from MkDocs' events to the portal core.

on_config  resolves options, builds in a fresh folder beside the site, watches the
           projects folder, adds the portal's CSS and JS;
on_files   validates every project once (any error stops the build before anything is
           published), writes the data package into the folder being built, adds every
           portal page (generated in memory) and starts writing the projects' feeds;
on_nav / on_env / on_page_context
           share Material's page blocks among the portal pages that get the same ones, give
           the header its search box, and, in a portal of several languages, give each
           page its language's navigation, words and switcher (`trees.py`);
on_post_page
           add the feeds, the language versions and the link preview to each page's head;
on_post_build / on_build_error
           index the finished folder for the site search (Pagefind), then swap it in for
           the site; or throw it away.
"""

from __future__ import annotations

import gc
import heapq
import json
import logging
import os
import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from cocreate.build.output import Output, folder_size
from cocreate.build.pipeline import Built, Prerender
from cocreate.build.search import SearchError, SiteSearch
from cocreate.git.history import read_history
from cocreate.i18n.report import problem_line, summary
from cocreate.i18n.translator import Translator
from cocreate.mkdocs_plugin.config import CocreateConfig, channels_of, footer_of, portal_language
from cocreate.mkdocs_plugin.pages import PortalPage, SharedBlocks, compact_chrome, nav_titles, writing_order
from cocreate.mkdocs_plugin.theme import ASSETS, adapt_theme, page_scripts
from cocreate.mkdocs_plugin.trees import LanguageTrees, drop_translations
from cocreate.portal import datapackage, feeds, urls
from cocreate.portal.catalog import Catalog
from cocreate.portal.channels import FooterFacts, missing_footer
from cocreate.portal.entry import Entry
from cocreate.portal.languages import PageLanguages, Trees, only_in
from cocreate.portal.options import Options, build_day, validation_day
from cocreate.portal.previews import Preview, alternate_tags, plain, preview_tags
from cocreate.portal.search import SearchBox, search_box, search_texts
from cocreate.portal.site import HOME_CHANGES, Site
from cocreate.portal.templating import OVERRIDES
from cocreate.portal.urls import site_url_problem, slugify
from cocreate.standard.datafiles import published_table
from cocreate.standard.paths import folder_name
from cocreate.standard.problems import Severity
from cocreate.standard.schema import project_schema
from cocreate.standard.validate import validate_paths
from cocreate.standard.vocabulary import DEFAULT_LANGUAGE, LANGUAGES

log = get_plugin_logger(__name__)

MARKER = "<!-- cocreate:"
INCOMPLETE = re.compile(rf"<!-- cocreate:incomplete:({'|'.join(map(re.escape, LANGUAGES))}) -->")
HOME_MARKER = "<!-- cocreate:home -->"
"""Where the home page (the docs' own index.md) shows what is happening on the portal;
without it, that comes after the page's own words."""

ENGINE_LOGGERS = ("mkdocs", "properdocs")
"""Where the engine's warnings go: MkDocs logs on `mkdocs.*`; ProperDocs, its maintained
fork, on `properdocs.*` (it routes `mkdocs` below it, so a warning may be heard twice)."""


class CocreatePlugin(BasePlugin[CocreateConfig]):
    """Turns `projects/` into the portal's pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._site_dir = Path("site")
        self._building = Path(".site.building")
        self.language = DEFAULT_LANGUAGE
        self._shared_blocks: SharedBlocks | None = None
        self._catalog: Catalog | None = None
        self._output: Output | None = None
        self._home: dict[str, Markup] = {}
        """What the home page shows of the portal, in each language."""
        self.trees: LanguageTrees | None = None
        """The portal's languages, when it has more than one."""
        self._words: dict[str, tuple[Translator, SearchBox]] = {}
        self._footers: dict[str, FooterFacts] = {}
        """What the footer says, in each language."""
        self._data_date: str | None = None
        """The projects' last change (git), for the footer."""
        self._files = Files([])
        self._search: SiteSearch | None = None
        """The site search of the build: told each page written, started once the pages it
        reads are."""
        self._warnings: CountHandler | None = None
        self._main_site_name = ""
        """MkDocs' `site_name`, the name in the main language (the pages of the others change it)."""
        self.root = Path.cwd()
        self.projects = self.root / "projects"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if (problem := site_url_problem(config.site_url)) is not None:
            raise PluginError(f"cocreate: mkdocs.yml: {problem}")
        # Atomic publishing: MkDocs writes into a fresh folder beside the site; only a
        # build that succeeds replaces the site (on_post_build), a failed one is discarded
        # (on_build_error) and the previous site stays as it was.
        self._site_dir = Path(config.site_dir)
        self._building = self._site_dir.with_name(f".{self._site_dir.name}.building-{os.getpid()}")
        shutil.rmtree(self._building, ignore_errors=True)
        config.site_dir = str(self._building)
        # MkDocs fails a strict build for its warnings only after the last plugin event, when
        # the site would already be replaced: the plugin counts them too and keeps the old site.
        self._stop_counting()
        if config.strict:
            self._warnings = CountHandler()
            self._warnings.setLevel(logging.WARNING)
            for name in ENGINE_LOGGERS:
                logging.getLogger(name).addHandler(self._warnings)
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.projects = (self.root / self.config.projects_dir).resolve()
        self.language = portal_language(self.config, config.theme.get("language"))
        self.trees = None
        languages = list(dict.fromkeys(self.config.languages))
        if len(languages) > 1:
            if self.config.language is not None and self.config.language != languages[0]:
                raise PluginError(f"cocreate: `language: {self.config.language}` and `languages: {languages}` "
                                  "disagree: the first of `languages` is the portal's main language")
            self.trees = LanguageTrees(Trees(tuple(languages)))
        unknown = sorted(set(self.config.site_name) - set(self._languages()))
        if unknown:
            raise PluginError(f"cocreate: `site_name` names the site in {', '.join(unknown)}, which is not one of "
                              f"the portal's languages ({', '.join(self._languages())}): remove it, or add the "
                              "language to `languages`")
        self._main_site_name = config.site_name
        if str(self.projects) not in config.watch:
            config.watch.append(str(self.projects))
        adapt_theme(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        gc.freeze()  # the validation workers fork from here: the collector leaves the copies alone
        sites = self._sites(config)
        site = sites[0]
        self._catalog = site.catalog
        self._data_date = max((p.last_changed for p in site.catalog.projects if p.last_changed), default=None)
        missing = missing_footer(site.options.footer, site.options.channels)
        if missing:
            log.warning("cocreate: the footer does not say %s: set them in mkdocs.yml, under the plugin's footer: "
                        "(operator, privacy, accessibility) and channels: (the city's email, WhatsApp, office or "
                        "complaints service); README, \"Footer and channels\"", ", ".join(missing))
        self._cancel_search()
        search = self._search = SiteSearch(self._building, tuple(urls.project_pages(language, self.language)
                                                                 for language in self._languages()),
                                           config.use_directory_urls)
        self._home = {s.options.language: s.home() for s in sites}
        made: list[tuple[File, str]] = []
        if self.trees is not None:
            made.extend((file, "a page in another language") for file in self.trees.content_files(files, config))
        else:
            drop_translations(files, self.language)
        for each, specs in writing_order(sites):  # MkDocs writes the pages in this order
            main = each is site
            titles = nav_titles(config.nav) if main else {}  # the site's nav names pages in its main language
            for spec in specs:
                file = File.generated(config, each.urls.path(spec.uri), content="",
                                      inclusion=InclusionLevel.INCLUDED if spec.in_nav and main
                                      else InclusionLevel.NOT_IN_NAV)
                PortalPage(spec, file, config, titles.get(spec.uri))
                search.expect(spec.searched)
                made.append((file, "a page of the portal"))
        pages = len(made)
        made.extend((File.generated(config, each.urls.path(urls.INDEX_JSON), content=each.index_json()),
                     "the catalogue's index") for each in sites)
        for name in ASSETS:
            content = resources.files("cocreate.portal").joinpath(f"assets/{name}").read_bytes()
            made.append((File.generated(config, urls.asset(name), content=content), "cocreate's styles and scripts"))
        for each in sites:  # the search box's words, in each language
            box = search_box(each.t)
            made.append((File.generated(config, box.texts, content=search_texts(box)), "the search box's words"))
        written = self._output.generated if self._output is not None else {}
        self._refuse_docs_at(files, config, {**written, **{file.dest_uri: what for file, what in made},
                                             urls.SEARCH_BUNDLE: "the site search's index"})
        for file, _ in made:
            self._add(files, file)
        log.info("%d projects, %d generated pages", len(site.catalog.projects), pages)
        # The projects are loaded and will not change during the build: keep the cyclic
        # garbage collector from scanning them again and again (it made large builds
        # grow faster than linearly). Undone when the build ends.
        gc.collect()
        gc.freeze()
        if self._output is not None:
            self._output.write_pending()  # the feeds, on a core that page rendering leaves idle
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page in a further language's tree that has no translation: shown as
        written, marked with its language (its title in the navigation too), saying it is
        available in the main language only
        (unless its front matter says it is written in both: `languages: [id, en]`). The home
        page: the portal's own words, then what is happening (at the marker
        `<!-- cocreate:home -->` when the page has one, else at its end)."""
        language, uri = self.trees.trees.of(page.file.src_uri) if self.trees else (self.language, page.file.src_uri)
        if self.trees is not None and page.file.src_uri in self.trees.untranslated and \
                language in (page.meta.get("languages") or ()):
            self.trees.untranslated.discard(page.file.src_uri)  # written in both: its front matter says so
        if self.trees is not None and page.file.src_uri in self.trees.untranslated:
            # shown as written, in the main language, and saying so
            html = (f'<p class="cc-only-in">{only_in(language, self.language)}</p>'
                    f'<div lang="{self.language}">{html}</div>')
            # its title in the tree's navigation too (Material shows a page's `typeset` title there)
            title = Markup('<span lang="{}">{}</span>').format(self.language, page.title or "")
            page.typeset = {"title": title}  # type: ignore[attr-defined]
        home = self._home.get(language)
        if uri != urls.HOME or home is None or isinstance(page, PortalPage):
            return html
        if HOME_MARKER in html:
            return html.replace(HOME_MARKER, str(home), 1)
        return f"{html}\n{home}"

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._files = files
        if self.trees is not None:
            self.trees.navigation(nav, files)
        self._shared_blocks = SharedBlocks(nav, *(self.trees.navs.values() if self.trees else ()))
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["cocreate_block"] = self._shared_blocks
        env.globals["cocreate_scripts"] = page_scripts
        self._words = {language: (Translator(language), search_box(Translator(language)))
                       for language in self._languages()}
        env.globals["cocreate_t"], env.globals["cocreate_search"] = self._words[self.language]  # the theme's partials
        docs = Path(config.docs_dir).name
        self._footers = {language: self._footer(language, files, docs) for language in self._languages()}
        env.globals["cocreate_footer"] = self._footers[self.language]
        return env

    def _footer(self, language: str, files: Files, docs: str) -> FooterFacts:
        """What the footer says in `language`: its pages (privacy notice, accessibility
        statement) in that language's tree, else an https address as configured."""
        footer = footer_of(self.config)

        def href(option: str, value: str | None) -> str | None:
            if not value or value.startswith("https://"):
                return value
            path = self.trees.trees.path(language, value) if self.trees is not None else value
            file = files.get_file_from_path(path)
            if file is None or file.page is None:
                raise PluginError(f"cocreate: footer: {option}: {value} is not a page of the docs folder "
                                  f"({docs}/{value}): write the page, or give an https "
                                  "address")
            return file.url

        return FooterFacts(footer, channels_of(self.config), self.config.data_license, self._data_date,
                           href("privacy", footer.privacy), href("accessibility", footer.accessibility))

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """In a portal of several languages, a page of a further language's tree is rendered
        with that language's navigation, words and search box; every page knows its
        versions in the other languages (`cocreate_languages`: the switcher, Material's
        words for its language, the hreflang links). And the site search starts here once
        the pages it reads are written (MkDocs writes a page right after its `on_post_page`,
        so they are all on disk when the next page's context is made)."""
        if self._search is not None and isinstance(page, PortalPage) and self._search.start():
            log.debug("site search: started before %s, while the other pages are written", page.file.dest_uri)
        if self.trees is None:
            return context
        languages = self.trees.languages(page, self._files)
        config.site_name = self._site_name(languages.language, config)  # Material's header and title read it
        page.cocreate_languages = languages  # type: ignore[attr-defined]
        if languages.language != self.language:
            context["nav"] = self.trees.navs[languages.language]
            words: dict[str, Any] = context  # type: ignore[assignment]  # a TypedDict of MkDocs' keys only
            words["cocreate_t"], words["cocreate_search"] = self._words[languages.language]
            words["cocreate_footer"] = self._footers[languages.language]
        return context

    @event_priority(-100)  # after every other plugin has written its files: all goes in at once
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        config.site_name = self._main_site_name or config.site_name
        output, self._output = self._output, None
        if output is not None and not output.wait():
            raise PluginError("cocreate: the projects' feeds could not be written (the reason is above)")
        if self._stop_counting():  # strict, with warnings: MkDocs fails the build right after
            log.info("strict mode and warnings above: the site is left as it was")
            self._cancel_search()
            return  # on_build_error throws the new folder away
        search, self._search = self._search, None
        if search is None:  # on_files did not run: nothing to publish
            raise PluginError("cocreate: the build made none of the portal's pages; the site is left as it was")
        try:  # a site is never published without its search: a failure here keeps the old one
            index = search.finish(self.language)
            if search.restarted:
                log.debug("site search: started again, a page it reads was written after it started")
        except SearchError as exc:
            raise PluginError(f"cocreate: {exc}") from None
        log.info("site search: %s pages indexed", ", ".join(f"{n} ({lang})" for lang, n in index.pages.items()))
        size, limit = folder_size(self._building), self.config.site_size_limit
        log.info("site: %s MB", f"{size / 2**20:,.1f}")
        if limit > 0 and size > limit * 2**20:
            raise PluginError(f"cocreate: the site is {size / 2**20:,.0f} MB, more than site_size_limit ({limit:,} MB; "
                              "GitHub Pages publishes sites of at most 1 GB): the site is left as it was. Larger "
                              "page_size and facet_page_size make fewer list pages; a portal hosted elsewhere may "
                              "set a larger site_size_limit, or 0 for none")
        old = self._site_dir.with_name(f".{self._site_dir.name}.old-{os.getpid()}")
        if self._site_dir.exists():
            os.replace(self._site_dir, old)
        os.replace(self._building, self._site_dir)
        config.site_dir = str(self._site_dir)
        shutil.rmtree(old, ignore_errors=True)

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()
        self._cancel_search()
        self._stop_counting()
        output, self._output = self._output, None
        if output is not None:
            output.wait()  # before removing the folder it writes into
        shutil.rmtree(self._building, ignore_errors=True)

    def _stop_counting(self) -> bool:
        """Stop counting warnings; True if there were any."""
        handler, self._warnings = self._warnings, None
        if handler is None:
            return False
        for name in ENGINE_LOGGERS:
            logging.getLogger(name).removeHandler(handler)
        return bool(handler.get_counts())

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Fill the markers a hand-written page may hold with what the portal counts:
        `<!-- cocreate:incomplete:id -->` (or `:en`) becomes how many records answer "not
        recorded" somewhere, in that language."""
        if MARKER not in markdown or self._catalog is None:
            return markdown
        catalog = self._catalog
        return INCOMPLETE.sub(lambda m: Translator(m.group(1))("statistics.incomplete", count=catalog.incomplete,
                                                               total=len(catalog.projects)), markdown)

    def _site_name(self, language: str, config: MkDocsConfig) -> str:
        """The site's name in `language`: the plugin's `site_name` for it, else MkDocs' own."""
        return str(self.config.site_name.get(language) or self._main_site_name or config.site_name)

    def _languages(self) -> tuple[str, ...]:
        """The portal's languages, the main one first (one, unless it has further ones)."""
        return self.trees.trees.languages if self.trees else (self.language,)

    def _cancel_search(self) -> None:
        search, self._search = self._search, None
        if search is not None:
            search.cancel()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """What a page's head says besides Material's: the feeds (the portal's on every page, a
        project's on its page, in the page's language), the page's versions in the portal's
        other languages, and its link preview; and Material's template around the content
        compacted (`compact_chrome`)."""
        if self._search is not None:
            spec = page.spec if isinstance(page, PortalPage) else None  # None: a hand-written page
            self._search.wrote(page.file.dest_uri, project_page=spec is not None and spec.searched,
                               generated=spec is not None)
        languages: PageLanguages | None = getattr(page, "cocreate_languages", None)
        language = languages.language if languages is not None else self.language
        tree = urls.tree(language, self.language)
        up = "../" * page.url.count("/")
        folders = [""]
        if isinstance(page, PortalPage) and page.spec.feeds is not None:
            folders.append(page.spec.feeds)
        links = [(kind, f"{up}{tree}{path}") for folder in folders
                 for kind, path in zip(("application/atom+xml", "application/feed+json"), urls.feeds(folder),
                                       strict=True)]
        # rel="alternate feed": Material reads every rel="alternate" link as a language
        # version of the page and fetches a sitemap beside it; "alternate feed" it leaves alone.
        tags = "".join(f'<link rel="alternate feed" type="{kind}" href="{href}">' for kind, href in links)
        if languages is not None:
            tags += alternate_tags(languages, config.site_url or "")
        if isinstance(page, PortalPage):
            title, description = page.spec.title, page.spec.description
        else:
            title = plain(page.title or "") or config.site_name
            # the site's description is in its main language: not a preview of a page in another
            description = str(page.meta.get("description") or
                              (config.site_description if language == self.language else "") or "")
        site_url = config.site_url or ""
        tags += preview_tags(Preview(title, description, config.site_name, language,
                                     f"{site_url}{page.url}" if site_url else ""), languages)
        return compact_chrome(output.replace("</head>", f"{tags}</head>", 1))

    # ------------------------------------------------------------------------------------
    def _sites(self, config: MkDocsConfig) -> list[Site]:
        """The portal's pages in each of its languages, the main one first."""
        if not self.projects.is_dir():
            raise PluginError(f"cocreate: no projects folder at {self.projects}")
        folder = folder_name(self.root, self.projects, self.config.projects_dir)
        t = Translator(self.language)
        overrides = Path(config.theme.custom_dir or "") / OVERRIDES
        options = Options(language=self.language, page_size=max(1, self.config.page_size),
                          facet_page_size=max(1, self.config.facet_page_size),
                          repo_url=self.config.repo_url or config.repo_url, branch=self.config.branch,
                          directory_urls=config.use_directory_urls, projects_folder=folder,
                          site_url=config.site_url or "", site_name=config.site_name,
                          site_names=tuple((language, self._site_name(language, config))
                                           for language in self._languages()),
                          data_license=self.config.data_license, country=self.config.country,
                          required_languages=tuple(self.config.required_languages),
                          languages=self.trees.trees.languages if self.trees else (),
                          channels=channels_of(self.config), footer=footer_of(self.config),
                          template_dirs=(str(overrides),) if config.theme.custom_dir and overrides.is_dir() else (),
                          timezone=self.config.timezone, today=build_day(self.config.timezone))
        history = read_history(self.root, folder)
        # Written straight into the folder being built (MkDocs has cleaned it already): a
        # failed build discards them with the rest.
        output = self._output = Output(Path(config.site_dir))
        try:
            report = validate_paths([self.projects], finish=Prerender(options, history), on_result=output.add,
                                    required_languages=options.required_languages,
                                    today=validation_day(options.timezone))
        finally:
            output.close()
        for problem in report.problems:
            # a warning (a text in one language: missing-translation) is said, and never fails a
            # strict build; the languages a portal requires are errors (required_languages)
            say = log.error if problem.severity is Severity.ERROR else log.info
            say("%s", problem_line(problem, self.language))
        if not report.valid:
            raise PluginError(f"cocreate: {summary(report, self.language)}")
        built: list[Built] = [r.artefact for r in report.projects if r.artefact is not None]
        self._write_site_files(config, output, [b.entry for b in built], t)
        sites = []
        for language in options.languages or (self.language,):
            entries = [b.entry if language == self.language else b.translations[language].entry for b in built]
            pages = {b.entry.slug: b.page if language == self.language else b.translations[language].page
                     for b in built}
            each = options.in_language(language)
            self._write_feeds(config, output, each, entries)
            recent = heapq.nlargest(HOME_CHANGES, output.items_in(language), key=lambda i: (i.rank, i.id))
            sites.append(Site(Catalog(entries, Translator(language)), each, pages, recent))
        return sites

    def _write_site_files(self, config: MkDocsConfig, output: Output, projects: list[Entry], t: Translator) -> None:
        """What the build adds beside the pages once every project is in, once for all its
        languages: the data package's descriptor and the projects' own tables (as validated:
        texts that begin like a spreadsheet formula with a `'` in front), the standard's
        schema."""
        tables: list[dict[str, Any]] = []
        for project in projects:
            for entry in project.tables:
                try:
                    table = published_table(self.projects / project.slug, entry)
                except ValueError as exc:  # changed since it was validated
                    raise PluginError(f"cocreate: {exc}; validate again") from None
                tables.append(datapackage.project_resource(project.slug, entry, table.schema,
                                                           self.config.data_license, t))
                output.write(urls.project_table(project.slug, entry["path"]), table.csv,
                             f"a table of project {project.slug}")
                output.write(urls.project_table(project.slug, entry["schema"]), table.schema_json,
                             f"a table of project {project.slug}")
        output.write(urls.data_file("datapackage.json"), datapackage.descriptor_json(
            t, name=slugify(config.site_name), title=config.site_name, license_id=self.config.data_license,
            site_url=config.site_url, extra=tables), "the data package")
        schema_text = dict(project_schema())
        if config.site_url:
            schema_text["$id"] = f"{config.site_url}{urls.SCHEMA}"
        output.write(urls.SCHEMA, json.dumps(schema_text, ensure_ascii=False, indent=2) + "\n",
                     "the JSON Schema of the project standard")

    @staticmethod
    def _write_feeds(config: MkDocsConfig, output: Output, options: Options, projects: list[Entry]) -> None:
        """The portal's feeds and the feed of new calls, in one language (in its tree)."""
        language, here, t = options.language, options.urls, Translator(options.language)
        items = heapq.nlargest(feeds.LIMIT, output.items_in(language), key=lambda i: (i.rank, i.id))
        site_url = config.site_url or ""
        for path, text in feeds.both(options.site_name, site_url, here.path(""), here.absolute(urls.HOME)
                                     if site_url else "./", items, language).items():
            output.write(path, text, "the portal's feeds")
        calls = feeds.items_from_calls(projects, t, here)
        title = f"{t('calls.title')} · {options.site_name}" if options.site_name else t("calls.title")
        for path, text in feeds.both(title, site_url, here.path(urls.CALLS_FOLDER), here.absolute(urls.calls()) or "./",
                                     calls, language).items():
            output.write(path, text, "the feed of new calls")

    @staticmethod
    def _refuse_docs_at(files: Files, config: MkDocsConfig, generated: dict[str, str]) -> None:
        """Fail the build for any file of the docs folder that would land where cocreate
        writes a file (`generated`: every path below the site, and what it is). MkDocs would
        silently copy one over the other: a hand-written `feed.xml` replacing the feed, or a
        generated page replacing a hand-written one."""
        folders: dict[str, str] = {}  # the folders cocreate writes into: no file may stand there either
        for path, what in generated.items():
            parts = path.split("/")
            for depth in range(1, len(parts)):
                folders.setdefault("/".join(parts[:depth]), what)
        docs = Path(config.docs_dir).name
        clashes = []
        for file in files:
            if file.generated_by:
                continue
            parts = file.dest_uri.split("/")
            # the path itself, a folder cocreate writes into, or a path inside a file cocreate writes
            taken = next((path for path in ("/".join(parts[:depth]) for depth in range(len(parts), 0, -1))
                          if path in generated), None)
            if taken is not None:
                clashes.append(f"{docs}/{file.src_uri} (cocreate writes {taken}: {generated[taken]})")
            elif file.dest_uri in folders:
                clashes.append(f"{docs}/{file.src_uri} (cocreate writes files in {file.dest_uri}/: "
                               f"{folders[file.dest_uri]})")
        if clashes:
            raise PluginError("cocreate: these files of the docs folder are at paths the portal generates; remove or "
                              "rename them: " + "; ".join(sorted(clashes)))

    @staticmethod
    def _add(files: Files, file: File) -> None:
        """Add a generated file; one that another plugin generated at its path gives way
        (files of the docs folder were refused before)."""
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)
