"""Accessibility of the demo portal, checked by axe-core in Chromium: no serious or
critical violation on any page type, in both languages on a desktop and on a phone, nor in
the states only JavaScript makes (filtered catalogue, open menu, open search); charts have
text alternatives; badges meet contrast.

Each page type is swept once per language and kind of screen, on the demo as published (both
languages in one site, with the language switcher): on a desktop here, on a phone at 360 px in
test_phone.py (which runs axe on every page type beside its phone checks). A sweep of the
one-language builds would repeat these pages without the switcher; axe's contrast rule alone
takes seconds on the long standard page, so every extra sweep costs the suite about 20 s.

No axe rule is disabled: what Material's defaults get wrong is fixed at its source.
- plugins/cocreate/mkdocs_plugin/theme/partials/search.html (cocreate's search): the search dialog has a name
  (aria-dialog-name);
- plugins/cocreate/mkdocs_plugin/theme/main.html + theme/assets/javascripts/cocreate-scroll.js: a wide table that
  scrolls sideways takes the keyboard focus (scrollable-region-focusable);
- plugins/cocreate/portal/assets/cocreate.css: links in running text are underlined
  (link-in-text-block); the footer's copyright line, the search result count and the
  matched words in search results get colours that pass (color-contrast); code lines wrap on
  devices that cannot hover, where Material leaves a scrolling code block out of the
  keyboard's reach (scrollable-region-focusable).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from .support import CONTRAST_JS, DESKTOP, LANGUAGES, PAGE_TYPES, PHONE, Watched, screenshot

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")


def settled(page: Any) -> None:
    """Wait until what the page started has finished drawing: two frames (a scroll's effects,
    such as Material's header changing from the site's name to the page's title, begin in
    the next one), then every CSS transition and animation. axe measuring colours halfway
    through a fade reports a contrast that no reader sees for long."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=10_000)


def run_axe(axe: Any, page: Any, context: Any = None, **options: Any) -> dict[str, Any]:
    settled(page)
    return axe.run(page, context=context, options={"resultTypes": ["violations"], **options}).response


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:5]:
            summary = (node.get("failureSummary") or "").strip().splitlines()
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[-1].strip() if summary else ''}")
    return "\n".join(lines)


def blocking(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def check_every_page_type(open_page: Callable[..., Watched], axe: Any, base: str, viewport: dict[str, int]) -> None:
    """Axe on one page of each type; a screenshot of each page with a problem."""
    watched = open_page(viewport)
    problems = []
    for kind, path in PAGE_TYPES.items():
        watched.page.goto(base + path)
        found = blocking(run_axe(axe, watched.page))
        if found:
            problems.append(f"{kind} ({path}):\n{describe(found)}")
            screenshot(watched.page, f"axe-{kind}-{viewport['width']}px")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("tree", ["", "en/"])
def test_no_serious_violations_in_both_trees_of_a_bilingual_portal(open_page: Callable[..., Watched], bilingual: str, axe: Any, tree: str) -> None:
    """The demo as published, in both languages: its switcher, hreflang links and English tree."""
    check_every_page_type(open_page, axe, bilingual + tree, DESKTOP)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filtered_catalogue_and_open_menus_stay_accessible(open_page: Callable[..., Watched], sites: dict[str, str], axe: Any, lang: str) -> None:
    """The states that only JavaScript makes: cards drawn by catalogue.js, the search
    dialog open, the phone menu open."""
    page = open_page(PHONE).page
    page.goto(sites[lang] + "projects/")
    page.locator(".cc-tools__filter").click()
    form = page.locator("form.cc-filters")
    form.wait_for(state="visible")
    form.locator('select[name="phase"]').select_option(index=1)
    assert not (found := blocking(run_axe(axe, page))), describe(found)
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.locator("nav.md-nav--primary").wait_for(state="visible")
    assert not (found := blocking(run_axe(axe, page))), describe(found)
    page.goto(sites[lang] + "kinds/")
    page.locator("button[data-cc-search-open]").click()
    page.locator("input.md-search__input").press_sequentially("sampah", delay=50)
    page.locator(".md-search-result__list li").first.wait_for(state="visible", timeout=15_000)
    assert not (found := blocking(run_axe(axe, page))), describe(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_forms_stay_accessible_with_their_errors_and_entries(open_page: Callable[..., Watched], sites: dict[str, str], axe: Any, lang: str) -> None:
    """The states only JavaScript makes on the pages where one takes part: the proposal form
    with every error and its summary showing, then its result; a project's join entry
    written from its fields."""
    page = open_page(PHONE).page
    page.goto(sites[lang] + "propose/")
    form = page.locator("form.cc-propose-form")
    form.wait_for(state="visible")
    form.locator("#f-seeking-academia").check()
    form.locator('button[type="submit"]').click()
    form.locator(".cc-form__summary").wait_for(state="visible")
    assert not (found := blocking(run_axe(axe, page))), describe(found)
    for name, value in (("slug", "kebun-rw-02"), ("title_id", "Kebun"), ("summary", "Kebun warga."),
                        ("description", "Kebun warga."), ("city", "Kota Sukamaju"), ("province", "Tanah Harapan"),
                        ("org", "Paguyuban Kebun"), ("contributes", "Tenaga"), ("benefit", "Sayur"),
                        ("maintainer", "kebun"), ("seeking_closes", "2031-01-31"), ("seeking_respond", "Datang.")):
        form.locator(f'[name="{name}"]').fill(value)
    form.locator('button[type="submit"]').click()
    form.locator(".cc-propose-result").wait_for(state="visible")
    assert not (found := blocking(run_axe(axe, page))), describe(found)
    page.evaluate("window.localStorage.clear()")
    page.goto(sites[lang] + "projects/taman-kota-hijau/#join")
    page.locator("#join-org").fill("Karang Taruna")
    assert not (found := blocking(run_axe(axe, page))), describe(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_charts_have_text_alternatives(open_page: Callable[..., Watched], sites: dict[str, str], lang: str) -> None:
    from playwright.sync_api import expect

    page = open_page().page
    page.goto(sites[lang] + "statistics/")
    charts = page.locator("svg.cc-chart")
    assert charts.count() >= 5
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.get_attribute("role") == "img"
        # the name, as Chromium computes it for screen readers: the chart's title, then
        # every bar's label and value in words (its <desc>)
        title, description = chart.locator("title").text_content(), chart.locator("desc").text_content()
        expect(chart).to_have_accessible_name(f"{title} {description}")
        labels = chart.locator("text.cc-chart__label").all_text_contents()
        values = chart.locator("text.cc-chart__value").all_text_contents()
        assert labels, title
        assert len(labels) == len(values), title
        for label, value in zip(labels, values, strict=True):
            assert re.search(rf"{re.escape(label.strip())}: {value.strip()}\b", description), (title, label)


CHART_READING = """() => {
""" + CONTRAST_JS + """  const page = rgb(getComputedStyle(document.body).backgroundColor);
  return [...document.querySelectorAll('svg.cc-chart')].map((svg) => {
    const figure = svg.closest('section.cc-figure');
    const title = figure.querySelector('h3');
    const texts = [...svg.querySelectorAll('text')];
    return {
      id: svg.getAttribute('aria-labelledby'),
      title: title && title.getBoundingClientRect().height > 0 ? title.textContent : '',
      table: figure.querySelectorAll('details table tbody tr').length,
      rows: svg.querySelectorAll('text.cc-chart__label').length,
      smallest: Math.min(...texts.map((t) => t.getBoundingClientRect().height)),
      fontSize: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize))),
      textContrast: Math.min(...texts.map((t) => contrast(rgb(getComputedStyle(t).fill), page))),
      barContrast: Math.min(...[...svg.querySelectorAll('rect')].map((r) => contrast(rgb(getComputedStyle(r).fill), page))),
      wider: svg.getBoundingClientRect().right - document.documentElement.clientWidth,
    };
  });
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_charts_read_on_a_phone(open_page: Callable[..., Watched], sites: dict[str, str], lang: str) -> None:
    """At 360 px: every chart has a visible title and a table of its numbers; its text is at
    least 12 px as drawn (a chart is never scaled down) with 4.5:1 contrast, its bars 3:1."""
    page = open_page(PHONE).page
    page.goto(sites[lang] + "statistics/")
    charts = page.evaluate(CHART_READING)
    screenshot(page, f"statistics-{lang}-360px")
    assert len(charts) == 11  # with the answers to residents (the demo records some)
    for chart in charts:
        assert chart["title"], chart
        assert chart["table"] == chart["rows"] > 0, chart
        assert chart["fontSize"] >= 12, chart
        assert chart["smallest"] >= 12, chart
        assert chart["textContrast"] >= 4.5, chart
        assert chart["barContrast"] >= 3, chart
        assert chart["wider"] <= 0, chart


@pytest.mark.parametrize("lang", LANGUAGES)
def test_badges_meet_contrast(open_page: Callable[..., Watched], sites: dict[str, str], axe: Any, lang: str) -> None:
    """Every kind of badge (status, kind, approach, phase, role, open call, category sought), checked by axe's own
    contrast rule: each badge must pass, none may be left undecided."""
    page = open_page().page
    groups = set()
    for path in ("projects/", PAGE_TYPES["project"], PAGE_TYPES["stakeholder-category"], "phases/", "calls/"):
        page.goto(sites[lang] + path)
        count = page.locator(".cc-badge").count()
        assert count, path
        groups |= set(page.locator(".cc-badge").evaluate_all(
            "badges => badges.map(b => [...b.classList].find(c => /^cc-badge--[a-z]+$/.test(c) && "
            "['phase','kind','status','role','approach','call','category'].includes(c.slice(10))))"))
        result = axe.run(page, context={"include": [[".cc-badge"]]},
                         options={"runOnly": ["color-contrast"], "resultTypes": ["passes", "violations", "incomplete"]}).response
        assert not result["violations"], describe(result["violations"])
        undecided = [n["target"] for r in result["incomplete"] for n in r["nodes"]]
        assert not undecided, f"{path}: axe could not decide the contrast of {undecided}"
        passed = sum(len(r["nodes"]) for r in result["passes"])
        assert passed == count, f"{path}: {passed} of {count} badges checked"
    assert groups == {f"cc-badge--{g}" for g in ("phase", "kind", "status", "role", "approach", "call", "category")}
