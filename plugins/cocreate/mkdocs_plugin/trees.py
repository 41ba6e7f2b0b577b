"""A portal in several languages, in MkDocs' terms: the hand-written pages of each further
language's tree, its navigation, and each page's languages.

One build makes every tree. The main language's pages are MkDocs' own; each further
language gets (`content_files`) a page `en/<page>.md` for every hand-written page, read from
its translation `<page>.en.md` beside it, or from the page itself when there is none (then
shown as written, saying so: `untranslated`); the translations themselves leave the main
tree. The portal's generated pages are made in each language by the plugin. The further
trees' pages are out of MkDocs' navigation: each tree gets its own (`navigation`), the main
one's with every page replaced by the same page in that language, which a page of that
tree is rendered with (`context`).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from cocreate.portal.languages import PageLanguages, Trees, only_in, page_languages
from cocreate.standard.vocabulary import LANGUAGES


def drop_translations(files: Files, main: str) -> None:
    """A portal in one language publishes no translations: the `page.en.md` beside its
    pages (which `cocreate init` writes, ready for `languages: [id, en]`) are left out."""
    trees = Trees((main, *(language for language in LANGUAGES if language != main)))
    refuse_main_marked(files, trees)
    for file in list(files.documentation_pages()):
        if not file.generated_by and trees.translation_of(file.src_uri) is not None:
            files.remove(file)


def refuse_main_marked(files: Files, trees: Trees) -> None:
    """A page marked with the portal's main language (`privacy.en.md` when the portal is in
    English) would be published beside the page it belongs with, as `/privacy.en/`, while
    the page at `/privacy/` is in another language: the build stops and says what to rename."""
    marked = sorted(file.src_uri for file in files.documentation_pages()
                    if not file.generated_by and trees.marked_main(file.src_uri))
    if marked:
        pairs = ", ".join(f"{uri} → {trees.marked_main(uri)}" for uri in marked)
        raise PluginError(f"cocreate: {', '.join(marked)}: marked .{trees.main}.md, the portal's own language "
                          f"({trees.main}); a page in it has no suffix. Rename: {pairs} (and the page now there "
                          f"to its own language's suffix, e.g. page.{trees.further[0] if trees.further else 'id'}.md)")


def further_pages(trees: LanguageTrees | None, files: Files, config: MkDocsConfig,
                  main: str) -> list[tuple[File, str]]:
    """The hand-written pages of the further languages' trees, to be added to `files`
    (`LanguageTrees.content_files`), each with what it is; in a portal of one language
    (`trees` None), none, and the translations beside its pages left out (`drop_translations`)."""
    if trees is None:
        drop_translations(files, main)
        return []
    return [(file, "a page in another language") for file in trees.content_files(files, config)]


class LanguageTrees:
    """The further languages' trees of one build."""

    def __init__(self, trees: Trees) -> None:
        self.trees = trees
        self.untranslated: set[str] = set()
        """The further trees' hand-written pages that have no translation (by path)."""
        self.navs: dict[str, Navigation] = {}

    def content_files(self, files: Files, config: MkDocsConfig) -> list[File]:
        """The further trees' hand-written pages, to be added to `files`; the translations
        (`<page>.en.md`) are taken out of the main tree."""
        refuse_main_marked(files, self.trees)
        translations: dict[tuple[str, str], File] = {}
        pages: list[File] = []
        for file in files.documentation_pages():
            if file.generated_by:
                continue
            if self.trees.of(file.src_uri)[0] != self.trees.main:
                raise PluginError(f"cocreate: {file.src_uri} is in the folder of a language's pages; a page's "
                                  f"translation goes beside it (page.{self.trees.of(file.src_uri)[0]}.md)")
            translated = self.trees.translation_of(file.src_uri)
            if translated is None:
                pages.append(file)
            else:
                translations[translated] = file
                files.remove(file)
        known = {file.src_uri for file in pages}
        orphans = sorted(file.src_uri for (_, page), file in translations.items() if page not in known)
        if orphans:
            raise PluginError("cocreate: these translations have no page in the portal's main language beside "
                              "them: " + ", ".join(orphans))
        made = []
        for language in self.trees.further:
            for page in pages:
                source = translations.get((language, page.src_uri))
                read = (source or page).abs_src_path
                if read is None:  # a file of the docs folder always has one
                    continue
                file = File.generated(config, self.trees.path(language, page.src_uri), abs_src_path=read,
                                      inclusion=InclusionLevel.NOT_IN_NAV)
                file.edit_uri = (source or page).edit_uri  # the file a reader would edit
                if source is None:
                    self.untranslated.add(file.src_uri)
                made.append(file)
        return made

    def navigation(self, nav: Navigation, files: Files) -> None:
        """Each further tree's navigation: the main one's, every page in that language
        (a page the tree does not have is left out; links and section titles are kept)."""
        for language in self.trees.further:
            pages: list[Page] = []

            def convert(item: Any, parent: Section | None, language: str = language,
                        pages: list[Page] = pages) -> Any:
                if isinstance(item, Page):
                    file = files.get_file_from_path(self.trees.path(language, item.file.src_uri))
                    if file is None or file.page is None:
                        return None
                    file.page.parent = parent
                    pages.append(file.page)
                    return file.page
                if isinstance(item, Section):
                    section = Section(item.title, [])
                    section.parent = parent
                    section.children = [c for c in (convert(child, section) for child in item.children) if c]
                    return section if section.children else None
                if isinstance(item, Link):
                    link = Link(item.title, item.url)
                    link.parent = parent
                    return link
                return None

            items = [c for c in (convert(item, None) for item in nav.items) if c]
            for before, after in zip(pages, pages[1:], strict=False):
                before.next_page, after.previous_page = after, before
            translated = Navigation(items, pages)
            home = files.get_file_from_path(self.trees.path(language, "index.md"))
            translated.homepage = home.page if home is not None else None
            self.navs[language] = translated

    def languages(self, page: Page, files: Files) -> PageLanguages:
        """A page's language and its versions in the others."""
        language, neutral = self.trees.of(page.file.src_uri)

        def found(path: str) -> str | None:
            file = files.get_file_from_path(path)
            return file.page.url if file is not None and file.page is not None else None

        return page_languages(self.trees, language, page.url, found, self.untranslated.__contains__, neutral)

    def as_written(self, page: Page, html: str) -> str:
        """A hand-written page of a further tree that has no translation: shown as written,
        marked with its language (its title in the navigation too), saying it is available
        in the main language only (unless its front matter says it is written in both:
        `languages: [id, en]`). Any other page as it is."""
        path, main = page.file.src_uri, self.trees.main
        language = self.trees.of(path)[0]
        if path in self.untranslated and language in (page.meta.get("languages") or ()):
            self.untranslated.discard(path)  # written in both: its front matter says so
        if path not in self.untranslated:
            return html
        # its title in the tree's navigation too (Material shows a page's `typeset` title there)
        page.typeset = {"title": Markup('<span lang="{}">{}</span>').format(main, page.title or "")}  # type: ignore[attr-defined]
        return f'<p class="cc-only-in">{only_in(language, main)}</p><div lang="{main}">{html}</div>'
