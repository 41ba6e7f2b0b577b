"""A project's own tables: CSV files beside project.yml, each with a Table Schema.

Checked safely: the file names (schema patterns) cannot leave the project's folder, links
and anything but plain files are refused before frictionless sees them (it would follow
symlinks), nothing is fetched, sizes are capped. frictionless is imported only when a
project declares data, since importing it alone takes more than half a second.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any, Iterator

from cocreate.loader import Document
from cocreate.problems import Position, Problem

MAX_DATA_BYTES = 5 * 1024 * 1024
"""Largest data file (CSV or Table Schema) a project may publish."""
MAX_ERRORS = 20
"""Row errors reported for one file; the rest are counted in the last message."""


def _plain_file(folder: Path, name: str) -> tuple[Path | None, str | None]:
    """The file, or the problem code that keeps it from being read."""
    path = folder / name
    try:
        info = path.lstat()
    except OSError:
        return None, "data-file-missing"
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        return None, "data-file-unsafe"
    if info.st_size > MAX_DATA_BYTES:
        return None, "data-file-too-large"
    return path, None


def check_data_files(doc: Document, file: str, folder: Path) -> Iterator[Problem]:
    """Problems with the tables that a valid project declares under `data`."""
    entries = doc.data.get("data") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        here = doc.position(("data", index))
        csv_path, csv_problem = _plain_file(folder, entry["path"])
        schema_path, schema_problem = _plain_file(folder, entry["schema"])
        for key, problem in (("path", csv_problem), ("schema", schema_problem)):
            if problem:
                yield Problem(problem, file, doc.position(("data", index, key)), ("data", index, key),
                              {"name": entry[key], "limit": MAX_DATA_BYTES})
        if csv_path is None or schema_path is None:
            continue
        try:
            descriptor = json.loads(schema_path.read_text("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield Problem("data-schema-invalid", file, doc.position(("data", index, "schema")),
                          ("data", index, "schema"), {"name": entry["schema"], "detail": str(exc)})
            continue
        yield from _frictionless(descriptor, csv_path, entry, index, file, here)


def _frictionless(descriptor: Any, csv_path: Path, entry: dict[str, Any], index: int, file: str,
                  here: Position) -> Iterator[Problem]:
    from frictionless import FrictionlessException, Resource, Schema

    try:
        schema = Schema.from_descriptor(descriptor)
    except (FrictionlessException, TypeError, ValueError) as exc:
        yield Problem("data-schema-invalid", file, here, ("data", index, "schema"),
                      {"name": entry["schema"], "detail": str(exc).splitlines()[0][:300]})
        return
    csv_name = str(Path(file).parent / entry["path"])
    try:
        report = Resource(path=csv_path.name, basepath=str(csv_path.parent), schema=schema).validate()
    except FrictionlessException as exc:
        yield Problem("data-invalid", csv_name, Position(1, 1), ("data", index, "path"),
                      {"detail": str(exc).splitlines()[0][:300], "field": "-"})
        return
    rows = report.flatten(["rowNumber", "fieldNumber", "fieldName", "cell", "note", "type"])
    for row, column, field, cell, note, kind in rows[:MAX_ERRORS]:
        detail = f"{kind}: {note}" + (f" (value {str(cell)[:60]!r})" if cell not in (None, "") else "")
        yield Problem("data-invalid", csv_name, Position(row or 1, column or 1), ("data", index, "path"),
                      {"detail": detail, "field": field or "-"})


def published_name(slug: str, entry: dict[str, Any]) -> str:
    """Where a project's table is published, below the site's data folder."""
    return f"projects/{slug}/{entry['path']}"
