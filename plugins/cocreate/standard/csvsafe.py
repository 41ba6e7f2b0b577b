"""CSV that spreadsheet programs read as data, never as formulas: every table cocreate
publishes is written here.

A spreadsheet program (Excel, LibreOffice Calc, Google Sheets) reads a cell that begins
with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed as a formula, and a formula
can fetch web addresses with the sheet's contents or, in old versions, run programs. OWASP's
advice (https://owasp.org/www-community/attacks/CSV_Injection), followed here:

- such a cell gets a single quote in front (`'=HYPERLINK(...)`): spreadsheets show the
  text, and read the quote as "this is text";
- every cell is enclosed in double quotes, and a double quote inside a cell is doubled:
  a separator inside a cell (a comma, or a semicolon for a spreadsheet that splits on
  semicolons, as Excel does where the comma is the decimal mark, in Indonesia too) cannot
  start a new cell there that begins with one of those characters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""The characters that make a spreadsheet read a cell as a formula when it begins with one."""


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not run: with `'` in front when it begins like a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_START) else cell


def write_rows(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text, every cell in double quotes. The cells must be safe already
    (see `neutralise`): a project's table neutralises only the cells of its text fields."""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return out.getvalue()


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text, every text cell neutralised: for tables whose typed values (dates,
    counts, `true`) never begin like a formula, so that only contributed texts change."""
    return write_rows([neutralise(cell) if isinstance(cell, str) else cell for cell in row] for row in rows)
