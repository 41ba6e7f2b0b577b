"""The co-creation vocabulary, one home for every allowed value, and what is derived from it.

The values a project file may hold come from the standard's JSON Schema itself (its
`enum`s), so the schema, the validator, the portal, the data package and the command line
can never disagree. What the schema cannot say lives here too: which phase each activity
belongs to, the four kinds of co-creation by openness and ownership, and the approach.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cocreate.standard.schema import project_schema

NOT_RECORDED = "not-recorded"
"""The answer for a claim that a record does not make (standard 1.1): a value of its own
wherever the standard asks for one (openness, ownership, each trust statement, what a party
gives and gets, a party's category, the phase). Nothing is derived from it but "not recorded"."""


def holds_not_recorded(value: Any) -> bool:
    """Whether a record (or any part of it) answers "not recorded" anywhere: such a record
    is counted as incomplete, on the pages and in the data package alike."""
    if isinstance(value, dict):
        return any(holds_not_recorded(v) for v in value.values())
    if isinstance(value, list):
        return any(holds_not_recorded(v) for v in value)
    return bool(value == NOT_RECORDED)


OTHER = "other"
"""The category of a party that none of the seven fits: an international organisation, a
parliament, the media. Counted apart from the seven."""


def _enum(*path: str, recorded_only: bool = True) -> tuple[str, ...]:
    node: Any = project_schema()
    for key in path:
        node = node[key]
    return tuple(v for v in node["enum"] if not (recorded_only and v == NOT_RECORDED))


def recorded(value: Any) -> bool:
    """Whether a value is an answer the record gives (not missing, not "not recorded")."""
    return value is not None and value != NOT_RECORDED


_STAKEHOLDER = ("properties", "stakeholders", "items", "properties")

LANGUAGES: tuple[str, ...] = ("id", "en")
"""The languages portals are written in, Bahasa Indonesia first: a multilingual text of
the standard is checked for each, and every message exists in each."""
DEFAULT_LANGUAGE = "id"

PHASES: tuple[str, ...] = _enum("$defs", "phase")
"""The three phases, in the order a project goes through them."""
STATUSES: tuple[str, ...] = _enum("properties", "status")
DIMENSIONS: tuple[str, ...] = _enum("properties", "dimensions", "items")
"""The smart-city dimensions."""
OPENNESS: tuple[str, ...] = _enum("properties", "openness", "properties", "level")
OWNERSHIP: tuple[str, ...] = _enum("properties", "ownership", "properties", "level")
CATEGORY_VALUES: tuple[str, ...] = _enum(*_STAKEHOLDER, "category")
"""Every category a party may have: the seven, then `other`."""
CATEGORIES: tuple[str, ...] = tuple(c for c in CATEGORY_VALUES if c != OTHER)
"""The seven stakeholder categories of a smart city."""
CATEGORY_ORDER: tuple[str, ...] = (*CATEGORIES, OTHER, NOT_RECORDED)
"""How parties are listed and counted: the seven, then other parties, then parties whose
kind is not recorded (both counted apart from the seven)."""
ROLES: tuple[str, ...] = _enum(*_STAKEHOLDER, "role")
MOTIVATIONS: tuple[str, ...] = _enum(*_STAKEHOLDER, "motivations", "items")
STAKEHOLDER_KINDS: tuple[str, ...] = _enum(*_STAKEHOLDER, "kind")
OUTPUT_TYPES: tuple[str, ...] = _enum("properties", "outputs", "items", "properties", "type")
SCOPES: tuple[str, ...] = _enum("properties", "location", "else", "properties", "scope")
"""How far a project reaches, from one neighbourhood to several countries."""
SOUGHT_CATEGORIES: tuple[str, ...] = _enum("properties", "seeking", "properties", "categories", "items")
"""The categories an open call may seek: the seven stakeholder categories (a test keeps them equal)."""
PRINCIPLES: tuple[str, ...] = _enum("properties", "principles", "items", "properties", "principle")
"""The nine working principles every party brings to co-creation, in the order the
co-creation text names them."""
_DIALOGUE = ("properties", "dialogue", "items", "properties")
CHANNELS: tuple[str, ...] = _enum(*_DIALOGUE, "channel")
"""How residents' questions and expectations reach the city (email, WhatsApp, the office...)."""
ANSWERS: tuple[str, ...] = _enum(*_DIALOGUE, "answer")
"""The city's answers to what residents asked, the final ones first, then under consideration."""
DECISIONS: tuple[str, ...] = tuple(a for a in ANSWERS if a != "under-consideration")

CLOSED_STATUSES: frozenset[str] = frozenset({"completed", "archived"})
"""Statuses of a project that takes no new participants: it shows no way to join, and an
open call on it is refused."""

ACTIVITIES: dict[str, str] = {
    "co-experience": "involvement",
    "co-definition": "involvement",
    "curation": "curation",
    "co-elevation": "empowerment",
    "co-development": "empowerment",
}
"""Each co-creation activity and the phase it belongs to (the schema lists the activities;
a test checks that both name the same ones)."""

GOVERNMENT: frozenset[str] = frozenset({"local-government", "central-government"})

KINDS: dict[tuple[str, str], str] = {
    ("open", "initiator"): "crowd",
    ("criteria", "initiator"): "club",
    ("criteria", "shared"): "coalition",
    ("open", "shared"): "community",
}
"""The four kinds of co-creation, by (openness, ownership): crowd of people, club of
experts, coalition of parties, community of kindred spirits."""
KIND_ORDER: tuple[str, ...] = ("crowd", "club", "coalition", "community")
APPROACHES: tuple[str, ...] = ("top-down", "bottom-up", "mixed")


def kind(openness: str, ownership: str) -> str:
    """The kind of co-creation for an openness level and an ownership level; not recorded
    when either is: the kind is never guessed."""
    return KINDS.get((openness, ownership), NOT_RECORDED)


def approach(stakeholders: Iterable[dict[str, Any]]) -> str:
    """`top-down` when every initiator is a government body, `bottom-up` when none is,
    `mixed` otherwise; not recorded when an initiator's category is."""
    categories = [s.get("category") for s in stakeholders if s.get("role") == "initiator"]
    if NOT_RECORDED in categories:
        return NOT_RECORDED
    initiators = [c in GOVERNMENT for c in categories]
    if initiators and all(initiators):
        return "top-down"
    if not any(initiators):
        return "bottom-up"
    return "mixed"
