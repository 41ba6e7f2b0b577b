"""Validating project files and project trees: discovery, one file, many files in parallel."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from cocreate.standard.datafiles import check_data_files
from cocreate.standard.loader import load_file, load_text
from cocreate.standard.privacy import find_in_text
from cocreate.standard.problems import Code, Problem, Severity
from cocreate.standard.rules import rule_problems
from cocreate.standard.schema import schema_problems

PROJECT_FILE = "project.yml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 64
RESERVED_SLUGS = frozenset({"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10))})
"""Names Windows cannot give a folder: a portal must check out on every system."""
PARALLEL_MIN_FILES = 400
"""Below this many files, starting worker processes costs more than it saves."""


@dataclass(frozen=True, slots=True)
class Source:
    """A project file to validate: where it is, how to name it, and its slug if it has one."""

    path: Path
    name: str
    slug: str | None


A = TypeVar("A")
"""What a `finish` step makes of a valid file (the build: a project's page, rows, feeds)."""


@dataclass(slots=True)
class Result(Generic[A]):
    """The outcome for one file: its problems and, when it is valid, its data, or what a
    `finish` step made of it in the process that validated it (then the data stays there:
    it is large, and the step made what is needed of it)."""

    source: Source
    problems: list[Problem]
    data: dict[str, Any] | None = None
    artefact: A | None = None
    raw: bytes | None = field(default=None, repr=False)
    """The file's bytes, as validated, for the `finish` step (not sent back with the result)."""

    @property
    def valid(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)


@dataclass(slots=True)
class Report:
    """Everything found in one validation run, in file and position order."""

    results: list[Result[Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)

    @property
    def failed_files(self) -> int:
        return len({p.file for p in self.problems if p.severity is Severity.ERROR})

    @property
    def valid(self) -> bool:
        return self.errors == 0

    @property
    def projects(self) -> list[Result[Any]]:
        """The valid projects that have a slug, by slug."""
        found = [r for r in self.results if r.valid and r.source.slug and
                 (r.data is not None or r.artefact is not None)]
        return sorted(found, key=lambda r: r.source.slug or "")


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _slug_problems(source: Source) -> list[Problem]:
    slug = source.slug
    if slug is None:
        return []
    if not (SLUG.match(slug) and len(slug) <= SLUG_MAX) or slug in RESERVED_SLUGS:
        return [Problem(Code.INVALID_SLUG, source.name, params={"slug": slug})]
    # the slug becomes the page's address: no phone number or NIK in it
    return [Problem(Code.personal_data(f.kind), source.name, path=(), params={"found": f.masked})
            for f in find_in_text(slug)]


def _links(folder: Path, skip: Path | None = None) -> Iterator[Path]:
    """Every symbolic link under `folder`, never following one (`skip`, a project file,
    is reported as a project file)."""
    stack = [folder]
    while stack:
        try:
            entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                if skip is None or Path(entry.path) != skip:
                    yield Path(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))


def _link_problems(folder: Path, skip: Path | None = None) -> list[Problem]:
    return [Problem(Code.SYMLINK_IN_PROJECTS, _display(link)) for link in _links(folder, skip)]


def discover(paths: Iterable[Path]) -> tuple[list[Source], list[Problem]]:
    """Find the project files under `paths` and what is wrong with the tree itself.

    A folder that holds `project.yml` is one project; any other folder is a projects tree
    whose every sub-folder must hold a `project.yml`. A file is validated as it is. No
    symbolic link is followed: a link anywhere in a projects tree or a project's folder
    (to another project, into another project's folder, out of the repository) is refused.
    """
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_symlink() and path.suffix not in (".yml", ".yaml"):
            problems.append(Problem(Code.SYMLINK_IN_PROJECTS, _display(path)))
        elif path.is_file() or path.is_symlink():
            slug = path.parent.name if path.name == PROJECT_FILE else None
            sources.append(Source(path, _display(path), slug))
        elif (path / PROJECT_FILE).exists() or (path / PROJECT_FILE).is_symlink():
            sources.append(Source(path / PROJECT_FILE, _display(path / PROJECT_FILE), path.resolve().name))
            problems.extend(_link_problems(path, path / PROJECT_FILE))
        elif path.is_dir():
            _discover_tree(path, sources, problems)
    return sources, problems


def _discover_tree(root: Path, sources: list[Source], problems: list[Problem]) -> None:
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        child = Path(entry.path)
        if entry.is_symlink():
            problems.append(Problem(Code.SYMLINK_IN_PROJECTS, _display(child)))
        elif entry.is_dir(follow_symlinks=False):
            file = child / PROJECT_FILE
            hidden = entry.name.startswith(".")
            problems.extend(_link_problems(child, None if hidden else file))
            if hidden:
                continue
            if file.exists() or file.is_symlink():
                sources.append(Source(file, _display(file), entry.name))
            else:
                problems.append(Problem(Code.MISSING_PROJECT_FILE, _display(child), params={"slug": entry.name}))
        elif child.suffix in (".yml", ".yaml") and not entry.name.startswith("."):
            problems.append(Problem(Code.MISPLACED_FILE, _display(child)))


def check_bytes(raw: bytes, name: str, slug: str | None = None, today: dt.date | None = None,
                required_languages: tuple[str, ...] = (), folder: Path | None = None) -> Result[Any]:
    """Validate one project file's content: loading, the schema and the rules; and, given the
    `folder` it is to be written in (`cocreate import`), the tables it declares there."""
    source = Source(Path(name), name, slug)
    return _finish(source, load_text(raw, name), _slug_problems(source), today, required_languages, folder)


def _finish(source: Source, doc: Any, problems: list[Problem], today: dt.date | None,
            required_languages: tuple[str, ...], folder: Path | None = None) -> Result[Any]:
    problems.extend(doc.problems)
    if doc.data is None:
        return Result(source, problems)
    problems.extend(schema_problems(doc, source.name))
    problems.extend(rule_problems(doc, source.name, today, required_languages))
    errors = any(p.severity is Severity.ERROR for p in problems)  # a warning does not skip the tables
    if not errors and isinstance(doc.data, dict) and doc.data.get("data") and (folder or source.path.is_file()):
        problems.extend(check_data_files(doc, source.name, folder or source.path.parent))
    problems.sort(key=lambda p: p.sort_key)
    result: Result[Any] = Result(source, problems)
    if result.valid:
        result.data, result.raw = doc.data, doc.raw
    return result


def check_source(source: Source, today: dt.date | None = None, required_languages: tuple[str, ...] = ()) -> Result[Any]:
    """Validate one discovered file. Never raises: a bug becomes an `internal-error` problem."""
    try:
        problems = _slug_problems(source)
        if source.path.is_symlink():
            return Result(source, [*problems, Problem(Code.FILE_IS_SYMLINK, source.name)])
        return _finish(source, load_file(source.path, source.name), problems, today, required_languages)
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}"
        return Result(source, [Problem(Code.INTERNAL_ERROR, source.name, params={"detail": detail})])


Finish = Callable[[Result[Any]], Any]
"""A step run on each result where it was made; what it returns travels back instead of
the data (None: nothing, for a file it had nothing to make of)."""


def _check_many(chunk: list[Source], finish: Finish | None = None,
                required_languages: tuple[str, ...] = (), today: dt.date | None = None) -> list[Result[Any]]:
    results = [check_source(source, today, required_languages) for source in chunk]
    for result in results:
        if finish is not None:
            result.artefact = finish(result)
            result.data = None
        result.raw = None  # the finish step's alone: never kept, nor sent back
    return results


_worker: tuple[Finish | None, tuple[str, ...], dt.date | None] = (None, (), None)
"""The `finish` step of this worker process, the languages required and the day that is
today, given once when the worker starts."""


def _start_worker(finish: Finish | None, required_languages: tuple[str, ...], today: dt.date | None) -> None:
    global _worker
    _worker = (finish, required_languages, today)


def _check_chunk(chunk: list[Source]) -> list[Result[Any]]:
    return _check_many(chunk, *_worker)


def _chunks(items: list[Source], size: int) -> Iterator[list[Source]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def validate_sources(
    sources: list[Source],
    *,
    jobs: int | None = None,
    on_done: Callable[[int], None] | None = None,
    finish: Finish | None = None,
    on_result: Callable[[Result[Any]], None] | None = None,
    required_languages: tuple[str, ...] = (),
    today: dt.date | None = None,
) -> list[Result[Any]]:
    """Validate many files, in worker processes when there are enough to pay off.

    `finish`, a picklable callable, runs on each result where it was made (in the worker),
    so that work that follows validation, such as rendering a page, is shared out too.
    `today` is the day in the portal's time zone (`dates.today_in`): no date may be after it.
    `on_result` sees each result where it arrives, in order, as soon as it arrives.
    """
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(sources) < PARALLEL_MIN_FILES:
        results = []
        for source in sources:
            results.extend(_check_many([source], finish, required_languages, today))
            if on_result:
                on_result(results[-1])
            if on_done:
                on_done(1)
        return results
    # small chunks: results stream back evenly and no worker is left alone with a long one at the end
    size = max(10, len(sources) // (workers * 32))
    results = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                             initargs=(finish, required_languages, today)) as pool:
        for chunk_results in pool.map(_check_chunk, _chunks(sources, size)):
            results.extend(chunk_results)
            if on_result is not None:
                for result in chunk_results:
                    on_result(result)
            if on_done:
                on_done(len(chunk_results))
    return results


def make_report(results: list[Result[Any]], tree_problems: Iterable[Problem] = ()) -> Report:
    """Gather the results of a run and the problems of the tree into one sorted report."""
    problems = [*tree_problems, *(p for result in results for p in result.problems)]
    problems.sort(key=lambda p: p.sort_key)
    return Report(results, problems)


def validate_paths(paths: Iterable[Path], *, jobs: int | None = None, finish: Finish | None = None,
                   on_result: Callable[[Result[Any]], None] | None = None,
                   required_languages: tuple[str, ...] = (), today: dt.date | None = None) -> Report:
    """Validate every project file under `paths` and gather one report."""
    sources, problems = discover(paths)
    results = validate_sources(sources, jobs=jobs, finish=finish, on_result=on_result,
                               required_languages=required_languages, today=today)
    return make_report(results, problems)
