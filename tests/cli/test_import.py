"""`cocreate import`: an existing list as project folders, by a mapping; and the Open
Government Partnership example, imported and built strictly."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.cli.mapping import shorten
from cocreate.standard.loader import load_text
from helpers import ROOT, build, make_portal

OGP_TABLE = ROOT.parent / "shared" / "realdata" / "ogp_open_parliament_commitments_g0v.csv"
OGP_MAPPING = ROOT / "examples" / "ogp" / "mapping.yml"
OGP_SAMPLE = ROOT / "tests" / "fixtures" / "import" / "ogp_sample.csv"
"""Made-up rows shaped like the OGP table, one for each case its mapping decides."""

MAPPING = """\
language: en
empty: ["NA"]
on_personal_data: remove
slug: "{Code|lower}-{Name|slug}"
maps:
  status: {Done: completed, Running: active, "*": not-recorded}
countries: {"Republic of Korea": KR}
source:
  url: https://cities.example/list.csv
  license: CC-BY-4.0
  record_id: "{Code}"
  documented_by: Example Cities Network
project:
  title: "{Name|shorten:150}"
  summary:
    value: "{Summary}"
    default: "{Name}"
  description: "{Text}"
  status:
    value: "{State|map:status}"
    default: not-recorded
  phase: not-recorded
  start_date: "{Start|date:%m/%d/%Y,%B %Y|month}"
  location:
    scope: national
    country: "{Country|country}"
  openness: {level: not-recorded}
  ownership: {level: not-recorded}
  stakeholders:
    - name: "{Lead}"
      category: not-recorded
      role: initiator
      contributes: not-recorded
      benefit: not-recorded
    - name: "{Partner}"
      category: other
      role: partner
      contributes: not-recorded
      benefit: not-recorded
  timeline:
    - date: "{Start|date:%m/%d/%Y,%B %Y|month}"
      phase: not-recorded
      activity: not-recorded
      title: Starts
    - date: "{End|date:%m/%d/%Y,%B %Y|quarter|past}"
      phase: not-recorded
      activity: not-recorded
      title: Ends
  trust: not-recorded
"""

ROWS = [
    {"Code": "UY01", "Name": "Open\tbudget", "Summary": "NA", "Text": "Publish the budget.\r\n\r\nEvery year.",
     "State": "Done", "Start": "9/1/2018", "End": "12/31/2019", "Country": "Uruguay", "Lead": "Ministry",
     "Partner": "NA"},
    {"Code": "KR02", "Name": "Open\u200b data", "Summary": "Data portal", "Text": "Contact info@minis.example or "
     "+82 2 1234 5678.", "State": "Limited", "Start": "August 2014", "End": "12/31/2099", "Country":
     "Republic of Korea", "Lead": "Office", "Partner": "OGP"},
    {"Code": "XX03", "Name": "No lead", "Summary": "NA", "Text": "Nobody leads it.", "State": "NA", "Start": "NA",
     "End": "NA", "Country": "Atlantis", "Lead": "NA", "Partner": "NA"},
]


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = make_portal(tmp_path / "portal", projects=None)
    config.write_text(config.read_text("utf-8").replace("      country: ID\n", ""), "utf-8")
    monkeypatch.chdir(config.parent)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 30, tzinfo=dt.UTC).timestamp())))
    (tmp_path / "mapping.yml").write_text(MAPPING, "utf-8")
    return config.parent


def table(folder: Path, form: str) -> Path:
    """The rows as a CSV file, a JSON list or a spreadsheet."""
    path = folder / f"list.{form}"
    columns = list(ROWS[0])
    if form == "json":
        path.write_text(json.dumps(ROWS), "utf-8")
    elif form == "csv":
        import csv

        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(ROWS)
    else:
        from frictionless.resources import TableResource

        TableResource(data=[columns, *([row[c] for c in columns] for row in ROWS)]).write(str(path))
    return path


def run(*args: str) -> tuple[int, str, str]:
    """`cocreate import` in the portal (the current folder)."""
    result = CliRunner().invoke(cli, ["import", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("form", ["csv", "json", "xlsx", "ods"])
def test_rows_become_projects_with_their_provenance(portal: Path, form: str) -> None:
    code, out, err = run(str(table(portal.parent, form)), "--mapping", str(portal.parent / "mapping.yml"))
    assert code == 1  # a row could not become a project
    assert "row 4 (xx03-no-lead): too-few-items: stakeholders" in err
    written = sorted(p.parent.name for p in (portal / "projects").glob("*/project.yml"))
    assert written == ["kr02-open-data", "uy01-open-budget"]
    data = load_text((portal / "projects" / "uy01-open-budget" / "project.yml").read_bytes(), "p.yml").data
    assert data["title"] == {"en": "Open budget"}  # a tab in a title is a space
    assert data["summary"] == {"en": "Open budget"}  # the default, from another column
    assert data["description"] == {"en": "Publish the budget.\n\nEvery year."}
    assert data["status"] == "completed"
    assert data["start_date"] == "2018-09"
    assert data["location"] == {"scope": "national", "country": "UY"}
    assert [e["date"] for e in data["timeline"]] == ["2018-09", "2019-Q4"]
    assert [s["name"] for s in data["stakeholders"]] == ["Ministry"]  # no partner recorded: no item
    assert data["source"] == {"url": "https://cities.example/list.csv", "license": "CC-BY-4.0", "record_id": "UY01",
                              "documented_by": "Example Cities Network", "imported": "2026-11-30"}
    korea = load_text((portal / "projects" / "kr02-open-data" / "project.yml").read_bytes(), "p.yml").data
    assert korea["title"] == {"en": "Open data"}
    assert korea["status"] == "not-recorded"
    assert korea["location"]["country"] == "KR"
    assert [e["date"] for e in korea["timeline"]] == ["2014-08"]
    assert "1 row(s) could not become a valid project" in out


def test_personal_data_refuses_a_row_unless_the_mapping_removes_it(portal: Path) -> None:
    rows, mapping = table(portal.parent, "csv"), portal.parent / "mapping.yml"
    mapping.write_text(MAPPING.replace("on_personal_data: remove\n", ""), "utf-8")  # refuse: the default
    code, _, err = run(str(rows), "--mapping", str(mapping))
    assert "row 3 (kr02-open-data): personal-data-email: description.en" in err
    assert "row 3 (kr02-open-data): personal-data-phone: description.en" in err
    assert "info@minis" not in err
    assert not (portal / "projects" / "kr02-open-data").exists()
    mapping.write_text(MAPPING, "utf-8")
    code, out, _ = run(str(rows), "--mapping", str(mapping))
    text = (portal / "projects" / "kr02-open-data" / "project.yml").read_text("utf-8")
    assert "Contact […] or […]." in text
    assert "2 piece(s) of personal data cut out" in out


def test_dry_run_writes_nothing_and_existing_projects_stay(portal: Path) -> None:
    rows, mapping = str(table(portal.parent, "csv")), str(portal.parent / "mapping.yml")
    code, out, _ = run(rows, "--mapping", mapping, "--dry-run", "--show")
    assert "uy01-open-budget/project.yml: would be written (row 2)" in out
    assert "title:\n  en: Open budget" in out
    assert not list((portal / "projects").iterdir())
    assert "would write 2 project(s)" in out
    run(rows, "--mapping", mapping)
    path = portal / "projects" / "uy01-open-budget" / "project.yml"
    path.write_text(path.read_text("utf-8").replace("Open budget", "Edited by hand"), "utf-8")
    code, out, _ = run(rows, "--mapping", mapping)
    assert "exists already, left as it is" in out
    assert "Edited by hand" in path.read_text("utf-8")
    run(rows, "--mapping", mapping, "--overwrite")
    assert "Edited by hand" not in path.read_text("utf-8")


@pytest.mark.parametrize(("mapping", "error"), [
    ("slug: x\n", "needs `slug`"),
    ("slug: x\nproject: {title: '{Nope}'}\n", "no column 'Nope'"),
    ("slug: x\nproject: {title: '{Name|upside}'}\n", "unknown filter 'upside'"),
    ("slug: x\nproject: {}\nfoo: 1\n", "unknown key(s) in the mapping: foo"),
    ("slug: x\nproject: {}\non_personal_data: publish\n", "refuse` or `remove"),
    ("slug: x\nproject: {timeline: [{date: '{Start}', title: x, planned: soon}]}\n",
     "project.timeline[0].planned: 'soon': write `planned: true` for a planned step"),
    ("slug: x\nproject: {title: x, planned: 'true'}\n", "project.planned: `planned` marks a step of the timeline"),
    ("slug: x\nproject: {timeline: [{date: '{End|date:%m/%d/%Y|month|past}', title: x, planned: 'true'}]}\n",
     "project.timeline[0].date: a planned step's date may lie ahead: remove `|past`"),
])
def test_a_wrong_mapping_is_a_usage_error(portal: Path, mapping: str, error: str) -> None:
    (portal.parent / "bad.yml").write_text(mapping, "utf-8")
    code, out, err = run(str(table(portal.parent, "csv")), "--mapping", str(portal.parent / "bad.yml"))
    assert code == 2
    assert error in out + err
    assert "Traceback" not in out + err


def test_dates_no_format_reads_are_listed_and_a_bare_year_stays_a_year(portal: Path) -> None:
    """A date cell the mapping cannot read is left out of the written project and listed with
    its row and column; a date before `earliest_date` too (a year a spreadsheet read as a day
    count); a bare year read by `%Y` is a year, never 1 January."""
    mapping = (MAPPING.replace("date:%m/%d/%Y,%B %Y|", "date:%m/%d/%Y,%m/%d/%y,%B %Y,%Y|")
               .replace("on_personal_data: remove\n", "on_personal_data: remove\nearliest_date: '2011-01-01'\n"))
    (portal.parent / "dates.yml").write_text(mapping, "utf-8")
    rows = [{**ROWS[0], "Start": "2016", "End": "Ongoing"},
                  {**ROWS[1], "Start": "10/1/18", "End": "7/19/1905", "Text": "Data."}]
    import csv

    path = portal.parent / "dates.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(ROWS[0]))
        writer.writeheader()
        writer.writerows(rows)
    code, out, err = run(str(path), "--mapping", str(portal.parent / "dates.yml"))
    assert code == 0, out + err  # the rows are written: only the cells are left out
    assert "row 2 (uy01-open-budget): date-not-read: End: 'Ongoing' is not a date" in err
    assert "row 3 (kr02-open-data): date-too-early: End: '7/19/1905' lies before" in err
    assert "2 cell(s) left out, listed above" in out
    assert "Traceback" not in out + err

    def record(slug: str) -> dict[str, Any]:
        return load_text((portal / "projects" / slug / "project.yml").read_bytes(), "p.yml").data

    budget, data = record("uy01-open-budget"), record("kr02-open-data")
    assert budget["start_date"] == "2016"
    assert [e["date"] for e in budget["timeline"]] == ["2016"]
    assert data["start_date"] == "2018-10"
    assert [e["date"] for e in data["timeline"]] == ["2018-10"]


@pytest.mark.parametrize("earliest", ["1/1/2011", "soon"])
def test_an_earliest_date_that_is_no_day_is_a_mapping_error(portal: Path, earliest: str) -> None:
    (portal.parent / "bad.yml").write_text(f"earliest_date: '{earliest}'\n" + MAPPING, "utf-8")
    code, out, err = run(str(table(portal.parent, "csv")), "--mapping", str(portal.parent / "bad.yml"))
    assert code == 2
    assert "mapping-earliest-date" in out + err
    assert "YYYY-MM-DD" in out + err


def test_shorten_cuts_at_a_sentence_else_a_word() -> None:
    assert shorten("Short.", 10) == "Short."
    assert shorten("A first sentence here. Then more words follow.", 30) == "A first sentence here.…"
    assert shorten("One sentence. Another one that goes on.", 30) == "One sentence. Another one…"  # else a word
    assert shorten("averyveryverylongword and more", 12) == "averyveryve…"
    assert len(shorten("word " * 100, 50)) <= 50


def test_the_open_government_partnership_mapping_decides_each_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example's mapping over a small table of its own, on every clone: each row is one case."""
    config = make_portal(tmp_path / "portal", projects=None, language="en")
    config.write_text(config.read_text("utf-8").replace("      country: ID\n", ""), "utf-8")
    monkeypatch.chdir(config.parent)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 30, tzinfo=dt.UTC).timestamp())))
    result = CliRunner().invoke(cli, ["import", str(OGP_SAMPLE), "--mapping", str(OGP_MAPPING)])
    assert result.exit_code == 1, result.output  # one row cannot become a project
    projects = config.parent / "projects"

    def record(slug: str) -> dict[str, Any]:
        return load_text((projects / slug / "project.yml").read_bytes(), "p.yml").data

    written = sorted(p.parent.name for p in projects.glob("*/project.yml"))
    assert written == ["xa0001-committee-agendas", "xa0002-open-plenary", "xb0003-online-requests",
                       "xb0004-law-monitoring", "xc0005-resident-proposals", "xd0006-open-budget",
                       "xd0007-court-rulings", "xe0008"]
    # no lead institution: an initiator whose name is not recorded (standard 1.2), never invented
    (initiator,) = record("xa0002-open-plenary")["stakeholders"]
    assert initiator["name"] == "not-recorded"
    assert initiator["role"] == "initiator"
    # no title at all: reported with its row and the field, not written
    assert "row 10 (xf0009): missing-field: title" in result.stderr
    assert "9 rows: wrote 8 project(s)" in result.stdout
    assert "1 row(s) could not become a valid project" in result.stdout
    # an official's email and phone: cut out of the text, in no file and no report
    assert record("xb0003-online-requests")["description"]["en"].startswith("Requests are answered by the information officer ([…], […])")
    everything = result.output + "".join(p.read_text("utf-8") for p in projects.glob("*/project.yml"))
    assert "@" not in everything
    assert "officer.name" not in everything
    assert "3456" not in everything
    assert "2 piece(s) of personal data" in result.stdout
    # a long title: cut at a word, marked, within the standard's 150 characters
    title = record("xb0004-law-monitoring")["title"]["en"]
    assert len(title) <= 150
    assert title.endswith("…")
    assert title.startswith("Establish a permanent")
    # statuses: only "Complete" says where a commitment stands
    assert record("xa0001-committee-agendas")["status"] == "completed"
    assert {record(s)["status"] for s in written if s not in ("xa0001-committee-agendas", "xc0005-resident-proposals")} \
        == {"not-recorded"}
    # places: a city from the mapping's table, a country CLDR names otherwise, one it does not know
    assert record("xc0005-resident-proposals")["location"] == {"country": "ES", "city": "Madrid"}  # no reach claimed
    assert record("xd0006-open-budget")["location"]["country"] == "KR"
    assert "country" not in record("xb0003-online-requests")["location"]  # Ruritania: no country invented
    # dates: both spellings of the table, as planned steps; never a start_date (a page would say it started)
    assert [e["date"] for e in record("xb0003-online-requests")["timeline"]] == ["2019-03"]
    assert [e["date"] for e in record("xa0001-committee-agendas")["timeline"]] == ["2018-01", "2019-12"]
    assert not [slug for slug in written if "start_date" in record(slug)]
    court = record("xd0007-court-rulings")["timeline"]
    assert not [e for e in court if str(e["date"]).startswith("2099") and not e.get("planned")]
    # a commitment's start and end are its plan, never events: planned steps, an end far ahead kept
    assert [(e["title"]["en"], e["date"], e["planned"]) for e in court] == [
        ("Commitment starts", "2025-01", "true"), ("Commitment ends", "2099-12", "true")]
    # no short title: the summary is the commitment's title; no date at all: no timeline entry
    atlantis = record("xe0008")
    assert atlantis["summary"] == {"en": "Record every vote by name"}
    assert not atlantis.get("timeline")
    site = build(config)  # strict
    assert len(list((site / "projects").glob("*/index.html"))) == len(written)
    page = (site / "projects" / "xd0007-court-rulings" / "index.html").read_text("utf-8")
    assert "Next planned step" in page
    assert "not recorded as done" in page


@pytest.mark.skipif(not OGP_TABLE.is_file(), reason=f"the real table is not here: {OGP_TABLE}")
def test_the_open_government_partnership_example_imports_and_builds_strictly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_portal(tmp_path / "portal", projects=None, language="en")
    config.write_text(config.read_text("utf-8").replace("      country: ID\n", ""), "utf-8")
    monkeypatch.chdir(config.parent)
    result = CliRunner().invoke(cli, ["import", str(OGP_TABLE), "--mapping", str(OGP_MAPPING)])
    written = list((config.parent / "projects").glob("*/project.yml"))
    assert len(written) == 558, result.output  # every row: a missing lead institution is an unnamed initiator
    assert "0 row(s) could not become a valid project" in result.stdout
    assert all("@" not in line for line in result.stderr.splitlines())  # no contact detail in the report
    site = build(config)  # strict
    pages = sorted(p.parent.name for p in (site / "projects").glob("*/index.html"))
    assert pages == sorted(p.parent.name for p in written)  # every project written has its page
    page = (site / "projects" / "ua0046-law-on-streamlining-payment-of-administrative-fees" / "index.html")
    html = page.read_text("utf-8")  # UA0046's page: its title and its lead institution
    assert "Law on streamlining payment of administrative fees" in html
    assert "Ministry of Economic Development" in html
    sample = (site / "projects" / written[0].parent.name / "index.html").read_text("utf-8")
    assert "Open Government Partnership" in sample
    assert "not recorded" in sample
    assert os.path.getsize(site / "data" / "projects.csv") > 0


LANGUAGE_ROWS = [
    {"Code": "L1", "Name": "Presupuesto abierto", "Text": "El parlamento publicará el presupuesto completo en formatos abiertos "
     "cada año, con una consulta pública antes de su aprobación.", "Lang": "es"},
    {"Code": "L2", "Name": "Open budget", "Text": "The parliament will publish the whole budget in open formats every year, "
     "with a public consultation before it is approved.", "Lang": "EN"},
    {"Code": "L3", "Name": "Votes", "Text": "Votes.", "Lang": "Klingon"},
]


def _language_mapping(portal: Path, language: str) -> Path:
    mapping = f"""\
language: {json.dumps(language)}
slug: "{{Code|lower}}"
project:
  title: "{{Name}}"
  summary: "{{Name}}"
  description: "{{Text}}"
  status: not-recorded
  phase: not-recorded
  location: not-recorded
  openness: {{level: not-recorded}}
  ownership: {{level: not-recorded}}
  stakeholders:
    - {{name: not-recorded, category: not-recorded, role: initiator, contributes: not-recorded, benefit: not-recorded}}
  timeline: []
  trust: not-recorded
"""
    path = portal.parent / "language-mapping.yml"
    path.write_text(mapping, "utf-8")
    return path


def _language_table(portal: Path) -> Path:
    import csv

    path = portal.parent / "languages.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(LANGUAGE_ROWS[0]))
        writer.writeheader()
        writer.writerows(LANGUAGE_ROWS)
    return path


def test_the_language_of_a_row_comes_from_a_column_or_from_its_texts(portal: Path) -> None:
    """`language: "{Lang}"`: each row names its own (a code CLDR knows, written as the standard
    writes it; a row naming none that is known is refused with invalid-language). `detect:en`:
    the row's texts tell, English where they are too short to."""
    def texts(slug: str) -> tuple[dict[str, Any], dict[str, Any]]:
        data = load_text((portal / "projects" / slug / "project.yml").read_bytes(), "p.yml").data
        return data["title"], data["description"]

    code, _, err = run(str(_language_table(portal)), "--mapping", str(_language_mapping(portal, "{Lang}")))
    assert code == 1
    assert "row 4 (l3): invalid-language" in err
    assert texts("l1")[0] == {"es": "Presupuesto abierto"}
    assert texts("l2")[0] == {"en": "Open budget"}
    for slug in ("l1", "l2"):
        (portal / "projects" / slug / "project.yml").unlink()
        (portal / "projects" / slug).rmdir()
    code, out, err = run(str(_language_table(portal)), "--mapping", str(_language_mapping(portal, "detect:en")))
    assert code == 0, out + err
    assert set(texts("l1")[0]) == set(texts("l1")[1]) == {"es"}  # the short title follows its row
    assert set(texts("l2")[0]) == {"en"}
    assert set(texts("l3")[1]) == {"en"}


@pytest.mark.parametrize("language", ["Klingon", "detect:xx-yy", "english"])
def test_a_language_setting_that_names_no_language_is_a_mapping_error(portal: Path, language: str) -> None:
    code, out, err = run(str(_language_table(portal)), "--mapping", str(_language_mapping(portal, language)))
    assert code == 2
    assert "mapping-language" in out + err
    assert "Traceback" not in out + err


def test_a_value_may_name_its_language_and_the_mapping_s_own_words_are_in_its_fallback(portal: Path) -> None:
    """`{value: ..., language: en}`: a column the source writes in one language whatever the
    row's (OGP's English short titles on Spanish rows); texts the mapping writes itself
    ("Commitment starts") are in detect's fallback, not in the language read from the row."""
    mapping = _language_mapping(portal, "detect:en")
    text = mapping.read_text("utf-8").replace('  summary: "{Name}"\n', '  summary: {value: "{Name}", language: en}\n')
    text = text.replace("  timeline: []\n", "  timeline:\n    - {date: 2020-01, phase: not-recorded, activity: "
                        "not-recorded, title: Commitment starts}\n")
    mapping.write_text(text, "utf-8")
    code, out, err = run(str(_language_table(portal)), "--mapping", str(mapping))
    assert code == 0, out + err
    data = load_text((portal / "projects" / "l1" / "project.yml").read_bytes(), "p.yml").data
    assert data["title"] == {"es": "Presupuesto abierto"}
    assert set(data["description"]) == {"es"}
    assert data["summary"] == {"en": "Presupuesto abierto"}  # as the mapping says, though the row is Spanish
    assert data["timeline"][0]["title"] == {"en": "Commitment starts"}
    mapping.write_text(text.replace("language: en}", "language: english}"), "utf-8")
    code, out, err = run(str(_language_table(portal)), "--mapping", str(mapping), "--overwrite")
    assert code == 2
    assert "project.summary.language" in out + err
    assert "mapping-language" in out + err
