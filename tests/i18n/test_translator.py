"""Portal strings: both languages complete, labels for the whole vocabulary, fallbacks."""

from __future__ import annotations

import re

from cocreate.i18n.messages import catalog
from cocreate.i18n.translator import Translator
from cocreate.standard.vocabulary import ACTIVITIES, CATEGORIES, PHASES, ROLES
from helpers import ROOT


def keys(node: object, prefix: str = "") -> set[str]:
    if isinstance(node, dict):
        return {k for key, value in node.items() for k in keys(value, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


def test_both_languages_have_the_same_portal_strings() -> None:
    assert keys(catalog("en")["portal"]) == keys(catalog("id")["portal"])


def test_every_string_used_by_a_template_exists() -> None:
    used = set()
    for template in (ROOT / "plugins" / "cocreate" / "portal" / "templates").glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([a-z_.]+)["']""", template.read_text("utf-8")))
    used = {key for key in used if not key.endswith((".", "_"))}  # built with ~ in the template
    available = keys(catalog("en")["portal"])
    assert used and used <= available, used - available


def test_labels_for_the_vocabulary() -> None:
    t = Translator("id")
    assert [t.label("phase", p) for p in PHASES] == ["Pelibatan", "Kurasi", "Pemberdayaan"]
    for group, values in (("activity", ACTIVITIES), ("category", CATEGORIES), ("role", ROLES)):
        assert all(t.label(group, v) for v in values)


def test_text_fallback_and_dates() -> None:
    t = Translator("en")
    assert t.text({"id": "Halo"}) == "Halo" and t.text({"en": "Hi", "id": "Halo"}) == "Hi" and t.text("x") == "x"
    assert t.date("2024-03-17") == "17 March 2024" and Translator("id").date("2024-08-17") == "17 Agustus 2024"
