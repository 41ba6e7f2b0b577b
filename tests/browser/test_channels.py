"""Taking part without a GitHub account, in Chromium on a phone (390×844, touch, device scale
3): each form that opens GitHub (join, propose, respond to an open call, ask) offers the
demo's channels. Each channel's link is opened (the navigation is caught before it leaves
the page) and its decoded text holds what the form says: its fixed words, the project, and
what was typed. Hostile input leaves the links well-formed and the page unchanged. The demo
is built on DEMO_DAY (conftest.py); its channels are set in mkdocs.yml."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from cocreate.i18n.translator import Translator
from helpers import DEMO_DAY, PROJECTS, ROOT

from .support import watch

pytestmark = pytest.mark.browser

PHONE_3X = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
CHANNELS = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["plugins"][0]["cocreate"]["channels"]
EMAIL, WHATSAPP = CHANNELS["email"], "".join(ch for ch in CHANNELS["whatsapp"] if ch.isdigit())
PROJECT = "taman-kota-hijau"
"""A demo project that takes participants and has a call open on DEMO_DAY: joining it is
responding to its call."""
JOIN = "posyandu-cegah-stunting"
"""A demo project that takes participants, without an open call."""


def title_of(slug: str, lang: str) -> str:
    title = yaml.safe_load((PROJECTS / slug / "project.yml").read_text("utf-8"))["title"]
    return title if isinstance(title, str) else title.get(lang) or title["id"]


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A watched page in phone emulation; whatever it records (a request leaving localhost,
    a script error, a dialog) fails the test."""
    context = browser.new_context(**PHONE_3X, service_workers="block")
    context.set_default_timeout(10_000)
    watched = watch(context, "phone")
    yield watched
    problems = watched.problems()
    context.close()
    assert not problems, problems


def opened(watched: Any, link: Any) -> str:
    """Open a link as a reader would (a tap), and return where it went: a navigation to
    wa.me is caught before it leaves the page; a mailto: link goes to the system's mail
    program, which a headless browser has not, so its address is the one the tap opens."""
    href = link.get_attribute("href")
    before = len(watched.navigations)
    watched.hold = True
    try:
        link.tap()
        if href.startswith("https://"):
            watched.page.wait_for_timeout(0)
            for _ in range(50):
                if len(watched.navigations) > before:
                    break
                watched.page.wait_for_timeout(100)
            assert len(watched.navigations) > before, f"the tap opened nothing: {href}"
            return str(watched.navigations[-1])
        return str(href)
    finally:
        watched.hold = False


def mail_parts(href: str) -> tuple[str, str, str]:
    """A mailto: link's address, subject and body (RFC 6068: CRLF line ends)."""
    assert href.startswith(f"mailto:{EMAIL}?subject="), href[:80]
    query = href.split("?", 1)[1]
    fields = dict(part.split("=", 1) for part in query.split("&"))
    assert set(fields) == {"subject", "body"}, query[:200]
    for value in fields.values():
        assert all(ch.isascii() and (ch.isalnum() or ch in "%-_.~!*'()") for ch in value), value[:200]
    body = unquote(fields["body"], errors="strict")
    assert "\n" not in body.replace("\r\n", ""), "a bare line feed in the body"
    return href[len("mailto:"):].split("?")[0], unquote(fields["subject"], errors="strict"), body.replace("\r\n", "\n")


def whatsapp_text(href: str) -> str:
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path, parts.fragment) == ("https", "wa.me", f"/{WHATSAPP}", ""), href[:80]
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert list(query) == ["text"]
    assert len(query["text"]) == 1
    return query["text"][0]


def channel_texts(watched: Any, block: Any) -> tuple[str, str, str]:
    """Open the email and WhatsApp links of a channels block: the mail's subject and body,
    and the WhatsApp text, checked against each other and the message shown to print."""
    email = block.locator("a.cc-channel--email")
    email.scroll_into_view_if_needed()
    address, subject, body = mail_parts(opened(watched, email))
    assert address == EMAIL
    text = whatsapp_text(opened(watched, block.locator("a.cc-channel--whatsapp")))
    assert text == f"{subject}\n\n{body}"
    if not block.locator("details.cc-letter").evaluate("details => details.open"):
        block.locator("details.cc-letter > summary").tap()
    assert block.locator(".cc-letter__text").inner_text().strip() == text.strip()
    return subject, body, text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_join_by_email_and_whatsapp(phone: Any, sites: dict[str, str], lang: str) -> None:
    t, page = Translator(lang), phone.page
    page.goto(sites[lang] + f"projects/{JOIN}/#join")  # the section opens (fold.js)
    form = page.locator("#join-form")
    form.locator("#join-org").fill("Karang Taruna RW 05")
    form.locator("#join-category").select_option("business")
    form.locator("#join-contributes").fill("Tenaga relawan setiap Sabtu")
    subject, body, _ = channel_texts(phone, page.locator("#join-form-channels"))
    title = title_of(JOIN, lang)
    assert subject == f"{t('channels.join_subject')}: {title}"
    assert body.startswith(f"{t('channels.join_intro')}\n{title}\n")
    assert f"{t('propose.org')}: Karang Taruna RW 05" in body
    assert f"{t('facets.category')}: {t.label('category', 'business')}" in body
    assert f"{t('project.gives')}: Tenaga relawan setiap Sabtu" in body
    assert t("channels.next_join") in page.locator("#join-form-channels").inner_text()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_ask_by_email_whatsapp_and_github(phone: Any, sites: dict[str, str], lang: str) -> None:
    t, page = Translator(lang), phone.page
    page.goto(sites[lang] + f"projects/{PROJECT}/#join")
    ask = page.locator("#ask")
    assert ask.locator("h3").inner_text() == t("ask.h")
    ask.locator("#ask-question").fill("Kapan taman dibuka untuk umum?\nApakah ada toilet?")
    ask.locator("#ask-category").select_option("community")
    subject, body, _ = channel_texts(phone, page.locator("#ask-form-channels"))
    title = title_of(PROJECT, lang)
    assert subject == f"{t('channels.ask_subject')}: {title}"
    assert body.startswith(f"{t('channels.ask_intro')}\n{title}\n")
    assert f"{t('ask.question')}:\nKapan taman dibuka untuk umum?\nApakah ada toilet?" in body
    assert f"{t('ask.category')}: {t.label('category', 'community')}" in body
    # the same question to GitHub's ask form, the project named
    issue = urlsplit(opened(phone, ask.locator("a.cc-ask__issue")))
    query = parse_qs(issue.query)
    assert issue.path == "/cocreate-portal/demo/issues/new"
    assert query["template"] == ["ask.yml"]
    assert query["project"] == [PROJECT]
    assert query["question"] == ["Kapan taman dibuka untuk umum?\nApakah ada toilet?"]
    assert query["category"] == [f"community: {t.label('category', 'community')}"]
    text = page.locator("#ask-form-channels").inner_text()
    assert t("channels.next_ask") in text
    assert t("channels.response_days", days=CHANNELS["response_days"]) in text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_respond_to_an_open_call(phone: Any, sites: dict[str, str], lang: str) -> None:
    """On a project with an open call, joining is responding to it: the message says so."""
    call = yaml.safe_load((PROJECTS / PROJECT / "project.yml").read_text("utf-8"))["seeking"]
    assert str(call["opened"]) <= DEMO_DAY.isoformat() <= str(call["closes"])
    t, page = Translator(lang), phone.page
    page.goto(sites[lang] + f"projects/{PROJECT}/#join")
    form = page.locator("#join-form")
    form.locator("#join-org").fill("Kelompok Tani Cikaret")
    form.locator("#join-contributes").fill("Bibit pohon & pupuk kompos")
    block = page.locator("#join-form-channels")
    subject, body, _ = channel_texts(phone, block)
    title = title_of(PROJECT, lang)
    assert subject == f"{t('channels.respond_subject')}: {title}"
    assert body.startswith(f"{t('channels.respond_intro')}\n{title}\n")
    assert f"{t('propose.org')}: Kelompok Tani Cikaret" in body
    assert f"{t('project.gives')}: Bibit pohon & pupuk kompos" in body
    assert t("channels.next_respond") in block.inner_text()
    # the call's page leads here
    page.goto(sites[lang] + "calls/")
    assert page.locator(f'a[href$="{PROJECT}/#join"]').count() == 1


@pytest.mark.parametrize("lang", ["id", "en"])
def test_propose_by_email_and_whatsapp(phone: Any, sites: dict[str, str], lang: str) -> None:
    t, page = Translator(lang), phone.page
    page.goto(sites[lang] + "propose/")
    page.evaluate("window.localStorage.clear()")
    form = page.locator("#propose-form")
    form.locator("#f-title_id").fill("Bank Sampah RT 03")
    form.locator("#f-summary").fill("Warga memilah sampah bersama.")
    form.locator("#f-org").fill("Paguyuban RT 03")
    form.locator("#f-seeking-academia").check()
    subject, body, _ = channel_texts(phone, page.locator("#propose-form-channels"))
    assert subject == f"{t('channels.propose_subject')}: Bank Sampah RT 03"
    assert body.startswith(t("channels.propose_intro"))
    assert f"{t('propose.title_id')}: Bank Sampah RT 03" in body
    assert f"{t('propose.summary')}: Warga memilah sampah bersama." in body
    assert f"{t('propose.org')}: Paguyuban RT 03" in body
    assert f"{t('propose.seeking_categories')}: {t.label('category', 'academia')}" in body
    page.evaluate("window.localStorage.clear()")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_print_or_show_it_at_the_office(phone: Any, sites: dict[str, str], lang: str) -> None:
    """The print button puts the message and the office, alone, on the printed sheet."""
    t, page = Translator(lang), phone.page
    page.goto(sites[lang] + f"projects/{PROJECT}/#join")
    page.evaluate("() => { window.print = () => { window.ccPrinted = (window.ccPrinted || 0) + 1; }; }")  # no printer
    page.locator("#ask-question").fill("Boleh bawa anjing ke taman?")
    block = page.locator("#ask-form-channels")
    button = block.locator("button.cc-channel--print")
    assert button.inner_text() == t("channels.print")
    button.tap()
    assert page.evaluate("window.ccPrinted") == 1
    page.emulate_media(media="print")
    try:
        sheet = page.locator("body > .cc-print-sheet")
        assert sheet.is_visible()
        assert not page.locator(".md-header").is_visible()
        text = sheet.inner_text()
        assert "Boleh bawa anjing ke taman?" in text
        assert t("channels.ask_intro") in text
        hours = CHANNELS["office_hours"][lang]
        assert CHANNELS["office_address"] in text
        assert hours in text
    finally:
        page.emulate_media(media="screen")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.locator("body > .cc-print-sheet").is_visible()


HOSTILE = ("\"quotes' <script>alert(1)</script> <img src=x onerror=alert(2)>\nline two\r\nline three "
           "a&b=c ?x=y #frag %0A%20 + \u202eRTL مرحبا עברית\u202c ")


def test_hostile_input_stays_text(phone: Any, sites: dict[str, str]) -> None:
    """Quotes, markup, line breaks, `&`, `?`, `#`, percent signs, right-to-left text and
    2,000 characters: every link keeps its shape and gives the text back exactly; nothing
    becomes markup in the page."""
    page = phone.page
    page.goto(sites["id"] + f"projects/{PROJECT}/#ask")
    scripts = page.locator("script").count()
    long = (HOSTILE * 40)[:2000]
    page.locator("#ask-question").fill(long)
    page.locator("#join-org").fill(HOSTILE[:190])
    page.locator("#join-contributes").fill(long[:1000])
    typed = long.replace("\r\n", "\n").replace("\r", "\n").strip()
    _, body, _ = channel_texts(phone, page.locator("#ask-form-channels"))
    assert typed in body
    _, body, _ = channel_texts(phone, page.locator("#join-form-channels"))
    assert typed[:990] in body
    assert HOSTILE[:190].replace("\r\n", "\n").strip() in body
    assert page.locator(".cc-letter__text *").count() == 0  # text only, no element
    issue = urlsplit(page.locator("a.cc-ask__issue").get_attribute("href"))
    assert issue.fragment == ""
    assert parse_qs(issue.query)["question"] == [typed]
    assert page.locator("script").count() == scripts
    assert page.evaluate("typeof window.alert === 'function'")  # nothing ran: no dialog was recorded
    assert page.locator("img[src=x]").count() == 0
