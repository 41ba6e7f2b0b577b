"""Taking part without git, through real builds of the demo portal: open calls (left out
once closed, for the day of the build), joining from a project page, working principles,
and the home page that shows what is happening."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from cocreate.standard.vocabulary import CLOSED_STATUSES, PRINCIPLES
from helpers import DEMO_DAY, PROJECTS, attr, build, make_portal, one, parent, xml_attr, xml_text

ATOM = "{http://www.w3.org/2005/Atom}"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def demo_files() -> dict[str, dict[str, Any]]:
    return {p.parent.name: yaml.safe_load(p.read_text("utf-8")) for p in sorted(PROJECTS.glob("*/project.yml"))}


def open_on(day: dt.date) -> set[str]:
    """The demo projects whose call is open on `day`, read from the files themselves."""
    return {slug for slug, data in demo_files().items() if "seeking" in data
            and str(data["seeking"]["opened"]) <= day.isoformat() <= str(data["seeking"]["closes"])}


def slug_of(href: str) -> str:
    """The project a link leads to (from the catalogue, `slug/`; from elsewhere, `.../projects/slug/`)."""
    return href.split("projects/", 1)[-1].split("/", 1)[0]


def test_the_demo_has_open_and_closed_calls() -> None:
    calls = {slug for slug, data in demo_files().items() if "seeking" in data}
    assert len(open_on(DEMO_DAY)) >= 4, "the demo shows a closed call left out too"
    assert calls - open_on(DEMO_DAY), "the demo shows a closed call left out too"


def test_the_calls_page_lists_the_open_calls_only(demo_site: Path) -> None:
    page = soup(demo_site / "calls" / "index.html")
    listed = [slug_of(attr(a, "href")) for a in page.select(".cc-calls__list .cc-card__title a")]
    assert set(listed) == open_on(DEMO_DAY)
    files = demo_files()
    closes = [str(files[slug]["seeking"]["closes"]) for slug in listed]
    assert closes == sorted(closes)  # the call that closes first comes first
    for card in page.select(".cc-calls__list > li"):
        assert card.select_one("dl.cc-call__details")
        assert card.select_one('a[href$="#join"]')
        # how to respond, and the project's summary, are on the project's page only
        assert not card.select(".cc-md, .cc-card__summary")
        assert len(card.select("dl.cc-call__details dt")) == len(card.select("dl.cc-call__details dd")) >= 2
    # a page for each category sought, listing the calls that seek it
    for category in {c for slug in open_on(DEMO_DAY) for c in files[slug]["seeking"].get("categories", [])}:
        seeking = soup(demo_site / "calls" / category / "index.html")
        found = {slug_of(attr(a, "href")) for a in seeking.select(".cc-calls__list .cc-card__title a")}
        assert found == {s for s in open_on(DEMO_DAY) if category in files[s]["seeking"].get("categories", [])}


def test_a_closed_call_is_said_to_be_closed_on_its_project_page_only(demo_site: Path) -> None:
    closed = {slug for slug, data in demo_files().items() if "seeking" in data} - open_on(DEMO_DAY)
    for slug in closed:
        page = soup(demo_site / "projects" / slug / "index.html")
        assert page.select_one("#call") is None
        assert page.select_one(".cc-badge--call") is None
        assert "ditutup pada" in one(page, "#join").text
        assert slug not in (demo_site / "calls" / "feed.xml").read_text("utf-8")


def test_cards_carry_a_badge_and_the_catalogue_filters_by_it(demo_site: Path) -> None:
    catalogue = soup(demo_site / "projects" / "index.html")
    badged = {slug_of(attr(one(card, ".cc-card__title a"), "href")) for card in catalogue.select(".cc-card")
              if card.select_one(".cc-badge--call")}
    assert badged == open_on(DEMO_DAY)
    index = json.loads((demo_site / "projects" / "index.json").read_text("utf-8"))
    rows = [dict(zip(index["fields"], row, strict=True)) for row in index["projects"]]
    assert {r["slug"] for r in rows if r["call"] == "open"} == open_on(DEMO_DAY)
    assert [o["value"] for o in catalogue.select('select[name="call"] option')] == ["", "open"]
    facet = soup(demo_site / "catalogue" / "call" / "open" / "index.html")
    assert {slug_of(attr(a, "href")) for a in facet.select(".cc-card__title a")} == open_on(DEMO_DAY)


def test_empty_cells_of_the_coverage_table_link_to_the_calls_that_seek_the_category(demo_site: Path) -> None:
    files = demo_files()
    sought = {c for slug in open_on(DEMO_DAY) for c in files[slug]["seeking"].get("categories", [])}
    page = soup(demo_site / "stakeholders" / "index.html")
    linked = 0
    for row in page.select("table.cc-coverage tbody tr"):
        category = attr(one(row, "th a"), "href").rstrip("/").rsplit("/", 1)[-1]
        for cell in row.select("td"):
            link = cell.select_one("a.cc-missing__calls")
            if "cc-missing" not in cell["class"] or category not in sought:
                assert link is None, (category, cell)
            else:
                assert link is not None, (category, cell)
                assert link["href"] == f"../calls/{category}/", category
                linked += 1
    assert linked


def test_the_feed_of_new_calls(demo_site: Path) -> None:
    feed = ElementTree.parse(demo_site / "calls" / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    files = demo_files()
    assert {slug_of(xml_attr(e, f"{ATOM}link", "href")) for e in entries} == open_on(DEMO_DAY)
    opened = [xml_text(e, f"{ATOM}updated")[:10] for e in entries]
    assert opened == sorted(opened, reverse=True)  # the newest call first
    for entry in entries:
        slug = slug_of(xml_attr(entry, f"{ATOM}link", "href"))
        assert xml_text(entry, f"{ATOM}updated")[:10] == str(files[slug]["seeking"]["opened"])
        assert xml_attr(entry, f"{ATOM}link", "href").endswith(f"projects/{slug}/#join")
    feed_json = json.loads((demo_site / "calls" / "feed.json").read_text("utf-8"))
    assert len(feed_json["items"]) == len(entries)
    # the calls page tells readers and feed readers about it
    page = soup(demo_site / "calls" / "index.html")
    assert page.select_one('link[rel="alternate feed"][href$="calls/feed.xml"]')
    assert page.select_one('article a[href="feed.xml"]')


def test_closed_calls_are_left_out_for_the_day_of_the_build_reproducibly(tmp_path: Path) -> None:
    """The same day gives the same pages and feed; a later day leaves out the calls that
    closed in between (SOURCE_DATE_EPOCH is the day of the build)."""
    later = dt.date(2027, 3, 1)
    assert open_on(later) < open_on(DEMO_DAY)

    def built(name: str, day: dt.date) -> dict[str, str]:
        site = build(make_portal(tmp_path / name), day=day)
        return {path: (site / path).read_text("utf-8") for path in ("calls/index.html", "calls/feed.xml",
                                                                     "projects/index.json", "index.html")}

    first, again, after = built("a", DEMO_DAY), built("b", DEMO_DAY), built("c", later)
    assert first == again
    listed = {slug_of(attr(a, "href")) for a in BeautifulSoup(after["calls/index.html"], "html.parser")
              .select(".cc-calls__list .cc-card__title a")}
    assert listed == open_on(later)
    assert all(slug not in after["calls/feed.xml"] for slug in open_on(DEMO_DAY) - open_on(later))


def test_join_this_project_offers_the_issue_form_and_an_edit_of_the_file(demo_site: Path) -> None:
    files = demo_files()
    for slug, data in files.items():
        page = soup(demo_site / "projects" / slug / "index.html")
        join = one(page, "section#join")
        if data["status"] in CLOSED_STATUSES:
            assert page.select_one(".cc-join") is None
            assert page.select_one(".cc-join-cta") is None
            continue
        cta = one(page, "aside.cc-join-cta a")
        assert cta["href"] == "#join"
        assert parent(cta, "section")["id"] == "now"
        issue = urlsplit(attr(one(join, "a.cc-join__issue"), "href"))
        assert (issue.scheme, issue.netloc, issue.path) == ("https", "github.com", "/cocreate-portal/demo/issues/new")
        query = parse_qs(issue.query)
        # GitHub's documented parameters: the template, the title, and the form's fields by their id
        assert query["template"] == ["join-project.yml"]
        assert query["project"] == [slug]
        assert query["title"] == [f"Bergabung / Join: {one(page, 'article h1').text}"]
        edit = one(join, "a.cc-join__edit")["href"]
        assert edit == f"https://github.com/cocreate-portal/demo/edit/main/projects/{slug}/project.yml"
        # where the project admits by criteria, the criteria come first
        text = join.text
        if data["openness"].get("criteria"):
            assert text.index("kriteria berikut") < text.index("Lewat formulir")


def test_the_join_form_s_fields_are_the_issue_form_s() -> None:
    """The issue form has the field the portal fills in (`project`), and offers the same
    categories and roles as the entry the page writes."""
    from cocreate.standard.vocabulary import CATEGORIES, ROLES

    form = yaml.safe_load((PROJECTS.parent / ".github" / "ISSUE_TEMPLATE" / "join-project.yml").read_text("utf-8"))
    fields = {item.get("id"): item for item in form["body"]}
    assert fields["project"]["type"] == "input"
    assert [o.split(":")[0] for o in fields["category"]["attributes"]["options"]] == list(CATEGORIES)
    assert {o.split(":")[0] for o in fields["role"]["attributes"]["options"]} == set(ROLES) - {"initiator"}


def test_the_ways_to_join_point_to_how_we_work_together(demo_site: Path) -> None:
    """The working principles are among the details, at the end of the page; where the project
    takes participants, the ways to join lead to them first."""
    for slug, data in demo_files().items():
        page = soup(demo_site / "projects" / slug / "index.html")
        section = page.select_one("section#principles")
        pointer = page.select_one('#join a[href="#principles"]')
        if not data.get("principles"):
            assert section is None
            assert pointer is None
            continue
        assert section is not None, slug
        assert parent(section, "section")["id"] == "details"
        if page.select_one("#join-choices"):
            text = one(page, "#join").text
            assert pointer is not None
            assert text.index(pointer.text) < text.index("Lewat formulir")
        names = [dt_.text for dt_ in section.select("dt")]
        from cocreate.i18n.translator import Translator

        t = Translator("id")
        order = sorted(data["principles"], key=lambda p: PRINCIPLES.index(p["principle"]))
        assert names == [t.label("principle", p["principle"]) for p in order]
        evidence = [a["href"] for a in section.select("dd a")]
        assert evidence == [p["evidence"] for p in order if "evidence" in p]


def test_the_home_page_keeps_its_own_words_first_and_shows_what_is_happening(demo_site: Path) -> None:
    html = (demo_site / "index.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    article = one(page, "article")
    home = article.select_one("section.cc-home")
    assert home is not None
    assert "cocreate:home" not in html
    words = article.text
    assert words.index("Pemerintah Kota Sukamaju, warga") < words.index("Yang sedang terjadi")
    index = json.loads((demo_site / "projects" / "index.json").read_text("utf-8"))
    phases = [row[index["fields"].index("phase")] for row in index["projects"]]
    numbers = [int(n.text) for n in home.select(".cc-home__number")]
    assert numbers == [phases.count(p) for p in ("involvement", "curation", "empowerment")]
    calls = [slug_of(attr(a, "href")) for a in home.select(".cc-home__calls a")]
    assert 0 < len(calls) <= 3
    assert set(calls) <= open_on(DEMO_DAY)
    changes = home.select(".cc-home__changes li")
    assert 0 < len(changes) <= 5  # from the timelines here: the copy has no git history
    assert home.select_one('a.md-button[href="propose/"]')


def test_without_a_marker_the_home_page_shows_what_is_happening_after_its_own_words(tmp_path: Path) -> None:
    config = make_portal(tmp_path, extra="")
    index = tmp_path / "content" / "index.md"
    index.write_text("# Portal Kota\n\nKata-kata portal ini sendiri.\n", "utf-8")
    shutil.rmtree(tmp_path / "projects")
    shutil.copytree(PROJECTS, tmp_path / "projects")
    site = build(config, day=DEMO_DAY)
    article = one(soup(site / "index.html"), "article")
    assert article.text.index("Kata-kata portal ini sendiri.") < article.text.index("Yang sedang terjadi")


@pytest.mark.parametrize("slug", ["taman-kota-hijau"])
def test_the_english_page_says_it_in_english(demo_site_en: Path, slug: str) -> None:
    page = soup(demo_site_en / "projects" / slug / "index.html")
    assert one(page, "#principles h3").text == "How we work together"
    assert one(page, "aside.cc-join-cta a").text == "Join this project"
    assert one(page, "#call h3").text == "Looking for now"
