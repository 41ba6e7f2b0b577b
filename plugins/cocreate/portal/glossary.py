"""The glossary: every term of the standard's vocabulary in plain words, in the reader's
language, made from the vocabulary (the schema's allowed values) and the locales, so that a
term the standard gains has an entry or a test says it has none.

Each term has an anchor of its own (`urls.term`: `phase-curation`), which project pages and
lists link to where they use the term.
"""

from __future__ import annotations

from dataclasses import dataclass

from cocreate.i18n.translator import Translator
from cocreate.portal import urls
from cocreate.standard.vocabulary import (
    ACTIVITIES,
    APPROACHES,
    CATEGORY_VALUES,
    DIMENSIONS,
    KIND_ORDER,
    MOTIVATIONS,
    OPENNESS,
    OWNERSHIP,
    PHASES,
    PRINCIPLES,
    ROLES,
)


@dataclass(frozen=True, slots=True)
class Term:
    """One term: its anchor, its name in the reader's words, what it means, and the value a
    project file writes for it."""

    anchor: str
    name: str
    meaning: str
    value: str


@dataclass(frozen=True, slots=True)
class Group:
    """Terms of one kind (the phases, the stakeholder categories...)."""

    anchor: str
    title: str
    intro: str
    terms: tuple[Term, ...]


TRUST = "trust"
"""The trust statement: one term of its own (the standard's `trust` field)."""

GROUPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # (group, the vocabulary's values, where their meanings are in the locale: `{key}.{value}`)
    ("phase", PHASES, "phase_explain"),
    ("activity", tuple(ACTIVITIES), "glossary.activity"),
    ("kind", KIND_ORDER, "kind_explain"),
    ("openness", OPENNESS, "openness_explain"),
    ("ownership", OWNERSHIP, "ownership_explain"),
    ("approach", APPROACHES, "approach_explain"),
    ("category", CATEGORY_VALUES, "category_explain"),
    ("role", ROLES, "glossary.role"),
    ("motivation", MOTIVATIONS, "glossary.motivation"),
    (TRUST, (TRUST,), "glossary"),
    ("principle", PRINCIPLES, "glossary.principle"),
    ("dimension", DIMENSIONS, "glossary.dimension"),
)


def _name(t: Translator, group: str, value: str) -> str:
    if group == TRUST:
        return t("glossary.trust_term")
    name = t.label(group, value)
    return name[:1].upper() + name[1:]


def glossary(t: Translator) -> tuple[Group, ...]:
    """Every group of terms, in the reader's language."""
    return tuple(Group(group, t(f"glossary.groups.{group}"), t(f"glossary.group_intro.{group}"),
                       tuple(Term(urls.term(group, value), _name(t, group, value), t(f"{meanings}.{value}"), value)
                             for value in values))
                 for group, values, meanings in GROUPS)
