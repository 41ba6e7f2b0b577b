"""The mapping `cocreate import` is given, written in YAML, read and checked: how a row of an
existing list becomes a project file (the rows are made in `cli/mapping.py`).

A mapping says, for each field of the standard, which columns of the table make it:

```yaml
language: en                        # the texts' language: a code, "{Column}", or detect[:en]
empty: ["NA", "N/A"]                # cells that mean "nothing here"
slug: "{ID|lower}-{Short Title|slug}"
on_personal_data: remove            # or refuse (the default): see below
earliest_date: "2011-01-01"         # dates before it are left out (default 1950-01-01)
maps:                               # values of the table and what the standard says instead
  status: {Complete: completed, "*": not-recorded}
countries: {"Republic of Korea": KR}  # country names CLDR does not know as written
source:                             # provenance, written into every record
  url: https://example.org/list.csv
  license: CC-BY-4.0
  record_id: "{ID}"
  documented_by: Example Office
project:                            # the project file, with {Column|filter} templates
  title: "{Title|shorten:150}"
  status: "{Completion|map:status}"
  phase: not-recorded
  start_date: "{Start|date:%m/%d/%Y|month}"
  stakeholders:
    - name: "{Lead}"
      category: not-recorded
      role: initiator
      contributes: not-recorded
      benefit: not-recorded
```

A template is text with `{Column}` placeholders, each followed by filters: `map:NAME`,
`date:FORMAT,FORMAT` then `day`, `month`, `quarter` or `year` (how precise the record is;
never more precise than the format that read the cell: `%Y` alone gives a year), `past`
(nothing when the date is after the import), `country` (a country's English name as its
ISO 3166-1 code), `shorten:N` (cut at a sentence or word, with `…`), `slug`, `lower`,
`upper`. A date cell no format reads, or one before `earliest_date`, is left out of the
project and listed by the import with its row and column (`date-not-read`,
`date-too-early`); the row is written. Every mistake in a mapping is a `MappingError` with a stable code
(`mapping-...`). A field whose template gives nothing is left out; `{value: TEMPLATE, default:
VALUE}` gives VALUE instead (`not-recorded`, for a claim the record does not make), and
`language: CODE` beside `value:` says the language of the value's texts, whatever the row's
(a column the source always writes in English). Texts the mapping writes itself, with no
placeholder, are in `detect:CODE`'s CODE, not in the language detected for the row. An item
of a list whose first field gives nothing is left out (a second institution that a row does
not name). A timeline entry with `planned: true` is a planned step, not an event (a
commitment's start and end as a list records them): its date may lie ahead, so `past`
does not belong in it; `planned` is `true`, `false` or a template giving one of them, and
only on timeline entries. Texts are cleaned: line breaks only where the standard allows
them, no invisible or control characters. Personal data found in a text refuses the row,
or, with `on_personal_data: remove`, is cut out of the text and replaced by `[…]`; in the
cells the slug is made of, it is looked for before they are made into a slug (an email
would otherwise become a folder name), and never shown unmasked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from cocreate.cli.text_languages import Detector, LanguageError, checked
from cocreate.standard.fieldpaths import walk

PLACEHOLDER = re.compile(r"\{([^{}|]+)((?:\|[^{}|]*)*)\}")


class MappingError(ValueError):
    """The mapping cannot be used; the message says where and why, `code` names it (stable)."""

    def __init__(self, text: str, code: str = "mapping-invalid") -> None:
        super().__init__(text)
        self.code = code


@dataclass(frozen=True)
class MappingFile:
    """A mapping, read and checked once."""

    project: dict[str, Any]
    slug: str
    language: str | None = None
    empty: frozenset[str] = frozenset({""})
    maps: dict[str, dict[str, str]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)
    remove_personal_data: bool = False
    earliest: dt.date = dt.date(1950, 1, 1)
    """Dates before it are not taken (`earliest_date`): a spreadsheet that read a year as a
    day count writes 2023 as 15 July 1905."""

    @classmethod
    def from_data(cls, data: Any) -> MappingFile:
        if not isinstance(data, dict):
            raise MappingError("the mapping must be a map with at least `slug` and `project`")
        unknown = set(data) - {"project", "slug", "language", "empty", "maps", "countries", "source",
                               "on_personal_data", "earliest_date"}
        if unknown:
            raise MappingError(f"unknown key(s) in the mapping: {', '.join(sorted(unknown))}", "mapping-unknown-key")
        if not isinstance(data.get("project"), dict) or not isinstance(data.get("slug"), str):
            raise MappingError("the mapping needs `slug` (a template) and `project` (the project file's fields)")
        policy = data.get("on_personal_data", "refuse")
        if policy not in ("refuse", "remove"):
            raise MappingError("`on_personal_data` is `refuse` or `remove`")
        maps = data.get("maps", {})
        if not isinstance(maps, dict) or not all(isinstance(m, dict) for m in maps.values()):
            raise MappingError("`maps` holds one map of values per name")
        _check_planned(data["project"])
        earliest = data.get("earliest_date", "1950-01-01")
        try:
            earliest = dt.date.fromisoformat(str(earliest))
        except ValueError:
            raise MappingError(f"`earliest_date` is a day written YYYY-MM-DD, not {str(earliest)[:40]!r}",
                               "mapping-earliest-date") from None
        language = data.get("language")
        if language is not None:
            language = _language_setting(language)
        return cls(project=data["project"], slug=data["slug"], language=language,
                   empty=frozenset(str(v) for v in data.get("empty", [""])) | {""},
                   maps={str(k): {str(a): str(b) for a, b in v.items()} for k, v in maps.items()},
                   countries={str(k): str(v) for k, v in (data.get("countries") or {}).items()},
                   source={str(k): str(v) for k, v in (data.get("source") or {}).items()},
                   remove_personal_data=policy == "remove", earliest=earliest)


def _language_setting(value: Any) -> str:
    """`language:` of a mapping, checked: a code, a template naming a column, or `detect`."""
    text = str(value).strip()
    try:
        if Detector.of(text) is not None or "{" in text:
            return text
        return checked(text)
    except LanguageError as error:
        raise MappingError(f"`language`: {error}; or name a column (\"{{Language}}\") or write `detect`",
                           "mapping-language") from None


def where(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def _check_planned(project: Any) -> None:
    """`planned` stands only on a timeline entry, as `true` or `false`, and a planned
    step's date keeps what lies ahead (no `past`)."""
    for path, node in walk(project, ("project",)):
        if isinstance(node, dict) and "planned" in node:
            _check_planned_step(node, path)


def _check_planned_step(node: dict[str, Any], path: tuple[str | int, ...]) -> None:
    in_timeline = len(path) == 3 and path[:2] == ("project", "timeline") and isinstance(path[2], int)
    value = node["planned"]
    if not in_timeline:
        raise MappingError(f"{where((*path, 'planned'))}: `planned` marks a step of the timeline; write it "
                           "in an entry of project.timeline", "mapping-planned")
    if value not in ("true", "false") and not (isinstance(value, str) and PLACEHOLDER.search(value)):
        raise MappingError(f"{where((*path, 'planned'))}: {str(value)[:40]!r}: write `planned: true` for a "
                           "planned step (its date may lie ahead), or leave `planned` out for an event",
                           "mapping-planned")
    date = node.get("date")
    if value == "true" and isinstance(date, str) and re.search(r"\|\s*past\s*[|}]", date):
        raise MappingError(f"{where((*path, 'date'))}: a planned step's date may lie ahead: remove `|past`",
                           "mapping-planned")
