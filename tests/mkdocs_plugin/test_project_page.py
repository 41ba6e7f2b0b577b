"""A project page in the order a reader asks (issue 24), through real builds of the demo in
both languages: what it is; where it stands and what comes next; how to take part; about;
who takes part; history; the details. A contents list first, every section but the first
folded, and no section or part shown that the record has nothing for. (How tall the page is
on a phone, and that a link opens its folded section: tests/browser/test_project_page.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from cocreate.i18n.translator import Translator
from cocreate.standard.vocabulary import CLOSED_STATUSES
from helpers import DEMO_DAY, PROJECTS, one

SLUGS = sorted(p.parent.name for p in PROJECTS.glob("*/project.yml"))
ORDER = [("now", "project.now_h"), ("join", "project.take_part_h"), ("about", "project.about_h"),
         ("stakeholders", "project.stakeholders_h"), ("dialogue", "project.dialogue_h"), ("history", "project.past_h"),
         ("details", "project.details_h")]
"""The sections of a project page, in order, with the key of each one's heading (what
residents asked and what the city answered only where the record holds an entry)."""
DETAILS = ["kind", "ownership", "trust", "principles", "data", "source", "record"]
"""The parts of the details, in order (principles, data and source only where recorded)."""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def data(slug: str) -> dict[str, Any]:
    return yaml.load((PROJECTS / slug / "project.yml").read_text("utf-8"), Loader=yaml.BaseLoader)


def order(slug: str) -> list[tuple[str, str]]:
    return [(i, key) for i, key in ORDER if i != "dialogue" or data(slug).get("dialogue")]


@pytest.fixture(params=["id", "en"])
def site(request: pytest.FixtureRequest, demo_site: Path, demo_site_en: Path) -> tuple[Path, Translator]:
    return (demo_site if request.param == "id" else demo_site_en), Translator(request.param)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_sections_come_in_a_reader_s_order_in_both_languages(site: tuple[Path, Translator], slug: str) -> None:
    root, t = site
    article = one(soup(root / "projects" / slug / "index.html"), "article.cc-project")
    children = [c for c in article.children if isinstance(c, Tag)]
    names = [c.name for c in children]
    # the title and summary first, then the contents list, then the sections
    assert names.index("h1") < names.index("nav") < names.index("section")
    assert children[names.index("h1") + 1]["class"] == ["cc-lead"]
    sections = article.select(":scope > section")
    assert [(s["id"], one(s, "summary > h2").text) for s in sections] == [(i, t(key)) for i, key in order(slug)]
    # the contents list names the same sections, in the same order, and links to each
    links = article.select("nav.cc-toc a")
    assert [(a["href"], a.text) for a in links] == [(f"#{i}", t(key)) for i, key in order(slug)]
    assert one(article, "nav.cc-toc")["aria-labelledby"] == "toc-h"
    # every section folds; only the first is open
    folds = [one(s, ":scope > details.cc-fold") for s in sections]
    assert [fold.has_attr("open") for fold in folds] == [True] + [False] * (len(order(slug)) - 1)
    # the details, in their order
    parts = [s["id"] for s in article.select("#details section.cc-part")]
    assert parts == [p for p in DETAILS if p in parts]
    assert {"kind", "ownership", "trust", "record"} <= set(parts)


@pytest.mark.parametrize("slug", SLUGS)
def test_where_it_stands_says_what_the_record_says(site: tuple[Path, Translator], slug: str) -> None:
    root, t = site
    record = data(slug)
    now = one(soup(root / "projects" / slug / "index.html"), "section#now")
    status = one(now, ".cc-now__status").get_text(" ", strip=True)
    assert status == f"{t('facets.status')}: {t.label('status', record['status'])}"
    assert now.select_one("#phase .cc-stepper") is not None
    latest = [e for e in record["timeline"] if e.get("planned") != "true"][-1]  # a planned step is no event
    assert one(now, ".cc-now__latest time").text == t.date(latest["date"])
    # an open call, with its closing date; the way to take part only where the project takes part
    call = record.get("seeking")
    cta = now.select_one("aside.cc-join-cta")
    if call and call["opened"] <= DEMO_DAY.isoformat() <= call["closes"]:
        assert cta is not None
        assert t.date(call["closes"]) in cta.text
    elif call and cta is not None:
        assert t.date(call["closes"]) not in cta.text  # a call that is over is not announced
    if record["status"] in CLOSED_STATUSES:
        assert cta is None


@pytest.mark.parametrize("slug", SLUGS)
def test_no_section_or_part_is_shown_empty(demo_site: Path, slug: str) -> None:
    record = data(slug)
    page = soup(demo_site / "projects" / slug / "index.html")
    for section in page.select("article > section"):
        body = one(section, ".cc-fold__body")
        assert body.get_text(strip=True), section["id"]
    for part in page.select("section.cc-part"):
        assert one(part, "h3").find_next_sibling(), part["id"]
    for name in ("principles", "data", "source", "outputs"):  # each section is named for its field
        assert (page.select_one(f"section#{name}") is not None) == bool(record.get(name)), (slug, name)
    facts = page.select_one("#about dl#facts")
    if facts is not None:
        assert facts.select("dt")
        assert len(facts.select("dt")) == len(facts.select("dd"))
