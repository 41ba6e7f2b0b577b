"""A resident on a phone: every page type of the demo portal, in both of its languages, at
360 x 740 and 390 x 844 in Chromium's phone emulation (mobile layout, touch, 3 device pixels
per CSS pixel). On each page, with everything folded unfolded (the widest it gets):

- the page does not scroll sideways, and nothing shown is cut off at the screen's edge,
  unless it is in a box that scrolls sideways on purpose, with a visible cue;
- no word is broken inside the word (codes may wrap at `_` and `.`);
- every target is at least 24 x 24 CSS px or spaced as WCAG 2.2's 2.5.8 allows (links in
  running text are exempt), and text is at least 12 px;
- axe finds no serious or critical violation.

The checks are tests/browser/phone_checks.js. The portal is the demo as published (Bahasa
Indonesia at the root, English under en/), with a project that records only what the
standard requires, and lists four to a page so that a list has a second page. A full-page
screenshot of every page tested is kept in test-artifacts/ (phone-<width>-<lang>-<page>.png),
for a reviewer to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import DEMO_DAY, FIXTURES, build, make_portal
from .support import screenshot, serve
from .test_accessibility import axe, blocking, describe, run_axe  # noqa: F401 - axe is a fixture

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
    "statistics": "statistics/",
    "propose": "propose/",
    "data": "data/",
    "take-part": "take-part/",
    "standard": "standard/",
    "list-page-2": "catalogue/2/",
    "facet": "catalogue/phase/curation/",
}
"""One page of each type, by path from the root of a language's tree."""
NOT_FOUND = "404.html"
"""The portal's one "not found" page, at the site's root (in its main language)."""

CHECKS = (Path(__file__).parent / "phone_checks.js").read_text("utf-8")


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo in both languages, with a minimal project and four projects to a list page,
    served on localhost."""
    config = make_portal(tmp_path_factory.mktemp("phone"), bilingual=True)
    config.write_text(config.read_text("utf-8").replace(
        "      branch: main\n", "      branch: main\n      page_size: 4\n      facet_page_size: 4\n"), "utf-8")
    (config.parent / "projects" / "minimal").mkdir()
    shutil.copy(FIXTURES / "valid" / "minimal.yml", config.parent / "projects" / "minimal" / "project.yml")
    with serve(build(config, day=DEMO_DAY)) as base:
        yield base


def unfold(page: Any) -> None:
    """Open everything folded: the widest the page gets (the statistics' number tables)."""
    page.evaluate("() => document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; })")


def problems_of(page: Any) -> list[str]:
    found = page.evaluate(CHECKS)
    return [f"{kind}: {item}" for kind, items in found.items() for item in items[:8]]


def check(page: Any, url: str, stem: str, axe: Any) -> list[str]:
    page.goto(url)
    unfold(page)
    problems = problems_of(page)
    problems += [describe([v]) for v in blocking(run_axe(axe, page))]
    screenshot(page, stem)  # last: for a full page, the viewport is made as tall as the page meanwhile
    return problems


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("phone", PHONES)
def test_every_page_type_reads_on_a_phone(open_page, portal: str, axe: Any, phone: str, lang: str) -> None:
    page = open_page(PHONES[phone], scale=SCALE).page
    tree = portal if lang == "id" else portal + "en/"
    paths = {**PAGES, **({"404": NOT_FOUND} if lang == "id" else {})}
    problems = []
    for kind, path in paths.items():
        url = portal + path if path == NOT_FOUND else tree + path
        found = check(page, url, f"phone-{phone}-{lang}-{kind}", axe)
        problems += [f"{kind} ({path or '/'}): {p}" for p in found]
    assert not problems, "\n".join(problems)
