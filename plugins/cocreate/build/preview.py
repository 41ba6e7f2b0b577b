"""The preview's memory between the builds of one `mkdocs serve`: what a save leaves as it was.

`mkdocs serve` builds the whole site again on every save. A preview keeps, from one build
to the next, in the process that serves:

- the history (`git log` and every version of every project file) as long as the
  repository's `HEAD` is the same commit: a save changes the working tree, not the history;
- each project's result (its problems, or its page, entry, rows and feeds, `Built`) keyed
  by the content of its folder (SHA-256 of every file in it) and everything else a result
  depends on (the options, the day, the required languages, the templates, the history):
  a save validates and renders only the projects whose files changed, in this process
  (one or a few files: starting workers would cost more than the work);
- what the pages of the last build were made of (`preview_site.PageKeys`), so that a page
  whose inputs are the same is not rendered again, and the feeds written, so that a feed
  that says the same is not written again (`preview_site.KeptSite`).

A full `mkdocs build` uses none of it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cocreate.build.output import Output
from cocreate.build.pipeline import Built, Prerender
from cocreate.build.preview_site import CompiledTemplates, KeptSite, portal_templates, tree_fingerprint
from cocreate.git.history import History, read_history
from cocreate.git.repo import GitError, git
from cocreate.portal.options import Options, validation_day
from cocreate.portal.site import Site
from cocreate.standard.validate import Report, Result, Source, discover, make_report, validate_sources


def folder_digest(folder: Path) -> str:
    """SHA-256 of every file under a project's folder, by path and content (links are not
    followed: a link is its target's name)."""
    digest = hashlib.sha256()
    for path, content in _files_in(folder):
        digest.update(len(path).to_bytes(4, "big") + path.encode("utf-8", "surrogateescape"))
        digest.update(len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()


def _files_in(folder: Path) -> Iterable[tuple[str, bytes]]:
    todo = [folder]
    found: list[tuple[str, bytes]] = []
    while todo:
        current = todo.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            relative = os.path.relpath(entry.path, folder)
            if entry.is_symlink():
                found.append((relative, b"->" + os.readlink(entry.path).encode("utf-8", "surrogateescape")))
            elif entry.is_dir(follow_symlinks=False):
                todo.append(Path(entry.path))
            else:
                try:
                    found.append((relative, Path(entry.path).read_bytes()))
                except OSError:
                    found.append((relative, b"\0unreadable"))
    return sorted(found)


@dataclass
class _Kept:
    """One project's result as the last build made it, and what it was made from."""

    key: tuple[Any, ...]
    result: Result[Built]
    files: Any
    """Its `Built.files` (the build's `Output` takes them from the result)."""
    feeds: dict[str, Any]
    """Each further language's feeds (`Translation.feeds`), taken the same way."""

    def handed_out(self) -> Result[Built]:
        """A copy of the result for one build, its files and feeds in place."""
        built = self.result.artefact
        if built is None:
            return replace(self.result)
        translations = {language: replace(each, feeds=self.feeds.get(language))
                        for language, each in built.translations.items()}
        return replace(self.result, artefact=replace(built, files=self.files, translations=translations))


@dataclass
class PreviewState:
    """What one `mkdocs serve` keeps between its builds (see the module's docstring)."""

    site: KeptSite = field(default_factory=KeptSite)
    theme_templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    """Material's templates (and cocreate's changes to them), compiled."""
    portal_templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    """The portal's templates, compiled."""
    _history: tuple[str, History] | None = None
    _kept: dict[Path, _Kept] = field(default_factory=dict)
    _digests: dict[Path, tuple[tuple[Any, ...], str]] = field(default_factory=dict)
    """Each project folder's file times and sizes and the digest of its contents: a
    folder whose files kept their times and sizes is not read again."""
    sites: list[Site] = field(default_factory=list)
    """The last build's sites, in each language: their cards are made again only for
    projects whose entries changed."""
    same_templates: bool = False
    """The portal's templates are those of the last build."""
    _templates: str = ""
    validated: list[str] = field(default_factory=list)
    """The projects validated by the last build (the others were as before)."""

    def history(self, root: Path, folder: str) -> tuple[str, History]:
        """The portal's history, read again only when `HEAD` moved (a commit, a checkout)."""
        try:
            head = git(root, "rev-parse", "HEAD").decode().strip()
        except GitError:
            head = "no-git"
        if self._history is None or self._history[0] != head:
            self._history = (head, read_history(root, folder))
        return self._history

    def validate(self, options: Options, root: Path, projects: Path, output: Output) -> Report:
        """What `build.sites.validate` does, for a preview: every project's result, the
        unchanged ones as the last build made them, the others validated and built here;
        each handed to `output` in order. `output` is closed when this returns."""
        output.unchanged = self.site.feed_unchanged
        try:
            head, history = self.history(root, options.projects_folder)
            sources, problems = discover([projects])
            today = validation_day(options.timezone)
            templates = tree_fingerprint(portal_templates(options))
            self.same_templates, self._templates = templates == self._templates, templates
            common = (options, today, options.required_languages, head, templates)
            keys = {source.path: (self._digest(source), common) for source in sources}
            todo = [source for source in sources if (kept := self._kept.get(source.path)) is None
                    or kept.key != keys[source.path]]
            fresh = {result.source.path: result for result in
                     validate_sources(todo, jobs=1, finish=Prerender(options, history),
                                      required_languages=options.required_languages, today=today)}
            self.validated = sorted(source.slug or source.name for source in todo)
            results: list[Result[Any]] = []
            for source in sources:
                if source.path in fresh:
                    self._keep(keys[source.path], fresh[source.path])
                result = self._kept[source.path].handed_out()
                output.add(result)
                results.append(result)
            for gone in set(self._kept) - set(keys):
                del self._kept[gone]
            return make_report(results, problems)
        finally:
            output.close()

    def templates_for(self, sites: list[Site]) -> None:
        """Before anything of this build's `sites` is rendered (the home page's lists are, as
        soon as the sites are made): the portal's templates compiled once for all the builds,
        the cards of the projects whose entries are the same taken from the last build."""
        for n, site in enumerate(sites):
            site.portal.environment.bytecode_cache = self.portal_templates
            if self.same_templates and n < len(self.sites):
                site.portal.reuse_cards(self.sites[n].portal)

    def _keep(self, key: tuple[Any, ...], result: Result[Built]) -> None:
        built = result.artefact
        feeds = {language: each.feeds for language, each in built.translations.items()} if built else {}
        self._kept[result.source.path] = _Kept(key, result, built.files if built else None, feeds)

    def _digest(self, source: Source) -> str:
        """The digest of the folder of a project file, read again only when a file in it
        changed its time or size."""
        folder = source.path.parent
        stats = []
        for path in _walk(folder):
            try:
                st = os.lstat(path)
            except OSError:
                continue
            stats.append((path, st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino))
        signature = tuple(stats)
        known = self._digests.get(folder)
        if known is not None and known[0] == signature:
            return known[1]
        digest = folder_digest(folder)
        self._digests[folder] = (signature, digest)
        return digest


def _walk(folder: Path) -> list[str]:
    paths = [str(folder)]
    for current, folders, names in os.walk(folder):
        paths.extend(os.path.join(current, name) for name in (*folders, *names))
    return sorted(paths)
