"""Files the build writes itself: tables as results arrive, feeds by a process of their own."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from cocreate.build.output import Output, folder_size
from cocreate.build.pipeline import Built, Files
from cocreate.i18n.translator import Translator
from cocreate.portal.project import Project
from cocreate.portal.site import RenderedPage
from cocreate.portal.urls import DATA as FOLDER
from cocreate.standard.loader import load_text
from cocreate.standard.validate import Result, Source
from helpers import FIXTURES, build, make_portal


def _result(slug: str, files: dict[str, str]) -> Result[Built]:
    data = load_text((FIXTURES / "valid" / "minimal.yml").read_bytes(), "m.yml").data
    entry = dataclasses.replace(Project(slug, data, "x", Translator("en")).entry(), slug=slug)
    built = Built(entry, RenderedPage(""), Files({}, f'{{"slug": "{slug}"}}', (), files))
    return Result(Source(Path(f"{slug}/project.yml"), f"{slug}/project.yml", slug), [], artefact=built)


def test_feeds_are_written_by_a_process_of_their_own(tmp_path: Path) -> None:
    output = Output(tmp_path)
    for slug in ("a", "b"):
        result = _result(slug, {f"projects/{slug}/feed.xml": f"<feed>{slug}</feed>"})
        output.add(result)
        assert result.artefact is not None
        assert result.artefact.files is None
    output.close()
    assert not (tmp_path / "projects").exists()  # kept until validation is over
    output.write_pending()
    assert output.wait()
    assert (tmp_path / "projects" / "b" / "feed.xml").read_text("utf-8") == "<feed>b</feed>"
    assert (tmp_path / FOLDER / "projects.json").read_text("utf-8") == '[{"slug": "a"},\n{"slug": "b"}]\n'
    assert output.wait()  # nothing left to wait for


def test_a_feed_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    (tmp_path / "projects").write_text("a file where a folder must go", "utf-8")
    output = Output(tmp_path)
    output.add(_result("a", {"projects/a/feed.xml": "<feed/>"}))
    output.close()
    output.write_pending()
    assert output.wait() is False


def test_every_path_written_is_noted_with_what_it_is(tmp_path: Path) -> None:
    output = Output(tmp_path)
    output.add(_result("a", {"projects/a/feed.xml": "<feed/>", "projects/a/feed.json": "{}"}))
    output.write("feed.xml", "<feed/>", "the portal's feeds")
    output.close()
    output.write_pending()
    assert output.wait()
    written = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()}
    assert set(output.generated) == written
    assert output.generated["projects/a/feed.json"] == "the feeds of project a"
    assert output.generated[f"{FOLDER}/stakeholders.csv"] == "the data package"


def test_a_site_larger_than_its_limit_fails_the_build_and_the_site_stays(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """GitHub Pages publishes sites of at most 1 GB: a build that would make a larger site
    (here, a limit of 1 MB) fails saying so, and the published site stays as it was."""
    config = make_portal(tmp_path)
    site = build(config)
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    size = folder_size(site)
    assert size == sum(len(data) for data in before.values())
    assert size > 2**20
    config.write_text(config.read_text("utf-8").replace("  - cocreate:\n", "  - cocreate:\n      site_size_limit: 1\n"),
                      "utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config)
    said = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert "more than site_size_limit (1 MB; GitHub Pages publishes sites of at most 1 GB)" in said, said
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    config.write_text(config.read_text("utf-8").replace("site_size_limit: 1\n", "site_size_limit: 0\n"), "utf-8")
    build(config)  # no limit
