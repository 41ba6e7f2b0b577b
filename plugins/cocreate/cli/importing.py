"""`cocreate import`: an existing list (CSV, XLSX, ODS or JSON) as project folders."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click
import yaml

from cocreate.cli.mapping import Converted, Row, convert
from cocreate.cli.mapping_file import MappingError, MappingFile
from cocreate.cli.nofollow import FileState, LinkRefused, ProjectFolder
from cocreate.cli.scaffolding import schema_line
from cocreate.cli.settings import current
from cocreate.cli.tables import TableError, read_rows
from cocreate.i18n.messages import LANGUAGES, message
from cocreate.i18n.untrusted import one_line
from cocreate.portal.urls import UniqueSlugs
from cocreate.standard.loader import load_text
from cocreate.standard.paths import PROJECT_FILE
from cocreate.standard.privacy import redact
from cocreate.standard.problems import Code, Problem, Severity
from cocreate.standard.validate import SLUG_MAX, check_bytes


class _Dumper(yaml.SafeDumper):
    """Writes a project file as a person would: texts of several lines as `|` blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def project_yaml(data: dict[str, Any], site_url: str | None) -> str:
    """A project file's text: the line that lets editors check it, then the fields."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return schema_line(site_url) + body


def imported_on() -> dt.date:
    """The import's date: `SOURCE_DATE_EPOCH`'s when set (reproducible), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()


@click.command(name="import")
@click.argument("table", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mapping", "mapping_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The mapping (YAML): which columns make which fields; see the example in examples/.")
@click.option("--dry-run", is_flag=True, help="Write nothing: show what would be written, and which rows fail.")
@click.option("--overwrite", is_flag=True,
              help="Replace projects that exist already (by default they are left as they are).")
@click.option("--show", is_flag=True, help="With --dry-run: print each file that would be written.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of the messages.")
def import_(table: Path, mapping_path: Path, dry_run: bool, overwrite: bool, show: bool, lang: str | None) -> None:
    """Turn the rows of an existing list into project folders.

    TABLE is a CSV, XLSX, ODS or JSON file. Each row becomes projects/<slug>/project.yml by
    the mapping, with where it came from (`source`). A row that cannot become a valid
    project is reported with its row number and its problems, and not written; an existing
    project is not replaced without --overwrite. Nothing is written outside the projects
    folder: no symbolic link is followed or replaced. Exit status 0 when every row became a
    project, 1 when some did not, 2 on a usage error (a mapping or a table that cannot be
    used, with its code: `mapping-...`, `table-...`).
    """
    settings = current()
    language = lang or settings.language
    try:
        mapping = MappingFile.from_data(load_mapping(mapping_path))
        when = imported_on()
        converted = [convert(Row(row.cells, when, mapping), row.number) for row in read_rows(table)]
    except MappingError as exc:
        _fail(mapping_path, exc.code, str(exc))
    except TableError as exc:
        _fail(table, exc.code, str(exc))
    unique = UniqueSlugs(limit=SLUG_MAX)
    root = settings.root or Path.cwd()
    target = settings.projects_dir
    written = skipped = failed = removed = left_out = 0
    for project in converted:
        project.slug = unique(project.slug)
        for notice in project.notices:  # the row is still written: what it lost is said
            left_out += 1
            click.echo(one_line(f"{table}: row {project.row} ({redact(project.slug)}): {notice.code}: "
                                f"{notice.column}: {redact(notice.text())}"), err=True)
        text = project_yaml(project.data, settings.config.get("site_url"))
        path = target / project.slug / PROJECT_FILE
        if project.personal:  # in the cells of its slug: never a folder name, nor shown
            failed += 1
            _report(table, project, [Problem(Code.personal_data(f.kind), str(path), path=f.path,
                                             params={"found": f.masked}) for f in project.personal], language)
            continue
        result = check_bytes(text.encode("utf-8"), str(path), project.slug, settings.today, folder=path.parent,
                             required_languages=tuple(settings.plugin.required_languages))
        if not result.valid:
            failed += 1
            _report(table, project, [p for p in result.problems if p.severity is Severity.ERROR], language)
            continue
        try:
            state = ProjectFolder(root, target, project.slug).state()
            if state is FileState.EXISTS and not overwrite:
                skipped += 1
                click.echo(one_line(f"{path}: exists already, left as it is (--overwrite replaces it)"))
                continue
            if dry_run:
                click.echo(one_line(f"{path}: would be written (row {project.row})"))
                if show:
                    click.echo(text)
            else:
                ProjectFolder(root, target, project.slug).write(text.encode("utf-8"), replace=state is FileState.EXISTS)
        except LinkRefused as exc:
            failed += 1
            click.echo(one_line(f"{table}: row {project.row} ({project.slug}): symlink-in-projects: {exc}: "
                                "a symbolic link is never followed nor replaced; remove it"), err=True)
            continue
        removed += project.removed
        written += 1
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{len(converted)} rows: {verb} {written} project(s), left {skipped} that exist, "
               f"{failed} row(s) could not become a valid project"
               + (f"; {removed} piece(s) of personal data cut out of texts" if removed else "")
               + (f"; {left_out} cell(s) left out, listed above" if left_out else ""))
    sys.exit(1 if failed else 0)


def _fail(path: Path, code: str, text: str) -> NoReturn:
    raise click.UsageError(one_line(f"{path}: {code}: {text}"))


def load_mapping(path: Path) -> Any:
    """The mapping file, read as strictly as a project file (every value is text)."""
    doc = load_text(path.read_bytes(), str(path))
    if doc.problems:
        first = doc.problems[0]
        raise MappingError(f"line {first.position.line}: {message(first, 'en')}", "mapping-unreadable")
    return doc.data


def _report(table: Path, project: Converted, problems: list[Problem], language: str) -> None:
    for problem in problems:
        click.echo(one_line(f"{table}: row {project.row} ({redact(project.slug)}): {problem.code}: {problem.field}: "
                            f"{message(problem, language)}"), err=True)
