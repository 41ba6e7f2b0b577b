"""`cocreate import`: an existing list (CSV, XLSX, ODS or JSON) as project folders."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click
import yaml

from cocreate.cli.mapping import Converted, MappingError, MappingFile, Row, convert
from cocreate.cli.scaffolding import schema_line
from cocreate.cli.settings import current
from cocreate.i18n.messages import LANGUAGES, message
from cocreate.i18n.untrusted import one_line
from cocreate.portal.catalog import UniqueSlugs
from cocreate.standard.loader import load_text
from cocreate.standard.paths import PROJECT_FILE
from cocreate.standard.problems import Problem, Severity
from cocreate.standard.validate import check_bytes


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


def read_rows(table: Path) -> list[tuple[int, dict[str, str]]]:
    """The table's rows, each cell as text, with their row numbers (the header is row 1):
    CSV, XLSX, ODS or JSON (an array of objects), read by frictionless as they are, without
    guessing types (a spreadsheet's number or date cell is written as it reads)."""
    from frictionless import FrictionlessException
    from frictionless.resources import TableResource

    rows: list[tuple[int, dict[str, str]]] = []
    try:
        with TableResource(path=table.name, basepath=str(table.parent)) as resource:
            header = [str(label) for label in resource.header]
            for row in resource.row_stream:
                if any(cell not in (None, "") for cell in row.cells):
                    cells = [*row.cells, *[None] * (len(header) - len(row.cells))]  # a short row: empty cells
                    rows.append((row.row_number, {name: _as_text(cell) for name, cell in zip(header, cells,
                                                                                              strict=False)}))
    except FrictionlessException as exc:
        note = exc.error.note if getattr(exc, "error", None) else str(exc)
        raise click.UsageError(f"cannot read {table}: {note}" + (
            " (install cocreate[import] to read spreadsheets and JSON)" if "install" in note else "")) from exc
    return rows


def _as_text(cell: Any) -> str:
    """A cell as text: `3` for a whole number, a date or a time as ISO 8601."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat()
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    return str(cell)


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
    project is not replaced without --overwrite. Exit status 0 when every row became a
    project, 1 when some did not, 2 on a usage error.
    """
    settings = current()
    language = lang or settings.language
    try:
        mapping = MappingFile.from_data(load_mapping(mapping_path))
        when = imported_on()
        rows = read_rows(table)
        converted = [convert(Row(cells, when, mapping), number) for number, cells in rows]
    except MappingError as exc:
        raise click.UsageError(f"{mapping_path}: {one_line(str(exc))}") from exc
    unique = UniqueSlugs()
    target = settings.projects_dir
    written = skipped = failed = removed = 0
    for project in converted:
        project.slug = unique(project.slug)
        text = project_yaml(project.data, settings.config.get("site_url"))
        path = target / project.slug / PROJECT_FILE
        result = check_bytes(text.encode("utf-8"), str(path), project.slug,
                             required_languages=tuple(settings.plugin.required_languages))
        if not result.valid:
            failed += 1
            _report(table, project, [p for p in result.problems if p.severity is Severity.ERROR], language)
            continue
        if path.exists() and not overwrite:
            skipped += 1
            click.echo(one_line(f"{path}: exists already, left as it is (--overwrite replaces it)"))
            continue
        removed += project.removed
        written += 1
        if dry_run:
            click.echo(one_line(f"{path}: would be written (row {project.row})"))
            if show:
                click.echo(text)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{len(converted)} rows: {verb} {written} project(s), left {skipped} that exist, "
               f"{failed} row(s) could not become a valid project"
               + (f"; {removed} piece(s) of personal data cut out of texts" if removed else ""))
    sys.exit(1 if failed else 0)


def load_mapping(path: Path) -> Any:
    """The mapping file, read as strictly as a project file (every value is text)."""
    doc = load_text(path.read_bytes(), str(path))
    if doc.problems:
        first = doc.problems[0]
        raise MappingError(f"line {first.position.line}: {message(first, 'en')}")
    return doc.data


def _report(table: Path, project: Converted, problems: list[Problem], language: str) -> None:
    for problem in problems:
        click.echo(one_line(f"{table}: row {project.row} ({project.slug}): {problem.code}: {problem.field}: "
                            f"{message(problem, language)}"), err=True)
