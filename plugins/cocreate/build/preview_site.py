"""The preview's site folder, carried from one build of `mkdocs serve` to the next.

A full build writes every file into a fresh folder and swaps it in for the site. A preview
instead carries the site it serves into the folder being built (one rename), so that a
page or a feed that says what it said before is left as it is on disk, not written again:

- `page_unchanged`: a page whose key (a digest of everything it is made of, worked out by
  the MkDocs side) is the one the page on disk was made with;
- `feed_unchanged`: a feed whose content is what was written last time;
- `finish`: the files the last build made and this one did not (a project removed, a list
  grown shorter) are removed, as a full build would not have them;
- `restore`: a failed build gives the site back as it was (a validation error, the most
  common failure while editing, touches no page or feed, so what is known stays known).

The site search follows the page: `index_later` starts Pagefind on the site once it is
served, in the background; the next build stops it first.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

from cocreate.build.output import SiteFolder
from cocreate.build.search import Indexing, SearchError, SearchIndex, SiteSearch, start_indexing
from cocreate.portal.options import Options


def portal_templates(options: Options) -> tuple[str, ...]:
    """The folders the portal's templates are read from: a theme's overrides, then cocreate's."""
    return (*options.template_dirs, str(Path(__file__).resolve().parent.parent / "portal" / "templates"))


def tree_fingerprint(folders: Iterable[str]) -> str:
    """A digest of the names, sizes and times of the files under `folders`: it changes when
    a template is edited while the preview runs."""
    digest = hashlib.sha256()
    for folder in folders:
        for current, subfolders, names in os.walk(folder):
            subfolders.sort()
            for name in sorted(names):
                path = os.path.join(current, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


class CompiledTemplates(BytecodeCache):
    """Templates compiled once for all the builds of a preview (Jinja's bytecode, kept in
    memory and checked against each template's source): each build makes its Jinja
    environments anew, and compiling Material's and the portal's templates cost a large
    share of a build that renders a few pages. One per kind of environment: the code
    depends on the environment's settings."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _merge(source: Path, target: Path) -> None:
    """Move what `source` holds into `target`, keeping what `target` has already."""
    for entry in os.scandir(source):
        there = target / entry.name
        if not os.path.lexists(there):
            os.replace(entry.path, there)
        elif entry.is_dir(follow_symlinks=False) and there.is_dir() and not there.is_symlink():
            _merge(Path(entry.path), there)


class ServedFolder(SiteFolder):
    """The folder a preview's build writes into: the site served carried into it
    (`carry_over`); `publish` removes the files the build no longer makes, swaps it in for the
    site and starts the site search in the background; `discard` gives the site back."""

    def __init__(self, site: Path, kept: KeptSite) -> None:
        super().__init__(site)
        self.kept = kept
        self.carried = False
        self.produced: set[str] = set()
        """Every file the build makes, by its path in the site."""
        self.search: tuple[SiteSearch, str, Callable[[SearchIndex | SearchError], None]] | None = None
        """The build's site search, the portal's language, and who is told when it is made."""

    def carry_over(self) -> None:
        self.kept.carry_over(self.site, self.building)
        self.carried = True

    def _swap(self) -> None:
        self.kept.finish(self.building, self.produced)
        shutil.rmtree(self.site, ignore_errors=True)  # what the build did not take of the site served
        os.replace(self.building, self.site)
        if self.search is not None:
            search, language, done = self.search
            self.kept.index_later(self.site, language, directory_urls=search.directory_urls, globs=search.globs(),
                                  done=done)

    def discard(self) -> None:
        if self.carried and self.building.is_dir():
            self.kept.restore(self.building, self.site)
        else:
            super().discard()


def text_digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text).hexdigest()


@dataclass
class KeptSite:
    """The site as the last build of the preview left it (see the module's docstring)."""

    produced: set[str] = field(default_factory=set)
    """Every file the last build made, by its path in the site."""
    pages: dict[str, str] = field(default_factory=dict)
    """Each page's key, as the page on disk was made."""
    feeds: dict[str, str] = field(default_factory=dict)
    """The digest of each feed file on disk."""
    contents: dict[str, str] = field(default_factory=dict)
    """The digest of each generated page's content (the HTML inside Material's page)."""
    inputs: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    """What each generated page's content was made of, when that is known without rendering
    it (`PageSpec.inputs`: a list's, `portal/list_inputs.py`; a project page's)."""
    lists_same: bool = False
    """This build's pages are rendered with the options (in each language) and the
    templates of the last build's (`lists_from`): a page whose inputs are the same says
    what it said."""
    rendered: list[str] = field(default_factory=list)
    """The generated pages whose content this build rendered to know it (the others' was
    known from their inputs)."""
    _options: list[Options] | None = None
    _next_options: list[Options] | None = None
    _next_pages: dict[str, str] = field(default_factory=dict)
    _next_contents: dict[str, str] = field(default_factory=dict)
    _next_inputs: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    _writing: bool = False
    """The build has begun writing pages or feeds: a failure now leaves the folder changed."""
    _search: tuple[threading.Thread, list[Indexing | None], threading.Event] | None = None

    def carry_over(self, site: Path, building: Path) -> None:
        """Put the files of the site served into the folder being built, but for those the
        build has written already (the data package): a rename for each folder or file the
        folder being built does not have yet. What is left of the site is removed when the
        folder is swapped in for it."""
        self.stop_search()
        self._writing = False
        self._next_pages, self._next_contents, self._next_inputs = {}, {}, {}
        self.rendered = []
        if not site.is_dir():
            self.forget()
            return
        _merge(site, building)

    def restore(self, building: Path, site: Path) -> None:
        """A failed build after the site was carried over: the folder goes back to being the
        site (MkDocs serves nothing until a build succeeds); what it holds is forgotten if the
        build had begun writing pages or feeds."""
        if self._writing:
            self.forget()
        shutil.rmtree(site, ignore_errors=True)
        os.replace(building, site)

    def forget(self) -> None:
        self.produced, self.pages, self.feeds, self.contents, self.inputs = set(), {}, {}, {}, {}
        self._options = None

    def lists_from(self, options: list[Options], same_templates: bool) -> None:
        """What this build's lists are rendered with: in each language, the options;
        `same_templates`: the portal's templates are those of the last build."""
        self.lists_same = same_templates and options == self._options
        self._next_options = options

    def writing(self) -> None:
        self._writing = True

    def feed_unchanged(self, path: str, content: str) -> bool:
        """Whether the feed at `path` on disk says `content` already (else it is to be written)."""
        digest = text_digest(content)
        same = self.feeds.get(path) == digest
        self.feeds[path] = digest
        self._writing = self._writing or not same
        return same

    def content_digest(self, uri: str, inputs: tuple[Any, ...] | None, render: Iterable[str]) -> str:
        """The digest of a generated page's content: the last build's when its `inputs`
        (`PageSpec.inputs`) are the last build's and the pages are rendered as they were
        (`lists_same`), else of the content rendered (`render`
        yields it, once, only when needed)."""
        digest = self.contents.get(uri)
        if inputs is None or not self.lists_same or digest is None or self.inputs.get(uri) != inputs:
            digest = text_digest(next(iter(render)))
            self.rendered.append(uri)
        self._next_contents[uri] = digest
        if inputs is not None:
            self._next_inputs[uri] = inputs
        return digest

    def page_unchanged(self, uri: str, key: str) -> bool:
        """Whether the page at `uri` on disk was made with `key`; the key is kept for the next build."""
        self._next_pages[uri] = key
        return self.pages.get(uri) == key

    def finish(self, building: Path, produced: set[str]) -> list[str]:
        """The build succeeded: remove the files the last build made and this one did not;
        keep what this one's pages were made of. Returns the paths removed."""
        stale = sorted(self.produced - produced)
        for path in stale:
            try:
                (building / path).unlink()
            except OSError:
                continue
            folder = (building / path).parent
            while folder != building and not any(folder.iterdir()):  # as a clean build: no empty folder
                folder.rmdir()
                folder = folder.parent
        self.produced = produced
        self.pages, self.contents, self._options = self._next_pages, self._next_contents, self._next_options
        self.inputs = self._next_inputs
        self._next_pages, self._next_contents, self._next_inputs = {}, {}, {}
        self._writing = False
        return stale

    def index_later(self, site: Path, language: str, *, directory_urls: bool, globs: Sequence[str | None],
                    done: Callable[[SearchIndex | SearchError], None]) -> None:
        """Start Pagefind on the site served, in the background; `done` is told what it
        indexed, or why it could not (not when it was stopped)."""
        self.stop_search()
        indexing: list[Indexing | None] = [None]
        stop = threading.Event()

        def run() -> None:
            try:
                current = indexing[0] = start_indexing(site, directory_urls=directory_urls, globs=globs)
                if stop.is_set():
                    current.cancel()
                    return
                index = current.finish(language)
            except SearchError as exc:
                if not stop.is_set():
                    done(exc)
                return
            except (OSError, ValueError) as exc:  # the folder moved away under it, or it was stopped
                if not stop.is_set():
                    done(SearchError(str(exc)))
                return
            done(index)

        thread = threading.Thread(target=run, name="cocreate-preview-search", daemon=True)
        self._search = (thread, indexing, stop)
        thread.start()

    def wait_search(self) -> None:
        """Wait until the site search of the last build is written (or has failed)."""
        if self._search is not None:
            self._search[0].join()

    def stop_search(self) -> None:
        """Stop the site search of the last build, if it still runs (its pages are about to change)."""
        search, self._search = self._search, None
        if search is None:
            return
        thread, indexing, stop = search
        stop.set()
        current = indexing[0]
        if current is not None:
            current.cancel()
        thread.join()
