"""The demo portal in both languages in Chromium: the switcher lands on the same page in
the other language and back, every hreflang pair resolves both ways, a project page reads
on a phone in each language (a screenshot of each is kept in test-artifacts/), and a
project page prints on A4 without the site's navigation, its links written out."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from .support import DESKTOP, PAGE_TYPES, PHONE, Watched, screenshot

pytestmark = pytest.mark.browser

SITE_URL = "https://cocreate.example/"
"""The demo's site_url: its hreflang links are absolute, and are followed here on localhost."""


class Alternates(HTMLParser):
    """A page's `<link hreflang>` pairs, as a browser reads them: language to address."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.pairs: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("hreflang") and found.get("href"):
            self.pairs[str(found["hreflang"])] = str(found["href"])


SWITCHED = {"project": PAGE_TYPES["project"], "list": "catalogue/phase/curation/", "content": "take-part/",
            "home": ""}


@pytest.mark.parametrize("kind", SWITCHED)
def test_the_switcher_lands_on_the_same_page(open_page: Callable[..., Watched], bilingual: str, kind: str) -> None:
    path = SWITCHED[kind]
    page = open_page(DESKTOP).page
    page.goto(bilingual + path)
    assert page.evaluate("document.documentElement.lang") == "id"
    heading = page.locator("article h1").first.inner_text()
    page.locator(".cc-languages a", has_text="English").click()
    page.wait_for_url(bilingual + "en/" + path)
    assert page.evaluate("document.documentElement.lang") == "en"
    if kind in ("project", "list"):
        assert page.locator("article h1").first.inner_text() != heading  # in English now
    page.locator(".cc-languages a", has_text="Indonesia").click()
    page.wait_for_url(bilingual + path)
    assert page.locator("article h1").first.inner_text() == heading


def test_every_hreflang_pair_resolves(open_page: Callable[..., Watched], bilingual: str) -> None:
    """The pairs are read from each page as served (a link in the head needs no drawing)."""
    page = open_page(DESKTOP).page
    checked = 0
    for path in PAGE_TYPES.values():
        for tree in ("", "en/"):
            served = page.request.get(bilingual + tree + path)
            assert served.ok, tree + path
            pairs = Alternates(served.text()).pairs
            assert set(pairs) == {"id", "en", "x-default"}, tree + path
            assert SITE_URL + tree + path in pairs.values()
            for language, url in pairs.items():
                response = page.request.get(url.replace(SITE_URL, bilingual))
                assert response.ok, url
                html = response.text()
                assert f'<html lang="{"id" if language == "x-default" else language}"' in html, url
                assert all(f'href="{other}"' in html for other in pairs.values()), f"{url} does not point back"
                checked += 1
    assert checked == len(PAGE_TYPES) * 2 * 3


@pytest.mark.parametrize("tree", ["", "en/"])
def test_a_project_page_on_a_phone_in_each_language(open_page: Callable[..., Watched], bilingual: str, tree: str) -> None:
    page = open_page(PHONE).page
    page.goto(bilingual + tree + PAGE_TYPES["project"])
    switcher = page.locator(".cc-languages a")
    assert switcher.is_visible()
    box = switcher.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert screenshot(page, f"project-phone-360px-{tree.strip('/') or 'id'}") is not None


def test_a_project_page_prints_on_a4_without_navigation(open_page: Callable[..., Watched], bilingual: str) -> None:
    page = open_page(DESKTOP).page
    page.goto(bilingual + "en/" + PAGE_TYPES["project"])
    page.evaluate("""() => {  // a folded part, as a contributor's Markdown or Material may make
        const d = document.createElement('details'); d.id = 'folded';
        d.innerHTML = '<summary>More</summary><p id="inside">Inside the folded part</p>';
        document.querySelector('article').append(d); }""")
    assert not page.locator("#inside").is_visible()
    page.emulate_media(media="print")
    try:
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".cc-languages", ".md-search"):
            assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display") == "none", selector
        for selector in ("#phase .cc-stepper", "#stakeholders", "#trust"):
            assert page.locator(selector).first.is_visible(), selector
        external = page.locator("article a[href^='http']").first
        after = external.evaluate("a => getComputedStyle(a, '::after').content")
        assert external.get_attribute("href") in after
        assert page.locator("#inside").is_visible()
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF")
    finally:
        page.emulate_media(media="screen")
