"""Portal pages as MkDocs pages: no Markdown, titles from the nav, the shared navigation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from cocreate.mkdocs_plugin.pages import PortalPage, SharedBlocks, compact, compact_chrome, nav_titles
from helpers import PROJECTS, make_portal


def test_nav_titles_reads_titles_at_any_depth() -> None:
    nav = ["index.md", {"Katalog": "projects/index.md"}, {"Tentang": [{"Jenis": "kinds/index.md"}, "standard.md"]},
           {"GitHub": "https://github.com/x/y"}]
    assert nav_titles(nav) == {"projects/index.md": "Katalog", "kinds/index.md": "Jenis",
                               "https://github.com/x/y": "GitHub"}
    assert nav_titles(None) == {}


def _portal(tmp_path: Path, copies: int) -> Path:
    """A portal with `copies` of every demo project, so that lists run to several pages."""
    projects = tmp_path / "src"
    for i in range(copies):
        for demo in PROJECTS.iterdir():
            if (demo / "project.yml").exists():
                shutil.copytree(demo, projects / f"{demo.name}-{i}")
    config_file = make_portal(tmp_path / "portal", projects)
    text = config_file.read_text("utf-8").replace("  - projects/index.md\n", "  - Semua proyek: projects/index.md\n")
    config_file.write_text(text.replace("      branch: main\n", "      branch: main\n      facet_page_size: 4\n"), "utf-8")
    return config_file


def _build(config_file: Path, site: Path):
    config = load_config(str(config_file), site_dir=str(site))
    mkdocs_build(config)
    return config


def test_portal_pages_render_without_markdown_and_keep_nav_titles(tmp_path: Path) -> None:
    config = _build(_portal(tmp_path, 1), tmp_path / "site")
    nav = config.plugins["cocreate"]._shared_blocks
    assert nav is not None
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "Semua proyek" in html  # the nav's title for the catalogue, not the portal's own
    page = (tmp_path / "site" / "projects" / "taman-kota-hijau-0" / "index.html").read_text("utf-8")
    assert "<title>Taman Kota Hijau Cikaret" in page and 'class="cc cc-project"' in page


def test_shared_blocks_are_what_material_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page of a portal with many list pages, built with Material's blocks shared and
    built with Material rendering them for every page (compacted alike), is the same byte for byte."""
    config_file = _portal(tmp_path, 3)
    shared = _build(config_file, tmp_path / "shared").plugins["cocreate"]._shared_blocks
    shared_keys = set(shared._html)
    for block in ("header", "site_nav", "footer", "config"):  # it was used
        assert {(block, "projects"), (block, "catalogue"), (block, "catalogue/tag")} <= shared_keys
    assert all(parts is not None for (block, _), parts in shared._html.items() if block == "header")
    monkeypatch.setattr(SharedBlocks, "__call__", lambda self, block, page, render: Markup(compact(str(render()))))
    _build(config_file, tmp_path / "every")
    shared_files = sorted(p.relative_to(tmp_path / "shared") for p in (tmp_path / "shared").rglob("*.html"))
    every_files = sorted(p.relative_to(tmp_path / "every") for p in (tmp_path / "every").rglob("*.html"))
    assert shared_files == every_files and len(shared_files) > 100
    for name in shared_files:
        assert (tmp_path / "shared" / name).read_bytes() == (tmp_path / "every" / name).read_bytes(), name


def test_pages_in_the_nav_or_with_a_link_inside_their_folder_are_rendered_for_themselves() -> None:
    class Item:
        def __init__(self, url: str) -> None:
            self.url, self.children = url, None

    class Nav:
        items = [Item(""), Item("projects/"), Item("catalogue/tag/air/extra/")]

    class Spec:
        in_nav = False

    rendered: list[str] = []
    shared = SharedBlocks(Nav())  # type: ignore[arg-type]

    def page(url: str) -> PortalPage:
        portal_page = PortalPage.__new__(PortalPage)
        portal_page.spec, portal_page.toc, portal_page.meta = Spec(), [], {"title": url}
        portal_page.previous_page = portal_page.next_page = None
        portal_page.file = type("F", (), {"url": url})()
        return portal_page

    for url in ("projects/a/", "projects/b/", "catalogue/tag/air/", "catalogue/tag/api/"):
        shared("site_nav", page(url), lambda u=url: rendered.append(u) or u)
    # projects/a and projects/b share one rendering; catalogue/tag/air holds a nav link
    assert rendered == ["projects/a/", "catalogue/tag/air/", "catalogue/tag/api/"]


def test_compact_keeps_what_a_browser_renders() -> None:
    html = ("<nav>\n    <ul>\n      <li>a</li>\n\n      <li>b</li>\n  </ul>\n</nav>  <span>x</span> <span>y</span>\n"
            "<pre>  keep\n\n    this\n</pre>\n  <script>\nvar a = 1\n\n  var b = 2\n</script>\n  <textarea>\n  t\n</textarea>")
    assert compact(html) == ("<nav>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</nav>  <span>x</span> <span>y</span>\n"
                             "<pre>  keep\n\n    this\n</pre>\n<script>\nvar a = 1\n\n  var b = 2\n</script>\n"
                             "<textarea>\n  t\n</textarea>")


def test_compact_chrome_compacts_around_the_content_and_leaves_the_content() -> None:
    content = '<article class="md-content__inner md-typeset">\n  <code>  a:\n\n    b</code>\n\n  <p>x</p>\n'
    html = f"<head>\n    <title>t</title>\n\n  </head>\n  <main>\n{content}</article>\n\n    <footer>\n  </footer>"
    assert compact_chrome(html) == f"<head>\n<title>t</title>\n</head>\n<main>\n{content}</article>\n<footer>\n</footer>"
    assert compact_chrome("<p>\n\n  no content</p>") == "<p>\n\n  no content</p>"


def test_a_built_page_has_no_blank_lines_around_its_content(demo_site: Path) -> None:
    html = (demo_site / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8")
    start, end = html.index('<article class="md-content__inner'), html.rindex("</article>")
    for chrome in (html[:start], html[end:]):
        outside = re.sub(r"<(script|style)\b.*?</\1>", "<kept>", chrome, flags=re.S)
        assert "\n\n" not in outside and "\n " not in outside
