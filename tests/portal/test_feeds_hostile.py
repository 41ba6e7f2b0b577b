"""Open calls with unusual input (issue 27), in a real strict build: a call opened on
0001-01-01 (which validation accepts) is dated with four digits in both feeds, and skills
in Arabic and Hebrew are isolated from the sentence around them: `<bdi>` in the pages,
FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE in the feeds' plain text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cocreate.portal import urls
from helpers import DEMO_DAY, build, make_portal, shared

ARABIC = "تصميم المواقع"
HEBREW = "עיצוב אתרים"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def fill(folder: Path) -> None:
        config = make_portal(folder / "portal")
        project = config.parent / "projects" / "angkot-pintar-sukamaju" / "project.yml"
        text = project.read_text("utf-8")
        start, end = text.index("seeking:\n"), text.index("  opened: 2026-10-26\n")
        text = text[:start] + f"seeking:\n  skills:\n    - {ARABIC}\n    - {HEBREW}\n" + text[end:]
        project.write_text(text.replace("  opened: 2026-10-26\n", "  opened: 0001-01-01\n"), "utf-8")
        build(config, DEMO_DAY)

    return shared(tmp_path_factory, "feeds-hostile", fill) / "portal" / "site"


def test_a_call_opened_in_year_one_is_dated_with_four_digits(site: Path) -> None:
    xml_path, json_path = urls.feeds(urls.CALLS_FOLDER)
    atom = (site / xml_path).read_text("utf-8")
    assert "<updated>0001-01-01T00:00:00Z</updated>" in atom
    assert not re.search(r"<updated>\d{1,3}-", atom)  # every year four digits
    items = json.loads((site / json_path).read_text("utf-8"))["items"]
    assert "0001-01-01T00:00:00Z" in [i["date_modified"] for i in items]


def test_skills_in_another_script_are_isolated_in_the_feed(site: Path) -> None:
    atom = (site / urls.feeds(urls.CALLS_FOLDER)[0]).read_text("utf-8")
    assert f"\u2068{ARABIC}\u2069, \u2068{HEBREW}\u2069" in atom


def test_skills_in_another_script_are_isolated_in_the_pages(site: Path) -> None:
    page = (site / "projects" / "angkot-pintar-sukamaju" / "index.html").read_text("utf-8")
    assert f"Sedang mencari: <bdi>{ARABIC}</bdi>, <bdi>{HEBREW}</bdi>, sampai" in page
    home = (site / "index.html").read_text("utf-8")
    assert f"mencari <bdi>{ARABIC}</bdi>, <bdi>{HEBREW}</bdi>, sampai" in home
    assert "&lt;bdi&gt;" not in page + home  # markup, not text shown


def test_a_skill_holding_markup_is_still_text(tmp_path: Path) -> None:
    config = make_portal(tmp_path / "portal")
    project = config.parent / "projects" / "angkot-pintar-sukamaju" / "project.yml"
    text = project.read_text("utf-8")
    start, end = text.index("seeking:\n"), text.index("  opened: 2026-10-26\n")
    project.write_text(text[:start] + "seeking:\n  skills:\n    - 'A & B'\n" + text[end:], "utf-8")
    page = (build(config, DEMO_DAY) / "projects" / "angkot-pintar-sukamaju" / "index.html").read_text("utf-8")
    assert "Sedang mencari: <bdi>A &amp; B</bdi>, sampai" in page  # escaped once, not twice
