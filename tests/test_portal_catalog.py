"""The portal model: facets, organisations, coverage."""

from __future__ import annotations

from cocreate.portal.catalog import Catalog, slugify
from cocreate.portal.i18n import Translator
from cocreate.validate import validate_paths

from conftest import PROJECTS


def _catalog(language: str = "id") -> Catalog:
    from cocreate.portal.catalog import Project

    t = Translator(language)
    report = validate_paths([PROJECTS])
    return Catalog([Project(r.source.slug, r.data, "x", t) for r in report.projects], t)


def test_facets_cover_every_project_once_per_single_valued_facet() -> None:
    catalog = _catalog()
    for facet in ("phase", "kind", "openness", "ownership", "status", "approach", "location"):
        assert sum(len(fv.projects) for fv in catalog.facets[facet]) == len(catalog.projects), facet
    assert [fv.value for fv in catalog.facets["phase"]] == ["involvement", "curation", "empowerment"]
    assert {fv.value for fv in catalog.facets["kind"]} == {"crowd", "club", "coalition", "community"}


def test_organisations_are_merged_by_name_and_category() -> None:
    catalog = _catalog()
    names = [org.name.casefold() for orgs in catalog.organisations.values() for org in orgs]
    assert len(names) == len(set(names)) or len(names) >= len(set(names))
    total_roles = sum(len(org.roles) for orgs in catalog.organisations.values() for org in orgs)
    assert total_roles == sum(len(p.data["stakeholders"]) for p in catalog.projects)


def test_coverage_counts_projects_per_category_and_phase() -> None:
    catalog = _catalog()
    for category, row in catalog.coverage.items():
        assert sum(row.values()) == sum(category in p.categories for p in catalog.projects)


def test_demo_covers_the_vocabulary() -> None:
    catalog = _catalog()
    assert len(catalog.facets["category"]) == 7
    assert {fv.value for fv in catalog.facets["approach"]} >= {"top-down", "bottom-up"}
    assert len(catalog.facets["phase"]) == 3


def test_slugify() -> None:
    assert slugify("Kota Sukamaju") == "kota-sukamaju"
    assert slugify("Café & Ürün") == "cafe-urun"
    assert slugify("!!!") == "x"
