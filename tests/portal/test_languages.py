"""The language trees of a portal, its pages' versions and what their heads say
(`portal/languages.py`, `portal/previews.py`)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from cocreate.portal import urls
from cocreate.portal.languages import PageLanguages, Trees, Version, fill, page_languages
from cocreate.portal.previews import Preview, alternate_tags, preview_tags
from cocreate.portal.urls import Urls

TREES = Trees(("id", "en"))


def test_trees_place_each_page() -> None:
    assert TREES.of("en/projects/x/index.md") == ("en", "projects/x/index.md")
    assert TREES.of("projects/x/index.md") == ("id", "projects/x/index.md")
    assert TREES.of("english/x.md") == ("id", "english/x.md")
    assert TREES.path("en", "take-part.md") == "en/take-part.md"
    assert TREES.path("id", "take-part.md") == "take-part.md"
    assert TREES.translation_of("take-part.en.md") == ("en", "take-part.md")
    assert TREES.translation_of("guide/index.en.md") == ("en", "guide/index.md")
    assert TREES.translation_of("take-part.md") is None
    assert TREES.translation_of("take-part.id.md") is None  # the main language has no translation file


def test_links_between_trees_and_to_what_they_share() -> None:
    assert urls.page_link("projects/x/", "en/projects/x/") == "../../en/projects/x/"
    assert urls.page_link("en/projects/x/", "projects/x/") == "../../../projects/x/"
    assert urls.page_link("", "en/") == "en/"
    assert urls.page_link("en/", "") == "../"
    assert urls.page_link("projects/x/index.html", "en/projects/x/index.html") == "../../en/projects/x/index.html"
    english = Urls(tree="en/", site_url="https://p.example/")
    assert english.link("data/index.md", urls.data_file("projects.csv")) == "../../data/projects.csv"
    assert english.link("projects/x/index.md", urls.SCHEMA) == "../../../schema/project-1.json"
    assert english.link("projects/x/index.md", urls.KINDS) == "../../kinds/"  # within the tree
    assert english.path(urls.DATA_PAGE) == "en/data/index.md"  # the page about the data is in each language
    assert english.path(urls.data_file("projects.csv")) == "data/projects.csv"
    assert english.absolute(urls.project("x")) == "https://p.example/en/projects/x/"
    assert Urls(site_url="https://p.example/").absolute(urls.project("x")) == "https://p.example/projects/x/"


def test_versions_of_a_page() -> None:
    found = {"en/take-part.md": "en/take-part/", "take-part.md": "take-part/"}
    languages = page_languages(TREES, "id", "take-part/", found.get, lambda _path: False, "take-part.md")
    assert [(v.language, v.href, v.translated) for v in languages.others] == [("en", "../en/take-part/", True)]
    assert [v.name for v in languages.versions] == ["Indonesia", "English"]  # CLDR's names (Babel)
    assert [v.language for v in languages.hreflang] == ["id", "en"]
    untranslated = page_languages(TREES, "en", "en/take-part/", found.get, lambda path: path.startswith("en/"),
                                  "take-part.md")
    assert not untranslated.translated
    assert untranslated.hreflang == ()
    assert [v.href for v in untranslated.others] == ["../../take-part/"]
    alone = page_languages(TREES, "id", "take-part/", lambda _path: None, lambda _path: False, "take-part.md")
    assert alone.others == ()
    assert alone.hreflang == ()


def test_a_shared_header_gets_each_page_s_links() -> None:
    languages = PageLanguages("id", "id", True, (Version("id", "Bahasa Indonesia", "./", "x/", True),
                                                 Version("en", "English", "../en/x/", "en/x/", True)))
    held = languages.placeheld()
    placeholder = held.others[0].href
    assert "\x00" in placeholder
    assert languages.links() == {placeholder: "../en/x/"}
    assert fill(["<a href='", placeholder, "'>"], languages.links()) == "<a href='../en/x/'>"
    assert fill(["<a href='", placeholder, "'>"], {}) is None  # a page with no such link: not shared
    assert fill(["<p>"], languages.links()) is None  # a link with no place: not shared


def test_previews_escape_every_text() -> None:
    hostile = '"><script>alert(1)</script> & \'x\''
    versions = (Version("id", "Bahasa Indonesia", "./", "p/", True), Version("en", "English", "../en/p/", "en/p/", True))
    html = preview_tags(Preview(hostile, hostile * 40, hostile, "en", 'https://p.example/"x'),
                        PageLanguages("en", "id", True, versions))
    assert "<script" not in html
    page = BeautifulSoup(html, "html.parser")
    content = {tag.get("property") or tag.get("name"): tag["content"] for tag in page.select("meta")}
    assert content["og:title"] == hostile
    assert content["og:site_name"] == hostile
    assert content["og:locale"] == "en_US"
    assert content["og:locale:alternate"] == "id_ID"
    assert content["og:url"] == 'https://p.example/"x'
    assert len(content["og:description"]) <= 300
    assert str(content["og:description"]).endswith("…")
    assert content["twitter:card"] == "summary"
    assert "twitter:title" not in content  # X reads og:title, escaped above
    links = BeautifulSoup(alternate_tags(PageLanguages("en", "id", True, versions), "https://p.example/"),
                          "html.parser").select("link")
    assert [(link["hreflang"], link["href"]) for link in links] == [
        ("id", "https://p.example/p/"), ("x-default", "https://p.example/p/"), ("en", "https://p.example/en/p/")]
    assert all(link["rel"] == ["alternate"] for link in links)
