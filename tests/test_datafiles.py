"""A project's own tables: validated with frictionless, safely, and published."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cocreate.datafiles import MAX_DATA_BYTES
from cocreate.problems import Position
from cocreate.validate import validate_paths
from conftest import build, make_portal

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
    assert (site / "data" / "projects" / "bank-sampah" / "setoran.csv").read_bytes() == (project / "setoran.csv").read_bytes()
    package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "bank-sampah-setoran")
    assert resource["path"] == "projects/bank-sampah/setoran.csv" and resource["schema"] == SCHEMA
    from frictionless import validate

    assert validate(str(site / "data" / "datapackage.json")).valid
    page = BeautifulSoup((site / "projects" / "bank-sampah" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select_one("#data a")["href"] == "../../data/projects/bank-sampah/setoran.csv"
