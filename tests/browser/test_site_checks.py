"""The built demo portal as files: valid HTML (the Nu Html Checker), no broken internal
link, and a page-weight budget. No browser needed; vnu.jar needs Java.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import attr

from .support import LANGUAGES, PAGE_TYPES, unavailable, vnu_jar

KB = 1024

# ----- page weight ----------------------------------------------------------------------
# Measured on the demo portal (9 projects; mkdocs-material 9.8.2), Bahasa Indonesia / English:
#   largest project page HTML     35.7 KB             (peringatan-dini-banjir-cibening; 37.5 KB
#                                                       before the search box's filters left the
#                                                       page and Material's template was compacted)
#                                 45.2 KB             (the same page in English, with the city's
#                                                       channels beside its join form, the "ask or
#                                                       suggest" form and the footer: +7.7 KB, about
#                                                       1.5 KB compressed); 48.2 KB with the page
#                                                       in a reader's order (contents, folding)
#   catalogue index per project    497 B  /  502 B    (projects/index.json: 4.5 KB)
#   whole site                    3.48 MB             (4.89 MB before Material's unused search
#                                                       code was left out; Material's assets:
#                                                       1.4 MB, of which 1.1 MB are source maps)
PROJECT_PAGE_BUDGET = 52 * KB
"""A project page's HTML, Material's header, navigation and footer included."""
INDEX_PER_PROJECT_BUDGET = 560
"""Bytes per project in the catalogue's JSON index, which a visitor of the catalogue
downloads whole when JavaScript runs."""
SITE_BUDGET = 5 * 1024 * KB
"""The whole demo site: nine projects, their lists, data files, feeds and Material's assets."""


def _sizes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*") if p.is_file()}


@pytest.fixture(params=LANGUAGES)
def built(request: pytest.FixtureRequest, demo_site: Path, demo_site_en: Path) -> Path:
    return demo_site if request.param == "id" else demo_site_en


@pytest.fixture(params=(*LANGUAGES, "both"))
def every_site(request: pytest.FixtureRequest, demo_site: Path, demo_site_en: Path, demo_site_bilingual: Path) -> Path:
    """The demo in each language, and as published in both (its English tree under en/)."""
    return {"id": demo_site, "en": demo_site_en, "both": demo_site_bilingual}[request.param]


def test_project_pages_stay_under_budget(built: Path) -> None:
    pages = {p.parent.name: p.stat().st_size for p in (built / "projects").glob("*/index.html")}
    assert pages
    heaviest = max(pages, key=lambda name: pages[name])
    assert pages[heaviest] < PROJECT_PAGE_BUDGET, f"{heaviest}: {pages[heaviest] / KB:.1f} KB"


def test_catalogue_index_stays_under_budget_per_project(built: Path) -> None:
    index = built / "projects" / "index.json"
    count = len(json.loads(index.read_text("utf-8"))["projects"])
    per_project = index.stat().st_size / count
    assert per_project < INDEX_PER_PROJECT_BUDGET, f"{per_project:.0f} bytes per project"


def test_whole_site_stays_under_budget(built: Path) -> None:
    sizes = _sizes(built)
    total = sum(sizes.values())
    largest = sorted(sizes, key=lambda name: sizes[name], reverse=True)[:5]
    assert total < SITE_BUDGET, f"{total / 1024 / KB:.2f} MB; largest files: {largest}"


# ----- links --------------------------------------------------------------------------
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src",
                   "form": "action", "div": "data-texts"}  # the search box's words (cocreate-search.js)


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file a site-relative URL points to (and its fragment); None when it leaves the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    base = page.parent
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    file = ((site / path.lstrip("/")) if path.startswith("/") else (base / path)).resolve()
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, parts.fragment


def test_no_broken_internal_link(every_site: Path) -> None:
    site = every_site.resolve()
    ids: dict[Path, set[str]] = {}
    broken = []

    def ids_of(file: Path) -> set[str]:
        if file not in ids:
            doc = BeautifulSoup(file.read_text("utf-8"), "html.parser")
            ids[file] = {attr(t, "id") for t in doc.find_all(id=True)} | {attr(t, "name") for t in doc.find_all("a", attrs={"name": True})}
        return ids[file]

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    checked = 0
    for page in pages:
        doc = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in doc.find_all(tag, attrs={attribute: True}):
                url = str(element[attribute]).strip()
                target = _target(site, page, url)
                if target is None:
                    continue
                file, fragment = target
                checked += 1
                where = f"{page.relative_to(site)}: <{tag} {attribute}={url!r}>"
                if not file.is_relative_to(site):
                    broken.append(f"{where} leaves the site")
                elif not file.is_file():
                    broken.append(f"{where}: no {file.relative_to(site)}")
                elif fragment and file.suffix == ".html" and fragment not in ids_of(file):
                    broken.append(f"{where}: no #{fragment} in {file.relative_to(site)}")
    assert checked > 1000
    assert not broken, "\n".join(broken[:50])


# ----- valid HTML ---------------------------------------------------------------------
KNOWN_MATERIAL_ERRORS = {
    # Material's base.html puts autocomplete="off" on the two hidden checkboxes that open the
    # drawer and the search (so that browsers do not restore them on "back"). The checker
    # allows autocomplete only on text-like inputs. The markup is outside any template block
    # that a theme override could replace short of copying all of base.html; harmless.
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
}


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    java = shutil.which("java")
    jar = vnu_jar()
    if java is None:
        unavailable("Java not found, needed by the Nu Html Checker (apt-get install default-jre-headless)")
    if jar is None:
        unavailable("vnu.jar (the Nu Html Checker) not found (npm install --prefix ~/.cache/cocreate/vnu "
                    "--ignore-scripts vnu-jar, or set COCREATE_VNU_JAR)")
    # a short run: the quick JIT tier and the serial collector halve its time
    return [java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)]


def test_every_page_is_valid_html(every_site: Path, vnu: list[str]) -> None:
    """Every page of the site, with one page of each type at least (the rest are more of
    the same templates: facet lists, further catalogue pages, stakeholder categories); in
    a portal in both languages, every page of both trees."""
    built = every_site
    pages = sorted(str(p) for p in built.rglob("*.html"))
    assert all(str(built / path / "index.html") in pages for path in PAGE_TYPES.values())
    result = subprocess.run([*vnu, "--format", "json", "--exit-zero-always", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"]
    unexpected = [m for m in errors if not (m.get("message") in KNOWN_MATERIAL_ERRORS and 'class="md-toggle"' in m.get("extract", ""))]
    report = [f"{Path(urlsplit(m.get('url', '')).path).relative_to(built)}:{m.get('lastLine')}: {m['message']}"
              f"\n    {m.get('extract', '').strip()!r}" for m in unexpected[:30]]
    assert not unexpected, f"{len(unexpected)} errors:\n" + "\n".join(report)
