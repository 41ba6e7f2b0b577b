"""Taking part in Chromium, without git: joining from a project page (GitHub's join form with
the project named, or an entry for project.yml written in the page), finding the open
calls (their page, the catalogue's filter and badge, the coverage table's links), and the
home page that shows what is happening. The demo is built on DEMO_DAY (conftest.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from cocreate.standard.validate import check_bytes
from helpers import DEMO_DAY, PROJECTS, matched

from .support import DESKTOP, PHONE, Watched, screenshot

pytestmark = pytest.mark.browser

PROJECT = "taman-kota-hijau"


def open_calls() -> set[str]:
    found = set()
    for path in PROJECTS.glob("*/project.yml"):
        call = yaml.safe_load(path.read_text("utf-8")).get("seeking")
        if call and str(call["opened"]) <= DEMO_DAY.isoformat() <= str(call["closes"]):
            found.add(path.parent.name)
    return found


def slugs(page: Any, selector: str) -> set[str]:
    hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.href)")
    return {matched(r"/projects/([^/]+)/", href, 1) for href in hrefs}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_join_this_project_from_its_page(open_page: Callable[..., Watched], sites: dict[str, str], viewport: dict[str, int]) -> None:
    page = open_page(viewport).page
    page.goto(sites["id"] + f"projects/{PROJECT}/")
    cta = page.locator("aside.cc-join-cta a")
    assert cta.is_visible()
    assert cta.inner_text() == "Gabung dengan proyek ini"
    cta.click()
    page.wait_for_url(re.compile(r"#join$"))
    # the ways to join, opened (folded on a phone), lead to how the parties work together first
    principles = page.locator('#join a[href="#principles"]')
    assert principles.is_visible()
    choices = page.locator("#join-choices")
    choices.scroll_into_view_if_needed()
    assert choices.is_visible()
    # the issue form, with the project named (not followed: no request may leave localhost)
    issue = urlsplit(choices.locator("a.cc-join__issue").get_attribute("href"))
    assert issue.path == "/cocreate-portal/demo/issues/new"
    assert parse_qs(issue.query)["project"] == [PROJECT]
    # or an entry for the project's file, written from the fields
    form = choices.locator("form.cc-join-form")
    assert form.is_visible()  # shown by join.js
    form.locator("#join-org").fill("Karang Taruna Cikaret")
    form.locator("#join-category").select_option("community")
    form.locator("#join-role").select_option("partner")
    form.locator("#join-contributes").fill("Relawan untuk kerja bakti bulanan")
    form.locator("#join-benefit").fill("Tempat berkegiatan bagi pemuda")
    entry = choices.locator("code.cc-join-yaml").inner_text()
    today = page.evaluate("new Date().toLocaleDateString('sv')")
    assert f"since: {today}" in entry
    screenshot(page, f"join-{viewport['width']}px")
    # pasted at the end of the stakeholders list, the file stays valid and names the new party
    text = (PROJECTS / PROJECT / "project.yml").read_text("utf-8")
    edited = text.replace("\ntimeline:\n", "\n" + entry + "timeline:\n", 1)
    result = check_bytes(edited.encode("utf-8"), "project.yml", PROJECT,
                         today=max(dt.date.today(), dt.date.fromisoformat(today)))
    assert result.valid, [(p.code, p.field) for p in result.problems]
    assert result.data is not None
    joined = result.data["stakeholders"][-1]
    assert joined == {"name": "Karang Taruna Cikaret", "category": "community", "role": "partner",
                      "contributes": "Relawan untuk kerja bakti bulanan", "benefit": "Tempat berkegiatan bagi pemuda",
                      "since": today}
    edit = choices.locator("a.cc-join__edit").get_attribute("href")
    assert edit == f"https://github.com/cocreate-portal/demo/edit/main/projects/{PROJECT}/project.yml"


def test_the_entry_can_be_copied(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    watched = open_page(DESKTOP)
    page = watched.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=sites["id"].rstrip("/"))
    page.goto(sites["id"] + f"projects/{PROJECT}/")
    page.locator("#join-org").fill("Karang Taruna Cikaret")
    page.locator("button.cc-join__copy").click()
    status = page.locator(".cc-join__status")
    status.wait_for(state="visible")
    assert status.inner_text() == "Entri sudah tersalin."
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("code.cc-join-yaml").inner_text()


def test_a_project_that_admits_by_criteria_shows_them_before_the_ways_to_join(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    page = open_page(PHONE).page
    page.goto(sites["en"] + "projects/dana-rintisan-sukamaju/#join")
    criteria = page.locator("#join ul.cc-criteria")
    choices = page.locator("#join-choices")
    assert criteria.is_visible()
    assert criteria.locator("li").count() > 0
    assert criteria.bounding_box()["y"] < choices.bounding_box()["y"]
    assert "Check the criteria above first" in choices.inner_text()


def test_the_entry_without_javascript_shows_what_to_fill_in(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    page = open_page(PHONE, javascript=False).page
    page.goto(sites["id"] + f"projects/{PROJECT}/")
    page.locator("#join details.cc-fold > summary").click()  # folded on a phone, opened without JavaScript too
    assert page.locator("form.cc-join-form").is_hidden()
    entry = page.locator("code.cc-join-yaml")
    assert entry.is_visible()
    assert "Nama organisasi atau kelompok Anda" in entry.inner_text()
    assert page.locator("a.cc-join__issue").is_visible()
    assert page.locator("a.cc-join__edit").is_visible()


def test_open_calls_are_found_on_their_page_in_the_catalogue_and_from_the_missing_voices(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    expected = open_calls()
    page = open_page(PHONE).page
    page.goto(sites["id"] + "calls/")
    assert slugs(page, ".cc-calls__list .cc-card__title a") == expected
    screenshot(page, "calls-360px")
    # the catalogue filters by it, and the cards it draws carry the badge
    page.goto(sites["id"] + "projects/")
    page.locator(".cc-tools__filter").click()
    form = page.locator("form.cc-filters")
    form.wait_for(state="visible")
    form.locator('select[name="call"]').select_option("open")
    assert slugs(page, "ul.cc-cards .cc-card__title a") == expected
    assert page.locator("ul.cc-cards .cc-card").count() == page.locator("ul.cc-cards .cc-badge--call").count()
    # an empty cell of the coverage table leads to the calls that seek its category
    page.goto(sites["id"] + "stakeholders/")
    link = page.locator("a.cc-missing__calls").first
    category = matched(r"calls/([a-z-]+)/$", link.get_attribute("href"), 1)
    link.click()
    page.wait_for_url(re.compile(rf"/calls/{category}/$"))
    found = slugs(page, ".cc-calls__list .cc-card__title a")
    assert found
    assert found <= expected
    # and a call leads to its project's way to join
    page.locator(".cc-calls__list a[href$='#join']").first.click()
    page.wait_for_url(re.compile(r"/projects/[^/]+/#join$"))
    assert page.locator("#join-choices").is_visible()


def test_the_home_page_shows_what_is_happening(open_page: Callable[..., Watched], sites: dict[str, str], demo_site: Path) -> None:
    page = open_page(PHONE).page
    page.goto(sites["id"])
    home = page.locator("section.cc-home")
    assert home.is_visible()
    own = page.locator("article p", has_text="Pemerintah Kota Sukamaju, warga").bounding_box()
    assert own["y"] < home.bounding_box()["y"]  # the portal's own words first
    index = json.loads((demo_site / "projects" / "index.json").read_text("utf-8"))
    phases = [row[index["fields"].index("phase")] for row in index["projects"]]
    numbers = [int(n) for n in home.locator(".cc-home__number").all_inner_texts()]
    assert numbers == [phases.count(p) for p in ("involvement", "curation", "empowerment")]
    assert slugs(page, ".cc-home__calls a") <= open_calls()
    assert home.locator(".cc-home__changes li").count() > 0
    screenshot(page, "home-360px")
    home.locator("a.md-button", has_text="Usulkan proyek").click()
    page.wait_for_url(re.compile(r"/propose/$"))
    page.locator("form.cc-propose-form").wait_for(state="visible")
