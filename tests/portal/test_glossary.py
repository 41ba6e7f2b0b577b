"""The glossary: every term of the standard's vocabulary has an entry in plain words, in
each language, at an anchor that project pages and lists link to."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from cocreate.i18n.translator import Translator
from cocreate.portal import urls
from cocreate.portal.glossary import TRUST, glossary
from cocreate.standard import vocabulary as v
from cocreate.standard.vocabulary import LANGUAGES
from helpers import attr, one

TERMS_OF_THE_STANDARD = {
    "phase": v.PHASES, "activity": tuple(v.ACTIVITIES), "kind": v.KIND_ORDER, "openness": v.OPENNESS,
    "ownership": v.OWNERSHIP, "approach": v.APPROACHES, "category": v.CATEGORY_VALUES, "role": v.ROLES,
    "motivation": v.MOTIVATIONS, TRUST: (TRUST,), "principle": v.PRINCIPLES, "dimension": v.DIMENSIONS,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_term_of_the_standard_has_an_entry(language: str) -> None:
    groups = glossary(Translator(language))
    found = {group.anchor: tuple(term.value for term in group.terms) for group in groups}
    assert found == TERMS_OF_THE_STANDARD
    assert len(v.CATEGORIES) == 7
    assert set(v.CATEGORIES) <= set(found["category"])
    anchors = [term.anchor for group in groups for term in group.terms] + [f"{group.anchor}-h" for group in groups]
    assert len(anchors) == len(set(anchors))
    for group in groups:
        assert group.title
        assert group.intro
        for term in group.terms:
            assert term.name, (group.anchor, term.value)
            assert len(term.meaning.split()) >= 3, (group.anchor, term.value)
    assert urls.term("phase", "curation") == "phase-curation"


def test_the_two_languages_explain_differently() -> None:
    id_, en = (glossary(Translator(language)) for language in LANGUAGES)
    for a, b in zip(id_, en, strict=True):
        for x, y in zip(a.terms, b.terms, strict=True):
            assert x.anchor == y.anchor, x.anchor
            assert x.meaning != y.meaning, x.anchor


def test_the_glossary_is_in_both_navigations_and_project_pages_link_to_its_terms(demo_site_bilingual: Path) -> None:
    site = demo_site_bilingual
    for folder, title in (("", "Istilah"), ("en/", "Glossary")):
        page = BeautifulSoup((site / folder / "glossary" / "index.html").read_text("utf-8"), "lxml")
        assert one(page, "article h1").get_text(strip=True).startswith(title)
        anchors = {tag["id"] for tag in page.select("[id]")}
        assert {"phase-curation", "kind-club", "kind-crowd", "category-community", TRUST} <= anchors
        nav = [a.get_text(strip=True) for a in page.select(".md-nav--primary a")]
        assert title in nav
        project = BeautifulSoup((site / folder / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8"),
                                "lxml")
        base = f"https://x/{folder}projects/taman-kota-hijau/"
        links = [urljoin(base, attr(a, "href")) for a in project.select('article a[href*="glossary/"]')]
        assert len(links) >= 3  # the phase, the kind, the timeline's activities
        for link in links:
            parts = urlsplit(link)
            assert parts.path == f"/{folder}glossary/", link
            assert parts.fragment in anchors, link
