"""Portal pages as MkDocs pages: no Markdown, titles from the nav, the shared navigation."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from cocreate.mkdocs_plugin.pages import SharedBlocks, compact, compact_chrome, nav_titles, share_icons
from helpers import PROJECTS, attr, make_portal, one, parent


def test_nav_titles_reads_titles_at_any_depth() -> None:
    nav = ["index.md", {"Katalog": "projects/index.md"}, {"Tentang": [{"Jenis": "kinds/index.md"}, "standard.md"]},
           {"GitHub": "https://github.com/x/y"}]
    assert nav_titles(nav) == {"projects/index.md": "Katalog", "kinds/index.md": "Jenis",
                               "https://github.com/x/y": "GitHub"}
    assert nav_titles(None) == {}


def _portal(tmp_path: Path, copies: int, nav: str = "") -> Path:
    """A portal with `copies` of every demo project, so that lists run to several pages;
    `nav`: more lines of the site's navigation, after the catalogue."""
    projects = tmp_path / "src"
    for i in range(copies):
        for demo in PROJECTS.iterdir():
            if (demo / "project.yml").exists():
                shutil.copytree(demo, projects / f"{demo.name}-{i}")
    config_file = make_portal(tmp_path / "portal", projects)
    text = config_file.read_text("utf-8").replace("  - projects/index.md\n", "  - Semua proyek: projects/index.md\n" + nav)
    config_file.write_text(text.replace("      branch: main\n", "      branch: main\n      facet_page_size: 4\n"), "utf-8")
    return config_file


def _build(config_file: Path, site: Path) -> MkDocsConfig:
    config = load_config(str(config_file), site_dir=str(site))
    mkdocs_build(config)
    return config


def test_portal_pages_render_without_markdown_and_keep_nav_titles(tmp_path: Path) -> None:
    _build(_portal(tmp_path, 1), tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "Semua proyek" in html  # the nav's title for the catalogue, not the portal's own
    page = (tmp_path / "site" / "projects" / "taman-kota-hijau-0" / "index.html").read_text("utf-8")
    assert "<title>Taman Kota Hijau Cikaret" in page
    assert 'class="cc cc-project"' in page


def _nav_links(html: str, title: str) -> list[str]:
    return [attr(a, "href") for a in BeautifulSoup(html, "html.parser").select("a.md-nav__link") if title in a.text]


def test_shared_blocks_are_what_material_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page of a portal with many list pages, built with Material's blocks shared and
    built with Material rendering them for every page (compacted alike), is the same byte for
    byte; shared, Material renders each block for fewer than half the pages. The nav links to
    the second page of a list, inside the folder of the first, and to list pages: those pages
    cannot take their neighbours' blocks."""
    config_file = _portal(tmp_path, 3, nav="  - Aktif, halaman 2: catalogue/status/active/2/index.md\n")
    asked: Counter[str] = Counter()
    rendered: Counter[str] = Counter()
    shared_call = SharedBlocks.__call__

    def counted(self: SharedBlocks, block: str, page: Any, render: Callable[[], Any]) -> Any:
        def render_counted() -> Any:
            rendered[block] += 1
            return render()

        asked[block] += 1
        return shared_call(self, block, page, render_counted)

    monkeypatch.setattr(SharedBlocks, "__call__", counted)
    _build(config_file, tmp_path / "shared")
    assert set(asked) == {"header", "site_nav", "footer", "config"}
    for block, pages in asked.items():  # Material rendered it for fewer than half the pages
        assert pages > 100, (block, rendered[block], pages)
        assert rendered[block] * 2 < pages, (block, rendered[block], pages)
    monkeypatch.setattr(SharedBlocks, "__call__", lambda _self, _block, _page, render: Markup(compact(str(render()))))
    _build(config_file, tmp_path / "every")
    shared_files = sorted(p.relative_to(tmp_path / "shared") for p in (tmp_path / "shared").rglob("*.html"))
    every_files = sorted(p.relative_to(tmp_path / "every") for p in (tmp_path / "every").rglob("*.html"))
    assert shared_files == every_files
    assert len(shared_files) > 100
    for name in shared_files:
        assert (tmp_path / "shared" / name).read_bytes() == (tmp_path / "every" / name).read_bytes(), name
    lists = tmp_path / "shared" / "catalogue" / "status"
    assert _nav_links((lists / "active" / "index.html").read_text("utf-8"), "Aktif, halaman 2") == ["2/"]
    assert _nav_links((lists / "paused" / "index.html").read_text("utf-8"), "Aktif, halaman 2") == ["../active/2/"]


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
    page = '<article class="md-content__inner">\n\n  <a>edit</a>\n  \n<div>\n  <pre> x\n\n y</pre></div>\n\n  </article>'
    assert compact_chrome(page, "<div>\n  <pre> x\n\n y</pre></div>") == \
        '<article class="md-content__inner">\n<a>edit</a>\n<div>\n  <pre> x\n\n y</pre></div>\n</article>'


def test_a_built_page_has_no_blank_lines_around_its_content(demo_site: Path) -> None:
    html = (demo_site / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8")
    start, end = html.index('<article class="md-content__inner'), html.rindex("</article>")
    content = html.index('<article class="cc cc-project"'), html.rindex("</article>", 0, end)
    for chrome in (html[:start], html[end:], html[start:content[0]], html[content[1] + len("</article>"):end]):
        outside = re.sub(r"<(script|style)\b.*?</\1>", "<kept>", chrome, flags=re.S)
        assert "\n\n" not in outside
        assert "\n " not in outside


def test_an_icon_shown_twice_around_the_content_is_drawn_once() -> None:
    logo, once = '<svg viewBox="0 0 24 24"><path d="M1"/></svg>', '<svg viewBox="0 0 9 9"><path d="M2"/></svg>'
    before, after = share_icons(f"<a>{logo}</a>{once}<nav>{logo}</nav>", f"<footer>{logo}</footer>")
    drawn = '<svg viewBox="0 0 24 24"><g id="__cc_icon_1"><path d="M1"/></g></svg>'
    shown = '<svg viewBox="0 0 24 24"><use href="#__cc_icon_1"/></svg>'
    assert (before, after) == (f"<a>{drawn}</a>{once}<nav>{shown}</nav>", f"<footer>{shown}</footer>")


def test_a_built_page_draws_each_icon_of_materials_frame_once(demo_site: Path) -> None:
    """The header and the navigation drawer show the logo, the repository's icon and the
    search's twice each: each is drawn once, with its licence, and shown again by `<use>`;
    the one scheme of the demo's palette needs no form or script; Material's configuration
    holds no words of its own search, which is off."""
    html = (demo_site / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    uses = page.select("svg > use")
    assert len(uses) >= 3
    for use in uses:
        drawn = one(page, attr(use, "href"))
        assert drawn.name == "g"
        assert attr(parent(drawn, "svg"), "viewbox") == attr(parent(use, "svg"), "viewbox")  # html.parser: lower case
    assert html.count("Font Awesome") == 1
    assert not page.select('[data-md-component="palette"]')
    assert "__palette" not in html
    assert "search.result" not in html
    assert "clipboard.copy" in html
