"""The message catalogues: the same codes and placeholders in Bahasa Indonesia and English."""

from __future__ import annotations

import ast
import json
import re
import string

import pytest

from cocreate.i18n.messages import LANGUAGES, catalog, fill, problem_codes
from cocreate.standard.problems import Code
from helpers import ROOT

PACKAGE = ROOT / "plugins" / "cocreate"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_the_same_entries() -> None:
    en, id_ = catalog("en"), catalog("id")
    assert sorted(en["problems"]) == sorted(id_["problems"])
    assert sorted(en["ui"]) == sorted(id_["ui"])
    for code, entry in en["problems"].items():
        assert set(entry) == {"message", "hint"} == set(id_["problems"][code]), code


@pytest.mark.parametrize("code", problem_codes())
def test_placeholders_match_across_languages(code: str) -> None:
    en, id_ = catalog("en")["problems"][code], catalog("id")["problems"][code]
    for key in ("message", "hint"):
        assert placeholders(en[key]) == placeholders(id_[key]), f"{code}.{key}"


def test_codes_are_kebab_case() -> None:
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in problem_codes())


def test_the_registry_and_the_catalogues_hold_the_same_codes() -> None:
    assert sorted(Code) == problem_codes()
    assert sorted(catalog("id")["problems"]) == problem_codes()


def test_every_code_of_the_schema_is_in_the_registry() -> None:
    schema = json.loads((PACKAGE / "standard" / "schema" / "project.schema.json").read_text("utf-8"))
    for code in re.findall(r'"x-code": "([a-z0-9-]+)"', json.dumps(schema)):
        assert Code(code)


def test_every_code_is_reported_somewhere() -> None:
    """No code in the registry (nor its messages and documentation) outlives its use: each
    is named in the package's code (`Code.X`), the schema (`x-code`), or is one of the
    privacy detector's findings (`Code.personal_data(kind)`)."""
    used: set[str] = set()
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code":
                used.add(node.attr)
    schema = json.dumps(json.loads((PACKAGE / "standard" / "schema" / "project.schema.json").read_text("utf-8")))
    used |= {Code(code).name for code in re.findall(r'"x-code": "([a-z0-9-]+)"', schema)}
    used |= {Code.personal_data(kind).name for kind in ("email", "phone", "nik")}
    assert {code.name for code in Code} - used == set()


def test_fill_leaves_unknown_placeholders() -> None:
    assert fill("{a} and {b}", {"a": [1, 2]}) == "1, 2 and {b}"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language: fr"):
        catalog("fr")
    assert LANGUAGES == ("id", "en")
