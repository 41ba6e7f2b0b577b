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


def _enum(*path: str) -> tuple[str, ...]:
    node: Any = project_schema()
    for key in path:
        node = node[key]
    return tuple(node["enum"])


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
CATEGORIES: tuple[str, ...] = _enum(*_STAKEHOLDER, "category")
"""The seven stakeholder categories of a smart city."""
ROLES: tuple[str, ...] = _enum(*_STAKEHOLDER, "role")
MOTIVATIONS: tuple[str, ...] = _enum(*_STAKEHOLDER, "motivations", "items")
STAKEHOLDER_KINDS: tuple[str, ...] = _enum(*_STAKEHOLDER, "kind")
OUTPUT_TYPES: tuple[str, ...] = _enum("properties", "outputs", "items", "properties", "type")
SOUGHT_CATEGORIES: tuple[str, ...] = _enum("properties", "seeking", "properties", "categories", "items")
"""The categories an open call may seek: the seven stakeholder categories (a test keeps them equal)."""
PRINCIPLES: tuple[str, ...] = _enum("properties", "principles", "items", "properties", "principle")
"""The nine working principles every party brings to co-creation, in the order the
co-creation text names them."""

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
    """The kind of co-creation for an openness level and an ownership level."""
    return KINDS[(openness, ownership)]


def approach(stakeholders: Iterable[dict[str, Any]]) -> str:
    """`top-down` when every initiator is a government body, `bottom-up` when none is,
    `mixed` otherwise."""
    initiators = [s.get("category") in GOVERNMENT for s in stakeholders if s.get("role") == "initiator"]
    if initiators and all(initiators):
        return "top-down"
    if not any(initiators):
        return "bottom-up"
    return "mixed"
