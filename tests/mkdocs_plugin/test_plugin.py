"""The MkDocs plugin, through real builds of real portals: pages, failure, languages, nav."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from cocreate.i18n.translator import Translator
from helpers import FIXTURES, PROJECTS, ROOT, attr, build, make_portal, one, parent

SLUGS = sorted(p.name for p in PROJECTS.iterdir() if (p / "project.yml").exists())
SECTIONS = ["now", "join", "about", "stakeholders", "history", "details"]
"""A project page's sections, in the order a reader asks (tests/mkdocs_plugin/test_project_page.py)."""
PARTS = ["phase", "openness", "timeline", "changes", "kind", "ownership", "trust", "record"]
"""The parts of those sections that every project page has."""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("slug", SLUGS)
def test_every_project_page_has_the_required_sections(demo_site: Path, slug: str) -> None:
    page = soup(demo_site / "projects" / slug / "index.html")
    article = page.select_one("article.cc-project")
    assert article is not None
    assert article["data-slug"] == slug
    dialogue = "dialogue:" in (PROJECTS / slug / "project.yml").read_text("utf-8")  # only where residents asked
    assert [s["id"] for s in article.select(":scope > section")] == \
        SECTIONS[:4] + ["dialogue"] * dialogue + SECTIONS[4:], slug
    for section in SECTIONS:
        assert article.select_one(f"section#{section} > details > summary > h2"), f"{slug}: no section {section}"
    for part in PARTS:
        assert article.select_one(f"section#{part} h3"), f"{slug}: no part {part}"
    steps = article.select("ol.cc-stepper > li")
    assert len(steps) == 3
    assert len(article.select('[aria-current="step"]')) == 1
    edit = one(article, ".cc-edit a")
    assert edit["href"] == f"https://github.com/cocreate-portal/demo/edit/main/projects/{slug}/project.yml"
    assert one(page, "title").text.strip().endswith("Portal Ko-kreasi Kota Sukamaju (contoh)")


def test_project_page_content_matches_the_file(demo_site: Path) -> None:
    page = soup(demo_site / "projects" / "taman-kota-hijau" / "index.html")
    assert one(page, "article h1").text == "Taman Kota Hijau Cikaret"
    current = one(page, '[aria-current="step"] .cc-step__name').text
    assert current == "Pemberdayaan"
    assert one(page, "#kind h3").text.endswith("Komunitas sehati")
    names = [one(li, ".cc-stakeholder__name strong").text for li in page.select("li.cc-stakeholder")]
    assert names == ["Dinas Lingkungan Hidup Kota Sukamaju", "Forum Warga RW 05 Cikaret",
                     "Program Studi Arsitektur Lanskap, Universitas Sukamaju"]  # by category order
    assert [t["datetime"] for t in page.select(".cc-timeline time")] == ["2024-02-01", "2024-04-20", "2024-07-15", "2025-01-10"]
    assert "CC-BY-4.0" in one(page, "#ownership").text
    assert page.select_one(".cc-example") is not None
    # the page's edit button (Material) opens the YAML too
    assert attr(one(page, "a.md-content__button"), "href").endswith("/edit/main/projects/taman-kota-hijau/project.yml")


def test_kinds_matrix_puts_each_project_in_its_cell(demo_site: Path) -> None:
    import yaml

    page = soup(demo_site / "kinds" / "index.html")
    kinds = {("open", "initiator"): "crowd", ("criteria", "initiator"): "club",
             ("criteria", "shared"): "coalition", ("open", "shared"): "community"}
    for slug in SLUGS:
        data = yaml.load((PROJECTS / slug / "project.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
        kind = kinds[(data["openness"]["level"], data["ownership"]["level"])]
        cells = [td["data-kind"] for td in page.select("td.cc-cell") if td.select_one(f'a[href="../projects/{slug}/"]')]
        assert cells == [kind], slug


def test_catalogue_index_matches_the_projects(demo_site: Path) -> None:
    index = json.loads((demo_site / "projects" / "index.json").read_text("utf-8"))
    rows = [dict(zip(index["fields"], row, strict=True)) for row in index["projects"]]
    assert sorted(r["slug"] for r in rows) == SLUGS
    catalogue = soup(demo_site / "projects" / "index.html")
    listed = {attr(a, "href").strip("/") for a in catalogue.select("ul.cc-cards .cc-card__title a")}
    assert listed == set(SLUGS)
    assert one(catalogue, "form.cc-filters")["data-index"] == "index.json"
    # the orders' dates: the first event of the timeline, the last day of an open call
    import yaml

    for row in rows:
        data = yaml.load((PROJECTS / row["slug"] / "project.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
        assert row["began"] == data["timeline"][0]["date"], row["slug"]  # the demo's are days
        assert row["closes"] == (data["seeking"]["closes"] if row["call"] else ""), row["slug"]
    assert any(row["closes"] for row in rows)
    assert not all(row["closes"] for row in rows)


def test_facet_pages_list_exactly_the_matching_projects(demo_site: Path) -> None:
    index = json.loads((demo_site / "projects" / "index.json").read_text("utf-8"))
    rows = [dict(zip(index["fields"], row, strict=True)) for row in index["projects"]]
    for phase in ("involvement", "curation", "empowerment"):
        page = soup(demo_site / "catalogue" / "phase" / phase / "index.html")
        listed = {attr(a, "href").rstrip("/").rsplit("/", 1)[-1] for a in page.select(".cc-card__title a")}
        assert listed == {r["slug"] for r in rows if r["phase"] == phase}
    category = soup(demo_site / "catalogue" / "category" / "investor" / "index.html")
    assert len(category.select(".cc-card")) == sum("investor" in r["categories"] for r in rows)


def test_lists_of_a_facet_value_do_not_repeat_the_project_pages_summaries(demo_site: Path) -> None:
    """The catalogue shows each project's summary once; the lists of a facet value show what
    picks a project (its title, phase, kind, status and place) and leave the summary to its page."""
    index = json.loads((demo_site / "projects" / "index.json").read_text("utf-8"))
    rows = {row[0]: dict(zip(index["fields"], row, strict=True)) for row in index["projects"]}
    catalogue = soup(demo_site / "projects" / "index.html")
    t = Translator("id")
    assert len(catalogue.select(".cc-card .cc-card__summary")) == len(catalogue.select(".cc-card")) == len(rows)
    for phase in ("involvement", "curation", "empowerment"):
        page = soup(demo_site / "catalogue" / "phase" / phase / "index.html")
        cards = page.select(".cc-card")
        assert cards
        assert not page.select(".cc-card__summary")
        for card in cards:
            row = rows[attr(one(card, ".cc-card__title a"), "href").rstrip("/").rsplit("/", 1)[-1]]
            assert card.select_one(f".cc-badge--phase.cc-badge--{phase}")
            meta = one(card, ".cc-card__meta").text  # the rest in one line of words
            assert t.label("kind", row["kind"]) in meta
            assert t.label("status", row["status"]) in meta
            assert row["location"] in meta
            assert row["summary"] not in page.text


def test_overview_pages_and_nav(demo_site: Path) -> None:
    for uri in ("projects", "kinds", "phases", "stakeholders", "statistics"):
        assert (demo_site / uri / "index.html").exists()
    page = soup(demo_site / "projects" / "taman-kota-hijau" / "index.html")
    nav = [a.text.strip() for a in page.select("nav.md-nav--primary > ul > li > a")]
    assert nav[:8] == ["Portal Ko-kreasi Kota Sukamaju", "Proyek", "Jenis ko-kreasi", "Papan fase",
                       "Pemangku kepentingan", "Panggilan terbuka", "Statistik", "Usulkan proyek"]
    assert nav[8:10] == ["Istilah", "Data terbuka"]
    assert len(nav) == 12  # the glossary, the data page and the two hand-written guides


def test_stakeholder_coverage_shows_missing_voices(demo_site: Path) -> None:
    page = soup(demo_site / "stakeholders" / "index.html")
    rows = page.select("table.cc-coverage tbody tr")
    assert len(rows) == 7
    assert all(len(r.select("td")) == 3 for r in rows)
    total = sum(int(td.text.split()[0]) for td in page.select("table.cc-coverage td"))
    assert total > 0
    assert len(page.select("td.cc-missing")) == sum(td.text.split()[0] == "0" for td in page.select("table.cc-coverage td"))


def test_statistics_are_inline_svg_with_text_alternatives(demo_site: Path) -> None:
    page = soup(demo_site / "statistics" / "index.html")
    charts = page.select("svg.cc-chart")
    assert [attr(c, "aria-labelledby").split()[0].removesuffix("-title") for c in charts] == [
        f"chart-{name}" for name in ("phase", "kind", "status", "approach", "category", "dimension", "phase-quarters",
                                     "joined", "principles", "calls", "dialogue")]
    for chart in charts:
        assert chart["role"] == "img"
        assert one(chart, "title").text
        assert one(chart, "desc").text
        figure = parent(chart, "section", class_="cc-figure")
        # a visible title, and the same numbers as a table
        assert one(figure, "h3").text == one(chart, "title").text
        table = one(figure, "details table")
        labels = [t.text for t in chart.select("text.cc-chart__label")]
        assert [th.text for th in table.select("tbody th")] == labels
        sums = [td.text for td in table.select("tbody tr td:last-child")]
        assert sums == [t.text for t in chart.select("text.cc-chart__value")]
    assert "http" not in "".join(str(c) for c in charts).replace("http://www.w3.org/2000/svg", "")


def test_english_portal(demo_site_en: Path) -> None:
    page = soup(demo_site_en / "projects" / "taman-kota-hijau" / "index.html")
    assert one(page, "html")["lang"] == "en"
    assert one(page, "article h1").text == "Cikaret Green City Park"
    assert one(page, '[aria-current="step"] .cc-step__name').text == "Empowerment"
    assert one(page, "#join-h").text == "How to take part"
    assert one(page, "#openness-h").text == "Who can join"
    catalogue = soup(demo_site_en / "projects" / "index.html")
    assert one(catalogue, "h1").text == "Projects"


def test_single_language_text_falls_back(tmp_path: Path, minimal_text: str) -> None:
    projects = tmp_path / "src"
    (projects / "bank-sampah").mkdir(parents=True)
    (projects / "bank-sampah" / "project.yml").write_text(minimal_text, "utf-8")
    site = build(make_portal(tmp_path / "portal", projects, language="en"))
    page = soup(site / "projects" / "bank-sampah" / "index.html")
    assert one(page, "article h1").text == "Bank Sampah RT 03"  # only Indonesian given
    assert one(page, "#join-h").text == "How to take part"
    assert one(page, "#openness-h").text == "Who can join"


def test_invalid_project_fails_the_build_with_validate_errors(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    projects = tmp_path / "src"
    shutil.copytree(PROJECTS, projects)
    bad = projects / "taman-kota-hijau" / "project.yml"
    bad.write_text(bad.read_text("utf-8").replace("category: academia", "category: academic"), "utf-8")
    config_file = make_portal(tmp_path / "portal", projects)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config_file)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("projects/taman-kota-hijau/project.yml:" in e and "error[invalid-value]: stakeholders[2].category" in e
               for e in errors), errors
    site = tmp_path / "portal" / "site"
    assert not (site / "projects").exists()
    assert not (site / "index.html").exists()


def test_hostile_markdown_fails_validation_in_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    projects = tmp_path / "src"
    (projects / "jahat").mkdir(parents=True)
    (projects / "jahat" / "project.yml").write_bytes((FIXTURES / "invalid" / "description_unsafe-markup.yml").read_bytes())
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(make_portal(tmp_path / "portal", projects))
    assert any("error[unsafe-markup]" in r.getMessage() for r in caplog.records)


def test_pagination_and_nav_do_not_grow_with_projects(tmp_path: Path) -> None:
    projects = tmp_path / "src"
    for i in range(6):
        for demo in PROJECTS.iterdir():
            if (demo / "project.yml").exists():
                shutil.copytree(demo, projects / f"{demo.name}-{i}")
    site = build(make_portal(tmp_path / "portal", projects, extra=""), )
    first = soup(site / "projects" / "index.html")
    assert len(first.select(".cc-card")) == 48
    assert (site / "catalogue" / "2" / "index.html").exists()
    second = soup(site / "catalogue" / "2" / "index.html")
    assert len(second.select(".cc-card")) == 6
    assert one(second, 'a[rel="prev"]')["href"] == "../../projects/"
    nav = soup(site / "projects" / "taman-kota-hijau-0" / "index.html").select("nav.md-nav--primary a.md-nav__link")
    demo_nav = soup(build(make_portal(tmp_path / "small"), ) / "projects" / "taman-kota-hijau" / "index.html") \
        .select("nav.md-nav--primary a.md-nav__link")
    assert len(nav) == len(demo_nav)


def test_serve_watches_the_projects_folder(tmp_path: Path) -> None:
    config_file = make_portal(tmp_path)
    config = load_config(str(config_file))
    config.plugins.on_config(config)
    assert str((tmp_path / "projects").resolve()) in config.watch


def test_generated_pages_never_become_files_in_the_docs_folder(demo_site: Path) -> None:
    docs = demo_site.parent / "content"
    assert not (docs / "projects").exists()
    assert not (docs / "kinds").exists()


def test_publishing_is_atomic(tmp_path: Path) -> None:
    projects = tmp_path / "src"
    shutil.copytree(PROJECTS, projects)
    config_file = make_portal(tmp_path / "portal", projects)
    site = build(config_file)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert (site / "projects" / "taman-kota-hijau" / "index.html").exists()
    # a later change breaks one project: the build fails and the published site is untouched
    bad = tmp_path / "portal" / "projects" / "taman-kota-hijau" / "project.yml"
    bad.write_text(bad.read_text("utf-8").replace("phase: empowerment\n", "phase: nonsense\n", 1), "utf-8")
    with pytest.raises(Abort):
        build(config_file)
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site")) == []
    # a good build replaces the site as a whole: a removed project's page is gone
    shutil.rmtree(tmp_path / "portal" / "projects" / "taman-kota-hijau")
    build(config_file)
    assert not (site / "projects" / "taman-kota-hijau").exists()
    assert (site / "index.html").exists()
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site")) == []


def test_a_strict_build_that_fails_for_warnings_publishes_nothing(tmp_path: Path) -> None:
    config_file = make_portal(tmp_path / "portal")
    site = build(config_file)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    page = tmp_path / "portal" / "content" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n[broken](nowhere.md)\n", "utf-8")
    with pytest.raises(Abort, match="strict mode"):
        build(config_file)
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site")) == []
    build(config_file, strict=False)  # the same warning without strict mode: published
    assert "nowhere" in (site / "index.html").read_text("utf-8")



@pytest.mark.parametrize(("docs_file", "generated"), [
    ("feed.xml", "feed.xml"),
    ("data/datapackage.json", "data/datapackage.json"),
    ("data/stakeholders.csv", "data/stakeholders.csv"),
    ("schema/project-1.json", "schema/project-1.json"),
    ("projects/index.json", "projects/index.json"),
    ("projects/bank-sampah/feed.xml", "projects/bank-sampah/feed.xml"),
    ("assets/cocreate/cocreate.css", "assets/cocreate/cocreate.css"),
    ("projects/index.md", "projects/index.html"),  # a generated page
    ("statistics.md", "statistics/index.html"),  # a page at a generated page's address
    ("feed.xml/index.md", "feed.xml"),  # a page inside a file cocreate writes
    ("pagefind/pagefind.js", "pagefind"),  # the search index: Pagefind writes the whole folder anew
])
def test_a_docs_file_at_a_generated_path_fails_the_build(tmp_path: Path, minimal_text: str, caplog: pytest.LogCaptureFixture,
                                                         docs_file: str, generated: str) -> None:
    projects = tmp_path / "src"
    (projects / "bank-sampah").mkdir(parents=True)
    (projects / "bank-sampah" / "project.yml").write_text(minimal_text, "utf-8")
    config_file = make_portal(tmp_path / "portal", projects)
    site = build(config_file)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert (site / generated).exists()
    (tmp_path / "portal" / "content" / docs_file).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "portal" / "content" / docs_file).write_text("hand-written\n", "utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config_file)
    errors = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert f"content/{docs_file} (cocreate writes {generated}: " in errors, errors
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_docs_file_where_cocreate_writes_a_folder_fails_the_build(tmp_path: Path, minimal_text: str, caplog: pytest.LogCaptureFixture) -> None:
    projects = tmp_path / "src"
    (projects / "bank-sampah").mkdir(parents=True)
    (projects / "bank-sampah" / "project.yml").write_text(minimal_text, "utf-8")
    config_file = make_portal(tmp_path / "portal", projects)
    (tmp_path / "portal" / "content" / "schema").write_text("a file where a folder must go\n", "utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config_file)
    assert any("content/schema (cocreate writes files in schema/: the JSON Schema of the project standard)"
               in r.getMessage() for r in caplog.records)


def test_control_characters_written_as_escapes_never_reach_the_pages_feeds_or_tables(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # regression: "\e", "\x01", "\x9b" or "\uFFFE" in quotes passed validation and reached the
    # HTML and the CSV, and made feed.xml ill-formed for every subscriber
    text = (FIXTURES / "valid" / "minimal.yml").read_text("utf-8")
    hostile = {"title: Bank Sampah RT 03": 'title: "Bank Sampah \\e]52;c;aGk=\\a RT 03"',
               "  - name: Paguyuban Warga RT 03": '  - name: "Paguyuban \\x01Warga \\x9b2J RT 03"',
               "    title: Rapat warga pertama": '    title: "Rapat warga\\uFFFE pertama"',
               "description: Warga menimbang, mencatat dan menjual sampah terpilah setiap Minggu.":
               'description: "Warga\\u200B menimbang\\0"'}
    for old, new in hostile.items():
        assert old in text, old
        text = text.replace(old, new)
    projects = tmp_path / "src"
    (projects / "bank-sampah").mkdir(parents=True)
    (projects / "bank-sampah" / "project.yml").write_text(text, "utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(make_portal(tmp_path / "portal", projects))
    errors = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    for where in ("error[control-character]: title", "error[control-character]: stakeholders[0].name",
                  "error[noncharacter]: timeline[0].title", "error[invisible-character]: description"):
        assert where in errors, errors
    assert "\x1b" not in errors
    assert "\x9b" not in errors
    assert not (tmp_path / "portal" / "site").exists()  # no page, feed or table was written


def test_a_theme_s_custom_dir_overrides_cocreate_s_templates(tmp_path: Path, minimal_text: str) -> None:
    """A portal replaces any of cocreate's templates as Material's are replaced: a file of
    the same name in `custom_dir/cocreate/` (the project page's and the lists' included)."""
    projects = tmp_path / "src"
    (projects / "bank-sampah").mkdir(parents=True)
    (projects / "bank-sampah" / "project.yml").write_text(minimal_text, "utf-8")
    config_file = make_portal(tmp_path / "portal", projects)
    config_file.write_text(config_file.read_text("utf-8").replace("  name: material\n",
                                                                  "  name: material\n  custom_dir: overrides\n"), "utf-8")
    overrides = tmp_path / "portal" / "overrides" / "cocreate"
    overrides.mkdir(parents=True)
    (overrides / "data.html").write_text('<div class="cc">Data kota {{ portal.catalog.projects|length }} {{ page.uri }}</div>\n', "utf-8")
    (overrides / "_macros.html").write_text(
        (ROOT / "plugins" / "cocreate" / "portal" / "templates" / "_macros.html").read_text("utf-8")
        .replace('<li class="cc-card{%', '<li class="cc-card cc-card--kota{%'), "utf-8")
    site = build(config_file)
    assert "Data kota 1 data/index.md" in (site / "data" / "index.html").read_text("utf-8")
    assert 'class="cc-card cc-card--kota"' in (site / "projects" / "index.html").read_text("utf-8")
    assert 'class="cc cc-project"' in (site / "projects" / "bank-sampah" / "index.html").read_text("utf-8")


def test_tags_and_places_of_one_project_share_a_page(demo_site: Path) -> None:
    """Each tag (and place) that one project has is a line of one page, not a page of its own;
    the project page links to that line."""
    projects = {p.name: yaml_tags(p / "project.yml") for p in PROJECTS.iterdir() if (p / "project.yml").exists()}
    uses: dict[str, list[str]] = {}
    for slug, tags in projects.items():
        for tag in tags:
            uses.setdefault(tag, []).append(slug)
    once = {tag: slugs[0] for tag, slugs in uses.items() if len(slugs) == 1}
    assert once  # (in the demo, every tag is one project's)
    shared = soup(demo_site / "catalogue" / "tag" / "_once" / "index.html")
    lines = {dt["id"]: attr(one(dd, "a"), "href") for dt in shared.select("dl.cc-once dt")
             if isinstance(dd := dt.find_next_sibling("dd"), Tag)}
    assert len(lines) == len(shared.select("dl.cc-once dt"))  # every term has its line
    assert lines == {tag: f"../../../projects/{slug}/" for tag, slug in once.items()}
    for tag, slugs in uses.items():
        assert (demo_site / "catalogue" / "tag" / tag / "index.html").exists() == (len(slugs) > 1), tag
    for tag, slug in once.items():
        page = soup(demo_site / "projects" / slug / "index.html")
        (link,) = [a for a in page.select("a.cc-tag") if a.string == f"#{tag}"]
        assert link["href"] == f"../../catalogue/tag/_once/#{tag}"


def yaml_tags(path: Path) -> list[str]:
    import yaml

    return list(yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader).get("tags", []))


def test_a_page_loads_the_portal_s_scripts_of_the_forms_it_holds_only(demo_site_bilingual: Path) -> None:
    """catalogue.js, propose.js, join.js and channels.js each work on one kind of form, fold.js on a project page's
    folding sections: a page loads those of what it holds, and a first visit does not pay for
    the others (7 KB compressed)."""
    forms = {"catalogue.js": "form.cc-filters", "propose.js": "form.cc-propose-form", "join.js": "form.cc-join-form",
             "fold.js": "details.cc-fold", "channels.js": ".cc-channels, form.cc-channels-form"}
    loaded: dict[str, int] = dict.fromkeys(forms, 0)
    pages = 0
    for path in demo_site_bilingual.rglob("*.html"):
        page = soup(path)
        if page.find("html") is None or path.parent.name == "pagefind":
            continue
        pages += 1
        scripts = [attr(s, "src").rsplit("/", 1)[-1] for s in page.select("script[src*='assets/cocreate/']")]
        assert sorted(scripts) == sorted(name for name, form in forms.items() if page.select_one(form)), path
        for script in page.select("script[src*='assets/cocreate/']"):
            assert (path.parent / attr(script, "src")).resolve().is_file(), (path, attr(script, "src"))
        for name in scripts:
            loaded[name] += 1
    home = soup(demo_site_bilingual / "index.html")
    assert not home.select("script[src*='assets/cocreate/']")
    assert pages > 100, loaded
    assert loaded["propose.js"] == 2, loaded
    assert loaded["catalogue.js"] >= 2, loaded
    assert loaded["join.js"] >= 2, loaded
    assert loaded["fold.js"] == 2 * len(SLUGS), loaded
