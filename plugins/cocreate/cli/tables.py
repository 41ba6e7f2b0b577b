"""Reading the table `cocreate import` is given (CSV, XLSX, ODS or JSON), bounded before it is
converted: its size, its encoding, the size of a cell, the cells a spreadsheet declares and
the nesting of JSON are checked cheaply, on the bytes, before frictionless reads it. Each
refusal is a `TableError` with a stable code (`table-...`), the same in every language."""

from __future__ import annotations

import codecs
import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MAX_TABLE_BYTES = 33_554_432
"""The largest table file read (32 MiB; the 558 OGP commitments are 2.5 MB)."""
MAX_UNPACKED_BYTES = 67_108_864
"""The largest a spreadsheet (a zip file) may be unpacked: its parts' sizes, added up (64 MiB)."""
MAX_CELL_CHARS = 32_767
"""The longest cell read (Excel's own limit): longer than any text of the standard."""
MAX_ROWS = 100_000
"""The most rows a table may have, or a spreadsheet declare."""
MAX_COLUMNS = 1_000
"""The most columns a table may have, or a spreadsheet declare."""
MAX_JSON_DEPTH = 16
"""The deepest nesting of arrays and objects in a JSON table (a table is 2 deep)."""

_CHUNK = 1 << 20


class TableError(ValueError):
    """The table cannot be read; `code` names why (stable), the message says what to do."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of the table: its number in the file (the header is row 1) and its cells as text."""

    number: int
    cells: dict[str, str]


def detect_encoding(raw: bytes) -> str:
    """The encoding of a text table: UTF-8, UTF-8 with a byte order mark, or UTF-16 with one.
    Anything else (Latin-1, Windows-1252) is refused rather than guessed."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    encoding = "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8"
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TableError("table-encoding", (
            f"the file is not {encoding.upper()} (byte {exc.start + 1} cannot be read as it); save it as "
            "UTF-8: in LibreOffice Calc or Excel choose \"CSV UTF-8\", or convert it with "
            "`iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8.csv`")) from None
    return encoding


def json_depth(text: str, limit: int) -> int:
    """How deep arrays and objects nest in JSON text, counted without parsing it (strings
    skipped), stopping as soon as it passes `limit`."""
    depth = deepest = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text, re.DOTALL):
        char = token.group()[0]
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif char in "]}":
            depth -= 1
    return deepest


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


_XLSX_REF = re.compile(rb'<(?:\w+:)?(?:c|row|dimension)\b[^>]*?\s(?:r|ref)="(?:[A-Z]{1,3}\d+:)?([A-Z]{0,3})(\d+)"')
_ODS_REPEAT = re.compile(rb'number-(rows|columns)-repeated="(\d+)"')


def _scan(member: IO[bytes], name: str, ods: bool) -> None:
    """One part of a spreadsheet, read in chunks: no text between two tags longer than
    MAX_CELL_CHARS characters, no cell declared beyond MAX_ROWS or MAX_COLUMNS."""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    run, in_tag, tail = 0, False, b""
    while chunk := member.read(_CHUNK):
        window = tail + chunk
        for match in (_ODS_REPEAT if ods else _XLSX_REF).finditer(window):
            if ods:  # frictionless' ODS reader makes every repeated row and cell, empty or not
                count = int(match.group(2))
                _declared(name, *((count, 1) if match.group(1) == b"rows" else (1, count)))
            else:
                _declared(name, int(match.group(2)), _column_number(match.group(1).decode()) or 1)
        tail = window[-64:]
        text = decoder.decode(chunk)
        position = 0
        while position < len(text):
            if in_tag:
                end = text.find(">", position)
                if end < 0:
                    break
                in_tag, position = False, end + 1
            else:
                start = text.find("<", position)
                stop = len(text) if start < 0 else start
                run += stop - position
                if run > MAX_CELL_CHARS:
                    raise TableError("table-cell-too-large", (
                        f"{name} holds a cell of more than {MAX_CELL_CHARS:,} characters: no field of the "
                        "standard is that long; shorten it in the spreadsheet"))
                if start < 0:
                    break
                in_tag, run, position = True, 0, start + 1


def _declared(name: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise TableError("table-too-many-cells", (
            f"{name} declares cells up to row {rows:,}, column {columns:,}: an import reads at most "
            f"{MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns; delete the empty rows and columns at the "
            "end of the sheet, or split the table"))


def check_spreadsheet(table: Path) -> None:
    """An XLSX or ODS file (a zip of XML parts), checked on its bytes before it is converted."""
    try:
        with zipfile.ZipFile(table) as archive:
            parts = [info for info in archive.infolist() if info.filename.endswith(".xml")]
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise TableError("table-too-large", (
                    f"the spreadsheet unpacks to more than {MAX_UNPACKED_BYTES:,} bytes; save it as CSV, "
                    "or split it"))
            for info in parts:
                with archive.open(info) as member:
                    _scan(member, info.filename, ods=table.suffix.lower() == ".ods")
    except (zipfile.BadZipFile, OSError) as exc:
        raise TableError("table-unreadable", f"not a spreadsheet that can be read ({exc})") from None


def check_table(table: Path) -> str | None:
    """Check the table before it is converted; its text encoding (CSV, JSON), if it has one."""
    size = table.stat().st_size
    if size > MAX_TABLE_BYTES:
        raise TableError("table-too-large", (
            f"the table is {size:,} bytes; an import reads at most {MAX_TABLE_BYTES:,}: split it"))
    suffix = table.suffix.lower()
    if suffix in (".xlsx", ".ods"):
        check_spreadsheet(table)
        return None
    raw = table.read_bytes()
    encoding = detect_encoding(raw)
    if suffix == ".json":
        depth = json_depth(raw.decode(encoding), MAX_JSON_DEPTH)
        if depth > MAX_JSON_DEPTH:
            raise TableError("table-too-deep", (
                f"the JSON nests arrays and objects more than {MAX_JSON_DEPTH} deep; a table is a list of "
                "objects (2 deep), each value a text or a number"))
    return encoding


def read_rows(table: Path) -> Iterator[TableRow]:
    """The table's rows, each cell as text, with their row numbers (the header is row 1):
    CSV, XLSX, ODS or JSON (an array of objects), checked (`check_table`), then read by
    frictionless as they are, without guessing types (a spreadsheet's number or date cell is
    written as it reads)."""
    encoding = check_table(table)
    from frictionless import FrictionlessException
    from frictionless.resources import TableResource

    options: dict[str, Any] = {"encoding": encoding} if encoding else {}
    try:
        with TableResource(path=table.name, basepath=str(table.parent), **options) as resource:
            header = [str(label) for label in resource.header]
            if len(header) > MAX_COLUMNS:
                raise TableError("table-too-many-cells", f"the table has {len(header):,} columns; at most "
                                 f"{MAX_COLUMNS:,} are read")
            for row in resource.row_stream:
                if row.row_number > MAX_ROWS + 1:
                    raise TableError("table-too-many-cells", f"the table has more than {MAX_ROWS:,} rows; split it")
                if any(cell not in (None, "") for cell in row.cells):
                    cells = [*row.cells, *[None] * (len(header) - len(row.cells))]  # a short row: empty cells
                    texts = {name: _as_text(cell) for name, cell in zip(header, cells, strict=False)}
                    for name, text in texts.items():
                        if len(text) > MAX_CELL_CHARS:
                            raise TableError("table-cell-too-large", (
                                f"row {row.row_number}, column {name!r}: a cell of {len(text):,} characters; "
                                f"at most {MAX_CELL_CHARS:,} are read"))
                    yield TableRow(row.row_number, texts)
    except FrictionlessException as exc:
        note = exc.error.note if getattr(exc, "error", None) else str(exc)
        raise TableError("table-unreadable", f"cannot read it: {note}" + (
            " (install cocreate[import] to read spreadsheets and JSON)" if "install" in note else "")) from exc


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
