"""A project's own tables: CSV files beside project.yml, each with a Table Schema.

Checked safely: the file names (schema patterns) cannot leave the project's folder, links
and anything but plain files are refused before anything reads them, nothing is fetched,
sizes are capped. frictionless is imported only when a project declares data, since
importing it alone takes more than half a second.

Validation reads each file once, and checks it in the form it is published in:

- it must be UTF-8 text without control characters (tab and line breaks aside) or
  bidirectional overrides, the rule project files follow too (`data-file-encoding`, at the
  first bad byte);
- every cell, the header included, and every string of the Table Schema (names, titles,
  descriptions, examples, enum values, keys) is searched for personal data like any text
  of a project, and refused the same way (`personal-data-*`, at the cell or the string);
- a cell of a text field that begins like a spreadsheet formula (`=`, `+`, `-`, `@`, tab,
  line break) gets a `'` in front ([cocreate.standard.csvsafe][]), and the published Table Schema
  lets the field hold it. A cell that cannot take the quote (a header, a date written
  `=...`, a text field whose pattern or format refuses it) is refused (`data-formula`);
  a plain number (`-5`) in a typed field is a number and stays as it is;
- frictionless validates the cells so made against the schema so made: the table that is
  published is the table that was validated, and every published file is valid.

The CSV is read here, once, not by frictionless: `,`, `;`, tab or `|` separate the cells
(the one the first line holds most of) and `"` quotes them. It is published with `,` and
every cell quoted, and its Table Schema as JSON written again. The Table Schema's text is
read, searched and published by [cocreate.standard.table_schema][].
"""

from __future__ import annotations

import bisect
import codecs
import csv
import io
import json
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cocreate.standard.characters import scan  # one rule for every file contributors write
from cocreate.standard.csvsafe import FORMULA_START, neutralise, write_rows
from cocreate.standard.loader import Document
from cocreate.standard.privacy import find_in_data
from cocreate.standard.problems import Code, FieldPath, Position, Problem
from cocreate.standard.table_schema import finite_number, json_texts, published_schema

MAX_DATA_BYTES = 5 * 1024 * 1024
"""Largest data file (CSV or Table Schema) a project may publish."""
MAX_ERRORS = 20
"""Problems of one kind reported for one file; a file with more has them reported once fixed."""
MAX_COLUMNS = 1000
"""Most columns a table (and fields its Table Schema) may have: frictionless takes quadratic
time in the width of a table, and a few kilobytes of commas would keep it busy for hours."""

DELIMITERS = ",;\t|"
"""What may separate the cells of a project's CSV file."""
TEXT_TYPES = frozenset({"string", "any"})
"""Field types whose cells stay valid with a `'` in front (a field without a type is `any`)."""
_PLAIN_NUMBER = re.compile(r"[+-][0-9., ]*(?:(?<=[0-9])[eE][+-]?[0-9]+)?")
"""A cell that begins with a sign and holds only digits, separators, spaces and an exponent
(`-5`, `+2.5`, `-1.234,5`, `-1e5`): spreadsheets read it as a number, so a typed field keeps it."""
_LINE_BREAK = re.compile(r"\r\n?|\n")



@dataclass(frozen=True)
class Table:
    """A project's table as it is published."""

    rows: list[list[str]]
    """The header, then the rows; cells of text fields that begin like a formula have `'` in front."""
    schema: dict[str, Any]
    """The Table Schema as published: the project's, with the fields that hold such cells
    allowing the quote (enum values and missing values with it, `maxLength` one more,
    `pattern` with an optional `'` in front)."""

    @property
    def csv(self) -> str:
        return write_rows(self.rows)

    @property
    def schema_json(self) -> str:
        return json.dumps(self.schema, ensure_ascii=False, indent=2) + "\n"


def check_data_files(doc: Document, file: str, folder: Path) -> Iterator[Problem]:
    """Problems with the tables that a valid project declares under `data`."""
    entries = doc.data.get("data") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        return
    seen: set[tuple[str, str]] = set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        # each table its own name (the package's resource) and its own files (each
        # published once, as this table needs them: a shared schema could need two forms)
        repeated = [key for key in ("name", "path", "schema") if (key, entry[key]) in seen]
        seen.update((key, entry[key]) for key in ("name", "path", "schema"))
        for key in repeated:
            yield Problem(Code.DUPLICATE_ITEM, file, doc.position(("data", index, key)), ("data", index, key))
        if not repeated:
            yield from _Reading(folder, entry, index, file, doc.position).run(validate=True).problems


def published_table(folder: Path, entry: dict[str, Any]) -> Table:
    """A table that validation accepted, as it is published (read again: validation runs
    in worker processes and keeps nothing). Its texts are searched for personal data again,
    so that a file changed since (`mkdocs serve`) cannot slip through; frictionless is not
    run again. Raises ValueError, naming the problem, for a table that is not valid."""
    reading = _Reading(folder, entry, 0, str(folder / "project.yml"), lambda _path: Position(1, 1)).run(validate=False)
    if reading.table is None:
        raise ValueError(f"{folder / entry['path']}: {reading.problems[0].code}")
    return reading.table


@dataclass
class _Reading:
    """One `data` entry read and checked: its problems, and its table when it has none."""

    folder: Path
    entry: dict[str, Any]
    index: int
    file: str
    """The project file, as reported."""
    position_of: Callable[[FieldPath], Position]
    """Where a field of the project file stands."""
    problems: list[Problem] = field(default_factory=list)
    table: Table | None = None
    refused: set[tuple[int, int]] = field(default_factory=set)
    """The (row, column) of cells refused as formulas: frictionless need not repeat them."""

    def problem(self, code: Code, file: str, position: Position, path: FieldPath, **params: Any) -> None:
        self.problems.append(Problem(code, file, position, path, params))

    def name(self, key: str) -> str:
        """A data file as reported: beside the project file."""
        return str(Path(self.file).parent / self.entry[key])

    def run(self, *, validate: bool) -> _Reading:
        """Read and check the table; `validate` adds frictionless (the schema and the cells)."""
        texts = {key: self.read(key) for key in ("path", "schema")}
        csv_text, schema_text = texts["path"], texts["schema"]
        if csv_text is None or schema_text is None:
            return self
        descriptor = self.descriptor(schema_text, validate)
        if descriptor is None:
            return self
        parsed = self.records(csv_text)
        if parsed is None:
            return self
        rows, lines = parsed
        self.personal_data(rows, lines)
        published, quoted = self.neutralised(rows, lines, descriptor)
        table = Table(published, published_schema(descriptor, {c for _, c in quoted}))
        if validate:
            self.frictionless(table, lines, quoted)
        if not self.problems:
            self.table = table
        return self

    # ----- the files ---------------------------------------------------------------------
    def read(self, key: str) -> str | None:
        """The text of the CSV file (`path`) or its schema (`schema`), or None with a problem."""
        here = ("data", self.index, key)
        path = self.folder / self.entry[key]
        try:
            info = path.lstat()
        except OSError:
            self.problem(Code.DATA_FILE_MISSING, self.file, self.position_of(here), here, name=self.entry[key])
            return None
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
            self.problem(Code.DATA_FILE_UNSAFE, self.file, self.position_of(here), here, name=self.entry[key])
            return None
        if info.st_size > MAX_DATA_BYTES:
            self.problem(Code.DATA_FILE_TOO_LARGE, self.file, self.position_of(here), here, name=self.entry[key],
                         limit=MAX_DATA_BYTES)
            return None
        raw = path.read_bytes()
        start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0  # "CSV UTF-8" from spreadsheets
        try:
            text = raw[start:].decode("utf-8")
        except UnicodeDecodeError as exc:
            before = raw[start : start + exc.start].decode("utf-8")
            self.problem(Code.DATA_FILE_ENCODING, self.name(key), _Lines(before).position(len(before)), here,
                         name=self.entry[key], found=f"0x{raw[start + exc.start]:02X}")
            return None
        if bad := next(scan(text, in_file=True), None):
            self.problem(Code.DATA_FILE_ENCODING, self.name(key), _Lines(text).position(bad.index), here,
                         name=self.entry[key], found=bad.name)
            return None
        return text

    def descriptor(self, text: str, validate: bool) -> dict[str, Any] | None:
        """The Table Schema, or None with a problem."""
        here = ("data", self.index, "schema")
        try:
            descriptor = json.loads(text, parse_float=finite_number, parse_constant=finite_number)
        except json.JSONDecodeError as exc:
            self.problem(Code.DATA_SCHEMA_INVALID, self.name("schema"), Position(exc.lineno, exc.colno), here,
                         name=self.entry["schema"], detail=exc.msg)
            return None
        except (RecursionError, ValueError) as exc:  # nested too deeply; NaN, Infinity or 1e999
            self.problem(Code.DATA_SCHEMA_INVALID, self.name("schema"), Position(1, 1), here,
                         name=self.entry["schema"], detail=str(exc) or "nested too deeply")
            return None
        self.schema_texts(text)
        if not validate:
            return descriptor
        from frictionless import FrictionlessException, Schema

        try:
            if not isinstance(descriptor, dict):
                raise TypeError("a Table Schema is a JSON object")
            if isinstance(descriptor.get("fields"), list) and len(descriptor["fields"]) > MAX_COLUMNS:
                self.problem(Code.DATA_TOO_MANY_COLUMNS, self.name("schema"), Position(1, 1), here,
                             name=self.entry["schema"], count=len(descriptor["fields"]), limit=MAX_COLUMNS)
                return None
            Schema.from_descriptor(descriptor)
        except (FrictionlessException, TypeError, ValueError) as exc:
            self.problem(Code.DATA_SCHEMA_INVALID, self.file, self.position_of(here), here,
                         name=self.entry["schema"], detail=str(exc).splitlines()[0][:300])
            return None
        return descriptor

    def schema_texts(self, text: str) -> None:
        """Personal data, and control characters written as escapes (`\\u0000`), in any
        string of the schema: it is published in the data package as it is."""
        strings = list(json_texts(text))
        lines = _Lines(text)
        name = self.name("schema")
        for path, value, offset in strings:
            if bad := next(scan(value), None):
                self.problem(Code.DATA_FILE_ENCODING, name, lines.position(offset), path,
                             name=self.entry["schema"], found=bad.name)
                break
        for count, finding in enumerate(find_in_data([value for _, value, _ in strings])):
            if count == MAX_ERRORS:
                break
            path, _, offset = strings[int(finding.path[0])]
            self.problem(Code.personal_data(finding.kind), name, lines.position(offset), path, found=finding.masked)

    def records(self, text: str) -> tuple[list[list[str]], list[int]] | None:
        """The CSV's records, and the line each starts on; None with a problem."""
        csv.field_size_limit(max(csv.field_size_limit(), MAX_DATA_BYTES + 1))
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), quotechar='"',
                            doublequote=True, skipinitialspace=False)
        rows: list[list[str]] = []
        lines: list[int] = []
        lines_read = 0
        try:
            for record in reader:  # a blank line is a record too (which frictionless refuses)
                if len(record) > MAX_COLUMNS:
                    self.problem(Code.DATA_TOO_MANY_COLUMNS, self.name("path"),
                                 Position(lines_read + 1, MAX_COLUMNS + 1), ("data", self.index, "path"),
                                 name=self.entry["path"], count=len(record), limit=MAX_COLUMNS)
                    return None
                lines.append(lines_read + 1)
                rows.append(record)
                lines_read = reader.line_num
        except csv.Error as exc:
            self.problem(Code.DATA_INVALID, self.name("path"), Position(reader.line_num or 1, 1),
                         ("data", self.index, "path"), field="-", detail=f"the CSV cannot be read: {exc}")
            return None
        return rows, lines

    # ----- the cells ---------------------------------------------------------------------
    def personal_data(self, rows: list[list[str]], lines: list[int]) -> None:
        for count, finding in enumerate(find_in_data(rows)):
            if count == MAX_ERRORS:
                break
            row, column = int(finding.path[0]), int(finding.path[1])
            label = _label(rows[0], column)
            self.problem(Code.personal_data(finding.kind), self.name("path"), Position(lines[row], column + 1),
                         (label,), found=finding.masked, field=label)

    def neutralised(self, rows: list[list[str]], lines: list[int],
                    descriptor: dict[str, Any]) -> tuple[list[list[str]], set[tuple[int, int]]]:
        """The rows as published, and the (row, column) of every cell that got a `'`."""
        fields = descriptor.get("fields") if isinstance(descriptor, dict) else None
        fields = fields if isinstance(fields, list) else []
        types = [str(f.get("type", "any")) if isinstance(f, dict) else "any" for f in fields]
        quoted: set[tuple[int, int]] = set()
        published = [rows[0]] if rows else []
        for column, label in enumerate(rows[0] if rows else []):
            if label.startswith(FORMULA_START):  # a field's name, which the schema must match
                self.formula((0, column), Position(1, column + 1), label, label, "the header names the field")
        for row in range(1, len(rows)):
            cells = rows[row]
            if not any(cell.startswith(FORMULA_START) for cell in cells):
                published.append(cells)
                continue
            cells = list(cells)
            for column, cell in enumerate(cells):
                if not cell.startswith(FORMULA_START):
                    continue
                if column >= len(types) or types[column] in TEXT_TYPES:
                    cells[column] = neutralise(cell)
                    quoted.add((row, column))
                elif not _PLAIN_NUMBER.fullmatch(cell):
                    self.formula((row, column), Position(lines[row], column + 1), _label(rows[0], column), cell,
                                 f'type is "{types[column]}"')
            published.append(cells)
        return published, quoted

    def formula(self, cell_at: tuple[int, int], position: Position, label: str, cell: str, detail: str) -> None:
        """A cell that begins like a formula and cannot take the `'` in front."""
        self.refused.add(cell_at)
        if len(self.refused) > MAX_ERRORS:
            return
        char = {"\t": "\\t", "\r": "\\r", "\n": "\\n"}.get(cell[0], cell[0])
        self.problem(Code.DATA_FORMULA, self.name("path"), position, ("data", self.index, "path"), field=label,
                     char=char, detail=detail)

    def frictionless(self, table: Table, lines: list[int], quoted: set[tuple[int, int]]) -> None:
        """Validate the table as published: its rows (written out and read back, CSV gives
        the very same cells) against its published schema. The rows are handed over as
        they are: frictionless reading CSV text would first guess its dialect with
        Python's `csv.Sniffer`, whose time grows with the square of the first lines' length
        (`,'` repeated in a cell), and copy them whole to check its own descriptor."""
        from frictionless import FrictionlessException, Resource, Schema

        here = ("data", self.index, "path")
        rows = table.rows
        try:
            resource = Resource(data=lambda: rows, format="inline", schema=Schema.from_descriptor(table.schema))
            report = resource.validate()
        except (FrictionlessException, re.error) as exc:
            self.problem(Code.DATA_INVALID, self.name("path"), Position(1, 1), here, field="-",
                         detail=str(exc).splitlines()[0][:300])
            return
        flat = report.flatten(["rowNumber", "fieldNumber", "fieldName", "cell", "note", "type"])
        flat = [error for error in flat if not (error[0] and error[1] and (error[0] - 1, error[1] - 1) in self.refused)]
        for row, column, name, cell, note, kind in flat[:MAX_ERRORS]:
            line = lines[row - 1] if row and row <= len(lines) else row or 1
            if row and column and (row - 1, column - 1) in quoted:
                self.formula((row - 1, column - 1), Position(line, column), name or "-", rows[row - 1][column - 1][1:],
                             f"{kind}: {note}")
                continue
            detail = f"{kind}: {note}" + (f" (value {str(cell)[:60]!r})" if cell not in (None, "") else "")
            self.problem(Code.DATA_INVALID, self.name("path"), Position(line, column or 1), here,
                         detail=detail, field=name or "-")


def _label(header: list[str], column: int) -> str:
    return header[column] if column < len(header) else f"#{column + 1}"


def _delimiter(text: str) -> str:
    """The separator the first line holds most of, outside quotes (`,` when it holds none)."""
    end = _LINE_BREAK.search(text)
    first = re.sub(r'"[^"]*"', "", text[: end.start()] if end else text)
    counts = [(first.count(d), -DELIMITERS.index(d), d) for d in DELIMITERS]
    return max(counts)[2] if max(counts)[0] else ","


class _Lines:
    """Positions in a text, by offset: line breaks are `\\n`, `\\r\\n` or `\\r`, as in CSV."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self._starts, offset)
        return Position(line, offset - self._starts[line - 1] + 1)
