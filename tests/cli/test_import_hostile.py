"""`cocreate import` given hostile input (issue 27): links in the projects folder, personal
data in the cells a slug is made of, slugs Windows cannot make or too long, mappings and
tables that cannot be used, tables whose size or nesting would take minutes or gigabytes.
Every run is the real command, in a process of its own, on a real portal folder."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cocreate.cli.tables import MAX_CELL_CHARS, MAX_COLUMNS, MAX_JSON_DEPTH, MAX_ROWS
from cocreate.standard.validate import SLUG_MAX
from helpers import ROOT, make_portal

MAPPING = """\
language: en
slug: "{Code}"
source:
  record_id: "{Code}"
project:
  title: "{Name}"
  summary: "{Name}"
  description: "{Name}"
  status: active
  phase: not-recorded
  location: {scope: national}
  openness: {level: not-recorded}
  ownership: {level: not-recorded}
  stakeholders:
    - name: Dinas Lingkungan Hidup
      category: local-government
      role: initiator
      contributes: not-recorded
      benefit: not-recorded
  timeline: []
  trust: not-recorded
"""

NIK = "3201234567890001"


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    config = make_portal(tmp_path / "portal", projects=None)
    config.write_text(config.read_text("utf-8").replace("      country: ID\n", ""), "utf-8")
    (tmp_path / "mapping.yml").write_text(MAPPING, "utf-8")
    return config.parent


def cocreate(portal: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"),
           "SOURCE_DATE_EPOCH": str(int(dt.datetime(2026, 11, 30, tzinfo=dt.UTC).timestamp()))}
    return subprocess.run([sys.executable, "-m", "cocreate", *args], cwd=portal, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def do_import(portal: Path, rows: list[dict[str, str]], *extra: str,
              mapping: str = MAPPING) -> subprocess.CompletedProcess[str]:
    (portal.parent / "mapping.yml").write_text(mapping, "utf-8")
    table = write_csv(portal.parent / "list.csv", rows)
    return cocreate(portal, "import", str(table), "--mapping", str(portal.parent / "mapping.yml"), *extra)


def row(code: str, name: str = "Bank sampah") -> dict[str, str]:
    return {"Code": code, "Name": name}


# --- links: nothing is written outside the projects folder -----------------------------------

def test_a_dangling_link_at_the_project_file_is_not_followed(portal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    (portal / "projects" / "x").mkdir()
    (portal / "projects" / "x" / "project.yml").symlink_to(outside)
    result = do_import(portal, [row("x"), row("ok")])
    assert result.returncode == 1, result.stdout + result.stderr
    assert not outside.exists()
    assert (portal / "projects" / "x" / "project.yml").is_symlink()
    assert "row 2 (x): symlink-in-projects" in result.stderr
    assert (portal / "projects" / "ok" / "project.yml").is_file()  # the other rows are written


@pytest.mark.parametrize("flag", [(), ("--overwrite",)])
def test_a_linked_project_folder_is_not_followed(portal: Path, tmp_path: Path, flag: tuple[str, ...]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (portal / "projects" / "y").symlink_to(elsewhere)
    result = do_import(portal, [row("y")], *flag)
    assert result.returncode == 1
    assert "symlink-in-projects" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_linked_projects_folder_is_not_followed(portal: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (portal / "projects").rmdir()
    (portal / "projects").symlink_to(elsewhere)
    result = do_import(portal, [row("z")])
    assert result.returncode == 1
    assert "symlink-in-projects" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_overwrite_replaces_a_file_and_never_what_a_link_points_to(portal: Path) -> None:
    assert do_import(portal, [row("kebun")]).returncode == 0
    target = portal / "projects" / "kebun" / "project.yml"
    target.write_text(target.read_text("utf-8").replace("Bank sampah", "Edited"), "utf-8")
    result = do_import(portal, [row("kebun")], "--overwrite")
    assert result.returncode == 0
    assert "Edited" not in target.read_text("utf-8")
    assert not target.is_symlink()
    assert cocreate(portal, "validate").returncode == 0  # what import wrote, `cocreate validate` accepts


# --- personal data in the cells of the slug ----------------------------------------------------

def test_an_email_in_the_slug_column_is_refused_before_it_becomes_a_folder(portal: Path) -> None:
    result = do_import(portal, [row("nama.warga@example.com")])
    assert result.returncode == 1
    assert "personal-data-email: slug" in result.stderr
    assert not list((portal / "projects").iterdir())
    assert "nama.warga" not in result.stdout + result.stderr
    assert "example-com" not in result.stderr


def test_an_email_in_a_title_the_slug_is_made_of_is_refused(portal: Path) -> None:
    mapping = MAPPING.replace('slug: "{Code}"', 'slug: "{Code|lower}-{Name|slug}"')  # as the OGP mapping does
    result = do_import(portal, [row("XA01", "Tanya nama.warga@example.com")], mapping=mapping)
    assert result.returncode == 1
    assert "personal-data-email: slug" in result.stderr
    assert not list((portal / "projects").iterdir())
    assert "nama.warga" not in result.stderr


def test_with_remove_the_slug_is_made_without_the_personal_data(portal: Path) -> None:
    mapping = MAPPING.replace('slug: "{Code}"', 'slug: "{Code|lower}-{Name|slug}"') + "on_personal_data: remove\n"
    result = do_import(portal, [row("XA01", "Tanya nama.warga@example.com")], mapping=mapping)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (portal / "projects").iterdir()] == ["xa01-tanya"]


def test_a_nik_as_slug_is_masked_in_every_report(portal: Path) -> None:
    result = do_import(portal, [row(NIK)], "--dry-run")
    assert result.returncode == 1
    assert "personal-data-nik: slug" in result.stderr
    assert NIK not in result.stdout + result.stderr
    assert NIK[4:12] not in result.stdout + result.stderr


# --- what import writes is what validate accepts ----------------------------------------------

def test_a_data_entry_naming_a_missing_file_is_not_written(portal: Path) -> None:
    mapping = MAPPING + "  data:\n    - {name: tabel, title: Tabel, path: tabel.csv, schema: tabel.json}\n"
    result = do_import(portal, [row("dengan-data")], mapping=mapping)
    assert result.returncode == 1
    assert "data-file-missing" in result.stderr
    assert not (portal / "projects" / "dengan-data").exists()


@pytest.mark.parametrize("slug", ["con", "nul", "aux", "prn", "com1", "lpt1", "lpt9"])
def test_a_name_windows_reserves_is_refused(portal: Path, slug: str) -> None:
    result = do_import(portal, [row(slug)])
    assert result.returncode == 1
    assert f"row 2 ({slug}): invalid-slug" in result.stderr
    assert not list((portal / "projects").iterdir())
    (portal / "projects" / slug).mkdir()
    (portal / "projects" / slug / "project.yml").write_text("x: 1\n", "utf-8")
    assert "invalid-slug" in cocreate(portal, "validate").stdout  # the same rule in validate


def test_a_duplicate_slug_of_the_longest_length_stays_within_it(portal: Path) -> None:
    long = "a" * 30 + "-" + "b" * (SLUG_MAX - 31)
    assert len(long) == SLUG_MAX
    result = do_import(portal, [row(long), row(long), row(long + "c")])
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (portal / "projects").iterdir())
    assert all(len(n) <= SLUG_MAX for n in names)
    assert len(names) == 3
    assert names[0].endswith("-2")
    assert names[1].endswith("-3")
    assert cocreate(portal, "validate").returncode == 0


# --- a mapping that cannot be used: a clear error with a code ----------------------------------

@pytest.mark.parametrize(("template", "code"), [
    ("{Name|shorten:abc}", "mapping-filter-argument"),
    ("{Name|shorten:1}", "mapping-filter-argument"),
    ("{Name|past}", "mapping-filter-order"),
    ("{Name|month}", "mapping-filter-order"),
    ("{Name|map:nope}", "mapping-no-map"),
    ("{Nope}", "mapping-no-column"),
    ("{Name|upside}", "mapping-unknown-filter"),
])
def test_a_wrong_filter_is_a_usage_error_with_a_code(portal: Path, template: str, code: str) -> None:
    result = do_import(portal, [row("a")], mapping=MAPPING.replace('title: "{Name}"', f'title: "{template}"'))
    assert result.returncode == 2, result.stderr
    assert f"mapping.yml: {code}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_mapping_has_a_code(portal: Path) -> None:
    result = do_import(portal, [row("a")], mapping="slug: [\n")
    assert result.returncode == 2
    assert "mapping-unreadable" in result.stderr


# --- encodings -------------------------------------------------------------------------------

def test_a_latin_1_table_is_refused_with_how_to_convert_it(portal: Path) -> None:
    table = write_csv(portal.parent / "latin.csv", [row("cafe", "Café")], encoding="latin-1")
    result = cocreate(portal, "import", str(table), "--mapping", str(portal.parent / "mapping.yml"))
    assert result.returncode == 2
    assert "table-encoding" in result.stderr
    assert "iconv" in result.stderr
    assert not list((portal / "projects").iterdir())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_utf_8_and_utf_16_with_a_byte_order_mark_are_read(portal: Path, encoding: str) -> None:
    path = portal.parent / "list.csv"
    text = "Code,Name\r\ncafe,Café ☕ 日本\r\n"
    if encoding.endswith("-bom"):
        bom, codec = (codecs.BOM_UTF16_LE, "utf-16-le") if "le" in encoding else (codecs.BOM_UTF16_BE, "utf-16-be")
        path.write_bytes(bom + text.encode(codec))
    else:
        path.write_bytes(text.encode(encoding))
    result = cocreate(portal, "import", str(path), "--mapping", str(portal.parent / "mapping.yml"))
    assert result.returncode == 0, result.stderr
    assert "Café ☕ 日本" in (portal / "projects" / "cafe" / "project.yml").read_text("utf-8")


# --- sizes and nesting, bounded before the table is converted ----------------------------------

def spreadsheet(folder: Path, form: str, change: dict[str, bytes | Callable[[bytes], bytes]] | None = None) -> Path:
    """A real spreadsheet of two rows, written by frictionless, with some of its parts changed."""
    from frictionless.resources import TableResource

    path = folder / f"list.{form}"
    TableResource(data=[["Code", "Name"], ["kebun", "Kebun warga"]]).write(str(path))
    if change:
        parts: dict[str, bytes] = {}
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                parts[info.filename] = archive.read(info)
        for name, edit in change.items():
            parts[name] = edit(parts[name]) if callable(edit) else edit
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in parts.items():
                archive.writestr(name, content)
    return path


@pytest.mark.parametrize("form", ["xlsx", "ods"])
def test_a_spreadsheet_as_written_is_read(portal: Path, form: str) -> None:
    result = cocreate(portal, "import", str(spreadsheet(portal.parent, form)), "--mapping",
                      str(portal.parent / "mapping.yml"))
    assert result.returncode == 0, result.stderr


def test_a_small_spreadsheet_with_a_huge_cell_is_refused_before_it_is_converted(portal: Path) -> None:
    huge = b"a" * (20 * 1024 * 1024)
    path = spreadsheet(portal.parent, "xlsx", {"xl/worksheets/sheet1.xml": lambda xml: xml.replace(b"Kebun warga", huge)})
    assert path.stat().st_size < 64 * 1024  # 20 MiB compressed
    result = cocreate(portal, "import", str(path), "--mapping", str(portal.parent / "mapping.yml"))
    assert result.returncode == 2
    assert "table-cell-too-large" in result.stderr
    assert f"{MAX_CELL_CHARS:,}" in result.stderr


def test_a_cell_of_the_largest_size_is_read(portal: Path) -> None:
    mapping = MAPPING.replace('description: "{Name}"', 'description: "{Long}"')
    (portal.parent / "mapping.yml").write_text(mapping, "utf-8")
    table = write_csv(portal.parent / "list.csv", [{"Code": "a", "Name": "A", "Long": "x " * (MAX_CELL_CHARS // 2)}])
    result = cocreate(portal, "import", str(table), "--mapping", str(portal.parent / "mapping.yml"))
    assert "table-cell-too-large" not in result.stderr
    assert "text-too-long" in result.stderr
    table = write_csv(portal.parent / "list.csv", [{"Code": "a", "Name": "A", "Long": "x" * (MAX_CELL_CHARS + 1)}])
    result = cocreate(portal, "import", str(table), "--mapping", str(portal.parent / "mapping.yml"))
    assert result.returncode == 2
    assert "table-cell-too-large" in result.stderr


@pytest.mark.parametrize("where", ['<dimension ref="A1:XFD1048576"/>', "cell"])
def test_a_spreadsheet_declaring_cells_far_away_is_refused(portal: Path, where: str) -> None:
    def far(xml: bytes) -> bytes:
        if where == "cell":
            return re.sub(rb'<c r="B2"', b'<c r="XFD1048576"', xml)
        return xml.replace(b"<sheetViews>", where.encode() + b"<sheetViews>")

    path = spreadsheet(portal.parent, "xlsx", {"xl/worksheets/sheet1.xml": far})
    assert path.stat().st_size < 16 * 1024
    result = cocreate(portal, "import", str(path), "--mapping", str(portal.parent / "mapping.yml"))
    assert result.returncode == 2, result.stderr
    assert "table-too-many-cells" in result.stderr, result.stderr
    assert f"{MAX_ROWS:,}" in result.stderr
    assert f"{MAX_COLUMNS:,}" in result.stderr


def test_an_ods_repeating_a_row_a_million_times_is_refused(portal: Path) -> None:
    def repeat(xml: bytes) -> bytes:
        return xml.replace(b"<table:table-row", b'<table:table-row table:number-rows-repeated="1048576"', 1)

    path = spreadsheet(portal.parent, "ods", {"content.xml": repeat})
    result = cocreate(portal, "import", str(path), "--mapping", str(portal.parent / "mapping.yml"))
    assert result.returncode == 2, result.stderr
    assert "table-too-many-cells" in result.stderr, result.stderr


def test_json_nested_thirty_thousand_deep_is_refused_before_it_is_parsed(portal: Path) -> None:
    path = portal.parent / "list.json"
    path.write_text('[{"Code": "a", "Name": ' + "[" * 30_000 + "]" * 30_000 + "}]", "utf-8")
    result = cocreate(portal, "import", str(path), "--mapping", str(portal.parent / "mapping.yml"))
    assert result.returncode == 2
    assert "table-too-deep" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_as_deep_as_allowed_is_read(portal: Path) -> None:
    path = portal.parent / "list.json"
    path.write_text(json.dumps([{"Code": "a", "Name": "[x] {y}", "Deep": "\"[[[[" * MAX_JSON_DEPTH}]), "utf-8")
    result = cocreate(portal, "import", str(path), "--mapping", str(portal.parent / "mapping.yml"))
    assert result.returncode == 0, result.stderr  # brackets in strings do not count
