"""A project page on a phone, in a reader's order (issue 24), in Chromium with a phone's
emulation (390 x 844, touch, 3 device pixels per CSS pixel), in both languages: the contents
list first, then the sections in order, every one folded but the first; the richest demo
page, so folded, at most eight screens tall; a link of the contents list opens its section;
the sections open and close without JavaScript too, and are all open on a wide screen.
(The order and the contents in the HTML: tests/mkdocs_plugin/test_project_page.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cocreate.i18n.translator import Translator
from helpers import PROJECTS

from .support import DESKTOP, PAGE_TYPES, Watched, index_rows, screenshot

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
"""A common phone's screen in CSS pixels (drawn at 3 device pixels per CSS pixel)."""
SCREENS = 8
"""How many screens of `PHONE_390` the richest project page may take, its sections folded."""
ORDER = ["project.now_h", "project.take_part_h", "project.about_h", "project.stakeholders_h", "project.dialogue_h",
         "project.past_h", "project.details_h"]
"""The sections of the demo's project page (PAGE_TYPES["project"], which records what residents
asked); a project that records none has no such section."""
FOLDED_STATE = "[...document.querySelectorAll('details.cc-fold')].map(d => d.open)"
HEIGHT = "document.documentElement.scrollHeight"


def test_the_richest_project_page_folded_is_at_most_eight_screens_on_a_phone(open_page: Callable[..., Watched], sites: dict[str, str], built: Path,
                                                                               lang: str) -> None:
    """Every demo project is measured; the tallest must fit. Unfolded, it would not (so the
    measure is of the folding, not of a short page)."""
    page = open_page(PHONE_390, scale=3).page
    heights: dict[str, int] = {}
    for row in index_rows(built):
        page.goto(sites[lang] + f"projects/{row['slug']}/")
        assert page.evaluate("[devicePixelRatio, matchMedia('(pointer: coarse)').matches]") == [3, True]
        folded = page.evaluate(FOLDED_STATE)
        sections = len(ORDER) - ("dialogue:" not in (PROJECTS / row["slug"] / "project.yml").read_text("utf-8"))
        assert folded == [True] + [False] * (sections - 1), row["slug"]
        heights[row["slug"]] = page.evaluate(HEIGHT)
    richest = max(heights, key=lambda slug: heights[slug])
    page.goto(sites[lang] + f"projects/{richest}/")
    screenshot(page, f"project-folded-{lang}-390px")
    assert heights[richest] <= SCREENS * PHONE_390["height"], (
        f"{richest}: {heights[richest]} px, {heights[richest] / PHONE_390['height']:.1f} screens")
    page.evaluate("document.querySelectorAll('details.cc-fold').forEach(d => { d.open = true; })")
    assert page.evaluate(HEIGHT) > SCREENS * PHONE_390["height"], richest


def test_the_contents_come_first_then_the_sections_in_a_reader_s_order(open_page: Callable[..., Watched], sites: dict[str, str], lang: str) -> None:
    t = Translator(lang)
    page = open_page(PHONE_390, scale=3).page
    page.goto(sites[lang] + PAGE_TYPES["project"])
    headings = page.locator("article > section > details > summary > h2")
    assert headings.all_inner_texts() == [t(key) for key in ORDER]
    tops = [box["y"] for box in (h.bounding_box() for h in headings.all())]
    assert tops == sorted(tops)
    contents = page.locator("nav.cc-toc")
    assert contents.is_visible()
    assert contents.locator("a").all_inner_texts() == [t(key) for key in ORDER]
    lead = page.locator("article .cc-lead").bounding_box()
    assert page.locator("article h1").bounding_box()["y"] < lead["y"] < contents.bounding_box()["y"] < tops[0]


def test_a_link_of_the_contents_opens_its_folded_section(open_page: Callable[..., Watched], sites: dict[str, str], lang: str) -> None:
    page = open_page(PHONE_390, scale=3).page
    page.goto(sites[lang] + PAGE_TYPES["project"])
    links = page.locator("nav.cc-toc a")
    for i in range(1, links.count()):  # the first section is open already
        page.goto(sites[lang] + PAGE_TYPES["project"])
        link = links.nth(i)
        target = link.get_attribute("href").lstrip("#")
        section = page.locator(f"section#{target}")
        body = section.locator(".cc-fold__body")
        assert not body.is_visible(), target
        link.click()
        page.wait_for_url(re.compile(rf"#{target}$"))
        assert section.locator("details.cc-fold").evaluate("d => d.open"), target
        assert body.is_visible(), target
        heading = section.locator("summary h2").bounding_box()
        assert 0 <= heading["y"] < PHONE_390["height"], target  # scrolled to it
    # a link into a section ("Join this project", an address ending in #join) opens it too
    page.goto(sites[lang] + PAGE_TYPES["project"])
    page.locator("aside.cc-join-cta a").click()
    assert page.locator("#join-choices").is_visible()
    page.goto(sites[lang] + PAGE_TYPES["project"] + "#principles")
    assert page.locator("#principles dl").is_visible()


def test_the_sections_fold_without_javascript_and_are_open_on_a_wide_screen(open_page: Callable[..., Watched], sites: dict[str, str], lang: str) -> None:
    page = open_page(PHONE_390, javascript=False).page
    page.goto(sites[lang] + PAGE_TYPES["project"])
    about = page.locator("section#about")
    assert page.locator("section#now .cc-stepper").is_visible()
    assert not about.locator(".cc-fold__body").is_visible()
    about.locator("summary").click()
    assert about.locator(".cc-fold__body").is_visible()
    about.locator("summary").click()
    assert not about.locator(".cc-fold__body").is_visible()
    wide = open_page(DESKTOP).page
    wide.goto(sites[lang] + PAGE_TYPES["project"])
    assert wide.evaluate(FOLDED_STATE) == [True] * len(ORDER)
