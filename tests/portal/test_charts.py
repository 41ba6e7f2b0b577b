"""Inline SVG charts."""

from __future__ import annotations

from xml.etree import ElementTree

from cocreate.portal.charts import bar_chart


def test_chart_is_valid_svg_with_escaped_text() -> None:
    svg = str(bar_chart("c", "A <b> & c", [("x<y", 3), ("z", 0)], "x: 3; z: 0"))
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "A <b> & c"
    assert [r.get("width") for r in root.iter(f"{ns}rect")] == ["260", "2"]
    assert root.get("aria-labelledby") == "c-title c-desc"


def test_empty_chart() -> None:
    assert "<rect" not in str(bar_chart("c", "t", [], "none"))
