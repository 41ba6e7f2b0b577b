"""The portal core without MkDocs: links, pagination, and sanitizing even unvalidated data."""

from __future__ import annotations

import copy
import dataclasses
import posixpath
import re
from typing import Any

from cocreate.i18n.translator import Translator
from cocreate.portal.listing import PAGER_SPAN, Listing, paginate
from cocreate.portal.options import Options
from cocreate.portal.project import Project
from cocreate.portal.site import Site, safe_title
from cocreate.portal.urls import Urls, relative_url
from cocreate.standard.loader import load_text
from helpers import FIXTURES, assert_inert

XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'><svg onload=alert(3)>'


def _project(slug: str = "bank", data: dict[str, Any] | None = None, language: str = "id") -> Project:
    base = load_text((FIXTURES / "valid" / "minimal.yml").read_bytes(), "m.yml").data
    return Project(slug, data or base, f"projects/{slug}/project.yml", Translator(language))


def test_hostile_text_is_inert_even_if_validation_were_bypassed() -> None:
    data = load_text((FIXTURES / "valid" / "minimal.yml").read_bytes(), "m.yml").data
    hostile = copy.deepcopy(data)
    hostile["title"] = XSS
    hostile["summary"] = XSS
    hostile["description"] = XSS + "\n\n[x](javascript:alert(4))"
    hostile["openness"]["how_to_join"] = XSS
    hostile["stakeholders"][0]["name"] = XSS
    hostile["stakeholders"][0]["url"] = "javascript:alert(5)"
    hostile["timeline"][0]["evidence"] = 'https://x.example/" onmouseover="alert(6)'
    hostile["tags"] = ["a"]
    site = Site.from_projects([_project(data=hostile)], Options(repo_url="https://github.com/o/r"))
    for spec in site.pages():
        assert_inert(spec.render(), spec.uri)
    assert "<" not in safe_title(XSS)
    assert ">" not in safe_title(XSS)
    assert '"' not in safe_title(XSS)


def test_relative_links_with_and_without_directory_urls() -> None:
    site = Urls()
    assert site.link("catalogue/2/index.md", "projects/index.md") == "../../projects/"
    assert site.link("projects/a/index.md", "projects/index.json") == "../index.json"
    assert site.link("kinds/index.md", "kinds/index.md") == "./"
    flat = Urls(directory_urls=False)
    assert flat.link("catalogue/2/index.md", "projects/index.md") == "../../projects/index.html"


def test_relative_url_agrees_with_posixpath() -> None:
    folders = ["", "a/", "a/b/", "a/b/c/", "x/", "a/x/", "projects/p/", "catalogue/tag/t/2/"]
    targets = [*folders[1:], "a/b/x.json", "a/x.json", "x.json", "projects/index.json", "a/b/c/d/"]
    for base in folders:
        for target in targets:
            expected = posixpath.relpath(target, base.rstrip("/") or ".")
            expected = "./" if expected == "." else expected + ("/" if target.endswith("/") else "")
            assert relative_url(base, target) == expected, (base, target)
    assert relative_url("a/b/", "") == "../../"
    assert relative_url("", "") == "./"


def test_pager_shows_a_window_not_every_page() -> None:
    assert Listing(1, 5).window() == [1, 2, 3, 4, 5]
    assert Listing(1, 40).window() == [1, 2, 3, None, 40]
    assert Listing(20, 40).window() == [1, None, 18, 19, 20, 21, 22, None, 40]
    assert Listing(5, 40).window() == [1, 2, 3, 4, 5, 6, 7, None, 40]  # no "…" for a single page
    for count in (1, 2, 9, 100, 1000):
        for number in range(1, count + 1):
            shown = Listing(number, count).window()
            numbers = [n for n in shown if n is not None]
            assert numbers == sorted(set(numbers))
            assert {1, number, count} <= set(numbers)
            assert len(shown) <= 2 * PAGER_SPAN + 5  # the same size on every page of any list
    many = [_project(f"p{i:03d}") for i in range(100)]
    html = Site.from_projects(many, Options(language="en", page_size=2)).pages()
    catalogue = {spec.uri: spec for spec in html}["catalogue/25/index.md"].render()
    pager = catalogue[catalogue.index('class="cc-pager"'):]
    assert re.findall(r'href="([^"]+)">(\d+)<', pager) == [
        ("../../projects/", "1"), ("../23/", "23"), ("../24/", "24"), ("../26/", "26"), ("../27/", "27"),
        ("../50/", "50")]
    assert '<span aria-current="page">25</span>' in pager
    assert pager.count("…") == 2


def test_paginate() -> None:
    pages = paginate(list(range(5)), 2, "a.md", lambda n: f"a{n}.md")
    assert [p.items for p in pages] == [[0, 1], [2, 3], [4]]
    assert pages[0].uris == ["a.md", "a2.md", "a3.md"]
    assert len(paginate([], 2, "a.md", lambda _n: "x")) == 1  # an empty list still has its page


def test_every_page_is_listed_once_and_only_lists_grow() -> None:
    small = Site.from_projects([_project(f"p{i}") for i in range(3)], Options(language="en", page_size=2))
    uris = [spec.uri for spec in small.pages()]
    assert len(uris) == len(set(uris))
    assert [s.uri for s in small.pages() if s.in_nav] == [
        "projects/index.md", "kinds/index.md", "phases/index.md", "stakeholders/index.md", "calls/index.md",
        "statistics/index.md", "propose/index.md", "glossary/index.md", "data/index.md"]
    assert "catalogue/2/index.md" in uris
    assert "catalogue/3/index.md" not in uris


def test_an_organisation_in_many_projects_gets_its_own_list() -> None:
    site = Site.from_projects([_project(f"p{i}") for i in range(8)], Options(language="en", facet_page_size=5))
    specs = {spec.uri: spec for spec in site.pages()}
    assert "stakeholders/community/paguyuban-warga-rt-03/index.md" in specs
    assert "stakeholders/community/paguyuban-warga-rt-03/2/index.md" in specs  # paginated: 5 + 3
    category = specs["stakeholders/community/index.md"].render()
    assert 'href="paguyuban-warga-rt-03/"' in category
    assert "All 8 projects of this party" in category
    few = Site.from_projects([_project(f"p{i}") for i in range(3)], Options(language="en"))
    assert not any("paguyuban" in spec.uri for spec in few.pages())  # all listed on the category page


def test_a_compact_entry_is_its_title_and_one_line() -> None:
    """On a facet value's list: the title, then the phase as a badge and the kind, status,
    place and parties in words; no separator is left for a place the record does not give."""
    t = Translator("en")
    for place in ("Kota Sukamaju", ""):
        site = Site.from_projects([_project()], Options(language="en"))  # a portal keeps each project's card
        entry = dataclasses.replace(site.catalog.projects[0], place=place)
        card = str(site.portal.card(entry, "catalogue/phase/x/index.md", compact=True))
        assert card.count("<p") == 1
        line = re.sub(r"<[^>]+>", "", card.split('<p class="cc-card__meta">')[1])
        words = [t.label("kind", entry.kind), t.label("status", entry.status), *([place] if place else [])]
        assert line.startswith(t.label("phase", entry.phase))
        assert " · ".join(words) in line
        assert "·  ·" not in line
        assert not re.search(r"· *(·|$)", line.strip())
    assert 'class="cc-badge cc-badge--phase' in card
    assert "cc-badge--kind" not in card
