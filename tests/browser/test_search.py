"""The site search in Chromium: Pagefind's index, cocreate's search box in Material's header.

A reader finds a project by a word of its title, by the name of an organisation that takes
part, and (in Bahasa Indonesia) by another form of a word ("kelola" finds "Pengelolaan",
which Pagefind's stemmer alone does not); narrows the results with the filters; does it all
from the keyboard; and axe finds nothing serious. Nothing of the search loads before the
reader searches, and no request leaves the site (every page is watched, see conftest.py).
Text from the index is shown as text: a page whose words are markup runs nothing.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cocreate.build.search import index_site
from helpers import matched

from .support import DESKTOP, LANGUAGES, PHONE, Watched, index_rows, serve
from .test_accessibility import blocking, describe, run_axe

pytestmark = pytest.mark.browser

RESULTS = ".md-search-result__list a"


def rows(site: Path) -> dict[str, dict[str, Any]]:
    return {row["slug"]: row for row in index_rows(site)}


def search(page: Any, text: str) -> None:
    """Type `text` into the search box and wait until the results are shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(text, delay=20)
    status = page.locator("#cc-search-status")
    loading = status.get_attribute("data-loading") or page.locator(".md-search-result").get_attribute("data-loading")
    page.wait_for_function(
        "([loading]) => { const s = document.querySelector('#cc-search-status').textContent;"
        " return s && s !== loading && !s.includes('…'); }", arg=[loading], timeout=15_000)


def found(page: Any) -> list[str]:
    """Every result of the search, the reader asking for more until all are shown (five at
    a time)."""
    more = page.locator(".cc-search-more")
    while more.is_visible():
        shown = page.locator(RESULTS).count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length > {shown}")
    hrefs = page.locator(RESULTS).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [re.sub(r"^.*?/projects/([^/]+)/.*$", r"\1", href) if "/projects/" in href else href for href in hrefs]


FINDS = [
    ("Cikaret", "taman-kota-hijau"),  # a word of the title
    ("Lembahasri", "bank-sampah-berseri"),
    ("Badan Pengelolaan Keuangan", "dasbor-anggaran-terbuka"),  # an organisation
]
FINDS_IN_INDONESIAN = [
    ("kelola", "bank-sampah-berseri"),  # "mengelola" only: Pagefind stems "kelola" to "lola", "mengelola" to "elola"
    ("kelola", "dasbor-anggaran-terbuka"),  # "Pengelolaan" (and the label "Tata kelola")
    ("tanam", "taman-kota-hijau"),  # "menanam": stem "anam"
]


@pytest.mark.parametrize(("lang", "word", "slug"), [(lang, *case) for lang in LANGUAGES for case in FINDS]
                         + [("id", *case) for case in FINDS_IN_INDONESIAN])
def test_search_finds_the_project(open_page: Callable[..., Watched], sites: dict[str, str], lang: str, word: str, slug: str) -> None:
    page = open_page(DESKTOP).page
    page.goto(sites[lang] + "kinds/")
    search(page, word)
    assert slug in found(page), (word, found(page))
    result = page.locator(f'{RESULTS}[href*="/projects/{slug}/"]')
    assert result.locator("h2").inner_text().strip()
    assert result.locator("mark").count(), "the words found are marked in the excerpt"
    # how many, in the language's plural form (CLDR rules, the browser's Intl.PluralRules)
    said = page.locator("#cc-search-status").inner_text().strip()
    assert re.fullmatch({"id": r"\d+ hasil", "en": r"1 result|(?!1 )\d+ results"}[lang], said), said


def test_results_come_five_at_a_time_each_fragment_when_shown(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    """A search loads the fragments (a page's words) of the results it shows, five at first:
    the rest, and their fragments, when the reader asks for more."""
    watched = open_page(DESKTOP)
    page = watched.page
    fragments: list[str] = []
    page.on("request", lambda request: fragments.append(request.url) if "/fragment/" in request.url else None)
    page.goto(sites["id"] + "kinds/")
    search(page, "warga")
    total = int(matched(r"\d+", page.locator("#cc-search-status").inner_text()))
    assert total > 5, "the demo has more than five projects with this word"
    assert page.locator(RESULTS).count() == 5
    assert len(set(fragments)) == 5
    more = page.locator(".cc-search-more")
    more.click()
    page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length === {min(total, 10)}")
    assert len(set(fragments)) == min(total, 10)
    assert page.evaluate("document.activeElement.getAttribute('href')") == page.locator(RESULTS).nth(5).get_attribute("href")
    assert more.is_hidden() == (total <= 10)


def test_nothing_of_the_search_loads_before_a_reader_searches(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    watched = open_page(DESKTOP)
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(sites["id"] + "projects/taman-kota-hijau/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/pagefind/" in url]
    search(page, "sampah")
    assert [url for url in requested if url.endswith("/pagefind/pagefind.js")]
    assert all(url.startswith(sites["id"]) for url in requested)


def test_filters_narrow_the_results(open_page: Callable[..., Watched], sites: dict[str, str], built: Path, lang: str) -> None:
    projects = rows(built)
    page = open_page(DESKTOP).page
    page.goto(sites[lang])
    word = {"id": "warga", "en": "residents"}[lang]
    search(page, word)
    everything = found(page)
    assert len([s for s in everything if s in projects]) >= 3, everything
    phase = page.locator('.cc-search-filters select[name="phase"]')
    label = phase.locator("option").nth(2).inner_text()  # the second phase, in the vocabulary's order: curation
    phase.select_option(label=label)
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__list a').length !== n",
                           arg=len(everything), timeout=15_000)
    narrowed = found(page)
    in_phase = {slug for slug, row in projects.items() if row["phase"] == "curation"}
    assert narrowed, (label, narrowed)
    assert set(narrowed) <= in_phase, (label, narrowed)
    assert set(narrowed) == {s for s in everything if s in in_phase}
    # a filter alone, no word: every project with that status
    page.locator("form.md-search__form button[type=reset]").click()
    phase.select_option(index=0)
    status = page.locator('.cc-search-filters select[name="status"]')
    paused = {slug for slug, row in projects.items() if row["status"] == "paused"}
    status.select_option(index=3)  # Dijeda / Paused: the vocabulary's order
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__list a').length > 0", timeout=15_000)
    assert set(found(page)) == paused


def test_search_from_the_keyboard(open_page: Callable[..., Watched], sites: dict[str, str], lang: str) -> None:
    page = open_page(DESKTOP).page
    page.goto(sites[lang] + "phases/")
    page.keyboard.press("/")  # as in Material: the cursor goes to the search box
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("Cikaret", delay=20)
    page.locator(f'{RESULTS}[href*="/projects/taman-kota-hijau/"]').wait_for(timeout=15_000)
    assert page.locator("#__search").is_checked()
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first
    assert "/projects/" in first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    # Tab reaches the filters and the results; Enter opens a result
    page.keyboard.press("/")
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target.rstrip("/")) + "/?$"))


def test_on_a_phone_the_search_button_works_from_the_keyboard(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    page = open_page(PHONE).page
    page.goto(sites["id"] + "kinds/")
    opener = page.locator("button[data-cc-search-open]")
    assert opener.is_visible()
    assert opener.get_attribute("aria-label")
    opener.focus()
    page.keyboard.press("Enter")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("sampah", delay=20)
    page.locator(RESULTS).first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_open_search_is_accessible(open_page: Callable[..., Watched], sites: dict[str, str], lang: str, viewport: dict[str, int]) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    page = open_page(viewport).page
    page.goto(sites[lang] + "kinds/")
    if viewport is PHONE:
        page.locator("button[data-cc-search-open]").click()
    search(page, {"id": "warga", "en": "residents"}[lang])
    page.locator('.cc-search-filters select[name="kind"]').select_option(index=1)
    page.wait_for_timeout(300)
    expect(page.get_by_role("dialog")).to_have_accessible_name(re.compile(r"\w"))
    expect(page.locator("input.md-search__input")).to_have_accessible_name(re.compile(r"\w"))
    for name in ("phase", "kind", "category", "status"):
        expect(page.locator(f'.cc-search-filters select[name="{name}"]')).to_have_accessible_name(re.compile(r"\w"))
    assert page.locator("#cc-search-status").get_attribute("role") == "status"
    result = run_axe(Axe(), page)
    assert not (problems := blocking(result)), describe(problems)


def _with_page(demo_site: Path, tmp_path: Path, folder: str, heading: str, text: str) -> Path:
    """A copy of the demo site with one more page, `folder/`, whose heading and paragraph are
    the HTML given, and the site search indexed again."""
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    (site / folder).mkdir()
    (site / folder / "index.html").write_text(
        f'<!doctype html><html lang="id"><head><title>x</title><link rel="icon" href="data:,"></head><body><main data-pagefind-body>'
        f"<h1>{heading}</h1><p>{text}</p></main></body></html>", "utf-8")
    index_site(site, "id")
    return site


def test_text_from_the_index_is_shown_as_text(open_page: Callable[..., Watched], demo_site: Path, tmp_path: Path) -> None:
    """A page whose words are markup (as the portal escapes contributors' text into its
    pages): the results show the words, and nothing runs."""
    hostile = '&lt;img src=x onerror="window.__pwned=1;alert(1)"&gt; zzhostile &lt;script&gt;alert(2)&lt;/script&gt;'
    site = _with_page(demo_site, tmp_path, "hostile", hostile, f"{hostile} &amp;amp; &#x3C;b&#x3E;")
    with serve(site) as base:
        page = open_page(DESKTOP).page
        page.goto(base + "kinds/")
        search(page, "zzhostile")
        link = page.locator(RESULTS).first
        assert '<img src=x onerror="window.__pwned=1;alert(1)">' in link.locator("h2").inner_text()
        assert link.locator("img, script, b").count() == 0
        assert page.evaluate("window.__pwned") is None


def test_a_title_holding_entities_is_shown_as_the_page_shows_it(open_page: Callable[..., Watched], demo_site: Path, tmp_path: Path) -> None:
    """Issue 27: a title written `&amp; &lt;b&gt;tebal&lt;/b&gt;` is shown so on its page, and
    so in the search box's results (not decoded once more into `& <b>tebal</b>`)."""
    title = "zzentity &amp; &lt;b&gt;tebal&lt;/b&gt;"
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    site = _with_page(demo_site, tmp_path, "entities", escaped, f"{escaped} &lt;img src=x&gt;")
    with serve(site) as base:
        page = open_page(DESKTOP).page
        page.goto(base + "entities/")
        assert page.locator("h1").inner_text() == title
        page.goto(base + "kinds/")
        search(page, "zzentity")
        link = page.locator(RESULTS).first
        assert link.locator("h2").inner_text() == title
        assert "&amp; &lt;b&gt;tebal" in link.locator("p").inner_text()  # the excerpt too
        assert link.locator("b, img").count() == 0
