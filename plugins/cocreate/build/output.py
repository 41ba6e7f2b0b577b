"""Files cocreate writes itself, straight into the folder MkDocs is building.

The data package's tables, `projects.json` and every project's feeds grow with the number
of projects. The tables and `projects.json` are written as results arrive from the
validation workers, in slug order, not held in memory. The feeds, two small files per
project, are kept until validation is over and then written by a separate process while
MkDocs renders the pages (which leaves all cores but one idle): creating thousands of
files costs the kernel real time. The folder is the fresh one the plugin builds in, so a
failed build takes them away with everything else.

Every path written here is noted, with what it is, in `generated`: the plugin refuses a
file of the docs folder at any of them (MkDocs would copy it over the generated file).

The folder itself is a `SiteFolder`: fresh, beside the site, and swapped in for the site in
one rename only when the build succeeds, so that a failed build publishes nothing.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

from cocreate.build.pipeline import Built
from cocreate.portal import urls
from cocreate.portal.datapackage import TABLES
from cocreate.portal.feeds import Item
from cocreate.standard.csvsafe import csv_text
from cocreate.standard.validate import Result


class SiteError(Exception):
    """The site cannot be made as asked: the message says why, and what to do."""


class SiteFolder:
    """The folder a build writes into, beside the site (`.site.building-<pid>`), made
    anew; `publish` puts it in the site's place, `discard` throws it away."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.building = site.with_name(f".{site.name}.building-{os.getpid()}")
        shutil.rmtree(self.building, ignore_errors=True)

    def publish(self, limit: int) -> int:
        """Replace the site with the folder built, in one rename, and say its size in bytes;
        raise `SiteError`, leaving the site as it was, when it is larger than `limit` MB (0:
        no limit)."""
        size = folder_size(self.building)
        if limit > 0 and size > limit * 2**20:
            raise SiteError(f"the site is {size / 2**20:,.0f} MB, more than site_size_limit ({limit:,} MB; GitHub "
                            "Pages publishes sites of at most 1 GB): the site is left as it was. Larger page_size "
                            "and facet_page_size make fewer list pages; a portal hosted elsewhere may set a larger "
                            "site_size_limit, or 0 for none")
        self._swap()
        return size

    def _swap(self) -> None:
        old = self.site.with_name(f".{self.site.name}.old-{os.getpid()}")
        if self.site.exists():
            os.replace(self.site, old)
        os.replace(self.building, self.site)
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.building, ignore_errors=True)


def _write_all(root: Path, files: list[tuple[str, str]]) -> None:
    try:
        for path, content in files:
            write_file(root, path, content)
    except OSError as exc:  # a full disk, a file where a folder must go: one line, not a traceback
        sys.stderr.write(f"cocreate: cannot write {exc.filename}: {exc.strerror}\n")
        sys.exit(1)


def write_file(root: Path, path: str, content: str | bytes) -> None:
    """Write `content` to `root/path`, making the folders it needs."""
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, "utf-8")


class Output:
    """The data package's growing files, open for the build's results to be appended."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.generated: dict[str, str] = {}
        """Every path written (or to be written) below `root`, and what it is."""
        (root / urls.DATA).mkdir(parents=True, exist_ok=True)
        self._tables: dict[str, IO[str]] = {}
        for table in TABLES:
            path = self._note(urls.data_file(f"{table.name}.csv"), "the data package")
            handle = (root / path).open("w", encoding="utf-8", newline="")
            handle.write(csv_text([[c.name for c in table.columns]]))
            self._tables[table.name] = handle
        projects_json = self._note(urls.data_file("projects.json"), "the data package")
        self._json = (root / projects_json).open("w", encoding="utf-8")
        self._json.write("[")
        self._projects = 0
        self.items: list[Item] = []
        self.translated_items: dict[str, list[Item]] = {}
        """The items of the portal's feeds in each of its further languages."""
        self._pending: list[tuple[str, str]] = []
        self._writer: multiprocessing.process.BaseProcess | None = None
        self.unchanged: Callable[[str, str], bool] | None = None
        """Whether a kept file is on disk already as it is (a preview's site, carried over
        from its last build): such files are not written again."""

    def add(self, result: Result[Built]) -> None:
        """Take a built project's files: its rows and JSON onto disk now, its feeds kept for
        `write_pending`."""
        files = result.artefact.take_files() if result.artefact is not None else None
        if files is None or result.artefact is None:
            return
        for name, text in files.rows.items():
            self._tables[name].write(text)
        self._json.write((",\n" if self._projects else "") + files.json)
        self._projects += 1
        self.items.extend(files.feed_items)
        for path in files.feed_files:
            self._note(path, f"the feeds of project {result.artefact.entry.slug}")
        self._pending.extend(files.feed_files.items())
        for language, translation in result.artefact.translations.items():
            items, feed_files = translation.take_feeds()
            self.translated_items.setdefault(language, []).extend(items)
            for path in feed_files:
                self._note(path, f"the feeds of project {result.artefact.entry.slug}")
            self._pending.extend(feed_files.items())

    def items_in(self, language: str) -> list[Item]:
        """The items of the portal's feeds in `language` (its main language's are `items`)."""
        return self.translated_items.get(language, self.items)

    def forget_items(self) -> None:
        """The portal's feeds and home pages are made from the items: not held until the
        build ends (every change of every project, in every language)."""
        self.items = []
        self.translated_items = {}

    def write(self, path: str, content: str | bytes, what: str) -> None:
        """Write one file now; `what` says what it is, for the one who finds it in the way."""
        write_file(self.root, self._note(path, what), content)

    def _note(self, path: str, what: str) -> str:
        self.generated[path] = what
        return path

    def write_pending(self) -> None:
        """Start writing the files `add` kept, in a process of its own where processes can
        be forked (elsewhere, here and now); `wait` tells when they are written."""
        pending, self._pending = self._pending, []
        if self.unchanged is not None:
            pending = [(path, content) for path, content in pending if not self.unchanged(path, content)]
        if "fork" not in multiprocessing.get_all_start_methods():
            _write_all(self.root, pending)
            return
        self._writer = multiprocessing.get_context("fork").Process(target=_write_all, args=(self.root, pending),
                                                                   name="cocreate-writer", daemon=True)
        self._writer.start()

    def wait(self) -> bool:
        """Wait until the files are written; False if writing them failed."""
        writer, self._writer = self._writer, None
        if writer is None:
            return True
        writer.join()
        return writer.exitcode == 0

    def close(self) -> None:
        """Finish the files; safe to call more than once (a failed build calls it too)."""
        if not self._json.closed:
            self._json.write("]\n")
        for handle in (*self._tables.values(), self._json):
            if not handle.closed:
                handle.close()


def folder_size(folder: Path) -> int:
    """Bytes of every file under `folder` (links not followed)."""
    total, todo = 0, [folder]
    while todo:
        with os.scandir(todo.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    todo.append(Path(entry.path))
                else:
                    total += entry.stat(follow_symlinks=False).st_size
    return total
