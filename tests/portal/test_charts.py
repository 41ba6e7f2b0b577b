"""Inline SVG charts: drawn at the size they are read, with their numbers as a table."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from cocreate.portal.charts import LABEL_LINE, ROW, bar_chart, stacked_chart
from helpers import ROOT, xml_text

NS = "{http://www.w3.org/2000/svg}"
CSS = (ROOT / "plugins" / "cocreate" / "portal" / "assets" / "cocreate.css").read_text("utf-8")


def test_chart_is_valid_svg_with_escaped_text() -> None:
    chart = bar_chart("c", "A <b> & c", [("x<y", 3), ("z", 0)], ("Thing", "Count"))
    root = ElementTree.fromstring(str(chart.svg))
    assert xml_text(root, f"{NS}title") == "A <b> & c"
    assert xml_text(root, f"{NS}desc") == "x<y: 3; z: 0"
    assert [t.text for t in root.iter(f"{NS}text")] == ["x<y", "3", "z", "0"]
    assert [r.get("width") for r in root.iter(f"{NS}rect")] == ["100%"]  # nothing drawn for 0
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert chart.rows == (("x<y", (3,)), ("z", (0,)))
    assert chart.header == ("Thing", "Count")


def test_a_chart_is_never_scaled_so_its_labels_keep_their_size() -> None:
    """No viewBox: lengths are CSS pixels, so text stays at its font size (14 px) on a
    phone; each row's label and number sit on a line of their own above the bar."""
    root = ElementTree.fromstring(str(bar_chart("c", "t", [("a", 1), ("b", 2)], ("x", "y")).svg))
    assert root.get("viewBox") is None
    assert root.get("width") == "100%"
    assert root.get("height") == str(2 * ROW)
    labels = [t for t in root.iter(f"{NS}text") if t.get("class") == "cc-chart__label"]
    bars = list(root.iter(f"{NS}rect"))
    for label, bar in zip(labels, bars, strict=True):
        assert float(label.get("y", "")) < float(bar.get("y", "")) == float(label.get("y", "")) - 15 + LABEL_LINE
    size = re.search(r"\.cc-chart__label, \.cc-chart__value \{ font-size: (\d+)px", CSS)
    assert size
    assert int(size.group(1)) >= 12


def test_a_stacked_chart_draws_each_part_and_says_the_sum() -> None:
    chart = stacked_chart("s", "Phases", ["one", "two"], [("Q1", (1, 3)), ("Q2", (0, 2))], "Quarter")
    root = ElementTree.fromstring(str(chart.svg))
    bars = [(r.get("class"), r.get("x"), r.get("width")) for r in root.iter(f"{NS}rect")]
    assert bars == [("cc-chart__bar cc-series-0", "0%", "25%"), ("cc-chart__bar cc-series-1", "25%", "75%"),
                    ("cc-chart__bar cc-series-1", "0%", "50%")]
    values = [t.text for t in root.iter(f"{NS}text") if t.get("class") == "cc-chart__value"]
    assert values == ["4", "2"]
    assert xml_text(root, f"{NS}desc") == "Q1: 4 (one 1, two 3); Q2: 2 (one 0, two 2)"
    assert chart.legend == ("one", "two")
    assert chart.header == ("Quarter", "one", "two")


def test_empty_chart() -> None:
    chart = bar_chart("c", "t", [], ("x", "y"), empty="none")
    assert "<rect" not in str(chart.svg)
    assert "<desc id=\"c-desc\">none</desc>" in str(chart.svg)
    assert chart.rows == ()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_series_colour_stands_out_from_the_page_in_both_schemes() -> None:
    """WCAG 1.4.11: a bar needs 3:1 against the page, white in the light scheme and
    Material's slate (#1e2129) in the dark one."""
    light = dict(re.findall(r"^\.cc-series-(\d) \{ fill: (#[0-9a-f]{6});", CSS, re.M))
    dark = dict(re.findall(r'^\[data-md-color-scheme="slate"\] \.cc-series-(\d) \{ fill: (#[0-9a-f]{6});', CSS, re.M))
    assert set(light) == set(dark) == {"0", "1", "2"}
    for colour in light.values():
        assert contrast(colour, "#ffffff") >= 3, colour
    for colour in dark.values():
        assert contrast(colour, "#1e2129") >= 3, colour
