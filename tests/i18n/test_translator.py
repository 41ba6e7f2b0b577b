"""Portal strings: both languages complete, labels for the whole vocabulary, fallbacks."""

from __future__ import annotations

import re

import pytest

from cocreate.i18n.messages import catalog, plural_categories
from cocreate.i18n.translator import Translator, name_in_itself
from cocreate.standard.vocabulary import ACTIVITIES, CATEGORIES, LANGUAGES, PHASES, ROLES
from helpers import ROOT


def keys(node: object, prefix: str = "") -> set[str]:
    if isinstance(node, dict):
        return {k for key, value in node.items() for k in keys(value, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


CLDR_CATEGORIES = {"zero", "one", "two", "few", "many", "other"}


def plural_maps(node: object, prefix: str = "") -> dict[str, set[str]]:
    """The strings with one form per plural category (`{one: ..., other: ...}`), by key."""
    if not isinstance(node, dict):
        return {}
    if "other" in node and set(node) <= CLDR_CATEGORIES and all(isinstance(v, str) for v in node.values()):
        return {prefix.rstrip("."): set(node)}
    return {k: v for key, value in node.items() for k, v in plural_maps(value, f"{prefix}{key}.").items()}


def test_both_languages_have_the_same_portal_strings() -> None:
    forms = {language: plural_maps(catalog(language)["portal"]) for language in LANGUAGES}
    assert forms["en"].keys() == forms["id"].keys()
    assert len(forms["en"]) > 10

    def said(language: str) -> set[str]:  # a string with plural forms counts as one
        return {k for k in keys(catalog(language)["portal"]) if k.rpartition(".")[0] not in forms[language]} | \
            set(forms[language])

    assert said("en") == said("id")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_counted_string_has_the_forms_of_its_language_s_plural_rules(language: str) -> None:
    # the categories are Babel's (CLDR): English says "1 party", "2 parties"; Indonesian "1 pihak", "2 pihak"
    for key, categories in plural_maps(catalog(language)["portal"]).items():
        assert categories == plural_categories(language), key
    t = Translator(language)
    assert [t("catalogue.parties", count=n) for n in (1, 2)] == \
        {"en": ["1 party", "2 parties"], "id": ["1 pihak", "2 pihak"]}[language]


def test_language_names_come_from_cldr() -> None:
    assert Translator("en").language_names(["id"]) == "Indonesian"
    assert Translator("id").language_names(["en", "jv"]) == "Inggris, Jawa"
    assert name_in_itself("en") == "English"
    assert name_in_itself("id") == "Indonesia"
    assert Translator("en").field_name("seeking") == "open call"
    assert Translator("id").field_name("x-own") == "x-own"


def test_every_string_used_by_a_template_exists() -> None:
    used = set()
    for template in (ROOT / "plugins" / "cocreate" / "portal" / "templates").glob("*.html"):
        used |= set(re.findall(r"""\bportal\.translate\(["']([a-z_.]+)["']""", template.read_text("utf-8")))
    used = {key for key in used if not key.endswith((".", "_"))}  # built with ~ in the template
    available = keys(catalog("en")["portal"]) | set(plural_maps(catalog("en")["portal"]))
    assert used, used - available
    assert used <= available, used - available


def test_labels_for_the_vocabulary() -> None:
    t = Translator("id")
    assert [t.label("phase", p) for p in PHASES] == ["Pelibatan", "Kurasi", "Pemberdayaan"]
    for group, values in (("activity", ACTIVITIES), ("category", CATEGORIES), ("role", ROLES)):
        assert all(t.label(group, v) for v in values)


def test_text_fallback_and_dates() -> None:
    t = Translator("en")
    assert t.text({"id": "Halo"}) == "Halo"
    assert t.text({"en": "Hi", "id": "Halo"}) == "Hi"
    assert t.text("x") == "x"
    assert t.date("2024-03-17") == "17 March 2024"
    assert Translator("id").date("2024-08-17") == "17 Agustus 2024"
