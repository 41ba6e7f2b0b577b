"""The limits documented in SECURITY.md: each number is the one in the code, and going one
past it gives the documented result. The table in SECURITY.md is read by this test."""

from __future__ import annotations

import copy
import importlib
import importlib.util
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from cocreate.standard.loader import MAX_BYTES, MAX_DEPTH, load_text
from cocreate.standard.markdown import render
from cocreate.standard.schema import project_schema
from cocreate.standard.validate import check_bytes, validate_paths
from cocreate.standard.vocabulary import CATEGORIES, PRINCIPLES
from helpers import FIXTURES, ROOT

SECURITY = (ROOT / "SECURITY.md").read_text("utf-8")


def limits_table() -> dict[str, tuple[int, str | None]]:
    """`defined in` -> (value, problem code or None), from the table under "## Limits"."""
    section = SECURITY.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, tuple[int, str | None]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("limit", "---"):
            continue
        number = re.match(r"[\d,]+", cells[1])
        assert number is not None, cells
        value = int(number.group().replace(",", ""))
        where = cells[2].strip("`")
        code = re.match(r"`([a-z0-9-]+)`", cells[3])
        rows[where] = (value, code.group(1) if code else None)
    return rows


LIMITS = limits_table()


def pointer(ref: str) -> Any:
    node: Any = project_schema()
    for part in ref.removeprefix("#/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part.replace("~1", "/").replace("~0", "~")]
    return node


def in_code(where: str) -> Any:
    if where.startswith("#/"):
        return pointer(where)
    module, _, name = where.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_the_table_is_there() -> None:
    assert len(LIMITS) >= 25
    assert "cocreate.standard.loader.MAX_BYTES" in LIMITS


@pytest.mark.parametrize("where", sorted(LIMITS))
def test_each_documented_number_is_the_one_in_the_code(where: str) -> None:
    assert in_code(where) == LIMITS[where][0], f"SECURITY.md says {LIMITS[where][0]} for {where}"


def _schema_limits(node: Any, path: str = "#") -> list[str]:
    found = []
    if isinstance(node, dict):
        for key in ("maxLength", "maxItems", "maxProperties"):
            if key in node and not path.endswith("/additionalProperties"):
                found.append(f"{path}/{key}")
        for key, child in node.items():
            found += _schema_limits(child, f"{path}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _schema_limits(child, f"{path}/{index}")
    return found


def test_every_limit_of_the_schema_is_documented() -> None:
    missing = [ref for ref in _schema_limits(project_schema()) if ref not in LIMITS]
    assert not missing, f"document these limits in SECURITY.md's Limits table: {missing}"


@pytest.mark.parametrize("ref", [r for r in _schema_limits(project_schema())
                                 if r.startswith("#/$defs/") and "additionalProperties" in pointer(r.rsplit("/", 1)[0])])
def test_texts_in_each_language_have_the_same_limit(ref: str) -> None:
    definition = pointer(ref.rsplit("/", 1)[0])
    assert definition["additionalProperties"]["maxLength"] == definition["maxLength"]


# --- going one past each limit ---------------------------------------------------------------

MINIMAL = load_text((FIXTURES / "valid" / "minimal.yml").read_bytes(), "minimal.yml").data


def full_project() -> dict[str, Any]:
    """The minimal project with every optional list and field that has a limit."""
    data = copy.deepcopy(MINIMAL)
    data["tags"] = ["sampah"]
    data["dimensions"] = ["environment"]
    data["openness"] = {"level": "criteria", "criteria": ["Warga RT 03"], "how_to_join": "Datang ke pos RT."}
    data["ownership"] = {"level": "shared", "license": "CC-BY-4.0", "note": "Milik bersama."}
    data["stakeholders"][0]["motivations"] = ["involvement"]
    data["outputs"] = [{"title": "Laporan", "type": "report"}]
    data["links"] = [{"title": "Situs", "url": "https://sukamaju.example/"}]
    data["data"] = [{"name": "tabungan", "title": "Tabungan", "path": "tabungan.csv", "schema": "tabungan.json",
                     "license": "CC-BY-4.0"}]
    data["source"] = {"url": "https://data.example/kasus/1", "license": "CC-BY-4.0", "record_id": "1"}
    data["seeking"] = {"categories": ["academia"], "skills": ["Menimbang"], "resources": ["Timbangan"],
                       "opened": "2025-05-01", "closes": "2025-07-31", "how_to_respond": "Datang ke pos RT."}
    data["principles"] = [{"principle": "sharing", "practice": "Catatan dibacakan setiap bulan."}]
    data["dialogue"] = [{"asked": "2025-05-02", "channel": "whatsapp", "request": "Setor hari Sabtu?",
                         "answer": "adopted", "answered": "2025-05-09", "changed": "https://sukamaju.example/jadwal"}]
    return data


TODAY = __import__("datetime").date(2025, 6, 1)


def problems(data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    return [(p.code, p.path) for p in check_bytes(raw, "p.yml", today=TODAY).problems]


def test_the_full_project_is_valid() -> None:
    assert problems(full_project()) == []


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _text(n: int) -> str:
    return "a" * n


TEXTS: dict[str, tuple[tuple[Any, ...], Callable[[int], str]]] = {
    "#/$defs/title/maxLength": (("title",), _text),
    "#/$defs/summary/maxLength": (("summary",), _text),
    "#/$defs/text/maxLength": (("trust", "information"), _text),
    "#/$defs/markdown_short/maxLength": (("openness", "how_to_join"), _text),
    "#/$defs/markdown/maxLength": (("description",), _text),
    "#/$defs/name/maxLength": (("stakeholders", 0, "name"), _text),
    "#/$defs/url/maxLength": (("links", 0, "url"), lambda n: "https://a.example/" + "x" * (n - 18)),
    "#/properties/tags/items/maxLength": (("tags", 0), _text),
    "#/properties/ownership/properties/license/maxLength": (("ownership", "license"), lambda n: "A" * n),
    "#/properties/source/properties/license/maxLength": (("source", "license"), lambda n: "A" * n),
    "#/properties/source/properties/record_id/maxLength": (("source", "record_id"), _text),
    "#/properties/data/items/properties/name/maxLength": (("data", 0, "name"), _text),
    "#/properties/data/items/properties/path/maxLength": (("data", 0, "path"), lambda n: "a" * (n - 4) + ".csv"),
    "#/properties/data/items/properties/schema/maxLength": (("data", 0, "schema"), lambda n: "a" * (n - 5) + ".json"),
    "#/properties/data/items/properties/license/maxLength": (("data", 0, "license"), lambda n: "A" * n),
    "#/properties/dialogue/items/properties/changed/maxLength": (
        ("dialogue", 0, "changed"), lambda n: "https://a.example/" + "x" * (n - 18)),
}


@pytest.mark.parametrize("ref", sorted(TEXTS))
def test_one_character_past_a_text_limit(ref: str) -> None:
    limit, code = LIMITS[ref]
    path, make = TEXTS[ref]
    for length, expected in ((limit, False), (limit + 1, True)):
        data = full_project()
        _set(data, path, make(length))
        assert len(make(length)) == length
        assert ((code, path) in problems(data)) is expected, (length, problems(data))


@pytest.mark.parametrize("ref", ["#/$defs/title/maxLength", "#/$defs/markdown/maxLength"])
def test_one_character_past_a_text_limit_in_one_language(ref: str) -> None:
    limit, code = LIMITS[ref]
    (field,), _ = TEXTS[ref]
    data = full_project()
    data[field] = {"id": "a" * limit, "en": "a" * (limit + 1)}
    found = problems(data)
    assert (code, (field, "en")) in found
    assert (code, (field, "id")) not in found


ITEMS: dict[str, tuple[tuple[Any, ...], Callable[[int], Any]]] = {
    "#/properties/tags/maxItems": (("tags",), lambda i: f"tag-{i}"),
    "#/properties/dimensions/maxItems": (("dimensions",), lambda i: ["governance", "branding", "economy", "living",
                                                                     "society", "environment"][i % 6]),
    "#/properties/openness/properties/criteria/maxItems": (("openness", "criteria"), lambda i: f"Syarat {i}"),
    "#/properties/stakeholders/maxItems": (("stakeholders",), lambda i: {**MINIMAL["stakeholders"][0], "name": f"Pihak {i}"}),
    "#/properties/stakeholders/items/properties/motivations/maxItems": (
        ("stakeholders", 0, "motivations"), lambda i: ["knowledge", "relationships", "involvement", "other"][i % 4]),
    "#/properties/timeline/maxItems": (("timeline",), lambda i: {**MINIMAL["timeline"][0], "title": f"Rapat {i}"}),
    "#/properties/dialogue/maxItems": (("dialogue",), lambda i: {"asked": "2025-01-05", "channel": "office",
                                                                "request": f"Pertanyaan {i}"}),
    "#/properties/outputs/maxItems": (("outputs",), lambda i: {"title": f"Laporan {i}", "type": "report"}),
    "#/properties/links/maxItems": (("links",), lambda i: {"title": f"Situs {i}", "url": f"https://s{i}.example/"}),
    "#/properties/data/maxItems": (("data",), lambda i: {"name": f"t{i}", "title": "T", "path": f"t{i}.csv",
                                                         "schema": f"t{i}.json"}),
    "#/properties/maintainers/maxItems": (("maintainers",), lambda i: f"@user{i}"),
    "#/properties/seeking/properties/categories/maxItems": (("seeking", "categories"), lambda i: CATEGORIES[i % 7]),
    "#/properties/seeking/properties/skills/maxItems": (("seeking", "skills"), lambda i: f"Keahlian {i}"),
    "#/properties/seeking/properties/resources/maxItems": (("seeking", "resources"), lambda i: f"Alat {i}"),
    "#/properties/principles/maxItems": (("principles",), lambda i: {"principle": PRINCIPLES[i % 9],
                                                                     "practice": f"Cara {i}"}),
}


@pytest.mark.parametrize("ref", sorted(ITEMS))
def test_one_item_past_a_list_limit(ref: str) -> None:
    limit, code = LIMITS[ref]
    path, make = ITEMS[ref]
    for count, expected in ((limit, False), (limit + 1, True)):
        data = full_project()
        _set(data, path, [make(i) for i in range(count)])
        assert ((code, path) in problems(data)) is expected, (count, problems(data)[:5])


def test_every_schema_limit_has_a_test() -> None:
    schema_rows = {ref for ref in LIMITS if ref.startswith("#/")}
    assert schema_rows == set(TEXTS) | set(ITEMS)


def test_one_byte_past_the_file_size_limit(minimal_text: str) -> None:
    limit, code = LIMITS["cocreate.standard.loader.MAX_BYTES"]
    raw = minimal_text.encode()
    padding = b"#" * 99 + b"\n"
    at_limit = raw + padding * ((limit - len(raw)) // len(padding))
    at_limit += b"#" * (limit - len(at_limit) - 1) + b"\n"
    assert len(at_limit) == limit
    assert check_bytes(at_limit, "p.yml", today=TODAY).valid
    over = check_bytes(at_limit + b"\n", "p.yml", today=TODAY)
    assert [p.code for p in over.problems] == [code]
    assert over.problems[0].params == {"size": limit + 1, "limit": MAX_BYTES}


def test_the_file_size_limit_holds_for_files_on_disk(tmp_path: Path, minimal_text: str) -> None:
    limit, code = LIMITS["cocreate.standard.loader.MAX_BYTES"]
    project = tmp_path / "projects" / "besar" / "project.yml"
    project.parent.mkdir(parents=True)
    project.write_bytes(minimal_text.encode() + b"#" * limit + b"\n")
    report = validate_paths([tmp_path / "projects"])
    assert [p.code for p in report.problems] == [code]


def test_one_level_past_the_depth_limit() -> None:
    limit, code = LIMITS["cocreate.standard.loader.MAX_DEPTH"]

    def nested(levels: int) -> bytes:  # `levels` maps, the root included
        return "".join("  " * i + "a:\n" for i in range(levels - 1)).encode() + b"  " * (levels - 1) + b"a: x\n"

    assert load_text(nested(limit), "p.yml").problems == []
    over = load_text(nested(limit + 1), "p.yml")
    assert [p.code for p in over.problems] == [code]
    assert over.problems[0].params == {"limit": MAX_DEPTH}


def test_reporting_stops_at_the_problem_limit() -> None:
    limit, code = LIMITS["cocreate.standard.loader.MAX_PROBLEMS"]
    assert code is None
    raw = "".join(f"a{i}: &x{i} b\n" for i in range(limit + 10)).encode()
    found = check_bytes(raw, "p.yml", today=TODAY).problems
    assert len(found) == limit
    assert {p.code for p in found} == {"yaml-anchor"}


def test_one_character_past_the_slug_limit(minimal_text: str) -> None:
    limit, code = LIMITS["cocreate.standard.validate.SLUG_MAX"]
    assert check_bytes(minimal_text.encode(), "p.yml", slug="a" * limit, today=TODAY).valid
    over = check_bytes(minimal_text.encode(), "p.yml", slug="a" * (limit + 1), today=TODAY)
    assert [p.code for p in over.problems] == [code]


def test_one_byte_past_the_data_file_limit(tmp_path: Path) -> None:
    limit, code = LIMITS["cocreate.standard.datafiles.MAX_DATA_BYTES"]
    folder = tmp_path / "projects" / "bank-sampah"
    folder.mkdir(parents=True)
    data = copy.deepcopy(MINIMAL)
    data["data"] = [{"name": "tabungan", "title": "Tabungan", "path": "tabungan.csv", "schema": "tabungan.json"}]
    (folder / "project.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    (folder / "tabungan.json").write_text(json.dumps({"fields": [{"name": "a", "type": "string"}]}), "utf-8")
    with (folder / "tabungan.csv").open("wb") as handle:
        handle.truncate(limit + 1)  # a sparse file: its size without writing it
    report = validate_paths([tmp_path / "projects"])
    assert [(p.code, p.path) for p in report.problems] == [(code, ("data", 0, "path"))]


def test_one_bracket_past_the_markdown_limit() -> None:
    limit, code = LIMITS["cocreate.standard.markdown.MAX_BRACKETS"]
    assert code is None  # no error: the text is shown plainly

    def links(count: int) -> str:
        return " ".join(f"[{i}](https://a.example/{i})" for i in range(count))

    assert render(links(limit)).count("<a ") == limit
    over = render(links(limit + 1))
    assert "<a " not in over
    assert over.startswith("<p>[0](https://a.example/0)")
    data = copy.deepcopy(MINIMAL)
    data["description"] = links(limit + 1)
    assert problems(data) == []


def test_one_angle_bracket_past_the_markdown_limit() -> None:
    limit, code = LIMITS["cocreate.standard.markdown.MAX_BRACKETS"]
    assert render("<b>x</b> " * (limit // 2)).count("<b>") == limit // 2
    over = render("<b>x</b> " * (limit // 2) + "<")
    assert "<b>" not in over
    assert over.startswith("<p>&lt;b&gt;x&lt;/b&gt;")


def test_one_character_past_the_markdown_rendering_limit() -> None:
    limit, code = LIMITS["cocreate.standard.markdown.MAX_CHARS"]
    assert limit == pointer("#/$defs/markdown/maxLength")  # longer is never valid
    text = "*x* " * (limit // 4)
    assert len(text) == limit
    assert render(text).startswith("<p><em>x</em>")
    assert render(text + "x").startswith("<p>*x* *x*")
    data = copy.deepcopy(MINIMAL)
    data["description"] = text + "x"
    assert problems(data) == [(code, ("description",))]


def test_the_largest_portal_built_is_the_one_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    """`python3 bench/bench_build.py`, as SECURITY.md says, builds a portal of 10,000 projects."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # the benchmark puts bench/ on it
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "bench" / "bench_build.py")
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.arguments([]).memory_projects == 10_000
    assert "**10,000 projects**" in SECURITY


def test_the_documentation_points_to_the_limits() -> None:
    page = (ROOT / "docs" / "maintainers" / "portal.md").read_text("utf-8")
    assert "[SECURITY.md](security.md)" in page
    assert f"{MAX_BYTES // 1024} KiB" in page


def test_one_column_past_the_table_width_limit(tmp_path: Path) -> None:
    limit, code = LIMITS["cocreate.standard.datafiles.MAX_COLUMNS"]
    folder = tmp_path / "projects" / "bank-sampah"
    folder.mkdir(parents=True)
    data = copy.deepcopy(MINIMAL)
    data["data"] = [{"name": "tabungan", "title": "Tabungan", "path": "tabungan.csv", "schema": "tabungan.json"}]
    (folder / "project.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    def width(columns: int, fields: int) -> list[tuple[str, str, tuple[int, ...]]]:
        names = [f"c{i}" for i in range(columns)]
        (folder / "tabungan.csv").write_text(",".join(names) + "\n" + ",".join("x" * columns) + "\n", "utf-8")
        (folder / "tabungan.json").write_text(json.dumps({"fields": [{"name": f"c{i}"} for i in range(fields)]}), "utf-8")
        return [(p.code, Path(p.file).name, tuple(p.position)) for p in validate_paths([tmp_path / "projects"]).problems]

    assert width(limit, limit) == []
    assert width(limit + 1, limit) == [(code, "tabungan.csv", (1, limit + 1))]
    assert width(limit, limit + 1) == [(code, "tabungan.json", (1, 1))]
