"""The city's channels and the footer, through real MkDocs builds: their format is checked
with an error that names the option, says what is wrong and how to write it; the demo's
footer says each configured item in both languages; a portal that leaves one out is warned
(and a strict build fails); the links a page holds without JavaScript carry the form's
fixed words (the browser tests, tests/browser/test_channels.py, type into the forms)."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from cocreate.i18n.translator import Translator
from cocreate.portal import channels
from gitutil import commit_all, init_repo
from helpers import FIXTURES, ROOT, attr, build, make_portal, one

DEMO = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["plugins"][0]["cocreate"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def one_project(tmp_path: Path) -> Path:
    projects = tmp_path / "one"
    (projects / "minimal").mkdir(parents=True)
    shutil.copy(FIXTURES / "valid" / "minimal.yml", projects / "minimal" / "project.yml")
    return projects


def portal_with(tmp_path: Path, old: str, new: str, *, strict: bool = True) -> Path:
    """A small portal with the demo's mkdocs.yml, `old` replaced by `new`."""
    config = make_portal(tmp_path / "portal", one_project(tmp_path))
    text = config.read_text("utf-8")
    assert old in text, old
    text = text.replace(old, new)
    config.write_text(text if strict else text.replace("strict: true\n", ""), "utf-8")
    return config


@pytest.mark.parametrize(("old", "new", "said"), [
    ("email: portal@sukamaju.example", "email: portal(at)sukamaju.example",
     "Sub-option 'email': 'portal(at)sukamaju.example' is not an email address"),
    ("email: portal@sukamaju.example", "email: portal@sukamaju", "name@domain"),
    ('whatsapp: "+62 812 0000 0000"', 'whatsapp: "0812 0000 0000"',
     "Sub-option 'whatsapp': '0812 0000 0000' is not a WhatsApp number in international form"),
    ('whatsapp: "+62 812 0000 0000"', "whatsapp: 6281200000000", "+62 812 3456 7890"),
    ("complaints: https://www.lapor.go.id", "complaints: http://www.lapor.go.id",
     "Sub-option 'complaints': 'http://www.lapor.go.id' is not an https address"),
    ("complaints: https://www.lapor.go.id", 'complaints: "javascript:alert(1)"', "starting with https://"),
    ("response_days: 14", "response_days: fourteen", "Sub-option 'response_days': 'fourteen' is not a number of days"),
    ("response_days: 14", "response_days: 0", "from 1 to 365"),
    ("privacy: privacy.md", "privacy: javascript:alert(1)",
     "Sub-option 'privacy': 'javascript:alert(1)' is neither a page of the portal nor an https address"),
    ("accessibility: accessibility.md", "accessibility: ../outside.md", "name a page of the docs folder"),
    ('          en: "Monday to Friday, 08:00–15:00 WIB"', '          fr: "Lundi"', "one per language (id: ..., en: ...)"),
])
def test_a_channel_in_the_wrong_format_fails_the_build_saying_how_to_write_it(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, old: str, new: str, said: str) -> None:
    config = portal_with(tmp_path, old, new)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config)
    text = " ".join(r.getMessage() for r in caplog.records)
    assert "Plugin 'cocreate'" in text
    assert ("'channels'" in text or "'footer'" in text)
    assert said in text
    assert "Traceback" not in text
    assert not (config.parent / "site").exists()


def test_a_footer_page_that_is_not_written_fails_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = portal_with(tmp_path, "privacy: privacy.md", "privacy: privasi.md")
    with pytest.raises(Abort):
        build(config)
    assert "footer: privacy: privasi.md is not a page of the docs folder (content/privasi.md)" in caplog.text


@pytest.mark.parametrize(("lang", "tree"), [("id", ""), ("en", "en/")])
def test_the_demo_footer_says_each_configured_item(demo_site_bilingual: Path, lang: str, tree: str) -> None:
    t = Translator(lang)
    for page in (f"{tree}index.html", f"{tree}projects/taman-kota-hijau/index.html", f"{tree}propose/index.html"):
        footer = one(soup(demo_site_bilingual / page), ".md-copyright .cc-footer")
        text = " ".join(footer.get_text(" ").split())
        assert f"{t('footer.operator')}: {DEMO['footer']['operator'][lang]}" in text
        assert f"{t('footer.office')}: {DEMO['channels']['office_address']} ({DEMO['channels']['office_hours'][lang]})" \
            in text
        links = {a.get_text(" ", strip=True): attr(a, "href") for a in footer.select("a")}
        assert links[DEMO["channels"]["email"]] == f"mailto:{DEMO['channels']['email']}"
        assert links[DEMO["channels"]["whatsapp"]] == "https://wa.me/6281200000000"
        assert links[DEMO["channels"]["complaints_name"]] == DEMO["channels"]["complaints"]
        assert links["CC-BY-4.0"] == "https://spdx.org/licenses/CC-BY-4.0.html"
        # the privacy notice and the accessibility statement in the page's own language
        for key, name in (("privacy", "privacy"), ("accessibility", "accessibility")):
            target = (demo_site_bilingual / page).parent / links[t(f"footer.{key}")] / "index.html"
            assert target.resolve() == (demo_site_bilingual / tree / name / "index.html").resolve()
            assert one(soup(target), "html")["lang"] == lang
        # a copy of the demo has no git history: the date of the data is unknown, and said so
        assert t("footer.data_date_unknown") in text
        other = Translator("en" if lang == "id" else "id")
        assert other("footer.operator") + ":" not in text


def test_the_date_of_the_data_is_the_projects_last_change(tmp_path: Path) -> None:
    config = make_portal(tmp_path / "portal", one_project(tmp_path))
    commit_all(init_repo(config.parent), "the portal", date="2026-03-04T10:00:00Z")
    site = build(config)
    footer = one(soup(site / "index.html"), ".cc-footer__data")
    assert one(footer, "time")["datetime"] == "2026-03-04"
    assert Translator("id")("footer.data_date", date="4 Maret 2026") in footer.get_text(" ")


def test_a_portal_that_leaves_the_footer_out_is_warned(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    section = text[text.index("      footer:\n"):text.index("\nmarkdown_extensions")]
    config = portal_with(tmp_path, section, "", strict=False)
    config.write_text(config.read_text("utf-8").replace(text[text.index("      channels:\n"):
                                                             text.index("      footer:\n")], ""), "utf-8")
    with caplog.at_level(logging.WARNING):
        site = build(config)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("the footer does not say operator, contact, privacy, accessibility" in w for w in warnings), warnings
    footer = one(soup(site / "index.html"), ".cc-footer")
    assert Translator("id")("footer.operator_unknown") in footer.get_text()  # unknown, said as unknown
    assert not footer.select(".cc-footer__contact, .cc-footer__pages")
    # no channels: the forms offer GitHub only
    assert not soup(site / "projects" / "minimal" / "index.html").select(".cc-channels")
    # strict, the warning fails the build
    config.write_text("strict: true\n" + config.read_text("utf-8"), "utf-8")
    with pytest.raises(Abort):
        build(config)


def test_one_missing_item_is_named(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = portal_with(tmp_path, "        accessibility: accessibility.md\n", "", strict=False)
    with caplog.at_level(logging.WARNING):
        build(config)
    assert "the footer does not say accessibility:" in caplog.text


def test_without_javascript_the_links_carry_the_forms_subject_and_the_page(demo_site: Path) -> None:
    t = Translator("id")
    for slug, forms in (("taman-kota-hijau", (("join-form", "respond"), ("ask-form", "ask"))),  # an open call
                        ("posyandu-cegah-stunting", (("join-form", "join"), ("ask-form", "ask"))),
                        ("pasar-induk-digital", (("ask-form", "ask"),))):  # completed: nobody joins
        page = soup(demo_site / "projects" / slug / "index.html")
        title = one(page, "h1").get_text()
        assert [b["id"] for b in page.select(".cc-channels")] == [f"{form}-channels" for form, _ in forms]
        for form, kind in forms:
            block = one(page, f"#{form}-channels")
            mail = urlsplit(attr(one(block, "a.cc-channel--email"), "href"))
            fields = dict(part.split("=", 1) for part in mail.query.split("&"))
            assert mail.path == DEMO["channels"]["email"]
            subject = unquote(fields["subject"])
            assert subject == f"{t(f'channels.{kind}_subject')}: {title}"
            address = f"https://cocreate.example/projects/{slug}/"
            assert unquote(fields["body"]) == address
            text = parse_qs(urlsplit(attr(one(block, "a.cc-channel--whatsapp"), "href")).query)["text"][0]
            assert text == f"{subject}\n\n{address}"
            assert block["data-intro"] == f"{t(f'channels.{kind}_intro')}\n{title}\n{address}"  # for channels.js
            assert t(f"channels.next_{kind}") in block.get_text()
        assert attr(one(page, "#ask a.cc-ask__issue"), "href").startswith(
            "https://github.com/cocreate-portal/demo/issues/new?template=ask.yml&")


def test_links_are_encoded_as_rfc_6068_and_wa_me_take_them() -> None:
    link = channels.mailto("portal@kota.example", "a & b?", "x=1#y\nz\u202e")
    assert link == "mailto:portal@kota.example?subject=a%20%26%20b%3F&body=x%3D1%23y%0D%0Az%E2%80%AE"
    assert channels.whatsapp_link("6281200000000", "a b\n") == "https://wa.me/6281200000000?text=a%20b%0A"
    assert channels.whatsapp_digits("+62 812-0000 (0000)") == "62812000000" + "00"
    assert re.fullmatch(r"\+[0-9 ]+", DEMO["channels"]["whatsapp"])
