"""The project standard as JSON Schema, and its errors turned into positioned problems."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import fastjsonschema
from fastjsonschema.draft07 import CodeGeneratorDraft07
from fastjsonschema.ref_resolver import RefResolver
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from cocreate.standard.problems import Code, FieldPath, Problem

if TYPE_CHECKING:  # the loader asks this module which texts may hold line breaks
    from cocreate.standard.loader import Document

SCHEMA_VERSION = "1"


@cache
def project_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a project file, as shipped in the package."""
    text = resources.files("cocreate.standard").joinpath("schema/project.schema.json").read_text("utf-8")
    return json.loads(text)


def inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local `$ref` replaced by its definition (the standard has no
    recursion), so that validation need not resolve references for each value."""
    if isinstance(node, dict):
        if "$ref" in node and node["$ref"].startswith("#/$defs/"):
            target = inline_refs(defs[node["$ref"].removeprefix("#/$defs/")], defs)
            return {**target, **{k: inline_refs(v, defs) for k, v in node.items() if k != "$ref"}}
        return {k: inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [inline_refs(v, defs) for v in node]
    return node


@cache
def _inlined() -> dict[str, Any]:
    schema = project_schema()
    return inline_refs(schema, schema.get("$defs", {}))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(_inlined())


class _YesOrNo(CodeGeneratorDraft07):
    """fastjsonschema's draft-07 code whose failures raise a bare exception. Its own
    failures build a message from every local name (`locals()`) and the schema's part as a
    literal, even where they are caught: each `if` of the standard that does not hold
    (a `trust` or a `location` not written as a map, a party that is not an organisation)
    is one; a valid document of the generated portals raised about a dozen, three quarters
    of its validation's time (0.50 ms, now 0.12 ms).
    (`detailed_exceptions=False` does the same, but fails to compile a `const` in 2.22.)"""

    def exc(self, msg: str, *args: Any, append_to_msg: str | None = None,  # noqa: ARG002 - its signature
            rule: str | None = None) -> None:  # noqa: ARG002
        self.l("raise JsonSchemaValueException('')")


@cache
def _fast_check() -> Any:
    """A compiled validator (fastjsonschema), many times quicker than jsonschema: it only says
    whether a document is valid. The standard uses no keyword beyond draft-07 once its
    references are inlined, so the same schema is compiled as draft-07."""
    definition = {**_inlined(), "$schema": "http://json-schema.org/draft-07/schema#"}
    resolver = RefResolver.from_schema(definition, store={})
    generator = _YesOrNo(definition, resolver=resolver)
    scope = generator.global_state
    exec(generator.func_code, scope)  # noqa: S102 - fastjsonschema's code of the standard's own schema
    return scope[resolver.get_scope_name()]


def is_valid(data: Any) -> bool:
    """Whether `data` satisfies the standard, by the compiled validator."""
    try:
        _fast_check()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


Shape = tuple[Any, ...]
"""A field path with every list index written as `int`: `("stakeholders", int, "contributes")`."""


@cache
def annotated_fields(keyword: str) -> frozenset[Shape]:
    """The shapes of the fields the schema marks with `keyword` (an `x-` annotation)."""
    schema = project_schema()
    defs = schema.get("$defs", {})
    found: set[Shape] = set()

    def walk(node: dict[str, Any], shape: Shape) -> None:
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            node = {**defs[ref.removeprefix("#/$defs/")], **node}
        if node.get(keyword):
            found.add(shape)
        for name, child in node.get("properties", {}).items():
            walk(child, (*shape, name))
        for branch in ("then", "else"):  # `trust`: "not-recorded", else a map of statements
            if isinstance(node.get(branch), dict):
                walk(node[branch], shape)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*shape, int))

    walk(schema, ())
    return frozenset(found)


PATHS_KEPT = 4096
"""Field paths whose answers (`is_multilingual`, `is_markdown`, `allows_line_breaks`) are
kept: the same paths come back in every project, and each is asked about a hundred times
(the loader, the rules, the page)."""


def _shape(path: FieldPath) -> Shape:
    return tuple(int if isinstance(part, int) else part for part in path)


@lru_cache(maxsize=PATHS_KEPT)
def _marked(keyword: str, path: FieldPath) -> bool:
    """Whether the field at `path`, or the multilingual text it is one language of
    (`description.en`), carries `keyword`."""
    shape, shapes = _shape(path), annotated_fields(keyword)
    return shape in shapes or (len(shape) > 1 and isinstance(shape[-1], str) and shape[:-1] in shapes
                               and shape[:-1] in annotated_fields("x-multilingual"))


def allows_line_breaks(path: FieldPath) -> bool:
    """Whether the text at `path` may hold line breaks and tabs (`x-multiline`): a free
    text such as `description` or `stakeholders[2].contributes`, also in one language
    (`description.en`). Titles, names, dates, URLs, handles, vocabulary values and keys may
    not: they are shown on one line, and a trailing line break would pass their patterns."""
    return _marked("x-multiline", path)


def is_markdown(path: FieldPath) -> bool:
    """Whether the text at `path` is Markdown (`x-markdown`): `description`,
    `openness.how_to_join`, `timeline[].description`, each also in one language."""
    return _marked("x-markdown", path)


@lru_cache(maxsize=PATHS_KEPT)
def is_multilingual(path: FieldPath) -> bool:
    """Whether the field at `path` may be written as a map of languages (`x-multilingual`)."""
    return _shape(path) in annotated_fields("x-multilingual")


def suggest(word: str, choices: list[str]) -> str:
    """The closest of `choices` to `word`, or an empty string when none is close."""
    found = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.5)
    return found[0] if found else ""


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "map"
    if isinstance(value, list):
        return "list"
    return "text"


def schema_problems(doc: Document, file: str) -> list[Problem]:
    """Check a loaded document against the standard and say where each violation stands.

    Valid documents, the common case, take the compiled fast path; jsonschema then finds
    every violation of an invalid one with its path."""
    if is_valid(doc.data):
        return []
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for error in _validator().iter_errors(doc.data):
        # jsonschema reports a map with N required fields missing N times, each error
        # naming the whole list: one report per map and keyword, naming each field once
        key = (tuple(error.absolute_path), str(error.validator), json.dumps(error.validator_value, default=str))
        if error.validator in ("required", "additionalProperties"):
            if key in seen:
                continue
            seen.add(key)
        problems.extend(_convert(error, doc, file))
    return problems


def _convert(error: ValidationError, doc: Document, file: str) -> Iterator[Problem]:
    path: FieldPath = tuple(error.absolute_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    value: Any = error.validator_value
    instance: Any = error.instance
    here = doc.position(path)

    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        for name in instance:
            if name not in allowed:
                child = (*path, name)
                yield Problem(Code.UNKNOWN_FIELD, file, doc.key_position(child), child,
                              {"name": name, "suggestion": suggest(name, allowed), "allowed": allowed})
    elif keyword == "required" and isinstance(instance, dict):
        code = Code(schema.get("x-code", Code.MISSING_FIELD))
        for name in value:
            if name not in instance:
                yield Problem(code, file, here, (*path, name), {"name": name})
    elif keyword == "const":  # `trust: not-recorded`, the one text a whole map may be
        yield Problem(Code.INVALID_VALUE, file, here, path,
                      {"value": str(instance), "allowed": [str(value)], "suggestion": ""})
    elif keyword == "enum":
        allowed = [str(v) for v in value]
        yield Problem(Code.INVALID_VALUE, file, here, path,
                      {"value": str(instance), "allowed": allowed, "suggestion": suggest(str(instance), allowed)})
    elif keyword == "type":
        expected = value if isinstance(value, list) else [value]
        yield Problem(Code.WRONG_TYPE, file, here, path,
                      {"expected": " | ".join(expected), "got": _describe(instance)})
    elif keyword == "minLength":
        yield Problem(Code.EMPTY_TEXT, file, here, path)
    elif keyword == "maxLength":
        yield Problem(Code.TEXT_TOO_LONG, file, here, path, {"length": len(instance), "limit": value})
    elif keyword == "pattern":
        code = Code(schema.get("x-code", Code.INVALID_FORMAT))
        if "propertyNames" in error.absolute_schema_path:
            path = (*path, instance)
            here = doc.key_position(path)
        yield Problem(code, file, here, path, {"value": str(instance)})
    elif keyword == "minItems":
        yield Problem(Code.TOO_FEW_ITEMS, file, here, path, {"limit": value})
    elif keyword == "maxItems":
        yield Problem(Code.TOO_MANY_ITEMS, file, here, path, {"length": len(instance), "limit": value})
    elif keyword == "uniqueItems":
        yield Problem(Code.DUPLICATE_ITEM, file, here, path)
    elif keyword == "minProperties":
        yield Problem(Code.EMPTY_MAP, file, here, path)
    elif keyword == "anyOf" and "x-code" in schema:  # one of several fields is needed (seeking-nothing)
        yield Problem(Code(schema["x-code"]), file, here, path)
    else:  # a keyword the standard does not use today: still a positioned problem
        yield Problem(Code.SCHEMA_VIOLATION, file, here, path, {"detail": error.message})
