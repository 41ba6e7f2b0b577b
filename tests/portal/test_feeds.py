"""Feeds, history on project pages, the published schema, and reproducible builds."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from gitutil import commit_all, init_repo
from helpers import PROJECTS, ROOT, attr, build, make_portal, one, xml_text

ATOM = "{http://www.w3.org/2005/Atom}"


def _git_portal(tmp_path: Path) -> Path:
    """A portal in a real git repository: two projects, then a pull request that joins one."""
    config_file = make_portal(init_repo(tmp_path / "portal"), None)
    for slug in ("taman-kota-hijau", "bank-sampah-berseri"):
        shutil.copytree(PROJECTS / slug, config_file.parent / "projects" / slug)
    commit_all(config_file.parent, "Start the portal", date="2024-01-02T10:00:00Z")
    path = config_file.parent / "projects" / "taman-kota-hijau" / "project.yml"
    path.write_text(path.read_text("utf-8").replace("stakeholders:\n", "stakeholders:\n  - name: Komunitas Pesepeda\n"
                    "    category: community\n    role: contributor\n    contributes: Relawan\n    benefit: Jalur\n", 1), "utf-8")
    commit_all(config_file.parent, "Join the park (#7)", date="2024-06-01T09:00:00Z")
    return config_file


def test_history_feeds_and_links_from_git(tmp_path: Path) -> None:
    site = build(_git_portal(tmp_path))
    page = BeautifulSoup((site / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8"), "html.parser")
    entries = page.select("#history ol.cc-history li")
    assert len(entries) == 2
    assert "Komunitas Pesepeda bergabung" in entries[0].text
    links = [attr(a, "href") for a in entries[0].select("a")]
    assert links[0].startswith("https://github.com/cocreate-portal/demo/commit/")
    assert links[1] == "https://github.com/cocreate-portal/demo/pull/7"
    assert page.select_one('link[rel="alternate feed"][href="../../projects/taman-kota-hijau/feed.xml"]') is not None

    feed = ElementTree.parse(site / "feed.xml").getroot()
    titles = [xml_text(e, f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles[0].endswith("Komunitas Pesepeda bergabung")
    assert len(titles) == 3
    assert xml_text(feed, f"{ATOM}updated") == "2024-06-01T09:00:00Z"
    project_feed = json.loads((site / "projects" / "taman-kota-hijau" / "feed.json").read_text("utf-8"))
    assert project_feed["version"] == "https://jsonfeed.org/version/1.1"
    assert len(project_feed["items"]) == 2
    projects_csv = (site / "data" / "projects.csv").read_text("utf-8")
    assert "2024-06-01" in projects_csv  # last_changed from git


def test_without_git_history_is_unavailable_and_feeds_use_the_timeline(demo_site: Path) -> None:
    page = BeautifulSoup((demo_site / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8"), "html.parser")
    assert "tidak tersedia" in one(page, "#history").text
    feed = json.loads((demo_site / "projects" / "taman-kota-hijau" / "feed.json").read_text("utf-8"))
    # the answers to residents with their day (2025-04: its first), the events; the planned step (2026-06) is none
    assert [i["date_modified"][:10] for i in feed["items"]] == ["2026-11-10", "2025-04-01", "2025-01-10", "2024-07-15",
                                                               "2024-04-20", "2024-02-01"]


def test_shallow_clone_builds_and_says_so(tmp_path: Path) -> None:
    origin = _git_portal(tmp_path).parent
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    site = build(clone / "mkdocs.yml")
    page = BeautifulSoup((site / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select_one("#history .cc-muted") is not None


def test_schema_is_published_at_a_stable_url(demo_site: Path) -> None:
    published = json.loads((demo_site / "schema" / "project-1.json").read_text("utf-8"))
    shipped = json.loads((ROOT / "plugins" / "cocreate" / "standard" / "schema" / "project.schema.json").read_text("utf-8"))
    assert published["$id"] == "https://cocreate.example/schema/project-1.json"
    assert {k: v for k, v in published.items() if k != "$id"} == {k: v for k, v in shipped.items() if k != "$id"}


def test_two_builds_of_one_commit_are_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config_file = _git_portal(tmp_path)
    first = build(config_file)
    snapshot = {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()}
    shutil.rmtree(first)
    second = build(config_file)
    again = {p.relative_to(second): p.read_bytes() for p in second.rglob("*") if p.is_file()}
    data = sorted(p for p in snapshot if p.parts[0] in ("data", "schema") or p.name.startswith("feed."))
    assert len(data) > 15  # 10 data files, the schema, 2 site feeds, 2 per project
    for path in data:
        assert again[path] == snapshot[path], path
    assert again == snapshot  # the whole site, sitemap included (SOURCE_DATE_EPOCH)


def test_commit_author_emails_never_reach_the_site(tmp_path: Path) -> None:
    config_file = _git_portal(tmp_path)  # its commits are made by t <t@example.invalid>
    site = build(config_file)
    assert (site / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8").count("cc-history") >= 1
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".js"):
            assert b"example.invalid" not in path.read_bytes(), path
