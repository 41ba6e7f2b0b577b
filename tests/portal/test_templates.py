"""The portal's templates and what they are given: each kind of page its own typed object
(`portal/context.py`) beside `portal` (`portal/templating.py`), and never a project's raw
record."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Undefined
from jinja2.utils import missing

from cocreate.git.changes import Change
from cocreate.git.history import Event
from cocreate.i18n.translator import Translator
from cocreate.portal import context, datapackage, urls
from cocreate.portal.catalog import Catalog
from cocreate.portal.channels import Channels
from cocreate.portal.context import Page
from cocreate.portal.figures import sections
from cocreate.portal.glossary import glossary
from cocreate.portal.listing import paginate
from cocreate.portal.options import Options
from cocreate.portal.project import Project
from cocreate.portal.templating import Portal
from cocreate.standard.loader import load_text
from helpers import DEMO_DAY, FIXTURES, PROJECTS, ROOT

TEMPLATES = ROOT / "plugins" / "cocreate" / "portal" / "templates"
PARTS = {"_macros.html", "_dialogue.html", "join.html"}
"""Templates that the pages' templates import or include, never a page's own."""

_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_STRING = re.compile(r"\"[^\"]*\"|'[^']*'")
_RAW = re.compile(r"\.data\b|\bdata\s*\[|\[\s*[\"']data[\"']\s*\]|attr\(\s*[\"']data[\"']")


def _blank(string: re.Match[str]) -> str:
    return string.group(0) if string.group(0)[1:-1] == "data" else '""'


def raw_reads(template: str) -> list[str]:
    """Where a template's code reads a record's raw data (`project.data`, `data[...]`): its
    expressions and statements, without their string literals (`"data.title"` is a key of
    the locales, `data-x` an attribute)."""
    template = re.sub(r"\{#.*?#\}", "", template, flags=re.DOTALL)
    found = []
    for code in _CODE.findall(template):
        found += [f"{m.group(0)} in {code}" for m in _RAW.finditer(_STRING.sub(_blank, code))]
    return found


def test_templates_never_read_a_project_s_raw_record() -> None:
    assert raw_reads("{% set d = page.project.data %}")
    assert raw_reads('{{ project["data"].title }}')
    assert raw_reads("{{ x.data['title'] }}")
    assert raw_reads("{% for t in data[0] %}{% endfor %}")
    assert raw_reads("{{ project|attr('data') }}")
    assert not raw_reads('<p class="cc-data" data-x="1">{{ page.link(portal.urls.data_file("data.csv")) }}'
                         '{{ portal.translate("data.title") }} {{ portal.urls.DATA_PAGE }}</p>{# .data #}')
    found = {path.name: raw_reads(path.read_text("utf-8")) for path in sorted(TEMPLATES.glob("*.html"))}
    assert len(found) > 10
    assert not {name: reads for name, reads in found.items() if reads}


class StrictOnTyped(Undefined):
    """Strict where a template reads a name or a typed object (the page, the portal, a
    `Project`, its parts): one it does not have fails; lenient on a mapping (a field of a
    Table Schema on the data page), whose optional keys a template tests."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                 exc: type[Exception] = Exception) -> None:  # noqa: ARG002 (Jinja's signature; this one raises its own error)
        super().__init__(hint, obj, name)
        if name is not None and not isinstance(obj, Mapping):
            self._fail_with_undefined_error()


def _projects(t: Translator) -> list[Project]:
    """The demo's projects, one that records little (`not-recorded`), and one that publishes
    tables and was imported from a list, each with a history longer than a page shows."""
    history = [Event(f"p{n}", f"{n:040x}", 1_700_000_000 + n * 86_400, n or None,
                     (Change("p", "status-changed", {"old": "planned", "new": "active"}),), n)
               for n in range(context.HISTORY_SHOWN + 2)][::-1]
    files = [*sorted(PROJECTS.glob("*/project.yml")), FIXTURES / "unrecorded" / "project.yml"]
    records = [load_text(file.read_bytes(), str(file)).data for file in files]
    published = copy.deepcopy(records[0])  # a project that publishes tables, imported from a list
    published["data"] = [{"name": "pickups", "title": {"id": "Penjemputan", "en": "Pickups"}, "path": "pickups.csv",
                          "schema": "pickups.schema.json", "description": "Satu baris per penjemputan."}]
    published["source"] = {"url": "https://data.example/list", "license": "CC-BY-4.0", "record_id": "R-7",
                           "documented_by": "Dinas LH", "imported": "2026-10-01"}
    return [Project(f"p{n}", data, f"projects/p{n}/project.yml", t, last_changed="2026-11-30", history=history,
                    today=DEMO_DAY)
            for n, data in enumerate([*records, published])]


def _pages(portal: Portal, projects: list[Project]) -> list[Page]:
    """One page of each kind, made as `Site` makes it."""
    catalog, t = portal.catalog, portal.translate
    listing = paginate(catalog.projects, 4, urls.catalogue(), urls.catalogue)[1]
    tag = catalog.facets["kind"][0]
    once = paginate(portal.once["tag"], 4, urls.facet_once("tag"), lambda n: urls.facet_once("tag", n))[0]
    calls = paginate(catalog.open_calls, 4, urls.calls(), urls.calls)[0]
    organisations = paginate(catalog.organisations["community"], 4, urls.category("community"),
                             lambda n: urls.category("community", n))[0]
    return [
        *(context.ProjectPage(uri=project.uri, title=project.title, portal=portal, project=project)
          for project in projects),
        context.CataloguePage(uri=listing.uri, title="Katalog 2", portal=portal, listing=listing),
        context.CataloguePage(uri=urls.facet("kind", tag.slug), title="Jenis", portal=portal,
                              listing=paginate(tag.projects, 4, urls.facet("kind", tag.slug), urls.catalogue)[0],
                              facet_value=tag),
        context.FacetOncePage(uri=once.uri, title="Tagar", portal=portal, listing=once),
        context.CallsPage(uri=calls.uri, title="Panggilan", portal=portal, listing=calls),
        context.CallsPage(uri=urls.calls_seeking("community"), title="Panggilan komunitas", portal=portal,
                          listing=calls, category="community"),
        context.StakeholderListPage(uri=organisations.uri, title="Komunitas", portal=portal,
                                    listing=organisations, category="community"),
        context.KindsPage(uri=urls.KINDS, title="Jenis", portal=portal),
        context.PhasesPage(uri=urls.PHASES, title="Tahap", portal=portal),
        context.StakeholdersPage(uri=urls.STAKEHOLDERS, title="Pemangku", portal=portal),
        context.StatisticsPage(uri=urls.STATISTICS, title="Statistik", portal=portal,
                               sections=sections(catalog, t), built=t.day(DEMO_DAY)),
        context.ProposePage(uri=urls.PROPOSE, title="Usulkan", portal=portal, messages="{}", rules="{}",
                            url_limit=6144, slug_pattern="[a-z0-9-]+"),
        context.GlossaryPage(uri=urls.GLOSSARY, title="Istilah", portal=portal, groups=glossary(t)),
        context.DataPage(uri=urls.DATA_PAGE, title="Data", portal=portal, tables=datapackage.TABLES),
        context.HomePage(uri=urls.HOME, title="", portal=portal, recent=[],
                         calls=catalog.open_calls[:3]),
    ]


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_kind_of_page_renders_its_template_with_its_typed_page(language: str) -> None:
    """Each template renders with its page's typed object, strictly: a name the object does
    not have (a misspelt field, a value of another kind of page, a global templates had
    before) fails here instead of printing nothing."""
    t = Translator(language)
    projects = _projects(t)
    channels = Channels(email="warga@sukamaju.example", whatsapp="+62 812 0000 0000", office_address="Jl. Merdeka 1",
                        response_days=5)
    options = Options(language=language, repo_url="https://github.com/kota/portal", site_url="https://kota.example/",
                      channels=channels)
    portal = Portal(Catalog([p.entry() for p in projects], t), options, t)
    portal.environment.undefined = StrictOnTyped
    kinds = {cls for cls in vars(context).values() if isinstance(cls, type) and issubclass(cls, Page) and cls is not Page}
    pages = _pages(portal, projects)
    assert {type(page) for page in pages} == kinds  # one of each kind
    templates = {path.name for path in TEMPLATES.glob("*.html")} - PARTS
    assert {kind.template for kind in kinds} == templates  # every page's template has its kind
    for page in pages:
        html = portal.render(page)
        assert html.strip(), page.template
        if page.title:
            assert f"<h1>{page.title}</h1>" in html or page.template == "project.html", page.template
    project = pages[len(projects) - 1]  # the one that publishes tables
    assert isinstance(project, context.ProjectPage)
    html = portal.render(project)
    assert f'href="{project.link(urls.project_table(project.project.slug, "pickups.csv"))}"' in html
    assert '<code>R-7</code>' in html
    assert 'datetime="2026-10-01"' in html
    assert len(re.findall(r'<ol class="cc-history">.*?</ol>', html, re.DOTALL)[0].split("<li>")) == \
        context.HISTORY_SHOWN + 1
    assert f'href="{project.history_all}"' in html
    assert project.history_all is not None
    assert 'href="https://github.com/kota/portal/issues/new?' in html
    assert 'mailto:warga@sukamaju.example' in html


def test_a_portal_s_own_template_is_given_the_same_page(tmp_path: Path) -> None:
    """A template in a portal's `custom_dir/cocreate/` replaces cocreate's, and is given the
    same `page` and `portal`."""
    (tmp_path / "kinds.html").write_text("{{ page.title }} · {{ page.link(portal.urls.PHASES) }} · "
                                         "{{ portal.translate.label('phase', 'curation') }}", "utf-8")
    t = Translator("en")
    portal = Portal(Catalog([], t), Options(language="en", template_dirs=(str(tmp_path),)), t)
    html = portal.render(context.KindsPage(uri=urls.KINDS, title="Kinds", portal=portal))
    assert html == f"Kinds · ../phases/ · {t.label('phase', 'curation')}"
