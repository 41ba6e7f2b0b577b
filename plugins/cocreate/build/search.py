"""The site search: Pagefind indexes the built pages' HTML.

Material's search puts every page's words into one `search_index.json` that each reader
downloads whole on the first visit (850 KB gzipped at 2,000 projects, growing with every
project). Pagefind reads the built pages and writes an index split into chunks in
`pagefind/`: a query loads only the chunks of its words and the few results it shows.

What is indexed: the pages that carry `data-pagefind-body`, which are the project pages
(cocreate's template) and the hand-written pages (the theme's `main.html`). Once any page
carries it, Pagefind leaves out every page that does not: the catalogue, facet and
stakeholder lists, which only repeat what project pages say. Pagefind is given those pages
by name (`glob`), so that it does not read the list pages at all: it would parse each one
only to leave it out (a fifth of its time and memory at 2,000 projects). Within a page,
the parts that say the same on every project page (badges, the phase stepper, explanations of the
vocabulary, labels, the change history) are left out by `EXCLUDED`, so that a word of
cocreate's own does not find every project. Filters (phase, kind, stakeholder category,
status) are marked in the project template with `data-pagefind-filter`.

When it runs: as soon as the pages it reads are written (the hand-written pages, then the
project pages), while MkDocs goes on writing the list pages, on a core MkDocs leaves idle
(`start_indexing`); the build waits for it at its end (`Indexing.finish`).

Pagefind runs as its own binary, installed from PyPI with the `pagefind[bin]` extra as a
wheel for the platform: nothing is downloaded at build time. Where it cannot run (no
binary for this platform, a binary that fails), the build fails with `SearchError`: a
portal is never published without its search.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cocreate.build.memory import give_back
from cocreate.build.search_files import make_reproducible
from cocreate.portal import urls

EXCLUDED = (
    ".cc-badge", ".cc-stepper", ".cc-explain", ".cc-muted", ".cc-history", ".cc-example", ".cc-category",
    ".cc-motivations", ".cc-join", ".cc-join-cta", ".cc-edit", ".cc-section > h2", "dt", ".headerlink",
    ".cc-toc", ".cc-fold > summary", ".cc-part > h3", ".cc-now__status", ".cc-now__latest > strong",
    ".cc-now__latest > a", ".cc-join__principles",
    ".cc-label", ".cc-exchange__when", ".cc-exchange__answer", ".cc-ask", ".cc-channels", ".cc-event__when",
    ".cc-event > p > a", ".cc-principle-list dd > a", ".md-content__button", ".md-source-file",
)
"""What Pagefind leaves out of a page's words: cocreate's words, which are the same on every
project page (the vocabulary's labels, explanations, the ways to join a project, how an
answer to residents or a planned step is introduced: `.cc-label`; the line above each event
of the timeline, its date, phase and activity; the word of an evidence link; the ask form
and the city's channels), and Material's page furniture (permalinks, edit button, page dates)."""

UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind",
)
"""Files of Pagefind's bundle that the portal's search never loads (Pagefind's own user
interfaces, and the search code for pages without a language): not published."""

MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr", "assets/javascripts/workers/search.*")
"""Material's own search code (lunr, its languages and the search worker: 1.2 MB), which its
theme copies into every site whether its search plugin runs or not: not published, as the
portal's search is Pagefind's (Material starts its worker only where a page has its search
box, which the portal's pages do not)."""

HELP = ("install Pagefind's binary with its Python package: pip install 'pagefind[bin]' (cocreate depends on it; "
        "a platform without a pagefind-bin wheel can name a pagefind binary in PAGEFIND_BINARY_PATH)")


class SearchError(Exception):
    """Pagefind could not index the site: the build must fail, saying why."""


@dataclass(frozen=True)
class SearchIndex:
    """What Pagefind wrote: pages indexed, by language (`id`, `en`)."""

    pages: dict[str, int]


def binary() -> Path:
    """Pagefind's binary: $PAGEFIND_BINARY_PATH when set, else the one the `pagefind[bin]`
    wheel installed (as Pagefind's own Python API finds it)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchError(f"the site search needs the Python package pagefind, not installed; {HELP}") from None
    found = get_executable()
    if found is None:
        raise SearchError(f"no Pagefind binary found for the site search; {HELP}")
    return found


GLOB_SPECIAL = re.compile(r"([{}\[\]()<>,*?$:])")
"""What Pagefind's glob patterns (wax) read as syntax, escaped in a page's path with a
backslash (wax refuses `\\!` and `\\#`, which it reads as they are, and has no escape
for a backslash itself)."""

MAX_GLOB = 64 * 1024
"""Longest list of pages given to Pagefind on its command line (Linux takes one argument of
at most 128 KiB)."""


def pages_glob(patterns: Sequence[str], paths: Sequence[str]) -> str | None:
    """The pages Pagefind should read, as one glob: `patterns` as they are
    (`projects/*/index.html`) and `paths` with their glob syntax escaped. None (Pagefind
    reads every page and keeps those marked `data-pagefind-body`, the same index, only
    slower) when a path holds a backslash or the list would not fit on a command line."""
    if any("\\" in path for path in paths):
        return None
    glob = "{" + ",".join([*patterns, *(GLOB_SPECIAL.sub(r"\\\1", path) for path in paths)]) + "}"
    return glob if len(glob.encode()) <= MAX_GLOB else None


def index_site(site: Path, language: str, *, directory_urls: bool = True, glob: str | None = None) -> SearchIndex:
    """Index the built site in `site` into `site/pagefind/`: the pages that `glob` names
    (see `pages_glob`), or every page; raise `SearchError` when Pagefind cannot, or indexes
    no page in the portal's `language`."""
    return start_indexing(site, directory_urls=directory_urls, globs=(glob,)).finish(language)


def start_indexing(site: Path, *, directory_urls: bool = True, globs: Sequence[str | None] = (None,)) -> Indexing:
    """Start Pagefind in the background, once for each of `globs` (the pages one run reads,
    or every page for None), one run after another into the same bundle: the build goes on
    writing other pages meanwhile, and `finish` waits for the last. Raise `SearchError`
    when Pagefind cannot start.

    Pagefind holds the whole index of the pages it reads in memory until it has written it
    (2.5 GB at 10,000 pages, with no setting that bounds it): a portal in several languages
    gives it each language's pages in turn, so that it holds one language's index at a time.
    Each run writes its language's files (named by their content) and its own
    `pagefind-entry.json`; the entries are put together at the end."""
    bundle = site / urls.SEARCH_BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    base = [str(binary()), "--site", str(site), "--output-subdir", urls.SEARCH_BUNDLE, "--silent",
            "--exclude-selectors", ", ".join(EXCLUDED)]
    if not directory_urls:
        base.append("--keep-index-url")  # pages are files (`x/index.html`), opened without a server
    commands = [base + (["--glob", glob] if glob is not None else []) for glob in globs or (None,)]
    indexing = Indexing(site, commands[1:], time.time_ns(), whole=base if len(commands) > 1 else None)
    indexing.process, indexing.said = _run(commands[0])
    indexing.watch()
    return indexing


def _run(command: list[str]) -> tuple[subprocess.Popen[bytes], IO[bytes]]:
    """Start one Pagefind run; what it says goes to a file, read once it is done (a pipe
    could fill up and stall it)."""
    said = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the Indexing that reads it
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=said, stderr=subprocess.STDOUT,
                                   env={**os.environ, "NO_COLOR": "1"})
    except OSError as exc:  # missing, not executable, or built for another platform
        said.close()
        raise SearchError(f"Pagefind could not run ({command[0]}: {exc.strerror or exc}); {HELP}") from None
    return process, said


@dataclass
class Indexing:
    """Pagefind at work on a site (`start_indexing`): its runs, one after another."""

    site: Path
    pending: list[list[str]]
    """The runs still to start, after the one at work."""
    started: int
    """When it started (nanoseconds since the epoch, as file times are)."""
    whole: list[str] | None = None
    """One run over all the pages, should the runs' languages overlap (a page of one
    language's tree with another `<html lang>`); None when there is one run."""
    process: subprocess.Popen[bytes] | None = None
    said: IO[bytes] | None = None
    entries: list[dict[str, Any]] = field(default_factory=list)
    """The entry point each run wrote (when there are several)."""
    failure: str | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cancelled: bool = False
    _watcher: threading.Thread | None = None

    def watch(self) -> None:
        """Start the next run as each ends (in a thread of the build's process, which only waits)."""
        if self.pending:
            self._watcher = threading.Thread(target=self._chain, name="cocreate-search", daemon=True)
            self._watcher.start()

    def _chain(self) -> None:
        while True:
            failure = self._wait_one()
            with self._lock:
                if failure is not None or self._cancelled:
                    self.failure = failure
                    return
                if not self.pending:
                    return
                try:
                    self.process, self.said = _run(self.pending.pop(0))
                except SearchError as exc:
                    self.failure = str(exc)
                    return

    def _wait_one(self) -> str | None:
        """Wait for the run at work; what went wrong, or None."""
        assert self.process is not None and self.said is not None  # noqa: PT018 (_run sets both at once)
        code = self.process.wait()
        self.said.seek(0)
        said = self.said.read().decode("utf-8", "replace")
        self.said.close()
        if code != 0:
            said = " ".join(said.split())[-600:] or "no message"
            return f"Pagefind failed to index the site (exit status {code}): {said}"
        if self.whole is not None:
            try:
                self.entries.append(json.loads((self.site / urls.SEARCH_BUNDLE / "pagefind-entry.json")
                                               .read_text("utf-8")))
            except (OSError, ValueError) as exc:
                return f"Pagefind wrote no usable index in {self.site / urls.SEARCH_BUNDLE} ({exc})"
        return None

    def cancel(self) -> None:
        """Stop it: the build failed, or the pages it reads changed since it started."""
        with self._lock:
            self._cancelled = True
            if self.process is not None and self.process.poll() is None:
                self.process.kill()
        if self._watcher is not None:
            self._watcher.join()
        elif self.process is not None:
            self.process.wait()
        if self.said is not None:
            self.said.close()

    def finish(self, language: str) -> SearchIndex:
        """Wait for Pagefind, then check and tidy its index; raise `SearchError` when it
        failed, or indexed no page in the portal's `language`."""
        if self._watcher is not None:
            self._watcher.join()
        else:
            self.failure = self._wait_one()
        if self.failure is not None:
            raise SearchError(self.failure)
        if self.whole is not None:
            self._merge_entries()
        return _tidy(self.site, language)

    def _merge_entries(self) -> None:
        """One `pagefind-entry.json` naming every run's languages; where two runs wrote one
        language (each run's index of it would hold part of its pages), Pagefind runs once
        more over all the pages."""
        assert self.whole is not None
        languages: dict[str, Any] = {}
        for entry in self.entries:
            if set(entry.get("languages", {})) & set(languages):
                self.entries, self.pending, whole, self.whole = [], [], self.whole, None
                self.process, self.said = _run(whole)
                self.failure = self._wait_one()
                if self.failure is not None:
                    raise SearchError(self.failure)
                return
            languages.update(entry.get("languages", {}))
        merged = {**self.entries[-1], "languages": languages}
        (self.site / urls.SEARCH_BUNDLE / "pagefind-entry.json").write_text(
            json.dumps(merged, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _tidy(site: Path, language: str) -> SearchIndex:
    bundle = site / urls.SEARCH_BUNDLE
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        pages = {lang: int(about["page_count"]) for lang, about in sorted(entry["languages"].items())}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SearchError(f"Pagefind wrote no usable index in {bundle} ({exc})") from None
    if not pages.get(language):
        found = ", ".join(f"{n} in {lang!r}" for lang, n in pages.items()) or "none"
        raise SearchError(f"Pagefind indexed no page in the portal's language {language!r} (pages indexed: {found}); "
                          "the portal would be published without a working search")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    for pattern in MATERIAL_SEARCH_FILES:
        for path in site.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    try:
        make_reproducible(bundle)
    except (OSError, ValueError) as exc:
        raise SearchError(f"Pagefind's index in {bundle} could not be made reproducible ({exc}); "
                          "this cocreate reads the files of Pagefind 1.5") from None
    return SearchIndex(pages)


@dataclass
class SiteSearch:
    """The site search of one build: the pages it reads, and Pagefind at work on them.

    The build says what it writes: `expect` each project page, then `wrote` each page. Once
    every page the search reads is on disk (the hand-written pages, which MkDocs writes
    first, and the project pages), `start` starts Pagefind while the build goes on with the
    lists; `finish` waits for it at the end, starting it again when a page it reads was
    written after it started (another plugin's page, or a page another plugin rewrote on
    disk), or starting it then if it never did."""

    site: Path
    project_pages: tuple[str, ...]
    """The project pages of each language, as globs (`urls.project_pages`)."""
    directory_urls: bool = True
    trees: tuple[str, ...] = ()
    """The folder of each language's pages (`urls.tree`: `` for the main language, `en/`),
    in the order of `project_pages`: Pagefind reads one language's pages at a time. Empty:
    all in one run."""
    later: bool = False
    """Not started during the build: a preview indexes the site once it is served."""
    unwritten: int = 0
    """Project pages still to be written."""
    written: list[str] = field(default_factory=list)
    """The hand-written pages written, as written (`take-part/index.html`)."""
    restarted: bool = False
    """Pagefind was started again at the end (`finish`): a page it reads changed after it started."""
    _indexing: Indexing | None = None
    _stale: bool = False
    _unstartable: bool = False
    """Pagefind could not start: not tried again on every page, only by `finish`."""

    def expect(self, project_page: bool) -> None:
        self.unwritten += project_page

    def wrote(self, dest_uri: str, *, project_page: bool, generated: bool) -> None:
        """A page is written: a project page (`project_page`), a list (`generated`), or a
        hand-written page, which the search reads."""
        if project_page:
            self.unwritten -= 1
        elif not generated:
            self.written.append(dest_uri)
            self._stale = self._stale or self._indexing is not None

    def start(self) -> bool:
        """Start Pagefind if every page it reads is written and it has not started; whether
        it did. A Pagefind that cannot start is said by `finish`."""
        if self._indexing is not None or self.unwritten or self._unstartable or self.later:
            return False
        try:
            self._indexing = start_indexing(self.site, directory_urls=self.directory_urls, globs=self.globs())
        except SearchError:
            self._unstartable = True
            return False
        give_back()  # the pages it reads are written and let go of: Pagefind's index needs the room
        return True

    def finish(self, language: str) -> SearchIndex:
        """Wait for Pagefind and tidy its index (see `Indexing.finish`); nothing yet if `later`."""
        if self.later:
            return SearchIndex({})
        indexing, self._indexing = self._indexing, None
        if indexing is None or self._stale or self._changed_since(indexing.started):
            if indexing is not None:
                indexing.cancel()
                self.restarted = True
            indexing = start_indexing(self.site, directory_urls=self.directory_urls, globs=self.globs())
        return indexing.finish(language)

    def cancel(self) -> None:
        indexing, self._indexing = self._indexing, None
        if indexing is not None:
            indexing.cancel()

    def _changed_since(self, started: int) -> bool:
        """Whether a page the search reads was written again after it started (by another
        plugin at the end of the build, which may rewrite pages on disk)."""
        pages = [page for pattern in self.project_pages for page in self.site.glob(pattern)]
        pages += [self.site / page for page in self.written]
        return any(_mtime(page) >= started for page in pages)

    def globs(self) -> tuple[str | None, ...]:
        """The pages of each run of Pagefind: each language's (its project pages and its
        hand-written pages), or all in one."""
        if len(self.trees) != len(self.project_pages) or len(self.trees) < 2:
            return (pages_glob(self.project_pages, self.written),)
        further = [tree for tree in self.trees if tree]
        globs = tuple(pages_glob([pattern], [page for page in self.written
                                             if (page.startswith(tree) if tree else
                                                 not any(page.startswith(other) for other in further))])
                      for pattern, tree in zip(self.project_pages, self.trees, strict=True))
        return globs if None not in globs else (pages_glob(self.project_pages, self.written),)


def _mtime(path: Path) -> int:
    """When a file was last written (nanoseconds); 0 for one that is gone."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
