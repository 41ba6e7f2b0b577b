"""A resident on a phone: every page type of the demo portal, in both of its languages, at
360 x 740 and 390 x 844 in Chromium's phone emulation (mobile layout, touch, 3 device pixels
per CSS pixel). On each page, with everything folded unfolded (the widest it gets):

- the page does not scroll sideways, and nothing shown is cut off at the screen's edge,
  unless it is in a box that scrolls sideways on purpose, with a visible cue;
- no word is broken inside the word (codes may wrap at `_` and `.`);
- every target is at least 24 x 24 CSS px or spaced as WCAG 2.2's 2.5.8 allows (links in
  running text are exempt), and text is at least 12 px;
- it is served, in its language (`<html lang>`), with a title and a visible heading;
- axe finds no serious or critical violation (at 360 px, `NARROWEST`).

The checks are tests/browser/phone_checks.js. The portal is the demo as published (Bahasa
Indonesia at the root, English under en/), with a project that records only what the
standard requires, and lists four to a page so that a list has a second page. A full-page
screenshot of every page tested at 360 px (and of any page with a problem at 390 px) is kept
in test-artifacts/ (phone-<width>-<lang>-<page>.png), for a reviewer to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import DEMO_DAY, FIXTURES, build, make_portal, shared

from .support import PAGE_TYPES, Watched, screenshot, serve
from .test_accessibility import blocking, describe, run_axe

pytestmark = pytest.mark.browser

PHONES = {"360": {"width": 360, "height": 740}, "390": {"width": 390, "height": 844}}
SCALE = 3
"""Device pixels per CSS pixel of a phone."""

PAGES = {
    "home": "",
    "catalogue": "projects/",
    "project-richest": "projects/peringatan-dini-banjir-cibening/",
    "project-minimal": "projects/minimal/",
    "kinds": "kinds/",
    "phases": "phases/",
    "stakeholders": "stakeholders/",
    "stakeholder-list": "stakeholders/community/",
    "calls": "calls/",
    "calls-category": "calls/academia/",
    "statistics": "statistics/",
    "propose": "propose/",
    "data": "data/",
    "take-part": "take-part/",
    "standard": "standard/",
    "glossary": "glossary/",
    "list-page-2": "catalogue/2/",
    "facet": "catalogue/phase/curation/",
}
"""One page of each type, by path from the root of a language's tree."""
NOT_FOUND = "404.html"
"""The portal's one "not found" page, at the site's root (in its main language)."""

NARROWEST = "360"
"""The phone that axe runs on and that every page is drawn at for a reviewer (at the other,
only a page with a problem): the same page at 390 px is laid out the same way, and each
sweep of axe or of full-page screenshots costs the suite 10 to 20 s."""

CHECKS = (Path(__file__).parent / "phone_checks.js").read_text("utf-8")


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo in both languages, with a minimal project and four projects to a list page,
    served on localhost."""
    def fill(folder: Path) -> None:
        config = make_portal(folder, bilingual=True)
        config.write_text(config.read_text("utf-8").replace(
            "      branch: main\n", "      branch: main\n      page_size: 4\n      facet_page_size: 4\n"), "utf-8")
        (config.parent / "projects" / "minimal").mkdir()
        shutil.copy(FIXTURES / "valid" / "minimal.yml", config.parent / "projects" / "minimal" / "project.yml")
        build(config, day=DEMO_DAY)

    with serve(shared(tmp_path_factory, "phone", fill) / "site") as base:
        yield base


def unfold(page: Any) -> None:
    """Open everything folded: the widest the page gets (the statistics' number tables)."""
    page.evaluate("() => document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; })")


def problems_of(page: Any) -> list[str]:
    found = page.evaluate(CHECKS)
    return [f"{kind}: {item}" for kind, items in found.items() for item in items[:8]]


def check(page: Any, url: str, stem: str, lang: str, *, axe: Any | None, shot: bool) -> list[str]:
    response = page.goto(url)
    problems = []
    if not url.endswith(NOT_FOUND):  # served with its 404 status
        if response is None or not response.ok:
            problems.append(f"served with HTTP {response and response.status}")
        if page.locator("html").get_attribute("lang") != lang:
            problems.append(f"html lang is not {lang}")
        if not page.locator("article h1").first.is_visible():
            problems.append("no visible heading")
        if not page.title():
            problems.append("no title")
    unfold(page)
    problems += problems_of(page)
    if axe is not None:
        problems += [describe([v]) for v in blocking(run_axe(axe, page))]
    if shot or problems:  # last: for a full page, the viewport is made as tall as the page meanwhile
        screenshot(page, stem)
    return problems


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("phone", PHONES)
def test_every_page_type_reads_on_a_phone(open_page: Callable[..., Watched], portal: str, axe: Any, phone: str, lang: str) -> None:
    page = open_page(PHONES[phone], scale=SCALE).page
    tree = portal if lang == "id" else portal + "en/"
    paths = {**PAGES, **({"404": NOT_FOUND} if lang == "id" else {})}
    problems = []
    for kind, path in paths.items():
        url = portal + path if path == NOT_FOUND else tree + path
        narrowest = phone == NARROWEST
        found = check(page, url, f"phone-{phone}-{lang}-{kind}", lang, axe=axe if narrowest else None, shot=narrowest)
        problems += [f"{kind} ({path or '/'}): {p}" for p in found]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("phone", PHONES)
def test_the_search_panel_fits_a_phone(open_page: Callable[..., Watched], portal: str, axe: Any, phone: str, lang: str) -> None:
    """Opened from the header, with results: the panel, its clear button, its filters and its
    results are on the screen. (Material grows a circle behind the box to about 1,800 px
    while it opens: a phone's browser took the page for that wide and laid the panel out at
    up to three times the screen's width; see cocreate.css.)"""
    page = open_page(PHONES[phone], scale=SCALE).page
    width = PHONES[phone]["width"]
    page.goto(portal + ("" if lang == "id" else "en/") + "projects/")
    page.locator("button[data-cc-search-open]").click()
    page.locator("input.md-search__input").press_sequentially("sampah", delay=30)
    page.locator(".md-search-result__list li").first.wait_for(state="visible", timeout=15_000)
    page.locator(".cc-search-filters select").last.wait_for(state="visible")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=10_000)
    screenshot(page, f"phone-{phone}-{lang}-search")
    assert page.evaluate("() => [window.innerWidth, document.documentElement.clientWidth]") == [width, width]
    parts = page.locator(".md-search__inner, .md-search__options button[type=reset], .cc-search-filters select, "
                         ".md-search-result__item")
    assert parts.count() >= 7
    for box in parts.evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); return [e.className || e.name, r.left, r.right]; })"):
        assert box[1] >= 0, box
        assert box[2] <= width, box
    assert not (found := problems_of(page)), "\n".join(found)
    assert not (violations := blocking(run_axe(axe, page))), describe(violations)


def test_the_coverage_table_keeps_its_first_column_and_shows_its_last(open_page: Callable[..., Watched], portal: str) -> None:
    """At 360 px the stakeholders' coverage table is wider than the screen: its caption is read
    whole, and scrolled to its end, its first column is still there beside the last (the
    highlighted "0, none yet" cell the page is for)."""
    page = open_page(PHONES["360"], scale=SCALE).page
    page.goto(portal + "stakeholders/")
    box = page.locator(".cc-scroll").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # else this test tests nothing
    caption = box.locator("caption").bounding_box()
    assert caption
    assert caption["x"] + caption["width"] <= 360
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    page.wait_for_function("() => { const b = document.querySelector('.cc-scroll'); return b.scrollLeft > 0; }")
    first = box.locator("tbody tr:last-child th").bounding_box()
    last = box.locator("tbody tr:last-child td:last-child").bounding_box()
    assert first
    assert last
    assert first["x"] >= 0
    assert first["x"] + first["width"] <= last["x"] + 1
    assert last["x"] + last["width"] <= 360
    screenshot(page, "phone-360-id-stakeholders-scrolled")


@pytest.mark.parametrize("width", [960, 1280, 1920])
def test_wider_screens_have_one_search_button_and_the_phases_in_one_row(open_page: Callable[..., Watched], portal: str, width: int) -> None:
    page = open_page({"width": width, "height": 900}).page
    page.goto(portal + "phases/")
    assert page.locator("input.md-search__input").is_visible()
    assert not page.locator("button[data-cc-search-open]").is_visible()  # the box is there: no second magnifier
    columns = page.locator(".cc-board > .cc-column").evaluate_all(
        "cs => cs.map(c => [c.querySelector('h2').id, Math.round(c.getBoundingClientRect().top), c.getBoundingClientRect().left])")
    assert [c[0] for c in columns] == ["col-involvement", "col-curation", "col-empowerment"]
    assert len({top for _, top, _ in columns}) == 1, columns  # one row
    assert [c[2] for c in columns] == sorted(c[2] for c in columns)  # in phase order


def test_a_phone_has_the_search_button_not_the_box(open_page: Callable[..., Watched], portal: str) -> None:
    page = open_page(PHONES["390"], scale=SCALE).page
    page.goto(portal)
    assert page.locator("button[data-cc-search-open]").is_visible()
    # the box is folded away until the button opens it (Material: no size, transparent)
    assert page.locator(".md-search__inner").evaluate(
        "box => box.getBoundingClientRect().width === 0 || getComputedStyle(box).opacity === '0'")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_codes_and_names_are_not_broken_on_a_desktop(open_page: Callable[..., Watched], portal: str, lang: str) -> None:
    """The data page's field names ("title_i|d" before) and the kinds matrix at 1280 px."""
    page = open_page().page
    for path in ("data/", "kinds/", "stakeholders/"):
        page.goto(portal + ("" if lang == "id" else "en/") + path)
        found = page.evaluate(CHECKS)
        assert not found["broken"], (path, found)
        assert not found["sideways"], (path, found)


@pytest.mark.parametrize(("lang", "built"), [("id", "1 Desember 2026"), ("en", "December 1, 2026")])
def test_the_statistics_say_when_they_were_counted(open_page: Callable[..., Watched], portal: str, lang: str, built: str) -> None:
    """The build's day (SOURCE_DATE_EPOCH's, here the demo's), titles in sentence case, and
    the numbers behind a table icon (Material's `table`, not its note's pencil)."""
    page = open_page(PHONES["390"], scale=SCALE).page
    page.goto(portal + ("" if lang == "id" else "en/") + "statistics/")
    assert built in page.locator("article .cc-statistics > p").first.inner_text()
    titles = page.locator(".cc-figure__title").all_inner_texts()
    assert len(titles) == 11  # the ten charts and the answers to what residents asked
    for title in titles:
        first, *rest = title.split()
        assert first[0].isupper(), title
        assert not any(word[0].isupper() for word in rest), title
    icons = page.locator(".cc-figure__table > summary").evaluate_all(
        "ss => ss.map(s => getComputedStyle(s, '::before').maskImage)")
    assert icons, icons[:1]
    assert all("M5 4h14" in icon for icon in icons), icons[:1]


def test_every_page_type_is_swept_on_a_phone() -> None:
    """The phone sweep is the accessibility tests' sweep on a phone (test_accessibility.py):
    it covers every page type they name (a project by another project's page)."""
    assert {path for kind, path in PAGE_TYPES.items() if kind != "project"} <= set(PAGES.values())
