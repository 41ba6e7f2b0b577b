"""The JSON Schema of the standard: well-formed, documented, and mapped to positioned problems."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator

from cocreate.standard.loader import load_text
from cocreate.standard.schema import _validator, is_valid, project_schema, suggest
from helpers import FIXTURES, PROJECTS


def properties(schema: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield path, sub
        if "object" in (sub.get("type") if isinstance(sub.get("type"), list) else [sub.get("type")]):
            yield from properties(sub.get("else", sub), f"{path}.")  # `trust`: a text, else a map
        items = sub.get("items", {})
        if items.get("type") == "object":
            yield from properties(items, f"{path}[].")


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(project_schema())


def test_every_property_is_described() -> None:
    undocumented = [path for path, sub in properties(project_schema()) if not sub.get("description")]
    assert undocumented == []


def test_core_fields_of_the_standard() -> None:
    paths = {path for path, _ in properties(project_schema())}
    assert {
        "title", "summary", "description", "status", "phase", "openness.level", "openness.criteria",
        "openness.how_to_join", "ownership.level", "ownership.license", "stakeholders[].name",
        "stakeholders[].category", "stakeholders[].role", "stakeholders[].contributes", "stakeholders[].benefit",
        "stakeholders[].motivations", "stakeholders[].since", "timeline[].date", "timeline[].phase",
        "timeline[].activity", "timeline[].title", "timeline[].evidence", "trust.information", "trust.purpose",
        "trust.access", "trust.retention", "maintainers", "location.city", "location.province", "tags",
        "dimensions", "outputs[].title", "links[].url", "start_date",
    } <= paths


def test_suggestions() -> None:
    assert suggest("academic", ["academia", "business"]) == "academia"
    assert suggest("zzz", ["academia", "business"]) == ""


def _documents() -> Iterator[tuple[str, dict[str, Any]]]:
    files = [*FIXTURES.glob("*/*.yml"), *PROJECTS.glob("*/project.yml")]
    for file in sorted(files):
        doc = load_text(file.read_bytes(), file.name)
        if doc.data is not None:
            yield file.name, doc.data


def test_compiled_fast_path_agrees_with_jsonschema() -> None:
    checked = 0
    for name, data in _documents():
        assert is_valid(data) == _validator().is_valid(data), name
        checked += 1
    assert checked > 40


def test_markdown_and_multilingual_fields_come_from_the_schema() -> None:
    from cocreate.standard.schema import annotated_fields, is_markdown, is_multilingual

    assert annotated_fields("x-markdown") == {("description",), ("openness", "how_to_join"),
                                              ("timeline", int, "description"), ("seeking", "how_to_respond")}
    assert is_markdown(("timeline", 3, "description", "en"))
    assert is_markdown(("description",))
    assert not is_markdown(("title",))
    assert not is_markdown(("stakeholders", 0, "contributes"))
    assert is_multilingual(("stakeholders", 2, "benefit"))
    assert is_multilingual(("trust", "purpose"))
    assert not is_multilingual(("location", "city"))
    assert not is_multilingual(("tags", 0))
    assert not is_markdown(("description", "en", "x"))  # only one language level
