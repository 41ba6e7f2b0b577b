"""A table's Table Schema as its JSON text: read, every string and number in it with its
place, and as it is published.

- Read with numbers JSON can write only (`finite_number`: no NaN, Infinity or 1e999, which
  the published data package could not hold).
- Every string (keys included) and number of the text, with its path and offset
  (`json_texts`), so that a problem is reported where it is written.
- As published (`published_schema`): a field whose cells got a `'` in front
  ([cocreate.standard.csvsafe][]) allows it.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from json import decoder
from typing import Any

from cocreate.standard.csvsafe import neutralise
from cocreate.standard.problems import FieldPath

_scanstring: Callable[[str, int], tuple[str, int]] = getattr(decoder, "scanstring")  # noqa: B009 - untyped in typeshed

_JSON_TOKEN = re.compile(r'["{}\[\],:]|-?[0-9][0-9.eE+-]*')


def published_schema(descriptor: dict[str, Any], columns: set[int]) -> dict[str, Any]:
    """The Table Schema as published: the fields (by column) whose cells got a `'` in front
    allow it, and a missing value that begins like a formula counts with the `'` too."""
    if not columns:
        return descriptor
    schema = copy.deepcopy(descriptor)
    fields = schema.get("fields", [])
    for column in sorted(columns):
        if column >= len(fields) or not isinstance(fields[column], dict):
            continue  # a cell beyond the schema's fields: frictionless refuses it anyway
        spec = fields[column]
        constraints = spec.get("constraints")
        if isinstance(constraints, dict):
            if isinstance(constraints.get("enum"), list):
                constraints["enum"] = [neutralise(v) if isinstance(v, str) else v for v in constraints["enum"]]
            if type(constraints.get("maxLength")) is int:
                constraints["maxLength"] += 1
            if isinstance(constraints.get("pattern"), str) and _compiles(f"^{constraints['pattern']}$"):
                constraints["pattern"] = f"'?(?:{constraints['pattern']})"  # frictionless matches ^pattern$
        if isinstance(spec.get("missingValues"), list):
            spec["missingValues"] = _with_quoted(spec["missingValues"])
    if isinstance(schema.get("missingValues"), list):
        schema["missingValues"] = _with_quoted(schema["missingValues"])
    return schema


def finite_number(text: str) -> float:
    """A JSON number as Python reads it, refusing what JSON has no way to write (NaN,
    Infinity, 1e999): the published package would not be JSON."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is not a JSON number")
    return number


def _compiles(pattern: str) -> bool:
    """Whether a pattern compiles (one that does not is left for frictionless to refuse)."""
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def _with_quoted(values: list[Any]) -> list[Any]:
    extra = [neutralise(v) for v in values if isinstance(v, str) and neutralise(v) != v]
    return values + [v for v in extra if v not in values]


@dataclass(slots=True)
class _Frame:
    path: FieldPath
    is_object: bool
    key: str = ""
    index: int = 0
    want_key: bool = True


def json_texts(text: str) -> Iterator[tuple[FieldPath, str, int]]:
    """Every string of a JSON text that `json.loads` accepted, keys included, and every
    number, as written and as it is written again (`3.2012345678901230e15` becomes
    `3201234567890123.0`), with its path and offset. A key written twice (`json.loads`
    keeps the last) is seen both times."""
    stack: list[_Frame] = []

    def here() -> FieldPath:
        if not stack:
            return ()
        top = stack[-1]
        return (*top.path, top.key if top.is_object else top.index)

    offset = 0
    while token := _JSON_TOKEN.search(text, offset):
        offset, char = token.start(), token.group()
        if char == '"':
            value, end = _scanstring(text, offset + 1)
            top = stack[-1] if stack else None
            if top is not None and top.is_object and top.want_key:
                top.key = value
            yield here(), value, offset
            offset = end
            continue
        if char not in '{}[],:':  # a number
            yield here(), char, offset
            if (again := json.dumps(json.loads(char))) != char:
                yield here(), again, offset
            offset = token.end()
            continue
        if char in "{[":
            stack.append(_Frame(here(), char == "{"))
        elif char in "}]":
            stack.pop()
        elif char == ",":
            if stack[-1].is_object:
                stack[-1].want_key = True
            else:
                stack[-1].index += 1
        else:  # ":"
            stack[-1].want_key = False
        offset += 1
