"""The demo portal in Chromium, as a citizen uses it: on a phone and on a desktop, in both
languages, with and without JavaScript: the menu, the catalogue's filters (and its static
facet lists without JavaScript), the kinds matrix and site search. (Every page type on a
phone: test_phone.py; the proposal form: test_forms.py; joining, open calls and the home
page: test_taking_part.py.) Every page is watched (see conftest.py): no request may leave
localhost, and no console error, HTTP error, script error or dialog may happen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import matched

from .support import DESKTOP, PAGE_TYPES, PHONE, Watched, index_rows

pytestmark = pytest.mark.browser


def card_slugs(page: Any) -> list[str]:
    hrefs = page.locator("ul.cc-cards .cc-card__title a").evaluate_all("links => links.map(a => a.href)")
    return sorted(matched(r"/projects/([^/]+)/", href, 1) for href in hrefs)


def test_home_leads_to_a_project_page(open_page: Callable[..., Watched], sites: dict[str, str], built: Path, lang: str) -> None:
    page = open_page().page
    page.goto(sites[lang])
    page.locator("nav.md-nav--primary a.md-nav__link[href$='projects/']").first.click()
    page.wait_for_url(re.compile(r"/projects/$"))
    first = index_rows(built)[0]
    page.get_by_role("link", name=first["title"], exact=True).first.click()
    page.wait_for_url(re.compile(rf"/projects/{first['slug']}/$"))
    article = page.locator("article.cc-project")
    assert article.get_attribute("data-slug") == first["slug"]
    assert article.locator("h1").inner_text() == first["title"]
    assert article.locator('.cc-stepper [aria-current="step"]').count() == 1
    for section in ("now", "join", "about", "stakeholders", "history", "details"):  # all open on a wide screen
        assert article.locator(f"section#{section} h2").is_visible(), section
    for part in ("phase", "kind", "ownership", "timeline", "trust", "record"):
        assert article.locator(f"section#{part} h3").is_visible(), part


def test_project_page_tag_links_to_its_facet(open_page: Callable[..., Watched], sites: dict[str, str], lang: str) -> None:
    page = open_page(PHONE).page
    page.goto(sites[lang] + PAGE_TYPES["project"])
    for i in range(page.locator("a.cc-tag").count()):
        page.goto(sites[lang] + PAGE_TYPES["project"] + "#about")  # the tags are about the project, folded on a phone
        page.locator("a.cc-tag").nth(i).click()
        page.wait_for_url(re.compile(r"/catalogue/tag/[^/]+/(#[a-z0-9-]+)?$"))
        if "#" in page.url:  # a tag only this project has: its line on the page of such tags
            line = page.locator(f"dt#{page.url.rsplit('#', 1)[1]} + dd a")
            assert "/projects/taman-kota-hijau/" in line.get_attribute("href")
        else:
            assert "taman-kota-hijau" in card_slugs(page)


def test_phone_menu_reaches_the_overviews(open_page: Callable[..., Watched], sites: dict[str, str], lang: str) -> None:
    page = open_page(PHONE).page
    for path in ("kinds/", "statistics/"):
        page.goto(sites[lang])
        drawer = page.locator('label.md-header__button[for="__drawer"]')
        assert drawer.is_visible()
        drawer.click()
        link = page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{path}"]').first
        link.wait_for(state="visible")
        link.click()
        page.wait_for_url(re.compile(rf"/{path}$"))
        assert page.locator("article h1").is_visible()


def test_catalogue_filters_with_javascript(open_page: Callable[..., Watched], sites: dict[str, str], built: Path, lang: str) -> None:
    rows = index_rows(built)
    page = open_page(PHONE).page
    page.goto(sites[lang] + "projects/")
    toggle = page.locator(".cc-tools__filter")
    toggle.wait_for(state="visible")  # catalogue.js shows its tools once the index is loaded
    form = page.locator("form.cc-filters")
    assert form.is_hidden()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()  # the filters are folded behind one button
    form.wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert card_slugs(page) == sorted(r["slug"] for r in rows)
    count = page.locator(".cc-tools__count")

    for phase in sorted({r["phase"] for r in rows}):
        form.locator('select[name="phase"]').select_option(phase)
        expected = sorted(r["slug"] for r in rows if r["phase"] == phase)
        assert card_slugs(page) == expected, phase
        assert re.search(rf"\b{len(expected)}\b", count.inner_text()), count.inner_text()

    # two filters together
    form.locator('select[name="phase"]').select_option("")
    kind, status = rows[0]["kind"], rows[0]["status"]
    form.locator('select[name="kind"]').select_option(kind)
    form.locator('select[name="status"]').select_option(status)
    assert card_slugs(page) == sorted(r["slug"] for r in rows if r["kind"] == kind and r["status"] == status)

    # words typed into the search box
    form.locator('select[name="kind"]').select_option("")
    form.locator('select[name="status"]').select_option("")
    word = rows[-1]["title"].split()[-1]
    form.locator('input[name="q"]').fill(word)
    expected = sorted(r["slug"] for r in rows if word.lower() in " ".join([r["title"], r["summary"], r["location"], *r["tags"]]).lower())
    assert rows[-1]["slug"] in expected
    assert card_slugs(page) == expected
    form.locator('input[name="q"]').fill("no project is called this")
    assert card_slugs(page) == []

    # a card drawn by the script leads to its project
    form.locator('input[name="q"]').fill("")
    form.locator('select[name="phase"]').select_option(rows[0]["phase"])
    page.locator("ul.cc-cards .cc-card__title a").first.click()
    page.wait_for_url(re.compile(r"/projects/[^/]+/$"))
    assert page.locator("article.cc-project").count() == 1


def test_catalogue_without_javascript(open_page: Callable[..., Watched], sites: dict[str, str], built: Path, lang: str) -> None:
    rows = index_rows(built)
    page = open_page(PHONE, javascript=False).page
    page.goto(sites[lang] + "projects/")
    assert page.locator("form.cc-filters").is_hidden()
    assert page.locator(".cc-tools").is_hidden()
    assert card_slugs(page) == sorted(r["slug"] for r in rows)
    for phase in sorted({r["phase"] for r in rows}):
        page.goto(sites[lang] + "projects/")
        page.locator(f'.cc-facets a[href$="catalogue/phase/{phase}/"]').click()
        page.wait_for_url(re.compile(rf"/catalogue/phase/{phase}/$"))
        assert card_slugs(page) == sorted(r["slug"] for r in rows if r["phase"] == phase)
    page.locator("article a", has_text="←").first.click()
    page.wait_for_url(re.compile(r"/projects/$"))


def test_kinds_matrix_puts_each_project_in_its_kind(open_page: Callable[..., Watched], sites: dict[str, str], built: Path, lang: str) -> None:
    kinds = {r["slug"]: r["kind"] for r in index_rows(built)}
    page = open_page(DESKTOP).page
    page.goto(sites[lang] + "kinds/")
    cells = page.locator("table.cc-matrix td.cc-cell")
    assert cells.count() == 4
    seen: set[str] = set()
    for i in range(4):
        cell = cells.nth(i)
        for href in cell.locator("li a").evaluate_all("links => links.map(a => a.href)"):
            slug = matched(r"/projects/([^/]+)/$", href, 1)
            assert kinds[slug] == cell.get_attribute("data-kind"), slug
            seen.add(slug)
    assert seen == set(kinds)
    # following a project from its cell: the project page names the same kind
    cell = page.locator("td.cc-cell", has=page.locator("li a")).first
    label = cell.locator(".cc-cell__kind").inner_text()
    cell.locator("li a").first.click()
    page.wait_for_url(re.compile(r"/projects/[^/]+/$"))
    assert page.locator("#kind h3").inner_text().endswith(label)
    # the link to all projects of a kind
    page.go_back()
    cell.locator("p a").last.click()
    page.wait_for_url(re.compile(r"/catalogue/kind/[^/]+/$"))


def test_site_search_finds_a_project(open_page: Callable[..., Watched], sites: dict[str, str], built: Path, lang: str) -> None:
    project = next(r for r in index_rows(built) if r["slug"] == "taman-kota-hijau")
    word = max(re.findall(r"[^\W\d_]{4,}", project["title"]), key=len)
    page = open_page(DESKTOP).page
    page.goto(sites[lang])
    page.locator("input.md-search__input").press_sequentially(word, delay=30)
    result = page.locator('.md-search-result__list a[href*="projects/taman-kota-hijau/"]').first
    result.wait_for(state="visible", timeout=15_000)
