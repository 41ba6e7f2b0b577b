"""The portal's generated pages as MkDocs pages: their HTML comes from the core, not Markdown.

MkDocs renders every page by reading its source and converting it with a fresh Markdown
instance that loads all the site's extensions (a large share of a page's cost). A portal
page has no Markdown: `PortalPage` (like Material's blog `Post` and `View`) reads nothing
and renders by asking its `PageSpec` for the HTML. `SharedBlocks` renders Material's
navigation, header, footer and script configuration once for all the portal pages that
would get the same ones. `portal_files` makes the files of MkDocs' build that the portal
adds: its pages, each language's catalogue index, its styles and scripts, and its search
box's words; `add_files` adds them, none where a file of the docs folder is.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from cocreate.build.search import SiteSearch
from cocreate.build.site_files import DocsFile, refuse_clashes
from cocreate.mkdocs_plugin.theme import ASSETS
from cocreate.portal import urls
from cocreate.portal.languages import HREF, PageLanguages, fill
from cocreate.portal.previews import Preview, plain
from cocreate.portal.search import search_box, search_texts
from cocreate.portal.site import PageSpec, Site, safe_title

UNCHANGED = "cocreate-unchanged.html"
"""The template of a page left as it is on disk (an empty page: MkDocs writes nothing)."""


class PortalPage(Page):
    """A generated page of the portal."""

    unchanged = False
    """In a preview, the page on disk is what this build would write: nothing is rendered
    (`mkdocs_plugin/preview.py`)."""

    def __init__(self, spec: PageSpec, file: File, config: MkDocsConfig, title: str | None = None) -> None:
        super().__init__(title, file, config)  # a title given in the site's nav wins
        self.spec = spec
        self.edit_url = spec.edit_url  # the project's YAML file, not a Markdown file

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""
        meta: dict[str, Any] = {"title": safe_title(self.spec.title)}
        if self.spec.description:
            meta["description"] = safe_title(self.spec.description)
        if self.unchanged:
            meta["template"] = UNCHANGED
        self.meta = meta

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = "" if self.unchanged else self.spec.render()
        self.toc = get_toc([])
        self.present_anchor_ids = None  # not known without Markdown: links to them are not checked


def page_preview(page: Page, config: MkDocsConfig, language: str, main: str) -> Preview:
    """What a page's link preview says: a portal page's title and description; a hand-written
    page's title and its front matter's description, else the site's (which is in the main
    language: not a preview of a page in another)."""
    if isinstance(page, PortalPage):
        title, description = page.spec.title, page.spec.description
    else:
        title = plain(page.title or "") or config.site_name
        description = str(page.meta.get("description") or (config.site_description if language == main else "") or "")
    site_url = config.site_url or ""
    return Preview(title, description, config.site_name, language, f"{site_url}{page.url}" if site_url else "")


def writing_order(sites: Sequence[Site]) -> list[tuple[Site, list[PageSpec]]]:
    """The portal's pages in the order MkDocs is to write them: every language's pages up to
    its project pages first, then the rest (the lists), so that the site search, which reads
    the project pages, can start while the lists are written (`SiteSearch.start`); in one
    language, the order of its pages."""
    first: list[tuple[Site, list[PageSpec]]] = []
    then: list[tuple[Site, list[PageSpec]]] = []
    for site in sites:
        every = list(site.pages())
        split = max((n + 1 for n, spec in enumerate(every) if spec.searched), default=0)
        first.append((site, every[:split]))
        then.append((site, every[split:]))
    return first + then


def portal_files(sites: Sequence[Site], config: MkDocsConfig, search: SiteSearch) -> list[tuple[File, str]]:
    """The files the portal adds to MkDocs' build, each with what it is: its pages in every
    language (`sites`, the main one first), in the order MkDocs is to write them, each
    told to the site `search`; each language's `projects/index.json`; cocreate's styles and
    scripts; the search box's words in each language."""
    made: list[tuple[File, str]] = []
    for each, specs in writing_order(sites):  # MkDocs writes the pages in this order
        main = each is sites[0]
        titles = nav_titles(config.nav) if main else {}  # the site's nav names pages in its main language
        for spec in specs:
            file = File.generated(config, each.urls.path(spec.uri), content="",
                                  inclusion=InclusionLevel.INCLUDED if spec.in_nav and main
                                  else InclusionLevel.NOT_IN_NAV)
            PortalPage(spec, file, config, titles.get(spec.uri))
            search.expect(spec.searched)
            made.append((file, "a page of the portal"))
    made.extend((File.generated(config, each.urls.path(urls.INDEX_JSON), content=each.index_json()),
                 "the catalogue's index") for each in sites)
    for name in ASSETS:
        content = resources.files("cocreate.portal").joinpath(f"assets/{name}").read_bytes()
        made.append((File.generated(config, urls.asset(name), content=content), "cocreate's styles and scripts"))
    for each in sites:  # the search box's words, in each language
        box = search_box(each.t)
        made.append((File.generated(config, box.texts, content=search_texts(box)), "the search box's words"))
    return made


def add_files(files: Files, config: MkDocsConfig, made: list[tuple[File, str]], written: Mapping[str, str]) -> None:
    """Add the files the portal makes (`made`, each with what it is) to MkDocs' `files`; a
    file that another plugin generated at the same path gives way. Raises `SiteError` for a
    file of the docs folder at a path of theirs, of a file the build writes itself
    (`written`) or of the site search's index (`build/site_files.py`)."""
    refuse_clashes([DocsFile(file.src_uri, file.dest_uri) for file in files if not file.generated_by],
                   {**written, **{file.dest_uri: what for file, what in made},
                    urls.SEARCH_BUNDLE: "the site search's index"}, Path(config.docs_dir).name)
    for file, _ in made:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(file)


def nav_titles(nav: Any) -> dict[str, str]:
    """The titles that the site's `nav` gives to pages (`- Katalog: projects/index.md`)."""
    titles: dict[str, str] = {}
    items = nav if isinstance(nav, list) else [nav] if nav else []
    for item in items:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    titles[target] = str(title)
                else:
                    titles.update(nav_titles(target))
    return titles


_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BLANKS = re.compile(r"[ \t]*\n\s*")


def compact(html: str) -> str:
    """`html` without the blank lines and indentation of Material's templates (a sixth of a
    block's bytes): every run of white space that holds a line break becomes one line break,
    which a browser renders as it rendered the run. Preformatted text, text areas, scripts
    and styles are left as they are."""
    parts = _KEPT.split(html)  # text, kept element, its tag name, text, ...
    return "".join(_BLANKS.sub("\n", part) if i % 3 == 0 else part if i % 3 == 1 else ""
                   for i, part in enumerate(parts))


_ICON = re.compile(r"(<svg\b[^>]*>)(.*?)</svg>", re.S)
ICON_ID = "__cc_icon_{}"
"""The id of an icon's drawing that Material's template around the content shows more than
once (`share_icons`); like Material's own `__drawer`, no heading's id begins with `__`."""


def share_icons(*parts: str) -> list[str]:
    """`parts` of a page, each icon (an inline `<svg>`) that they show more than once drawn once:
    its first drawing gets an id, and every other shows it (`<use>`). Material's header and
    navigation drawer show the logo, the repository's icon (1.3 KB, with its licence) and the
    search's twice each, on every page."""
    icons = [list(_ICON.finditer(part)) for part in parts]  # read once: every page goes through here
    found = Counter((m[1], m[2]) for matches in icons for m in matches)
    ids: dict[tuple[str, str], str] = {}
    shared = []
    for part, matches in zip(parts, icons, strict=True):
        pieces, last = [], 0
        for match in matches:
            key = (match[1], match[2])
            if found[key] < 2:
                continue
            if key in ids:
                drawn = f'{match[1]}<use href="#{ids[key]}"/></svg>'
            else:
                ids[key] = ICON_ID.format(len(ids) + 1)
                drawn = f'{match[1]}<g id="{ids[key]}">{match[2]}</g></svg>'
            pieces += [part[last:match.start()], drawn]
            last = match.end()
        shared.append("".join([*pieces, part[last:]]))
    return shared


def compact_chrome(html: str, content: str | None = None) -> str:
    """A finished page with Material's template around its content compacted (`compact`):
    the head and what follows the content, the blocks `SharedBlocks` does not render, which
    held a kilobyte of blank lines and indentation; and each icon they show more than once
    drawn once (`share_icons`). The content itself is left as it is: a contributor's text or
    a project file's entry may be shown with its white space. Given the page's `content`,
    what Material writes around it inside the article (its edit button) is compacted too."""
    start = html.find('<article class="md-content__inner')
    end = html.rfind("</article>")
    if start < 0 or end < start:
        return html
    before, after = share_icons(compact(html[:start]), compact(html[end:]))
    article = html[start:end]
    at = article.find(content[:80]) if content else -1  # then compared whole: cheaper than finding it whole
    if content and at >= 0 and article.startswith(content, at):
        article = compact(article[:at]) + content + compact(article[at + len(content):])
    return before + article + after


TITLE = "\x00cocreate:title\x00"
"""Stands for the page's title while a header is rendered to be shared (no title holds NUL)."""
_PLACEHOLDERS = re.compile("({}|{})".format(re.escape(TITLE), re.escape(HREF).replace(r"\{\}", r"\d+")))


class SharedBlocks:
    """Blocks of Material's page template rendered once for the many pages they are the same for.

    Material renders its navigation, header, footer and script configuration for every page.
    For a portal page outside the navigation, with no table of contents and no previous or
    next page, none of them depends on the page except through relative links, and those
    are the same for every page in the sub-folders of one folder (all projects share
    `projects/`); the header also shows the page's title, and in a portal of several
    languages links to the same page in the others (its language switcher), which are put
    into the shared header where they belong. Any other page is rendered as Material renders it.
    """

    def __init__(self, nav: Navigation, *others: Navigation) -> None:
        self._urls = [url for each in (nav, *others) for url in _nav_urls(each.items)]
        self._html: dict[tuple[str, str], Any] = {}
        self._page: tuple[Any, str | None] = (None, None)
        """The last page asked about and its key: the four blocks of a page come in a row."""

    def _folder(self, page: Any) -> str | None:
        """The key of the pages that share this page's blocks, or None if it shares none."""
        if self._page[0] is page:
            return self._page[1]
        key = None
        if isinstance(page, PortalPage) and not (page.spec.in_nav or page.toc or page.meta.get("hide") or
                                                 page.previous_page or page.next_page or not page.meta.get("title")):
            url = page.url
            folder = url if url.endswith("/") else posixpath.dirname(url) + "/"
            # a link into the page's own folder would differ from its neighbours'
            if folder != "/" and not any(target.startswith(folder) for target in self._urls):
                key = posixpath.dirname(folder.rstrip("/"))
        self._page = (page, key)
        return key

    def __call__(self, block: str, page: Any, render: Callable[[], Any]) -> Any:
        folder = self._folder(page)
        if folder is None:
            return Markup(compact(str(render())))  # noqa: S704 - Material's own HTML
        key = (block, folder)
        if block != "header":
            if key not in self._html:
                self._html[key] = Markup(compact(str(render())))  # noqa: S704 - Material's own HTML
            return self._html[key]
        languages: PageLanguages | None = getattr(page, "cocreate_languages", None)
        if key not in self._html:
            title = page.meta["title"]
            page.meta["title"] = TITLE
            if languages is not None:
                page.cocreate_languages = languages.placeheld()
            try:
                parts = _PLACEHOLDERS.split(compact(str(render())))
            finally:
                page.meta["title"] = title
                if languages is not None:
                    page.cocreate_languages = languages
            self._html[key] = parts if parts.count(TITLE) == 1 else None
        parts = self._html[key]
        html = None if parts is None else \
            fill(parts, {TITLE: page.meta["title"], **(languages.links() if languages is not None else {})})
        if html is None:  # the title or a link is not where it was expected: no sharing
            return Markup(compact(str(render())))  # noqa: S704 - Material's own HTML
        return Markup(html)  # noqa: S704 - Material's, the safe title and the page's links


def _nav_urls(items: list[Any]) -> Iterator[str]:
    for item in items:
        if getattr(item, "url", None) is not None:
            yield str(item.url)
        yield from _nav_urls(getattr(item, "children", None) or [])
