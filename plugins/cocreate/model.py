"""The co-creation vocabulary and what is derived from a project, never typed by hand."""

from __future__ import annotations

from typing import Any, Iterable

PHASES: tuple[str, ...] = ("involvement", "curation", "empowerment")
"""The three phases, in the order a project goes through them."""

ACTIVITIES: dict[str, str] = {
    "co-experience": "involvement",
    "co-definition": "involvement",
    "curation": "curation",
    "co-elevation": "empowerment",
    "co-development": "empowerment",
}
"""Each co-creation activity and the phase it belongs to."""

CATEGORIES: tuple[str, ...] = (
    "local-government",
    "central-government",
    "community",
    "business",
    "academia",
    "professional",
    "investor",
)
"""The seven stakeholder categories of a smart city."""

ROLES: tuple[str, ...] = ("initiator", "partner", "contributor", "funder", "advisor")

GOVERNMENT: frozenset[str] = frozenset({"local-government", "central-government"})

KINDS: dict[tuple[str, str], str] = {
    ("open", "initiator"): "crowd",
    ("criteria", "initiator"): "club",
    ("criteria", "shared"): "coalition",
    ("open", "shared"): "community",
}
"""The four kinds of co-creation, by (openness, ownership): crowd of people, club of
experts, coalition of parties, community of kindred spirits."""


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
