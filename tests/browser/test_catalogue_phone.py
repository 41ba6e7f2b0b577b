"""The catalogue on a phone (issue 24), in Chromium with a phone's emulation (touch, 3 device
pixels per CSS pixel) at 360 x 740 and 390 x 844, in both languages: the first project on
the first screen, the filters folded behind one button that counts them, a live count of
the projects shown in the language's plural forms, and the three orders. (Filtering itself:
test_e2e.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import matched

from .support import PHONE, Watched, index_rows

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
FILTER = {"id": "Saring ({count})", "en": "Filter ({count})"}
COUNT = {"id": lambda n: f"{n} proyek", "en": lambda n: f"{n} project" + ("" if n == 1 else "s")}


def shown(page: Any) -> list[str]:
    """The slugs of the cards shown, in their order."""
    hrefs = page.locator("ul.cc-cards .cc-card__title a").evaluate_all("links => links.map(a => a.href)")
    return [matched(r"/projects/([^/]+)/", href, 1) for href in hrefs]


@pytest.mark.parametrize("viewport", [PHONE, PHONE_390], ids=["360", "390"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_first_project_is_on_the_first_screen(open_page: Callable[..., Watched], sites: dict[str, str], lang: str, viewport: dict[str, int],
                                                   javascript: bool) -> None:
    page = open_page(viewport, javascript=javascript, scale=3).page
    page.goto(sites[lang] + "projects/")
    if javascript:
        page.locator(".cc-tools__count").filter(has_text=re.compile(r"\d")).wait_for()
    first = page.locator("ul.cc-cards .cc-card").first.bounding_box()
    title = page.locator("ul.cc-cards .cc-card__title").first.bounding_box()
    assert first["y"] >= 0, (first, title)
    assert title["y"] + title["height"] <= viewport["height"], (first, title)


def test_the_filters_fold_behind_one_button_that_counts_them(open_page: Callable[..., Watched], sites: dict[str, str], built: Path, lang: str) -> None:
    rows = index_rows(built)
    page = open_page(PHONE_390, scale=3).page
    page.goto(sites[lang] + "projects/")
    toggle = page.locator(".cc-tools__filter")
    count = page.locator(".cc-tools__count")
    toggle.wait_for(state="visible")
    assert toggle.inner_text() == FILTER[lang].format(count=0)
    assert page.locator("form.cc-filters").is_hidden()
    assert count.get_attribute("aria-live") == "polite"
    assert count.inner_text() == COUNT[lang](len(rows))
    toggle.click()
    form = page.locator("form.cc-filters")
    phase = rows[0]["phase"]
    form.locator('select[name="phase"]').select_option(phase)
    assert toggle.inner_text() == FILTER[lang].format(count=1)
    assert count.inner_text() == COUNT[lang](sum(r["phase"] == phase for r in rows))
    form.locator('input[name="q"]').fill(rows[0]["title"])
    assert toggle.inner_text() == FILTER[lang].format(count=2)
    assert count.inner_text() == COUNT[lang](1)  # "1 project", "1 proyek"
    form.locator('select[name="phase"]').select_option("")
    form.locator('input[name="q"]').fill("no project is called this")
    assert toggle.inner_text() == FILTER[lang].format(count=1)
    assert count.inner_text() == COUNT[lang](0)
    form.locator('input[name="q"]').fill("")
    assert toggle.inner_text() == FILTER[lang].format(count=0)
    assert count.inner_text() == COUNT[lang](len(rows))
    toggle.click()
    assert form.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"


def test_the_catalogue_orders_by_name_newest_and_soonest_closing_call(open_page: Callable[..., Watched], sites: dict[str, str], built: Path,
                                                                       lang: str) -> None:
    rows = index_rows(built)
    began = {r["slug"]: r["began"] for r in rows}
    closes = {r["slug"]: r["closes"] for r in rows}
    by_name = [r["slug"] for r in sorted(rows, key=lambda r: r["title"].casefold())]
    newest = sorted(sorted(by_name, key=lambda slug: began[slug], reverse=True), key=lambda slug: not began[slug])
    closing = sorted(by_name, key=lambda slug: (not closes[slug], closes[slug]))  # without an open call: last
    assert any(not r["closes"] for r in rows)
    assert any(r["closes"] for r in rows)
    page = open_page(PHONE_390, scale=3).page
    page.goto(sites[lang] + "projects/")
    sort = page.locator('.cc-tools select[name="sort"]')
    sort.wait_for(state="visible")
    assert shown(page) == by_name  # the server's order, with or without JavaScript
    for order, expected in (("newest", newest), ("closing", closing), ("name", by_name)):
        sort.select_option(order)
        assert shown(page) == expected, order
    # an order and a filter together
    sort.select_option("closing")
    page.locator(".cc-tools__filter").click()
    page.locator('form.cc-filters select[name="call"]').select_option("open")
    assert shown(page) == [slug for slug in closing if closes[slug]]
