"""The portal as open data: a Frictionless Data Package of CSV tables plus `projects.json`.

Each project's rows are made where the project is validated (a worker process), as CSV
text; the package joins them in slug order. Field descriptions, in the portal's language,
are the codebook; the same schemas generate the portal's data page. Nothing in the package
depends on the time of the build, so two builds of one commit give identical bytes.

Every CSV is written by [cocreate.standard.csvsafe][]: a text that begins like a spreadsheet formula
gets a `'` in front, and every resource's description says so.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cocreate.i18n.translator import Translator
from cocreate.portal import urls
from cocreate.standard.csvsafe import csv_text
from cocreate.standard.schema import project_schema
from cocreate.standard.vocabulary import (
    ACTIVITIES,
    ANSWERS,
    APPROACHES,
    CATEGORY_ORDER,
    CHANNELS,
    KIND_ORDER,
    NOT_RECORDED,
    OPENNESS,
    OUTPUT_TYPES,
    OWNERSHIP,
    PHASES,
    PRINCIPLES,
    ROLES,
    SCOPES,
    SOUGHT_CATEGORIES,
    STAKEHOLDER_KINDS,
    STATUSES,
    approach,
    holds_not_recorded,
    kind,
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "string"
    enum: tuple[str, ...] = ()
    required: bool = False
    pattern: str | None = None
    language: str | None = None
    """For one language of a text kept in both (`title_id`, `title_en`): that language."""


def _recorded_date(name: str, required: bool = False) -> Column:
    """A date as the record gives it (`2024-03-17`, `2024-03`, `2024-Q1` or `2024`): text
    with the standard's pattern, described in the codebook (`data.recorded_date`)."""
    return Column(name, "string", required=required, pattern=project_schema()["$defs"]["date"]["pattern"])


@dataclass(frozen=True)
class RowContext:
    """What a project's rows take besides its data."""

    last_changed: str | None = None


def _text(value: Any, language: str) -> str:
    if isinstance(value, dict):
        return str(value.get(language, ""))
    return str(value) if language == "id" and isinstance(value, str) else ""


def _bilingual(name: str) -> tuple[Column, Column]:
    return Column(f"{name}_id", language="id"), Column(f"{name}_en", language="en")


def _pair(value: Any) -> list[str]:
    """A multilingual value as (Bahasa Indonesia, English); a plain string counts as `id`;
    "not recorded" is said in both."""
    if value == NOT_RECORDED:
        return [NOT_RECORDED, NOT_RECORDED]
    if isinstance(value, str):
        return [value, ""]
    return [_text(value, "id"), _text(value, "en")]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[str, dict[str, Any], RowContext], list[list[Any]]]
    primary_key: str | None = None


def _project_rows(slug: str, d: dict[str, Any], context: RowContext) -> list[list[Any]]:
    # a place the record does not give stays empty: never the portal's country
    location = d["location"] if isinstance(d["location"], dict) else {}
    source = d.get("source", {})
    return [[slug, *_pair(d["title"]), *_pair(d["summary"]), d["status"], d["phase"],
             kind(d["openness"]["level"], d["ownership"]["level"]), d["openness"]["level"],
             d["ownership"]["level"], d["ownership"].get("license", ""), approach(d["stakeholders"]),
             location.get("city", ""), location.get("province", ""), location.get("district", ""),
             d.get("start_date", ""), ";".join(d.get("dimensions", [])), ";".join(d.get("tags", [])),
             len(d["stakeholders"]), sum(e.get("planned") != "true" for e in d["timeline"]),  # events, not plans
             d.get("example", "false"), context.last_changed or "",
             location.get("country", ""), location.get("scope", "" if location else NOT_RECORDED),
             str(holds_not_recorded(d)).lower(), source.get("url", ""), source.get("license", ""),
             source.get("record_id", ""), source.get("documented_by", ""), source.get("imported", "")]]


def _trust(d: dict[str, Any]) -> list[str]:
    trust = d["trust"]
    return [x for key in ("information", "purpose", "access", "retention")
            for x in _pair(NOT_RECORDED if trust == NOT_RECORDED else trust[key])]


TABLES: tuple[Table, ...] = (
    Table("projects", (
        Column("slug", required=True), *_bilingual("title"), *_bilingual("summary"),
        Column("status", enum=(*STATUSES, NOT_RECORDED), required=True),
        Column("phase", enum=(*PHASES, NOT_RECORDED), required=True),
        Column("kind", enum=(*KIND_ORDER, NOT_RECORDED)), Column("openness", enum=(*OPENNESS, NOT_RECORDED)),
        Column("ownership", enum=(*OWNERSHIP, NOT_RECORDED)), Column("license"),
        Column("approach", enum=(*APPROACHES, NOT_RECORDED)), Column("city"), Column("province"),
        Column("district"), _recorded_date("start_date"), Column("dimensions"), Column("tags"),
        Column("stakeholders", "integer"), Column("timeline_entries", "integer"), Column("example", "boolean"),
        Column("last_changed", "date"), Column("country"), Column("scope", enum=(*SCOPES, NOT_RECORDED)),
        Column("incomplete", "boolean"), Column("source_url"), Column("source_license"), Column("source_record_id"),
        Column("source_documented_by"), _recorded_date("source_imported"),
    ), _project_rows, primary_key="slug"),
    Table("stakeholders", (
        Column("project", required=True), Column("name", required=True),
        Column("kind", enum=STAKEHOLDER_KINDS), Column("category", enum=CATEGORY_ORDER),
        Column("role", enum=ROLES), *_bilingual("contributes"), *_bilingual("benefit"), Column("motivations"),
        _recorded_date("since"),
    ), lambda slug, d, _: [[slug, s["name"], s.get("kind", "organisation"), s["category"], s["role"],
                            *_pair(s["contributes"]),
                            *_pair(s["benefit"]), ";".join(s.get("motivations", [])), s.get("since", "")]
                           for s in d["stakeholders"]]),
    Table("timeline", (
        Column("project", required=True), _recorded_date("date", required=True),
        Column("phase", enum=(*PHASES, NOT_RECORDED)), Column("activity", enum=(*ACTIVITIES, NOT_RECORDED)),
        *_bilingual("title"), Column("evidence"), Column("planned", "boolean"),
    ), lambda slug, d, _: [[slug, e["date"], e["phase"], e["activity"], *_pair(e["title"]), e.get("evidence", ""),
                            e.get("planned", "false")] for e in d["timeline"]]),
    Table("dialogue", (
        Column("project", required=True), _recorded_date("asked", required=True), Column("channel", enum=CHANNELS),
        *_bilingual("request"), Column("answer", enum=ANSWERS), *_bilingual("reason"), *_bilingual("response"),
        _recorded_date("answered"), Column("changed"),
    ), lambda slug, d, _: [[slug, x["asked"], x["channel"], *_pair(x["request"]), x.get("answer", ""),
                            *_pair(x.get("reason", "")), *_pair(x.get("response", "")), x.get("answered", ""),
                            x.get("changed", "")] for x in d.get("dialogue", [])]),
    Table("criteria", (Column("project", required=True), *_bilingual("criterion")),
          lambda slug, d, _: [[slug, *_pair(c)] for c in d["openness"].get("criteria", [])]),
    Table("trust", (
        Column("project", required=True), *_bilingual("information"), *_bilingual("purpose"),
        *_bilingual("access"), *_bilingual("retention"),
    ), lambda slug, d, _: [[slug, *_trust(d)]]),
    Table("outputs", (
        Column("project", required=True), *_bilingual("title"),
        Column("type", enum=OUTPUT_TYPES), Column("url"),
    ), lambda slug, d, _: [[slug, *_pair(o["title"]), o["type"], o.get("url", "")] for o in d.get("outputs", [])]),
    Table("links", (Column("project", required=True), *_bilingual("title"), Column("url")),
          lambda slug, d, _: [[slug, *_pair(link["title"]), link["url"]] for link in d.get("links", [])]),
    Table("calls", (
        Column("project", required=True), Column("categories"), _recorded_date("opened", required=True),
        _recorded_date("closes", required=True), *_bilingual("how_to_respond"),
    ), lambda slug, d, _: [[slug, ";".join(c for c in SOUGHT_CATEGORIES if c in d["seeking"].get("categories", [])),
                            d["seeking"]["opened"], d["seeking"]["closes"], *_pair(d["seeking"]["how_to_respond"])]]
          if "seeking" in d else []),
    Table("needs", (
        Column("project", required=True), Column("need", enum=("skill", "resource"), required=True),
        *_bilingual("text"),
    ), lambda slug, d, _: [[slug, need, *_pair(text)] for need, key in (("skill", "skills"), ("resource", "resources"))
                           for text in d.get("seeking", {}).get(key, [])]),
    Table("principles", (
        Column("project", required=True), Column("principle", enum=PRINCIPLES, required=True),
        *_bilingual("practice"), Column("evidence"),
    ), lambda slug, d, _: [[slug, p["principle"], *_pair(p["practice"]), p.get("evidence", "")]
                           for p in d.get("principles", [])]),
)
"""The tables of the package, in order. `dimensions`, `tags` and `motivations` hold
values separated by semicolons."""

def project_rows(slug: str, data: dict[str, Any], context: RowContext) -> dict[str, str]:
    """One project's rows of every table, as CSV text (without header)."""
    return {table.name: csv_text(table.rows(slug, data, context)) for table in TABLES}


def project_json(slug: str, data: dict[str, Any]) -> str:
    """One project as JSON, for `projects.json`."""
    return json.dumps({"slug": slug, **data}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def column_description(table: Table, column: Column, t: Translator) -> str:
    """The codebook entry of a column; `_id`/`_en` columns share one, with their language."""
    if column.language is not None:
        base = column.name.removesuffix(f"_{column.language}")
        return f"{t(f'data.fields.{table.name}.{base}')} ({t(f'data.in_{column.language}')})"
    text = t(f"data.fields.{table.name}.{column.name}")
    if column.pattern:
        text = f"{text} {t('data.recorded_date')}"
    if NOT_RECORDED in column.enum:
        text = f"{text} {t('data.not_recorded')}"
    return text


def table_schema(table: Table, t: Translator) -> dict[str, Any]:
    fields = []
    for column in table.columns:
        field: dict[str, Any] = {"name": column.name, "type": column.type,
                                 "description": column_description(table, column, t)}
        constraints: dict[str, Any] = {}
        if column.enum:
            constraints["enum"] = list(column.enum)
        if column.required:
            constraints["required"] = True
        if column.pattern:
            constraints["pattern"] = column.pattern
        if constraints:
            field["constraints"] = constraints
        if column.type == "boolean":
            field.update(trueValues=["true"], falseValues=["false"])
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = [table.primary_key]
    elif table.columns[0].name == "project":
        schema["foreignKeys"] = [{"fields": ["project"], "reference": {"resource": "projects", "fields": ["slug"]}}]
    return schema


def _described(text: str, t: Translator) -> str:
    """A table's description, with the codebook's word on cells that begin like a formula."""
    return f"{text} {t('data.formulas')}" if text else t("data.formulas")


def project_resource(slug: str, entry: dict[str, Any], schema: dict[str, Any], license_id: str,
                     t: Translator) -> dict[str, Any]:
    """A project's own table as a resource of the package (`schema`: as published, see
    [cocreate.standard.datafiles.Table][]). Its name joins the slug and the table's name with `_`,
    which neither holds: `a` + `b-c` and `a-b` + `c`, or `projects` + `json`, would
    otherwise give two resources one name, and the package would be invalid."""
    return {
        "name": f"{slug}_{entry['name']}",
        "path": urls.project_table(slug, entry["path"]).removeprefix(f"{urls.DATA}/"),
        "profile": "tabular-data-resource",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "title": t.text(entry["title"]),
        "description": _described(t.text(entry["description"]) if entry.get("description") else "", t),
        "schema": schema, "licenses": [{"name": entry.get("license", license_id),
                                        "path": f"https://spdx.org/licenses/{entry.get('license', license_id)}.html"}]}


def descriptor(t: Translator, *, name: str, title: str, license_id: str, site_url: str | None,
               extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """`datapackage.json`."""
    resources: list[dict[str, Any]] = [
        {"name": table.name, "path": f"{table.name}.csv", "profile": "tabular-data-resource", "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8", "description": _described(t(f"data.tables.{table.name}"), t),
         "schema": table_schema(table, t)}
        for table in TABLES
    ]
    resources.append({"name": "projects-json", "path": "projects.json", "format": "json",
                      "mediatype": "application/json", "description": t("data.tables.projects_json")})
    resources.extend(extra or [])
    package: dict[str, Any] = {"name": name, "title": title, "description": _described(t("data.description"), t),
                               "licenses": [{"name": license_id, "path": f"https://spdx.org/licenses/{license_id}.html"}],
                               "resources": resources}
    if site_url:
        package["homepage"] = site_url
    return package


def descriptor_json(t: Translator, *, name: str, title: str, license_id: str, site_url: str | None,
                    extra: list[dict[str, Any]] | None = None) -> str:
    """`datapackage.json`, as text."""
    package = descriptor(t, name=name, title=title, license_id=license_id, site_url=site_url, extra=extra)
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
