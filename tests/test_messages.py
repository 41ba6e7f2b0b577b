"""The message catalogues: the same codes and placeholders in Bahasa Indonesia and English."""

from __future__ import annotations

import json
import re
import string

import pytest

from cocreate.characters import CODES
from cocreate.messages import LANGUAGES, catalog, fill, problem_codes
from conftest import ROOT

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


def emitted_codes() -> set[str]:
    """Every code the source can emit: literal Problem(...) codes, x-code in the schema,
    and the personal-data family."""
    found: set[str] = set()
    for module in PACKAGE.glob("*.py"):
        text = module.read_text("utf-8")
        found |= set(re.findall(r'(?:Problem\(|problem\(|_problem\(doc, file, )"([a-z0-9-]+)"', text))
        found |= set(re.findall(r'self\.problem\("([a-z0-9-]+)"', text))
        found |= set(re.findall(r'get\("x-code", "([a-z0-9-]+)"\)', text))
        found |= set(re.findall(r'return None, "([a-z0-9-]+)"', text))
        for pair in re.findall(r'code = "([a-z0-9-]+)" if .+ else "([a-z0-9-]+)"', text):
            found |= set(pair)
    schema = json.loads((PACKAGE / "schema" / "project.schema.json").read_text("utf-8"))
    found |= set(re.findall(r'"x-code": "([a-z0-9-]+)"', json.dumps(schema)))
    found |= {f"personal-data-{kind}" for kind in ("email", "phone", "nik")}
    found |= set(CODES)  # the loader reports each character class by its code
    return found


def test_every_emitted_code_has_messages_and_no_message_is_orphaned() -> None:
    emitted = emitted_codes()
    assert emitted - set(problem_codes()) == set()
    assert set(problem_codes()) - emitted == set()


def test_fill_leaves_unknown_placeholders() -> None:
    assert fill("{a} and {b}", {"a": [1, 2]}) == "1, 2 and {b}"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        catalog("fr")
    assert LANGUAGES == ("id", "en")
