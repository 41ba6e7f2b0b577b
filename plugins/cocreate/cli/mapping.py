"""A row of an existing list as a project file, by a mapping (`cli/mapping_file.py`): its
templates filled from the row's cells through their filters, texts cleaned and given their
language, personal data refused or cut out, and the slug made.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from cocreate.cli.mapping_file import PLACEHOLDER, MappingError, MappingFile, where
from cocreate.cli.text_languages import PENDING, Detector, LanguageError, checked
from cocreate.portal.urls import slugify
from cocreate.standard.characters import scan
from cocreate.standard.privacy import Finding, find_in_text, redact, redact_with
from cocreate.standard.schema import allows_line_breaks, is_multilingual
from cocreate.standard.validate import SLUG_MAX
from cocreate.standard.vocabulary import NOT_RECORDED

REMOVED = "[…]"
"""What stands where personal data was cut out of a text (`on_personal_data: remove`)."""


@dataclass
class Converted:
    """One row as a project: its slug and data, or why it could not be made."""

    row: int
    slug: str
    data: dict[str, Any]
    removed: int = 0
    """Pieces of personal data cut out of its texts."""
    personal: tuple[Finding, ...] = ()
    """Personal data in the cells its slug is made of (masked; the slug is made of the masked
    text): the row is refused."""
    notices: tuple[Notice, ...] = ()
    """Cells the mapping could not take (a date no format reads): left out, and reported."""


@dataclass(frozen=True)
class Notice:
    """A cell left out of a row's project, and why: the import reports it (the row is written)."""

    code: str
    """Stable: `date-not-read` (no format of `date:` reads the cell), `date-too-early` (before
    the mapping's `earliest_date`)."""
    column: str
    value: str
    formats: str = ""

    def text(self) -> str:
        """What happened, and what to do about it."""
        if self.code == "date-too-early":
            return (f"{self.value!r} lies before the mapping's earliest_date: left out (a spreadsheet that "
                    "read a year as a number of days writes 2023 as 1905); fix the cell, or set earliest_date")
        return (f"{self.value!r} is not a date any of the mapping's formats ({self.formats}) reads: left out; "
                "fix the cell, or add its format to `date:`")


@dataclass(frozen=True)
class ReadDate:
    """A date a cell gives, and how precise the format that read it is."""

    day: dt.date
    precision: str
    """`day`, `month` or `year`: a format without %d cannot give a day, nor one without a month a month."""

    def at(self, wanted: str) -> str:
        """The date at the precision asked for, never more precise than the cell."""
        order = ("year", "quarter", "month", "day")
        precision = min(wanted, self.precision, key=order.index)
        value = self.day
        return {"day": value.isoformat(), "month": f"{value.year}-{value.month:02d}",
                "quarter": f"{value.year}-Q{(value.month - 1) // 3 + 1}", "year": str(value.year)}[precision]


@dataclass
class Row:
    """A row's cells, and what the import knows around it."""

    cells: Mapping[str, Any]
    imported: dt.date
    mapping: MappingFile
    notices: list[Notice] = field(default_factory=list)

    @property
    def language(self) -> str | None:
        """The language of this row's texts: the table's, the one the row names, or, while
        it is still to be detected, PENDING (`cli/text_languages.py`)."""
        setting = self.mapping.language
        if not setting:
            return None
        if Detector.of(setting) is not None:
            return PENDING
        if "{" not in setting:
            return setting
        named = self.render(setting)
        try:
            return checked(named) if named else None
        except LanguageError:
            return named  # as the row writes it: validation refuses the row (invalid-language)

    def cell(self, column: str) -> str:
        if column not in self.cells:
            raise MappingError(f"the table has no column {column!r}", "mapping-no-column")
        value = self.cells[column]
        text = "" if value is None else str(value).strip()
        return "" if text in self.mapping.empty else text

    def render(self, template: str) -> str:
        """A template with each placeholder filled from this row."""
        return PLACEHOLDER.sub(lambda m: self._placeholder(m.group(1).strip(), m.group(2)), template)

    def _placeholder(self, column: str, filters: str) -> str:
        value: Any = self.cell(column)
        for spec in filter(None, (f.strip() for f in filters.split("|"))):
            name, _, arg = spec.partition(":")
            if value in ("", None):
                return ""
            try:
                value = self._filter(name, arg, value)
                if name == "date":
                    value = self._taken(column, arg, value)
            except (ValueError, IndexError) as exc:
                if isinstance(exc, MappingError):
                    raise
                raise MappingError(f"the filter `{spec}` in {{{column}...}} cannot be used: it needs "
                                   f"{_NEEDS.get(name, 'other arguments')}", "mapping-filter-argument") from None
        if isinstance(value, ReadDate):
            return value.at("day")
        return "" if value is None else str(value)

    def _taken(self, column: str, formats: str, value: Any) -> ReadDate | str:
        """A date read from `column`, or nothing, with a notice for the import's report."""
        notice = None
        if not isinstance(value, ReadDate):
            notice = Notice("date-not-read", column, self.cell(column)[:60], formats)
        elif value.day < self.mapping.earliest:
            notice = Notice("date-too-early", column, self.cell(column)[:60], formats)
        if notice is None:
            return value
        if notice not in self.notices:
            self.notices.append(notice)
        return ""

    def _filter(self, name: str, arg: str, value: Any) -> Any:
        if name == "map":
            table = self.mapping.maps.get(arg)
            if table is None:
                raise MappingError(f"no map named {arg!r} in `maps`", "mapping-no-map")
            return table.get(str(value), table.get("*", ""))
        if name == "date":
            for form in arg.split(","):
                try:
                    day = dt.datetime.strptime(str(value), form.strip()).date()
                except ValueError:
                    continue
                return ReadDate(day, _precision(form))
            return None  # a cell no format reads: nothing recorded (reported)
        if name in ("day", "month", "quarter", "year"):
            if not isinstance(value, ReadDate):
                raise MappingError(f"`{name}` follows `date:FORMAT`", "mapping-filter-order")
            return value.at(name)
        if name == "past":
            if not re.fullmatch(r"\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?", str(value)):
                raise MappingError("`past` follows `day`, `month`, `quarter` or `year`", "mapping-filter-order")
            return "" if _first_day(str(value)) > self.imported else value
        if name == "country":
            return self.mapping.countries.get(str(value)) or _country_codes().get(str(value).casefold(), "")
        if name == "shorten":
            return shorten(str(value), int(arg))
        if name == "slug":
            return slugify(str(value))
        if name in ("lower", "upper"):
            return str(value).lower() if name == "lower" else str(value).upper()
        raise MappingError(f"unknown filter {name!r}", "mapping-unknown-filter")


_NEEDS = {"shorten": "a whole number of characters, above 1: `shorten:150`",
          "date": "one or more formats: `date:%m/%d/%Y,%B %Y`"}


def _precision(form: str) -> str:
    """How precise a date read by a strptime format is: `%Y` alone is a year, not 1 January."""
    if re.search(r"%[dj]", form):
        return "day"
    return "month" if re.search(r"%[mbB]", form) else "year"


def _first_day(value: str) -> dt.date:
    year, _, rest = value.partition("-")
    if rest.startswith("Q"):
        return dt.date(int(year), (int(rest[1]) - 1) * 3 + 1, 1)
    parts = [int(p) for p in rest.split("-") if p]
    return dt.date(int(year), parts[0] if parts else 1, parts[1] if len(parts) > 1 else 1)


@cache
def _country_codes() -> dict[str, str]:
    """Country names in English (CLDR, through Babel) to ISO 3166-1 alpha-2 codes."""
    from babel import Locale

    return {name.casefold(): code for code, name in Locale("en").territories.items()
            if len(code) == 2 and code.isalpha()}


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at the end of a sentence, else of a word,
    with `…` where it was cut; unchanged when short enough."""
    if limit < 2:
        raise ValueError(limit)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    end = max(cut.rfind(". "), cut.rfind(".\n"))
    if end < limit // 2:
        end = cut.rfind(" ")
    return cut[: end + 1 if end > 0 else limit - 1].rstrip() + "…"


def clean(text: str, *, multiline: bool) -> str:
    """A cell's text as the standard takes it: no control or invisible characters, and line
    breaks only where a text may hold them (elsewhere each run of spaces is one)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    bad = {found.index for found in scan(text, multiline=True)}
    if bad:
        text = "".join(ch for i, ch in enumerate(text) if i not in bad)
    if not multiline:
        return " ".join(text.split())
    return "\n".join(line.rstrip() for line in text.replace("\t", " ").split("\n")).strip()


def convert(row: Row, number: int) -> Converted:
    """One row as a project, by the mapping."""
    mapping = row.mapping
    data = _render(mapping.project, row, ())
    if not isinstance(data, dict):
        data = {}
    detector = Detector.of(mapping.language or "")
    if detector is not None:
        data = detector.decide(data)
    source = {k: row.render(v) for k, v in mapping.source.items()}
    source["imported"] = row.imported.isoformat()
    data["source"] = {k: v for k, v in source.items() if v}
    removed = 0
    if mapping.remove_personal_data:
        data, removed = _without_personal_data(data)
    slug, personal = _slug(row)
    return Converted(number, slug, data, removed, personal, tuple(row.notices))


def _slug(row: Row) -> tuple[str, tuple[Finding, ...]]:
    """The row's slug, and the personal data found in the cells it is made of before they
    were made into a slug: masked in the slug then (cut out with `on_personal_data: remove`,
    and not reported)."""
    columns = {m.group(1).strip() for m in PLACEHOLDER.finditer(row.mapping.slug)}
    found = tuple(f for column in sorted(columns) for f in find_in_text(row.cell(column), ("slug",)))
    if found:
        remove = row.mapping.remove_personal_data
        row = replace(row, cells={**row.cells, **{c: redact_with(row.cell(c), "")[0] if remove else redact(row.cell(c))
                                                   for c in columns}})
        found = () if remove else found
    return slugify(row.render(row.mapping.slug))[:SLUG_MAX].strip("-") or "x", found


def _render(node: Any, row: Row, path: tuple[str | int, ...], language: str | None = None) -> Any:
    """The project file's part at `path`; `language`: the one its value names (`language:`
    beside `value:`), which its texts are in whatever the row's language."""
    if isinstance(node, dict) and "value" in node and set(node) <= {"value", "default", "language"} \
            and len(node) > 1:
        own = _node_language(node, path) if "language" in node else None
        value = _render(node["value"], row, path, own)
        if value in ("", None, {}, []) and "default" in node:
            return _render(node["default"], row, path)
        return value
    if isinstance(node, dict):
        out = {}
        for key, child in node.items():
            value = _render(child, row, (*path, str(key)), language)
            if value not in ("", None, {}):  # an empty list stays: `timeline: []`, no event recorded
                out[str(key)] = value
        return out
    if isinstance(node, list):
        items = []
        for index, child in enumerate(node):
            value = _render(child, row, (*path, index), language)
            first = next(iter(child.keys()), None) if isinstance(child, dict) else None
            if value in ("", None, {}) or (first is not None and isinstance(value, dict) and first not in value):
                continue  # an item whose first field the row does not give
            items.append(value)
        return items
    text = clean(row.render(str(node)), multiline=allows_line_breaks(path))
    if not (text and text != NOT_RECORDED and is_multilingual(path)):
        return text
    if language is None and not PLACEHOLDER.search(str(node)):
        language = _mapping_language(row.mapping)  # the mapping's own words, not the row's
    language = language or row.language
    return {language: text} if language else text


def _node_language(node: dict[str, Any], path: tuple[str | int, ...]) -> str:
    try:
        return checked(str(node["language"]))
    except LanguageError as error:
        raise MappingError(f"{where(('project', *path, 'language'))}: {error}", "mapping-language") from None


def _mapping_language(mapping: MappingFile) -> str | None:
    """The language of the texts a mapping writes itself ("Commitment starts"): with `detect:CODE`,
    CODE, since the row's texts say nothing of them; else the row's."""
    detector = Detector.of(mapping.language or "")
    return detector.fallback if detector is not None else None


def _without_personal_data(value: Any) -> tuple[Any, int]:
    """`value` with every piece of personal data in its texts cut out, and how many."""
    if isinstance(value, str):
        text, count = redact_with(value, REMOVED)
        return text, count
    if isinstance(value, dict):
        total, out = 0, {}
        for key, child in value.items():
            out[key], count = _without_personal_data(child)
            total += count
        return out, total
    if isinstance(value, list):
        total, items = 0, []
        for child in value:
            item, count = _without_personal_data(child)
            items.append(item)
            total += count
        return items, total
    return value, 0
