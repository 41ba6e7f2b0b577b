"""What the proposal form needs to check in the browser what `cocreate validate` checks.

The form fetches the JSON Schema the portal publishes (`schema/project-1.json`) and checks
the project file it makes against it, as the validator does; the messages it shows beside a
field are the standard's own, in the portal's language, for every code the schema can give
(its generic ones and its `x-code`s) and for the few rules the form checks besides: the
slug, and an open call that would close before the day it opens.
"""

from __future__ import annotations

import json
from typing import Any

from cocreate.i18n.messages import catalog
from cocreate.standard.problems import Code
from cocreate.standard.schema import project_schema

BROWSER_CODES: tuple[Code, ...] = (
    Code.MISSING_FIELD, Code.UNKNOWN_FIELD, Code.INVALID_VALUE, Code.WRONG_TYPE, Code.EMPTY_TEXT,
    Code.TEXT_TOO_LONG, Code.INVALID_FORMAT, Code.TOO_FEW_ITEMS, Code.TOO_MANY_ITEMS, Code.DUPLICATE_ITEM,
    Code.EMPTY_MAP, Code.SCHEMA_VIOLATION, Code.INVALID_SLUG, Code.CALL_CLOSES_BEFORE_OPENING,
)
"""Codes the form reports besides the schema's own `x-code`s."""


def schema_codes(node: Any = None) -> set[str]:
    """Every `x-code` of the schema."""
    node = project_schema() if node is None else node
    if isinstance(node, dict):
        found = {node["x-code"]} if isinstance(node.get("x-code"), str) else set()
        return found.union(*(schema_codes(child) for child in node.values()))
    if isinstance(node, list):
        return set().union(*(schema_codes(child) for child in node))
    return set()


def form_messages(language: str) -> str:
    """The message and hint of every code the form can report, as JSON, by code."""
    problems = catalog(language)["problems"]
    codes = sorted({*map(str, BROWSER_CODES), *schema_codes()})
    return json.dumps({code: problems[code] for code in codes}, ensure_ascii=False, separators=(",", ":"))
