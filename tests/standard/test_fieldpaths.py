"""The one walk over loaded data: every node with its path, in the document's order."""

from __future__ import annotations

from cocreate.standard.fieldpaths import walk
from cocreate.standard.schema import is_multilingual


def test_every_node_comes_with_its_path_parents_first_in_document_order() -> None:
    data = {"title": {"id": "Taman", "en": "Park"}, "tags": ["a", "b"], "location": {"city": "Kota"}}
    assert list(walk(data)) == [
        ((), data),
        (("title",), {"id": "Taman", "en": "Park"}),
        (("title", "id"), "Taman"),
        (("title", "en"), "Park"),
        (("tags",), ["a", "b"]),
        (("tags", 0), "a"),
        (("tags", 1), "b"),
        (("location",), {"city": "Kota"}),
        (("location", "city"), "Kota"),
    ]


def test_a_node_it_stops_at_is_given_but_not_entered() -> None:
    data = {"title": {"id": "Taman", "en": "Park"}, "stakeholders": [{"name": "RW 05"}]}
    paths = [path for path, _ in walk(data, stop=is_multilingual)]
    assert paths == [(), ("title",), ("stakeholders",), ("stakeholders", 0), ("stakeholders", 0, "name")]


def test_a_walk_may_start_below_the_top() -> None:
    assert list(walk([{"planned": "true"}], ("project", "timeline"))) == [
        (("project", "timeline"), [{"planned": "true"}]),
        (("project", "timeline", 0), {"planned": "true"}),
        (("project", "timeline", 0, "planned"), "true"),
    ]
