"""The site search: Pagefind indexes every real build (project and hand-written pages, not
lists), reproducibly, and a build where it cannot run fails and publishes nothing."""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from cocreate.build.search import MAX_GLOB, UNUSED, SearchError, SiteSearch, index_site, pages_glob
from cocreate.build.search_files import SHORTEST, read, short_names
from cocreate.i18n.translator import _flat
from helpers import PROJECTS, ROOT, build, make_portal

PROJECT_COUNT = len([p for p in PROJECTS.iterdir() if (p / "project.yml").exists()])
MARKDOWN_PAGES = len([p for p in (ROOT / "content").rglob("*.md") if not p.name.endswith(".en.md")])
"""The demo's hand-written pages (their translations, `*.en.md`, are the same pages in English)."""


def entry(site: Path) -> dict[str, Any]:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def indexed_urls(site: Path) -> set[str]:
    """The address of every page in the index (each fragment names its page)."""
    urls = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[len(b"pagefind_dcd"):])["url"])
    return urls


def test_the_index_holds_project_and_hand_written_pages_not_lists(demo_site: Path, demo_site_en: Path) -> None:
    for site, language in ((demo_site, "id"), (demo_site_en, "en")):
        assert entry(site)["languages"].keys() == {language}
        assert entry(site)["languages"][language]["page_count"] == PROJECT_COUNT + MARKDOWN_PAGES
        urls = indexed_urls(site)
        assert "/projects/taman-kota-hijau/" in urls
        assert "/take-part/" in urls
        assert "/" in urls
        assert not [u for u in urls if u.startswith(("/catalogue/", "/stakeholders/", "/kinds/"))]
        assert "/projects/" not in urls
        assert not (site / "search").exists(), "Material's search index is not published"
        assert not [name for name in UNUSED if (site / "pagefind" / name).exists()]
        assert not (site / "assets" / "javascripts" / "lunr").exists()
        assert not list((site / "assets" / "javascripts").rglob("search.*")), "Material's search worker"
        assert list((site / "assets" / "javascripts").glob("bundle.*.min.js")), "Material's own code stays"


def _sentences(language: str) -> set[str]:
    """cocreate's own sentences in `language`: each portal text's pieces between its
    placeholders, of three words or more."""
    out = set()
    for text in _flat(language).values():
        for piece in re.split(r"\{[^}]*\}", str(text)):
            piece = re.sub(r"<[^>]+>|\*\*", "", piece).strip(" .,:;")
            if len(piece.split()) >= 3:
                out.add(piece)
    return out


def test_no_sentence_of_cocreate_s_own_finds_a_project(demo_site_bilingual: Path) -> None:
    """The words a project page says on every project (how to join, explanations, the
    vocabulary's labels) are not in its index, or a search for "formulir" or "email" would
    find every project that takes participants; a project's own text still is."""
    said = "\n".join(p.read_text("utf-8") for p in PROJECTS.glob("*/project.yml"))
    own = {lang: {s for s in _sentences(lang) if s not in said} for lang in ("id", "en")}
    assert len(own["id"]) > 100
    assert len(own["en"]) > 100
    found, projects = [], 0
    for fragment in (demo_site_bilingual / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        if "/projects/" not in data["url"]:
            continue
        projects += 1
        language = "en" if data["url"].startswith("/en/") else "id"
        found += [(data["url"], s) for s in own[language] if s in data["content"]]
    assert projects == 2 * PROJECT_COUNT
    assert not found
    # what a project records is still found: its call's skills, its licence
    content = " ".join(json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):])["content"]
                       for f in (demo_site_bilingual / "pagefind" / "fragment").iterdir())
    assert "Menguji aplikasi dengan pembaca layar" in content
    assert "CC-BY-SA-4.0" in content


def test_a_timeline_s_dates_labels_and_evidence_links_find_no_project(demo_site_bilingual: Path) -> None:
    """The line above each event of a timeline (its date, and its phase and activity as the
    vocabulary names them) and the word of an evidence link say the same kind of thing on
    every project: a search for "Pelibatan", "Maret" or "Bukti" found every project through
    them. An event's own title is still found."""
    said = "\n".join(p.read_text("utf-8") for p in PROJECTS.glob("*/project.yml"))
    assert not re.search(r"\b(Bukti|Evidence)\b", said)
    projects = 0
    for fragment in (demo_site_bilingual / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        if "/projects/" not in data["url"]:
            continue
        projects += 1
        content = data["content"]
        assert not re.search(r"· (Pelibatan|Kurasi|Pemberdayaan|Involvement|Curation|Empowerment)\b", content)
        assert not re.search(r"\b(Bukti|Evidence)\b", content), data["url"]
        if data["url"].endswith("/taman-kota-hijau/"):
            assert ("Jalan bersama menyusuri lahan tidur" if not data["url"].startswith("/en/")
                    else "A walk together across the idle plot") in content
    assert projects == 2 * PROJECT_COUNT


def test_project_pages_give_their_filters_in_the_portal_s_language(demo_site: Path) -> None:
    (meta,) = (demo_site / "pagefind").glob("*.pf_meta")
    filters = {}
    for name, file in read(meta)[3]:
        assert isinstance(name, str)
        key, values = read(demo_site / "pagefind" / "filter" / f"{file}.pf_filter")
        filters[key] = {value for value, _ in values}
    assert filters == {"phase": {"Pelibatan", "Kurasi", "Pemberdayaan"},
                       "kind": {"Kerumunan warga", "Klub ahli", "Koalisi para pihak", "Komunitas sehati"},
                       "category": {"Pemerintah daerah", "Pemerintah pusat", "Warga dan komunitas", "Pelaku usaha",
                                    "Akademisi", "Profesional", "Investor"},
                       "status": {"Diusulkan", "Berjalan", "Dijeda", "Selesai"}}


def test_the_search_box_s_words_and_filters_are_one_file_not_in_every_page(demo_site: Path,
                                                                           demo_site_en: Path) -> None:
    """Pages hold the box (its named field and live region); what it says once open and its
    filters are in the file its data-texts names, in the portal's language, every filter
    value as project pages give it to Pagefind."""
    for site, language, any_value in ((demo_site, "id", "semua"), (demo_site_en, "en", "any")):
        html = (site / "projects" / "taman-kota-hijau" / "index.html").read_text("utf-8")
        assert "cc-search-filters" not in html
        assert "<option>Kurasi</option>" not in html
        assert "<option>Curation</option>" not in html
        found = re.search(r'data-cc-search data-texts="([^"]+)"', html)
        assert found is not None, "the search box names its texts"
        href = found.group(1)
        texts = json.loads((site / "projects" / "taman-kota-hijau" / href).resolve().read_text("utf-8"))
        assert href.endswith(f"search-{language}.json")
        assert texts["any"] == any_value
        assert [f["name"] for f in texts["filters"]] == ["phase", "kind", "category", "status"]
        assert all(f["label"] and f["values"] for f in texts["filters"])
        assert all(texts[key] for key in ("prompt", "loading", "none", "more", "unavailable"))
        # how many results: one form per plural category of the language (CLDR), for Intl.PluralRules
        assert texts["found"] == ({"other": "{count} hasil"} if language == "id"
                                  else {"one": "{count} result", "other": "{count} results"})
    texts = json.loads((demo_site / "assets" / "cocreate" / "search-id.json").read_text("utf-8"))
    assert next(f for f in texts["filters"] if f["name"] == "phase")["values"] == ["Pelibatan", "Kurasi", "Pemberdayaan"]


def test_indexing_the_same_site_again_writes_the_same_files(demo_site: Path, tmp_path: Path) -> None:
    # regression: Pagefind 1.5 writes its filters in the order of a hash map seeded anew
    # each run, so two builds of one commit differed in the filter files, the metadata
    # and pagefind-entry.json
    import shutil

    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    first = files(site / "pagefind")
    for _ in range(3):
        index_site(site, "id")
        assert files(site / "pagefind") == first


def test_the_metadata_names_each_page_s_fragment_in_few_characters(demo_site_bilingual: Path) -> None:
    """Every search loads the metadata, which names every page's fragment: by its content's
    hash in base 36, 4 characters after its language's prefix (Pagefind wrote 7 hex digits);
    each name is a fragment of that language, each fragment is named once."""
    bundle = demo_site_bilingual / "pagefind"
    named = set()
    for language, about in entry(demo_site_bilingual)["languages"].items():
        pages = read(bundle / f"pagefind.{about['hash']}.pf_meta")[1]
        assert len(pages) == about["page_count"]
        for name, words in pages:
            # (one character more where two fragments' hashes begin alike, 1 chance in 3,500 here)
            assert re.fullmatch(rf"{language}_[0-9a-z]{{{SHORTEST},{SHORTEST + 1}}}", name), name
            assert words > 0
            data = json.loads(gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())[12:])
            assert data["url"].startswith("/en/") == (language == "en")
            named.add(name)
    assert {f.name.removesuffix(".pf_fragment") for f in (bundle / "fragment").iterdir()} == named


def test_two_fragments_whose_names_would_begin_alike_get_longer_names() -> None:
    digests = ["abcd1xyz", "abcd2xyz", "abce0000", "zzzz9999", "abcd1xzz"]
    names = short_names(digests)
    assert names == {"abcd1xyz": "abcd1xy", "abcd1xzz": "abcd1xz", "abcd2xyz": "abcd2",
                     "abce0000": "abce", "zzzz9999": "zzzz"}
    assert short_names(list(reversed(digests))) == names
    assert short_names(["abcd1xyz", "abcd1xyz"]) == {"abcd1xyz": "abcd"}, "one content, one fragment"


MARKED = '<html lang="id"><head><title>{0}</title></head><body><main data-pagefind-body><h1>kata {0}</h1></main></body></html>'


def test_pagefind_reads_the_pages_named_by_the_glob_whatever_their_names(tmp_path: Path) -> None:
    """Every page the glob names is indexed, its path's glob syntax escaped; a page marked
    for the index that the glob does not name (as a list page is not) is not read."""
    named = ["a, b (c)!/index.html", "x{y}[z]/index.html", "p*q?$/index.html", "h#1 <k:2>/index.html", "ü é/index.html"]
    for path in [*named, "projects/one/index.html", "projects/one/other.html", "catalogue/index.html"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(MARKED.format(path), "utf-8")
    index = index_site(tmp_path, "id", glob=pages_glob(["projects/*/index.html"], named))
    assert index.pages == {"id": len(named) + 1}
    assert indexed_urls(tmp_path) == {"/a, b (c)!/", "/x{y}[z]/", "/p*q?$/", "/h#1 <k:2>/", "/ü é/", "/projects/one/"}


def test_without_a_glob_that_fits_pagefind_reads_every_page() -> None:
    """A path with a backslash (wax cannot escape it) or a list longer than a command line
    takes: no glob, so every page is read and the marked ones kept (slower, the same index)."""
    assert pages_glob(["projects/*/index.html"], ["take-part/index.html"]) == "{projects/*/index.html,take-part/index.html}"
    assert pages_glob([], ["a\\b/index.html"]) is None
    many = [f"page-{n:06d}/index.html" for n in range(MAX_GLOB // 20)]
    assert pages_glob([], many) is None
    assert pages_glob([], many[:100]) is not None


def test_a_hand_written_page_with_glob_syntax_in_its_name_is_found(tmp_path: Path) -> None:
    config = make_portal(tmp_path)
    (tmp_path / "content" / "rapat {warga}, [2024].md").write_text("# Rapat warga\n\nNotulen musyawarah.\n", "utf-8")
    build(config)
    assert "/rapat {warga}, [2024]/" in indexed_urls(tmp_path / "site")
    assert entry(tmp_path / "site")["languages"]["id"]["page_count"] == PROJECT_COUNT + MARKDOWN_PAGES + 1


def test_a_portal_that_still_lists_material_s_search_builds_with_cocreate_s(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = make_portal(tmp_path)
    text = config_file.read_text("utf-8")
    config_file.write_text(text.replace("  - cocreate:\n", "  - search\n  - cocreate:\n", 1), "utf-8")
    with caplog.at_level(logging.INFO):
        site = build(config_file)  # strict: the note is not a warning
    assert not (site / "search").exists()
    assert entry(site)["languages"]["id"]["page_count"] > PROJECT_COUNT
    assert any("Material's search plugin, listed in mkdocs.yml, is turned off" in r.getMessage()
               for r in caplog.records)


def _published(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize(("binary", "said"), [
    ("missing", "Pagefind could not run"),
    ("failing", "Pagefind failed to index the site (exit status 3): cannot index: disk on fire"),
    ("silent", "Pagefind wrote no usable index"),
])
def test_where_pagefind_cannot_run_the_build_fails_and_the_site_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
                                                                       binary: str, said: str) -> None:
    config_file = make_portal(tmp_path / "portal")
    site = build(config_file)
    before = _published(site)
    program = tmp_path / binary
    if binary != "missing":
        body = "echo 'cannot index: disk on fire' >&2; exit 3" if binary == "failing" else "exit 0"
        program.write_text(f"#!/bin/sh\n{body}\n", "utf-8")
        program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config_file)
    errors = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert said in errors, errors
    assert "pagefind" in errors.lower()
    assert _published(site) == before
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site")) == []


def test_the_search_error_names_the_fix_when_no_binary_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    import pagefind.service

    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    with pytest.raises(SearchError, match=r"pip install 'pagefind\[bin\]'"):
        index_site(Path(os.devnull), "id")


LATE_PAGE = '''
from mkdocs.structure.files import File


def on_files(files, config):
    files.append(File.generated(config, "late.md", content="# Halaman susulan\\n\\nKata langka zamrudwangi.\\n"))
    return files
'''


def test_the_search_starts_while_list_pages_are_written_and_again_for_a_late_page(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Pagefind starts once the hand-written and project pages are on disk; a page it reads
    that comes after (another plugin's, here a hook's) makes it start again, so that the
    page is in the index."""
    config = make_portal(tmp_path)
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.cocreate.mkdocs_plugin.plugin")
    build(config)
    said = [r.getMessage() for r in caplog.records if "site search: started" in r.getMessage()]
    assert said == ["cocreate: site search: started before catalogue/phase/involvement/index.html, "
                    "while the other pages are written"]  # the first list page after the project pages
    caplog.clear()
    (tmp_path / "late.py").write_text(LATE_PAGE, "utf-8")
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - late.py\n", "utf-8")
    build(config)
    assert "/late/" in indexed_urls(tmp_path / "site")
    assert any("started again" in r.getMessage() for r in caplog.records)


def test_indexing_a_site_of_two_languages_again_writes_the_same_files(demo_site_bilingual: Path,
                                                                      tmp_path: Path) -> None:
    # regression: pagefind-entry.json named the languages in the order of a hash map
    import shutil

    site = tmp_path / "site"
    shutil.copytree(demo_site_bilingual, site)
    first = files(site / "pagefind")
    assert list(entry(site)["languages"]) == ["en", "id"]
    for _ in range(4):
        assert list(index_site(site, "id").pages) == ["en", "id"]  # as the build's log line says them
        assert files(site / "pagefind") == first


def test_site_search_starts_once_the_pages_it_reads_are_written(tmp_path: Path) -> None:
    def write(path: str) -> None:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(MARKED.format(path), "utf-8")

    search = SiteSearch(tmp_path, ("projects/*/index.html",))
    write("index.html")
    search.wrote("index.html", project_page=False, generated=False)
    search.expect(True)
    search.expect(True)
    for slug in ("a", "b"):
        assert not search.start(), "a project page is still to be written"
        write(f"projects/{slug}/index.html")
        search.wrote(f"projects/{slug}/index.html", project_page=True, generated=True)
    write("catalogue/index.html")  # a list: written, never read
    assert search.start()
    assert not search.start()
    search.wrote("catalogue/index.html", project_page=False, generated=True)
    assert search.finish("id").pages == {"id": 3}
    assert not search.restarted
    assert indexed_urls(tmp_path) == {"/", "/projects/a/", "/projects/b/"}


def test_a_page_it_reads_written_after_it_started_starts_it_again(tmp_path: Path) -> None:
    search = SiteSearch(tmp_path, ("projects/*/index.html",))
    (tmp_path / "projects" / "a").mkdir(parents=True)
    (tmp_path / "projects" / "a" / "index.html").write_text(MARKED.format("a"), "utf-8")
    assert search.start()
    (tmp_path / "late").mkdir()
    (tmp_path / "late" / "index.html").write_text(MARKED.format("late"), "utf-8")
    search.wrote("late/index.html", project_page=False, generated=False)
    assert search.finish("id").pages == {"id": 2}
    assert "/late/" in indexed_urls(tmp_path)
    assert search.restarted


def test_a_page_rewritten_after_it_started_starts_it_again(tmp_path: Path) -> None:
    """Another plugin may rewrite pages on disk at the end of the build (its
    on_post_build runs before cocreate's): the index is of the pages as published."""
    import time

    page = tmp_path / "projects" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(MARKED.format("a"), "utf-8")
    search = SiteSearch(tmp_path, ("projects/*/index.html",))
    assert search.start()
    time.sleep(0.05)
    page.write_text(MARKED.format("zamrudwangi"), "utf-8")
    search.finish("id")
    assert search.restarted
    (fragment,) = (tmp_path / "pagefind" / "fragment").iterdir()
    assert b"zamrudwangi" in gzip.decompress(fragment.read_bytes())


def test_a_pagefind_that_cannot_start_is_tried_once_before_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not once per page written after the project pages: once, then by `finish`, which
    says why (and fails the build)."""
    import cocreate.build.search as search_module

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "missing"))
    tries: list[int] = []
    real = search_module.start_indexing

    def counted(*args: Any, **kwargs: Any) -> Any:
        tries.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(search_module, "start_indexing", counted)
    search = SiteSearch(tmp_path, ("projects/*/index.html",))
    assert not any(search.start() for _ in range(5))
    assert len(tries) == 1
    with pytest.raises(SearchError, match="Pagefind could not run"):
        search.finish("id")
    assert len(tries) == 2
