"""The files a build writes beside the pages once every project is in, and the check that
no file of the docs folder stands where one of them goes.

- `write_site_files`, once for all the portal's languages: the data package's descriptor,
  the projects' own tables (as validated: texts that begin like a spreadsheet formula
  with a `'` in front, `standard/csvsafe.py`) and the standard's JSON Schema;
- `write_feeds`, in each language (in its tree): the portal's feeds and the feed of new
  calls;
- `refuse_clashes`: MkDocs would silently copy a file of the docs folder over a file
  cocreate writes (a hand-written `feed.xml` replacing the feed) or the other way round.

Each file goes where `portal/urls.py` says, through the build's `Output`, which notes
every path it writes and what it is.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cocreate.build.output import Output, SiteError
from cocreate.i18n.translator import Translator
from cocreate.portal import datapackage, feeds, urls
from cocreate.portal.entry import Entry
from cocreate.portal.options import Options
from cocreate.portal.urls import slugify
from cocreate.standard.datafiles import published_table
from cocreate.standard.schema import project_schema


@dataclass(frozen=True, slots=True)
class DocsFile:
    """A file of the docs folder, where MkDocs reads it and where it would write it."""

    src_uri: str
    """Its path in the docs folder."""
    dest_uri: str
    """Its path in the site."""


def write_site_files(output: Output, projects: Iterable[Entry], options: Options, folder: Path) -> None:
    """The data package's descriptor, the projects' own tables (read from `folder`, the
    projects folder) and the standard's schema, in the portal's main language (`options`)."""
    t = Translator(options.language)
    tables: list[dict[str, Any]] = []
    for project in projects:
        for entry in project.tables:
            try:
                table = published_table(folder / project.slug, entry)
            except ValueError as exc:  # changed since it was validated
                raise SiteError(f"{exc}; validate again") from None
            tables.append(datapackage.project_resource(project.slug, entry, table.schema, options.data_license, t))
            output.write(urls.project_table(project.slug, entry["path"]), table.csv,
                         f"a table of project {project.slug}")
            output.write(urls.project_table(project.slug, entry["schema"]), table.schema_json,
                         f"a table of project {project.slug}")
    output.write(urls.data_file("datapackage.json"), datapackage.descriptor_json(
        t, name=slugify(options.site_name), title=options.site_name, license_id=options.data_license,
        site_url=options.site_url, extra=tables), "the data package")
    schema_text = dict(project_schema())
    if options.site_url:
        schema_text["$id"] = f"{options.site_url}{urls.SCHEMA}"
    output.write(urls.SCHEMA, json.dumps(schema_text, ensure_ascii=False, indent=2) + "\n",
                 "the JSON Schema of the project standard")


def write_feeds(output: Output, options: Options, projects: list[Entry]) -> None:
    """The portal's feeds and the feed of new calls, in one language (`options.language`, in
    its tree)."""
    language, here, t = options.language, options.urls, Translator(options.language)
    items = heapq.nlargest(feeds.LIMIT, output.items_in(language), key=lambda i: (i.rank, i.id))
    site_url = options.site_url
    for path, text in feeds.both(options.site_name, site_url, here.path(""), here.absolute(urls.HOME)
                                 if site_url else "./", items, language).items():
        output.write(path, text, "the portal's feeds")
    calls = feeds.items_from_calls(projects, t, here)
    title = f"{t('calls.title')} · {options.site_name}" if options.site_name else t("calls.title")
    for path, text in feeds.both(title, site_url, here.path(urls.CALLS_FOLDER), here.absolute(urls.calls()) or "./",
                                 calls, language).items():
        output.write(path, text, "the feed of new calls")


def refuse_clashes(docs_files: Iterable[DocsFile], generated: Mapping[str, str], docs: str) -> None:
    """Raise `SiteError` for any file of the docs folder (`docs`: its name) that would
    land where cocreate writes a file (`generated`: every path below the site, and what it
    is), in a folder cocreate writes into, or inside a file cocreate writes."""
    folders: dict[str, str] = {}  # the folders cocreate writes into: no file may stand there either
    for path, what in generated.items():
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]), what)
    clashes = []
    for file in docs_files:
        parts = file.dest_uri.split("/")
        # the path itself, a folder cocreate writes into, or a path inside a file cocreate writes
        taken = next((path for path in ("/".join(parts[:depth]) for depth in range(len(parts), 0, -1))
                      if path in generated), None)
        if taken is not None:
            clashes.append(f"{docs}/{file.src_uri} (cocreate writes {taken}: {generated[taken]})")
        elif file.dest_uri in folders:
            clashes.append(f"{docs}/{file.src_uri} (cocreate writes files in {file.dest_uri}/: "
                           f"{folders[file.dest_uri]})")
    if clashes:
        raise SiteError("these files of the docs folder are at paths the portal generates; remove or rename "
                             "them: " + "; ".join(sorted(clashes)))
