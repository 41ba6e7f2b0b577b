"""One language per page: no page of the bilingual demo shows an interface text of the other
language's locale.

Every string of a locale (`portal.*`, its literal parts between placeholders) of three words
or more that the page's own locale does not also have is looked for in every page's visible
text: its text nodes and the attributes a reader meets (`title`, `aria-label`, `placeholder`,
`alt`), leaving out code (`<code>`, `<pre>`, scripts) and text marked as written in another
language (`lang`: a contributor's text that exists only in that language, a page shown as
written for want of a translation).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from cocreate.git.changes import project_changes, sentence
from cocreate.i18n.messages import catalog
from cocreate.i18n.translator import Translator
from cocreate.portal.glossary import glossary
from cocreate.standard.schema import project_schema
from cocreate.standard.vocabulary import LANGUAGES
from helpers import one

HIDDEN = ("script", "style", "code", "pre", "template", "noscript")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def strings(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, str):
        yield node


def phrases(language: str) -> set[str]:
    """The literal parts of a locale's portal strings, normalised (lowercase, one space)."""
    found = set()
    for text in strings(catalog(language)["portal"]):
        for literal, *_ in string.Formatter().parse(text.replace("{{", "(").replace("}}", ")")):
            for part in re.split(r"<[^>]*>|[“”\"()]|: |; ", literal):
                words = re.findall(r"[^\W\d_][\w'’-]*", part)
                if len(words) >= 3:
                    found.add(" ".join(words).lower())
    return found


def foreign_phrases() -> dict[str, set[str]]:
    """For each language, the other locales' phrases that its own locale does not have."""
    own = {language: phrases(language) for language in LANGUAGES}
    return {language: set().union(*(own[o] for o in LANGUAGES if o != language)) - own[language]
            for language in LANGUAGES}


def visible_text(html: str, language: str) -> str:
    doc = BeautifulSoup(html, "lxml")
    for tag in doc.find_all(HIDDEN):
        tag.decompose()
    for tag in doc.find_all(lang=True):
        if isinstance(tag, Tag) and tag.name != "html" and tag.get("lang") != language:
            tag.decompose()
    texts = [doc.get_text(" ")]
    texts += [str(tag[name]) for name in ATTRIBUTES for tag in doc.select(f"[{name}]")]
    return " ".join(" ".join(re.findall(r"[^\W\d_][\w'’-]*", text)) for text in texts).lower()


def pages(site: Path, language: str) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    english = [p for p in found if p.relative_to(site).parts[0] == "en"]
    return english if language == "en" else [p for p in found if p not in english]


def test_the_phrases_are_many_and_the_text_is_what_a_reader_sees() -> None:
    foreign = foreign_phrases()
    assert len(foreign["en"]) > 200
    assert len(foreign["id"]) > 200
    assert "siapa yang dapat bergabung" in foreign["en"]
    assert "who can join" in foreign["id"]
    html = ('<html lang="en"><p title="Who can join">Siapa yang dapat bergabung</p><code>siapa yang dapat bergabung'
            '</code><p lang="id">siapa pemilik hasilnya</p></html>')
    text = visible_text(html, "en")
    assert "siapa yang dapat bergabung" in text
    assert "who can join" in text
    assert "pemilik" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_an_interface_text_of_the_other_language(demo_site_bilingual: Path, language: str) -> None:
    foreign = sorted(foreign_phrases()[language], key=len, reverse=True)
    pattern = re.compile(r"\b(?=(" + "|".join(re.escape(phrase) for phrase in foreign) + r")\b)")
    found: dict[str, set[str]] = {}
    checked = pages(demo_site_bilingual, language)
    assert len(checked) > 50
    for page in checked:
        for phrase in pattern.findall(visible_text(page.read_text("utf-8"), language)):
            found.setdefault(str(page.relative_to(demo_site_bilingual)), set()).add(phrase)
    assert not found, "\n".join(f"{page}: {phrases}" for page, phrases in sorted(found.items()))


SITE_NAMES = {"id": "Portal Ko-kreasi Kota Sukamaju (contoh)", "en": "Sukamaju City Co-creation Portal (example)"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_the_site_name_and_counts_of_its_language(demo_site_bilingual: Path, language: str) -> None:
    other = next(name for lang, name in SITE_NAMES.items() if lang != language)
    for page in pages(demo_site_bilingual, language):
        html = page.read_text("utf-8")
        doc = BeautifulSoup(html, "lxml")
        where = page.relative_to(demo_site_bilingual)
        if page.name == "index.html":
            assert doc.title is not None, where
            assert doc.title.text.endswith(SITE_NAMES[language]), where
            assert one(doc, ".md-header__topic .md-ellipsis").get_text(strip=True) == SITE_NAMES[language], where
        assert other not in html, where  # nor in its previews (og:site_name) or feeds' titles
        for tag in doc.find_all(HIDDEN):
            tag.decompose()
        assert "(s)" not in doc.get_text(" "), where  # a count says its noun in the form its number takes
    if language == "id":  # the site's one 404 page is in its main language (Material's says "Not found")
        assert "<h1>404 - Halaman tidak ditemukan</h1>" in (demo_site_bilingual / "404.html").read_text("utf-8")
    feed = (demo_site_bilingual / ("en/" if language == "en" else "") / "feed.xml").read_text("utf-8")
    assert f"<title>{SITE_NAMES[language]}</title>" in feed


def test_a_history_names_the_fields_that_changed_in_the_page_s_words(demo_site_bilingual: Path) -> None:
    old = {"title": "x", "principles": [], "seeking": {}, "x-own": 1}
    new = {"title": "x", "principles": [{"principle": "sharing"}], "seeking": {"skills": ["a"]}, "x-own": 2}
    said = {language: [sentence(c, Translator(language)) for c in project_changes("x", old, new)]
            for language in LANGUAGES}
    assert said == {"id": ["isian lain berubah: prinsip kerja, panggilan terbuka, x-own"],
                    "en": ["other fields changed: working principles, open call, x-own"]}
    home = BeautifulSoup((demo_site_bilingual / "en" / "index.html").read_text("utf-8"), "lxml")
    assert "All 5 open calls" in home.get_text(" ")


def test_every_field_of_the_standard_has_a_reader_s_name() -> None:
    for language in LANGUAGES:
        assert set(catalog(language)["portal"]["field_names"]) == set(project_schema()["properties"]), language


TECHNICAL = {
    # a technical word, and the plain words one of which must stand near its first use on a page
    "pull request": ("usulan perubahan", "proposed change", "change proposal"),
    "yaml": ("format teks", "text format"),
    "spdx": ("kode singkat", "short code"),
    "localstorage": (),
}
TERMS = {"kurasi": ("phase", "curation"), "klub ahli": ("kind", "club"), "kerumunan warga": ("kind", "crowd"),
         "curation": ("phase", "curation"), "club of experts": ("kind", "club"), "crowd of people": ("kind", "crowd")}
"""Words of the standard a resident may not know: a page using them links to the glossary from
its content, or says what the word means."""
NEAR = 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_technical_word_without_plain_words_beside_it(demo_site_bilingual: Path, language: str) -> None:
    unexplained: dict[str, list[str]] = {}
    meanings = {(group.anchor, term.value): term.meaning for group in glossary(Translator(language)) for term in group.terms}
    for page in pages(demo_site_bilingual, language):
        where = str(page.relative_to(demo_site_bilingual))
        html = page.read_text("utf-8")
        text = visible_text(re.sub(r'<nav class="md-nav.*?</nav>', "", html, flags=re.S), language)  # not the menus
        for word, plain in TECHNICAL.items():
            at = text.find(word)
            if at >= 0 and not any(p in text[max(0, at - NEAR):at + NEAR] for p in plain):
                unexplained.setdefault(where, []).append(word)
        doc = BeautifulSoup(html, "lxml")
        linked = bool(doc.select('article a[href*="glossary/"]'))
        for term, (group, value) in TERMS.items():
            meaning = " ".join(re.findall(r"[^\W\d_][\w'’-]*", meanings[(group, value)])).lower()
            if re.search(rf"\b{term}\b", text) and not linked and meaning not in text:
                unexplained.setdefault(where, []).append(term)
    assert not unexplained, "\n".join(f"{page}: {words}" for page, words in sorted(unexplained.items()))
