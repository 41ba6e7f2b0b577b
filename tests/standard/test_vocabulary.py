"""The vocabulary (from the standard's schema) and derived values: the approach and the kind."""

from __future__ import annotations

import pytest

from cocreate.standard.vocabulary import ACTIVITIES, PHASES, approach, kind


@pytest.mark.parametrize(
    ("initiators", "expected"),
    [
        (["local-government"], "top-down"),
        (["local-government", "central-government"], "top-down"),
        (["community"], "bottom-up"),
        (["community", "business"], "bottom-up"),
        (["community", "local-government"], "mixed"),
    ],
)
def test_approach(initiators: list[str], expected: str) -> None:
    stakeholders = [{"category": c, "role": "initiator"} for c in initiators]
    stakeholders.append({"category": "local-government", "role": "partner"})  # partners do not count
    assert approach(stakeholders) == expected


@pytest.mark.parametrize(
    ("openness", "ownership", "expected"),
    [("open", "initiator", "crowd"), ("criteria", "initiator", "club"),
     ("criteria", "shared", "coalition"), ("open", "shared", "community")],
)
def test_kind(openness: str, ownership: str, expected: str) -> None:
    assert kind(openness, ownership) == expected


def test_every_activity_belongs_to_a_phase() -> None:
    assert set(ACTIVITIES.values()) == set(PHASES)


def test_the_vocabulary_is_the_schema_s() -> None:
    """The derived vocabulary covers exactly the values the standard allows."""
    from cocreate.standard.schema import project_schema
    from cocreate.standard.vocabulary import KIND_ORDER, KINDS, OPENNESS, OWNERSHIP

    timeline = project_schema()["properties"]["timeline"]["items"]["properties"]
    assert (*ACTIVITIES, "not-recorded") == tuple(timeline["activity"]["enum"])
    assert set(KINDS) == {(o, w) for o in OPENNESS for w in OWNERSHIP}
    assert set(KIND_ORDER) == set(KINDS.values())
    assert PHASES == ("involvement", "curation", "empowerment")


def test_a_call_seeks_the_seven_categories_and_the_principles_are_the_texts_nine() -> None:
    """The categories an open call may seek are written in the schema a second time (so
    that a change to one list is a decision about both): they must stay the same."""
    from cocreate.standard.vocabulary import CATEGORIES, CLOSED_STATUSES, PRINCIPLES, SOUGHT_CATEGORIES, STATUSES

    assert SOUGHT_CATEGORIES == CATEGORIES
    assert PRINCIPLES == ("effective-communication", "participation", "responsibility", "open-mindedness", "focus",
                          "perseverance", "mutual-trust", "sharing", "openness")
    assert set(STATUSES) > CLOSED_STATUSES
