"""Fixtures of the browser tests: one headless Chromium for the session, the demo portal
served on localhost in both languages, and watched pages.

Every page a test opens through `open_page` is watched: a request to any host but
localhost is blocked, and after the test, such a request, a console error, an HTTP error,
an uncaught script error, a dialog or a popup fails it. Pages are kept between tests (one
per viewport and JavaScript setting) and blanked after each. When a test fails, a
screenshot of each of its pages is written to test-artifacts/ for a reviewer to look at.

Outside CI the tests are skipped, with a message, when Chromium (or Playwright) is missing;
with CI=true they fail instead.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .support import CHROMIUM_FLAGS, DESKTOP, LANGUAGES, Watched, chromium_path, screenshot, serve, unavailable, watch


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (never a browser Playwright downloads)."""
    executable = chromium_path()
    if executable is None:
        unavailable("Chromium not found (apt-get install chromium, or set COCREATE_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe() -> Any:
    """axe-core, as bundled by axe-playwright-python."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        unavailable("the axe-playwright-python package is not installed (pip install -e '.[test]')")
    return Axe()


@pytest.fixture(params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    """Each language of the demo, in turn."""
    return str(request.param)


@pytest.fixture
def built(lang: str, demo_site: Path, demo_site_en: Path) -> Path:
    """The demo built in `lang`."""
    return demo_site if lang == "id" else demo_site_en


@pytest.fixture(scope="session")
def sites(demo_site: Path, demo_site_en: Path) -> Iterator[dict[str, str]]:
    """Base URLs of the demo portal served on localhost, by language."""
    with serve(demo_site) as site_id, serve(demo_site_en) as site_en:
        yield {"id": site_id, "en": site_en}


@pytest.fixture(scope="session")
def bilingual(demo_site_bilingual: Path) -> Iterator[str]:
    """Base URL of the demo portal as its mkdocs.yml publishes it (Bahasa Indonesia at the
    root, English under en/), served on localhost."""
    with serve(demo_site_bilingual) as base:
        yield base


@pytest.fixture(scope="session")
def _pages(browser: Any) -> Iterator[dict[tuple[int, int, bool, int], Watched]]:  # noqa: ARG001 (the pages close before the browser)
    """Pages kept open between tests, one per viewport, JavaScript setting and device scale: a new browser
    context costs a fresh renderer and cold caches, about half a second each time."""
    pool: dict[tuple[int, int, bool, int], Watched] = {}
    yield pool
    for watched in pool.values():
        watched.page.context.close()


@pytest.fixture
def open_page(browser: Any, _pages: dict[tuple[int, int, bool, int], Watched], request: pytest.FixtureRequest) -> Iterator[Callable[..., Watched]]:
    """`open_page(viewport=DESKTOP, javascript=True, scale=1)`: a watched page, blank, with
    nothing recorded yet; a viewport narrower than 600 px is a phone's (touch, mobile
    layout), drawn at `scale` device pixels per CSS pixel (a real phone's is 3). After the
    test, anything it recorded fails the test."""
    used: list[Watched] = []
    request.node.cc_pages = used

    def open_(viewport: dict[str, int] = DESKTOP, javascript: bool = True, name: str = "", scale: int = 1) -> Watched:
        key = (viewport["width"], viewport["height"], javascript, scale)
        watched = _pages.get(key)
        if watched is None or watched.page.is_closed() or watched in used:
            phone = viewport["width"] < 600
            context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                                          java_script_enabled=javascript, service_workers="block",
                                          device_scale_factor=scale)
            context.set_default_timeout(10_000)
            watched = watch(context, name)
            if key not in _pages or _pages[key].page.is_closed():
                _pages[key] = watched
        watched.reset(name or f"page{len(used) + 1}")
        used.append(watched)
        return watched

    yield open_
    if any(w.problems() for w in used):
        _screenshots(request.node, "teardown")
    for watched in used:
        watched.hold = False
        with contextlib.suppress(Exception):  # a page that is gone has no work left
            watched.page.goto("about:blank")  # ends the page's work before the next test
        if watched not in _pages.values():
            watched.page.context.close()
    problems = [f"{w.name}: {p}" for w in used for p in w.problems()]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def _screenshots(item: pytest.Item, when: str) -> list[Path]:
    stem = item.nodeid.split("::", 1)[-1]
    shots = [screenshot(watched.page, f"{stem}-{watched.name}-{when}") for watched in getattr(item, "cc_pages", [])]
    return [path for path in shots if path is not None]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.failed and call.when == "call":
        paths = _screenshots(item, "failed")
        if paths:
            report.sections.append(("screenshots", "\n".join(str(p) for p in paths)))
    return report
