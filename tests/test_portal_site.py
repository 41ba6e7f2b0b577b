"""The portal core without MkDocs: links, pagination, and sanitizing even unvalidated data."""

from __future__ import annotations

import copy

from cocreate.loader import load_text
from cocreate.portal.catalog import Catalog, Project
from cocreate.portal.i18n import Translator
from cocreate.portal.site import Options, Site, paginate, safe_title

from conftest import FIXTURES, assert_inert

XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'><svg onload=alert(3)>'


def _project(slug: str = "bank", data: dict | None = None, language: str = "id") -> Project:
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
    site = Site(Catalog([_project(data=hostile)], Translator("id")), Options(repo_url="https://github.com/o/r"))
    for spec in site.pages():
        assert_inert(spec.render(), spec.uri)
    assert "<" not in safe_title(XSS) and ">" not in safe_title(XSS) and '"' not in safe_title(XSS)


def test_relative_links_with_and_without_directory_urls() -> None:
    site = Site(Catalog([], Translator("id")), Options())
    assert site.url("catalogue/2/index.md", "projects/index.md") == "../../projects/"
    assert site.url("projects/a/index.md", "projects/index.json") == "../index.json"
    assert site.url("kinds/index.md", "kinds/index.md") == "./"
    flat = Site(Catalog([], Translator("id")), Options(directory_urls=False))
    assert flat.url("catalogue/2/index.md", "projects/index.md") == "../../projects/index.html"


def test_paginate() -> None:
    pages = paginate(list(range(5)), 2, "a.md", lambda n: f"a{n}.md")
    assert [p.items for p in pages] == [[0, 1], [2, 3], [4]]
    assert pages[0].uris == ["a.md", "a2.md", "a3.md"]
    assert len(paginate([], 2, "a.md", lambda n: "x")) == 1  # an empty list still has its page


def test_every_page_is_listed_once_and_only_lists_grow() -> None:
    small = Site(Catalog([_project(f"p{i}") for i in range(3)], Translator("en")), Options(page_size=2))
    uris = [spec.uri for spec in small.pages()]
    assert len(uris) == len(set(uris))
    assert [s.uri for s in small.pages() if s.in_nav] == [
        "projects/index.md", "kinds/index.md", "phases/index.md", "stakeholders/index.md", "statistics/index.md",
        "propose/index.md", "data/index.md"]
    assert "catalogue/2/index.md" in uris and "catalogue/3/index.md" not in uris


def test_an_organisation_in_many_projects_gets_its_own_list() -> None:
    site = Site(Catalog([_project(f"p{i}") for i in range(8)], Translator("en")), Options(facet_page_size=5))
    specs = {spec.uri: spec for spec in site.pages()}
    assert "stakeholders/community/paguyuban-warga-rt-03/index.md" in specs
    assert "stakeholders/community/paguyuban-warga-rt-03/2/index.md" in specs  # paginated: 5 + 3
    category = specs["stakeholders/community/index.md"].render()
    assert 'href="paguyuban-warga-rt-03/"' in category and "All 8 projects of this party" in category
    few = Site(Catalog([_project(f"p{i}") for i in range(3)], Translator("en")), Options())
    assert not any("paguyuban" in spec.uri for spec in few.pages())  # all listed on the category page
