"""Hostile content in the browser: script in every field of a project runs nowhere.

Validation refuses such a project, so a real build of it fails (tests/mkdocs_plugin/test_plugin.py checks
that). Here validation is bypassed on purpose: the portal core renders every page of a
portal whose one project carries payloads in each Markdown field (description,
openness.how_to_join, timeline[].description) and in the plain fields (title, summary,
names, criteria, trust, links...). Each page is wrapped in a minimal HTML document, served on
localhost and opened in Chromium; the catalogue page runs catalogue.js on the hostile index.
Every link is clicked (each distinct link once). The payloads set `window.__pwned` and call `alert`: the marker must
stay unset and no dialog may open; the page must hold no script, handler or script URL
that the portal did not put there itself.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from cocreate.i18n.translator import Translator
from cocreate.portal import urls
from cocreate.portal.options import Options
from cocreate.portal.project import Project
from cocreate.portal.site import Site, safe_title
from cocreate.standard.loader import load_text

from .support import DESKTOP, LANGUAGES, ROOT, Watched, serve

pytestmark = pytest.mark.browser

RUN = "window.__pwned=1;alert(1)"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'<svg onload="{RUN}"></svg>',
    f"<svg><script>{RUN}</script></svg>",
    '<iframe srcdoc="<script>parent.__pwned=1;parent.alert(1)</script>"></iframe>',
    f'"><script>{RUN}</script>',
    f"'><img src=x onerror={RUN}>",
    f"</textarea></title></style><script>{RUN}</script>",
    f'<a href="javascript:{RUN}">a javascript: link</a>',
    f"[a Markdown javascript: link](javascript:{RUN})",
    "[an encoded one](jav&#x61;script:window.__pwned=1)",
    f"![an image](javascript:{RUN})",
    f'[attr_list](https://ok.example/){{onclick="{RUN}"}}',
    f'{{: onclick="{RUN}" }}',
    f'<a href="https://ok.example/" onmouseover="{RUN}" onclick="{RUN}">a handler</a>',
    f'<details open ontoggle="{RUN}"><summary>x</summary></details>',
    f'<input autofocus onfocus="{RUN}">',
    f'<body onload="{RUN}">',
    f'<math><mtext><table><mglyph><style><img src=x onerror="{RUN}"></style></mglyph></table></mtext></math>',
    f'<a href="data:text/html,&lt;script&gt;{RUN}&lt;/script&gt;">a data: link</a>',
    f'<form action="javascript:{RUN}"><button>go</button></form>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">',
    f'<object data="javascript:{RUN}"></object>',
    f'<div style="position:fixed;inset:0" onclick="{RUN}">an overlay</div>',
    f'<x onclick="{RUN}">an unknown tag</x>',
    "{{ 7 * 7 }} {% raw %}",
]
MARKDOWN = "\n\n".join(PAYLOADS)
LINE = " ".join(PAYLOADS)
SHORT = f'"><img src=x onerror="{RUN}"><script>{RUN}</script>'
"""For names and values that also become facets, whose slugs become folder names (validation
caps them at 200 characters)."""
SCRIPT_URL = f"javascript:{RUN}"


def hostile_data() -> dict[str, Any]:
    base = load_text((ROOT / "tests" / "fixtures" / "valid" / "minimal.yml").read_bytes(), "m.yml").data
    data = copy.deepcopy(base)
    data.update(
        title={"id": LINE, "en": LINE}, summary={"id": LINE, "en": LINE}, description={"id": MARKDOWN, "en": MARKDOWN},
        location={"city": SHORT, "province": LINE, "district": LINE}, tags=[SHORT, "ok"],
        dimensions=["governance"], start_date="2024-01-01",
        openness={"level": "criteria", "criteria": [LINE, LINE], "how_to_join": MARKDOWN},
        ownership={"level": "shared", "license": f'"><script>{RUN}</script>', "note": LINE},
        trust=dict.fromkeys(("information", "purpose", "access", "retention"), LINE),
        outputs=[{"title": LINE, "type": "report", "url": SCRIPT_URL, "description": LINE}],
        links=[{"title": LINE, "url": SCRIPT_URL}, {"title": LINE, "url": f'https://ok.example/" onclick="{RUN}'}],
        maintainers=[f'@x" onclick="{RUN}'],
        seeking={"categories": ["academia", SHORT], "skills": [LINE, SHORT], "resources": [LINE],
                 "opened": "2024-01-01", "closes": "2030-12-31", "how_to_respond": MARKDOWN},
        principles=[{"principle": "sharing", "practice": LINE, "evidence": SCRIPT_URL},
                    {"principle": "openness", "practice": SHORT, "evidence": f'https://ok.example/" onclick="{RUN}'}],
    )
    data["stakeholders"] = [
        {**data["stakeholders"][0], "name": SHORT, "contributes": LINE, "benefit": LINE, "url": SCRIPT_URL,
         "motivations": ["knowledge"], "since": "2024-01-01"},
        {"name": SHORT + " 2", "category": "business", "role": "partner", "contributes": LINE, "benefit": LINE,
         "url": f'https://ok.example/"><script>{RUN}</script>'},
    ]
    data["timeline"] = [{**data["timeline"][0], "title": LINE, "description": MARKDOWN,
                         "evidence": f'https://ok.example/" onmouseover="{RUN}'}]
    return data


def write_portal(folder: Path, lang: str) -> list[str]:
    """Every page of the hostile portal, as the core renders it, each in a minimal document;
    returns their paths from the site's root."""
    t = Translator(lang)
    site = Site.from_projects([Project("jahat", hostile_data(), "projects/jahat/project.yml", t,
                                       today=dt.date(2026, 1, 1))],
                              Options(language=lang, repo_url="https://github.com/o/r"))
    paths = []
    for spec in site.pages():
        if spec.uri == "propose/index.md":
            continue  # the proposal form shows nothing of the projects
        path = spec.uri.removesuffix(".md") + ".html"
        script = '<script data-harness src="/assets/cocreate/catalogue.js"></script>' if "cc-filters" in (html := spec.render()) else ""
        document = (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
                    f"<title>{safe_title(spec.title)}</title>"
                    f"<script data-harness>window.__pwned = undefined;</script></head>\n"
                    f"<body><main>{html}</main>{script}</body></html>\n")
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(document, "utf-8")
        paths.append(path.removesuffix("index.html"))
    (folder / urls.INDEX_JSON).write_text(site.index_json(), "utf-8")
    (folder / "favicon.ico").write_bytes(b"")  # Chromium asks for one; a 404 is a console error
    (folder / "assets" / "cocreate").mkdir(parents=True)
    (folder / "assets" / "cocreate" / "catalogue.js").write_bytes(
        resources.files("cocreate.portal").joinpath("assets/catalogue.js").read_bytes())
    return paths


FIND_LIVE_CODE = """() => {
  const found = [];
  const ours = '[data-harness], svg.cc-chart, form.cc-filters, div.cc-tools, form.cc-join-form, button.cc-join__copy, '
    + 'details.cc-figure__table, form.cc-channels-form, section.cc-channels';
  const live = ['script', 'iframe', 'frame', 'object', 'embed', 'style', 'meta', 'base', 'link', 'img', 'svg',
                'math', 'form', 'input', 'textarea', 'button', 'select', 'details'];
  for (const el of document.body.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    // a project page's folding sections are ours, but not what they hold
    if (live.includes(tag) && !el.closest(ours) && !el.matches('article > section > details.cc-fold')) found.push('<' + tag + '>');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || ['srcdoc', 'formaction', 'style'].includes(name)) found.push(tag + ' ' + name);
      if (['href', 'src', 'action', 'data', 'xlink:href'].includes(name)
          && /^(javascript|data|vbscript):/i.test(attr.value.replace(/[\\s\\u0000-\\u001f]+/g, '')))
        found.push(tag + ' ' + name + '=' + attr.value.slice(0, 40));
    }
  }
  return found;
}"""


@pytest.fixture(scope="module", params=LANGUAGES)
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    folder = tmp_path_factory.mktemp(f"hostile-{request.param}")
    paths = write_portal(folder, request.param)
    with serve(folder) as url:
        yield url, paths


def test_the_hostile_portal_has_every_page(hostile: tuple[str, list[str]]) -> None:
    _, paths = hostile
    for path in ("projects/", "projects/jahat/", "kinds/", "phases/", "stakeholders/", "stakeholders/community/",
                 "statistics/", "calls/", "calls/academia/"):
        assert path in paths
    assert len([p for p in paths if p.startswith("catalogue/")]) >= 8


def test_no_hostile_script_runs_on_any_page(open_page: Callable[..., Watched], hostile: tuple[str, list[str]]) -> None:
    url, paths = hostile
    watched = open_page(DESKTOP)
    page = watched.page
    clicked: set[str] = set()
    for path in paths:
        watched.hold = False
        page.goto(url + path)
        assert page.locator("main h1").count() == 1, path
        # the title, printed unescaped as MkDocs' templates do, stays inside <title>
        assert page.evaluate("[...document.head.children].map(e => e.tagName)") == ["META", "TITLE", "SCRIPT"], path
        if path == "projects/":  # catalogue.js draws cards from the hostile index
            page.locator(".cc-tools__filter").click()
            form = page.locator("form.cc-filters")
            form.wait_for(state="visible")
            for order in ("newest", "closing", "name"):
                page.locator('.cc-tools select[name="sort"]').select_option(order)
            for select in form.locator("select").all():
                for value in select.locator("option").evaluate_all("options => options.map(o => o.value)"):
                    select.select_option(value)
            form.locator('input[name="q"]').fill(PAYLOADS[0])
            form.locator('input[name="q"]').fill("")
            assert page.locator("ul.cc-cards li").count() == 1
        assert page.evaluate(FIND_LIVE_CODE) == [], path
        # click every link, staying on the page (navigations are cancelled, not followed);
        # a link already clicked on another page, the same markup, is not clicked again
        # (the navigation, the footer and the language switcher are on every page)
        watched.hold = True
        links = page.locator("a[href]")
        for i, markup in enumerate(links.evaluate_all("links => links.map(a => a.outerHTML)")):
            if markup in clicked:
                continue
            clicked.add(markup)
            link = links.nth(i)
            if link.is_visible():
                link.click(timeout=2_000)
            else:
                link.dispatch_event("click")
        page.mouse.move(1, 1)
        assert page.evaluate("window.__pwned") is None, path
        assert not watched.dialogs, path
    assert any(u.startswith("https://ok.example/") for u in watched.navigations)
    assert not [u for u in watched.navigations if not u.startswith(("http://127.0.0.1", "https://"))]
