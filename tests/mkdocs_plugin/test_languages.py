"""A portal in two languages from one build (`languages: [id, en]`, the demo's mkdocs.yml):
the main language at the root, English under `en/`, each page leading to its versions, each
tree in its own language, and a portal of one language as it always was."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from helpers import attr, build, make_portal, one

SLUG = "taman-kota-hijau"
PAGES = ("", f"projects/{SLUG}/", "projects/", "catalogue/phase/curation/", "kinds/", "stakeholders/community/",
         "calls/", "statistics/", "propose/", "data/", "take-part/", "standard/")
"""One page of each kind, by its address in the main tree."""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def page_at(site: Path, url: str) -> Path:
    return site / urlsplit(url).path.lstrip("/") / "index.html"


def alternates(page: BeautifulSoup) -> dict[str, str]:
    return {attr(link, "hreflang"): attr(link, "href") for link in page.select("link[hreflang]")
            if "alternate" in link.get_attribute_list("rel")}


def test_one_build_writes_both_trees_from_the_same_projects(demo_site_bilingual: Path) -> None:
    site = demo_site_bilingual
    main = {p.relative_to(site).as_posix() for p in site.rglob("index.html") if not p.is_relative_to(site / "en")}
    english = {p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("index.html")}
    assert main == english  # every page, in both languages
    for path in PAGES:
        assert one(soup(site / path / "index.html"), "html")["lang"] == "id", path
        assert one(soup(site / "en" / path / "index.html"), "html")["lang"] == "en", path
    english_page = soup(site / "en" / "projects" / SLUG / "index.html")
    assert one(english_page, "article h1").text == "Cikaret Green City Park"
    assert one(english_page, "#openness-h").text == "Who can join"
    assert one(soup(site / "projects" / SLUG / "index.html"), "article h1").text == "Taman Kota Hijau Cikaret"
    # the site's name is in the main language, and says so on the English pages
    assert one(english_page, ".md-header__topic .md-ellipsis")["lang"] == "id"
    assert not one(soup(site / "projects" / SLUG / "index.html"), ".md-header__topic .md-ellipsis").get("lang")
    # Material's own words are in the page's language too
    assert one(soup(site / "en" / "index.html"), ".md-skip").text.strip() == "Skip to content"
    assert one(soup(site / "index.html"), ".md-skip").text.strip() == "Lewati ke isi"


def test_the_switcher_leads_to_the_same_page_in_the_other_language(demo_site_bilingual: Path) -> None:
    site = demo_site_bilingual
    for path in PAGES:
        for here, there, language in ((path, f"en/{path}", "en"), (f"en/{path}", path, "id")):
            links = soup(site / here / "index.html").select(".cc-languages a")
            assert [a["hreflang"] for a in links] == [language], here
            assert links[0]["lang"] == language
            target = urljoin(f"https://x/{here}", attr(links[0], "href"))
            assert target == f"https://x/{there}", here


def test_hreflang_pairs_run_both_ways(demo_site_bilingual: Path) -> None:
    site = demo_site_bilingual
    read: dict[Path, tuple[dict[str, str], str]] = {}

    def pairs_and_language(file: Path) -> tuple[dict[str, str], str]:  # each page parsed once, not for every link to it
        if file not in read:
            page = soup(file)
            read[file] = alternates(page), str(one(page, "html")["lang"])
        return read[file]

    checked = 0
    for file in sorted(site.rglob("index.html")):
        pairs, _ = pairs_and_language(file)
        if not pairs:
            continue
        here = f"https://cocreate.example/{file.parent.relative_to(site).as_posix()}/".replace("/./", "/")
        assert set(pairs) == {"id", "en", "x-default"}, file
        assert pairs["x-default"] == pairs["id"]
        assert here in pairs.values(), file  # itself among them
        for language, url in pairs.items():
            target = page_at(site, url)
            assert target.is_file(), url
            back, lang = pairs_and_language(target)
            assert back == pairs, url  # the other page names the same pair, this one included
            assert lang == ("id" if language == "x-default" else language)
        checked += 1
    assert checked > 100


def test_english_navigation_is_in_english_and_stays_in_english(demo_site_bilingual: Path) -> None:
    page = soup(demo_site_bilingual / "en" / "projects" / SLUG / "index.html")
    nav = page.select(".md-nav--primary .md-nav__link[href]")
    titles = [a.get_text(" ", strip=True) for a in nav]
    assert "Projects" in titles
    assert "Kinds of co-creation" in titles
    assert "Katalog" not in titles
    for a in nav:
        target = urljoin(f"https://x/en/projects/{SLUG}/", attr(a, "href"))
        assert target.startswith("https://x/en/"), attr(a, "href")
    logo = one(page, ".md-header a.md-logo")
    assert urljoin(f"https://x/en/projects/{SLUG}/", attr(logo, "href")) == "https://x/en/"


def test_an_untranslated_page_s_title_in_the_english_navigation_is_marked_indonesian(tmp_path: Path) -> None:
    config = make_portal(tmp_path, bilingual=True)
    (tmp_path / "content" / "about.md").write_text("# Tentang portal\n\nPortal ini dikelola bersama.\n", "utf-8")
    config.write_text(config.read_text("utf-8").replace("  - standard.md\n", "  - standard.md\n  - about.md\n"), "utf-8")
    site = build(config)
    for page in ("en/", f"en/projects/{SLUG}/", "en/about/"):  # hand-written pages and a portal page
        links = {a.get_text(" ", strip=True): a for a in soup(site / page / "index.html").select(".md-nav--primary .md-nav__link")}
        assert one(links["Tentang portal"], '[lang="id"]').get_text(strip=True) == "Tentang portal", page
        assert not links["Projects"].select("[lang]"), page  # translated titles are in the page's language
    assert not soup(site / "about" / "index.html").select(".md-nav--primary .md-nav__link [lang]")


def test_a_page_without_translation_says_so_and_is_marked(tmp_path: Path) -> None:
    config = make_portal(tmp_path, bilingual=True)
    (tmp_path / "content" / "about.md").write_text("# Tentang portal\n\nPortal ini dikelola bersama.\n", "utf-8")
    site = build(config)
    english = soup(site / "en" / "about" / "index.html")
    assert one(english, "html")["lang"] == "en"
    note = one(english, "article .cc-only-in")
    assert note.text == "This page is available in Indonesian only: it is shown here as written, in Indonesian."
    assert one(english, 'article div[lang="id"] h1').text.startswith("Tentang portal")
    assert not alternates(english)  # no hreflang: the English tree has no English text of it
    assert not alternates(soup(site / "about" / "index.html"))
    # the switcher still leads there, and back
    assert one(soup(site / "about" / "index.html"), ".cc-languages a")["href"] == "../en/about/"
    # its title where the English pages show it: the header and, for a page in the nav, the navigation
    assert one(english, '.md-header__topic[data-md-component="header-topic"] .md-ellipsis')["lang"] == "id"
    assert not soup(site / "about" / "index.html").select('.md-header__topic[data-md-component="header-topic"] [lang]')
    # a translated page and a page written in both languages (front matter) say nothing of the kind
    for path in ("", "take-part/", "standard/"):
        assert not soup(site / "en" / path / "index.html").select(".cc-only-in"), path
        assert alternates(soup(site / "en" / path / "index.html")), path
    home = soup(site / "en" / "index.html")
    assert one(home, "article h1").text.startswith("Sukamaju City Co-creation Portal")
    assert one(home, "#home-h").text == "What is happening"  # in English, under the English words
    assert one(soup(site / "index.html"), "#home-h").text == "Yang sedang terjadi"


def test_feeds_and_the_catalogue_index_are_per_language_the_data_package_is_one(demo_site_bilingual: Path) -> None:
    site = demo_site_bilingual
    for folder, language in (("", "id"), ("en/", "en")):
        atom = (site / f"{folder}feed.xml").read_text("utf-8")
        assert f'xml:lang="{language}"' in atom
        assert f"<id>https://cocreate.example/{folder}feed.xml</id>" in atom
        assert json.loads((site / f"{folder}feed.json").read_text("utf-8"))["language"] == language
        assert (site / f"{folder}calls" / "feed.xml").is_file()
        project_feed = json.loads((site / f"{folder}projects" / SLUG / "feed.json").read_text("utf-8"))
        assert project_feed["language"] == language
        assert all(item["url"].startswith(f"https://cocreate.example/{folder}projects/")
                   for item in project_feed["items"])
        # the same change told in two languages is two entries (a reader of both keeps both)
        assert project_feed["items"]
        assert all(item["id"].startswith(f"tag:cocreate.example,2024:{folder}{SLUG}/")
                                             for item in project_feed["items"])
        entry_ids = [line for line in atom.splitlines() if line.startswith("<id>tag:")]
        assert entry_ids
        assert all(re.match(rf"<id>tag:cocreate\.example,2024:{folder}[a-z]", line) for line in entry_ids)
    index = {row[0]: row[1] for row in json.loads((site / "projects" / "index.json").read_text("utf-8"))["projects"]}
    english = {row[0]: row[1] for row in
               json.loads((site / "en" / "projects" / "index.json").read_text("utf-8"))["projects"]}
    assert index.keys() == english.keys()
    assert index[SLUG] == "Taman Kota Hijau Cikaret"
    assert english[SLUG] == "Cikaret Green City Park"
    assert not (site / "en" / "data" / "projects.csv").exists()
    assert not (site / "en" / "schema").exists()
    assert (site / "data" / "projects.csv").is_file()
    data_page = soup(site / "en" / "data" / "index.html")
    hrefs = [a["href"] for a in data_page.select("article a[href]")]
    assert "../../data/datapackage.json" in hrefs  # the one data package, from the English tree
    # the search: one index per language, chosen by <html lang>
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"id", "en"}
    assert entry["languages"]["en"]["page_count"] == entry["languages"]["id"]["page_count"] > 9


def test_link_previews_on_every_page(demo_site_bilingual: Path) -> None:
    site = demo_site_bilingual
    for path, folder, locale, other in ((f"projects/{SLUG}/", "", "id_ID", "en_US"),
                                        (f"projects/{SLUG}/", "en/", "en_US", "id_ID")):
        page = soup(site / folder / path / "index.html")

        def meta(name: str, page: BeautifulSoup = page) -> str:
            tag = page.select_one(f'meta[property="{name}"], meta[name="{name}"]')
            return attr(tag, "content") if tag else ""

        assert meta("og:title") == one(page, "article h1").text
        assert meta("og:locale") == locale
        assert meta("og:locale:alternate") == other
        assert meta("og:url") == f"https://cocreate.example/{folder}{path}"
        assert meta("og:site_name") == ("Sukamaju City Co-creation Portal (example)" if folder else
                                        "Portal Ko-kreasi Kota Sukamaju (contoh)")  # the plugin's `site_name: {en: ...}`
        assert meta("og:description")
        assert meta("twitter:card") == "summary"
        assert not meta("twitter:title")  # X reads og:title
    for file in site.rglob("*.html"):
        if file.name != "404.html":
            assert one(soup(file), 'meta[property="og:title"]')["content"], file


def test_contributed_texts_are_escaped_in_link_previews(tmp_path: Path, minimal_text: str) -> None:
    config = make_portal(tmp_path, None, bilingual=True)
    hostile = 'Taman "Kita" & \'Anda\' > semua'  # validation refuses tags; quotes, & and > it lets through
    (tmp_path / "projects" / "taman").mkdir()
    text = re.sub(r"(?m)^title:.*$", f"title: {json.dumps(hostile)}", minimal_text)
    (tmp_path / "projects" / "taman" / "project.yml").write_text(text, "utf-8")
    site = build(config)
    for folder in ("", "en/"):
        html = (site / folder / "projects" / "taman" / "index.html").read_text("utf-8")
        head = html[:html.index("</head>")]
        assert 'content="Taman &quot;Kita&quot; &amp; &#x27;Anda&#x27; &gt; semua"' in head
        assert one(BeautifulSoup(head, "html.parser"), 'meta[property="og:title"]')["content"] == hostile


def test_a_portal_in_one_language_has_one_tree(demo_site: Path) -> None:
    assert not (demo_site / "en").exists()
    assert not (demo_site / "index.en").exists()
    for path in PAGES:
        page = soup(demo_site / path / "index.html")
        assert one(page, "html")["lang"] == "id"
        assert not page.select(".cc-languages"), path
        assert not alternates(page), path
        assert one(page, 'meta[property="og:locale"]')["content"] == "id_ID"
        assert not page.select('meta[property="og:locale:alternate"]')


@pytest.mark.parametrize(("change", "said"), [
    (lambda root: (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text("utf-8").replace("      languages:", "      language: en\n      languages:"),
        "utf-8"), "disagree"),
    (lambda root: (root / "content" / "about.en.md").write_text("# About\n", "utf-8"), "about.en.md"),
    (lambda root: (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text("utf-8").replace("        en: Sukamaju", "        jv: Sukamaju"), "utf-8"),
     "`site_name` names the site in jv"),
    (lambda root: (root / "content" / "en").mkdir() or (root / "content" / "en" / "x.md").write_text("# X\n", "utf-8"),
     "en/x.md"),
])
def test_what_a_portal_in_two_languages_cannot_hold(tmp_path: Path, change: Callable[[Path], object], said: str, caplog: pytest.LogCaptureFixture) -> None:
    config = make_portal(tmp_path, None, bilingual=True)
    change(tmp_path)
    with pytest.raises(Abort):
        build(config)
    assert said in caplog.text


def test_english_first_puts_bahasa_indonesia_in_its_own_folder(tmp_path: Path) -> None:
    config = make_portal(tmp_path, bilingual=True)
    config.write_text(config.read_text("utf-8").replace("languages: [id, en]", "languages: [en, id]"), "utf-8")
    for translation in (tmp_path / "content").glob("*.en.md"):
        translation.unlink()
    site = build(config)
    assert one(soup(site / "projects" / SLUG / "index.html"), "article h1").text == "Cikaret Green City Park"
    indonesian = soup(site / "id" / "projects" / SLUG / "index.html")
    assert one(indonesian, "html")["lang"] == "id"
    assert one(indonesian, "article h1").text == "Taman Kota Hijau Cikaret"
    assert one(indonesian, ".cc-languages a")["href"] == f"../../../projects/{SLUG}/"
    assert alternates(indonesian)["x-default"] == f"https://cocreate.example/projects/{SLUG}/"
    assert one(soup(site / "index.html"), "html")["lang"] == "en"
    note = one(soup(site / "id" / "index.html"), ".cc-only-in")  # no index.id.md beside index.md
    assert note.text.startswith("Halaman ini hanya tersedia dalam bahasa Inggris")
