"""What the proposal form needs to check in the browser what `cocreate validate` checks.

The form fetches the JSON Schema the portal publishes (`schema/project-1.json`) and checks
the project file it makes against it, as the validator does; the messages it shows beside a
field are the standard's own, in the portal's language, for every code the schema can give
(its generic ones and its `x-code`s) and for the few rules the form checks besides: the
slug, and an open call that would close before the day it opens.
"""

from __future__ import annotations

import json
import re
from typing import Any

from cocreate.i18n.messages import catalog
from cocreate.standard import characters, markdown
from cocreate.standard.problems import Code
from cocreate.standard.schema import annotated_fields, project_schema

MAX_URL_BYTES = 6_144
"""The longest address of GitHub's new-file page the form opens with the file in it: servers
and browsers commonly refuse addresses beyond about 8 KB. A longer file (a long description,
a script of three bytes a letter) opens the page empty, and the form offers the text to copy."""

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
    codes = sorted({*map(str, BROWSER_CODES), *map(str, RULE_CODES), *schema_codes()})
    return json.dumps({code: problems[code] for code in codes}, ensure_ascii=False, separators=(",", ":"))


# --- the validator's rules on texts, for the browser ---------------------------------------
#
# The loader's forbidden characters (`standard/characters.py`), the one-line rule, markup in a
# plain text (`standard/rules.py`) and the personal data detector (`standard/privacy.py`), as
# JavaScript regular expressions made from the very patterns the validator runs: the form
# checks what `cocreate validate` checks, from one source (tests/browser/test_forms.py runs
# both over every fixture and compares).

RULE_CODES: tuple[Code, ...] = (
    Code.CONTROL_CHARACTER, Code.BIDI_CONTROL, Code.INVISIBLE_CHARACTER, Code.NONCHARACTER, Code.NOT_ONE_LINE,
    Code.MARKUP_IN_TEXT, Code.UNSAFE_MARKUP, Code.PERSONAL_DATA_EMAIL, Code.PERSONAL_DATA_PHONE, Code.PERSONAL_DATA_NIK,
)
"""Codes the form reports from the validator's rules on texts, besides the schema's."""


def _js_class(chars: str) -> str:
    """A Python character class's contents as a JavaScript one (with the `u` flag)."""
    out = []
    for char in chars:
        out.append(char if char == "-" else f"\\u{{{ord(char):x}}}")
    return "".join(out)


def _js(pattern: re.Pattern[str]) -> str:
    """A Python pattern's source as JavaScript's: named groups and possessive runs rewritten
    (JavaScript has no `{m,n}+`; the run is followed by what it cannot hold, so the
    matches are the same)."""
    source = pattern.pattern.replace("(?P<", "(?<")
    return re.sub(r"(\{\d+,\d+\})\+", r"\1", source)


def _shapes(keyword: str) -> list[str]:
    return sorted("/".join("*" if part is int else str(part) for part in shape) for shape in annotated_fields(keyword))


def browser_rules() -> str:
    """The rules as JSON, for the form's `data-rules`."""
    from cocreate.standard import privacy
    from cocreate.standard.rules import TAG_LIKE

    rules = {
        "chars": [[str(code), _js_class(chars)] for chars, code in (
            (characters.CONTROL, Code.CONTROL_CHARACTER), (characters.BIDI, Code.BIDI_CONTROL),
            (characters.INVISIBLE, Code.INVISIBLE_CHARACTER), (characters.NONCHARACTER, Code.NONCHARACTER))],
        "flag": _js(re.compile(characters.FLAG)),
        "lineBreaks": _js_class(characters.LINE_BREAKS),
        "multiline": _shapes("x-multiline"), "markdown": _shapes("x-markdown"),
        "multilingual": _shapes("x-multilingual"),
        "tag": TAG_LIKE.pattern,
        # Markdown: what the sanitizer keeps (`standard/markdown.py`); the form refuses the rest
        "allowedTags": sorted(markdown.ALLOWED_TAGS),
        "allowedAttributes": {tag: sorted(names) for tag, names in markdown.ALLOWED_ATTRIBUTES.items()},
        "urlSchemes": sorted(markdown.URL_SCHEMES),
        "email": _js(privacy.EMAIL), "atSign": _js(privacy.AT_SIGN), "atWordEmail": _js(privacy.AT_WORD_EMAIL),
        "digits": _js(privacy.DIGITS), "nik": _js(privacy.NIK), "phone": _js(privacy.PHONE),
        "dateToken": _js(privacy.DATE_TOKEN), "dateInText": _js(privacy.DATE_IN_TEXT),
        "notAnAddress": sorted(privacy.WORD_AT_NOT_AN_ADDRESS),
    }
    return json.dumps(rules, ensure_ascii=True, separators=(",", ":"))
