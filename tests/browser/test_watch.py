"""The watch every browser test relies on (support.watch): a request to another host fails
and is recorded, and a held page cancels its navigations instead of following them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .support import Watched

pytestmark = pytest.mark.browser


def test_a_request_to_another_host_fails_and_is_recorded(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    watched = open_page()
    watched.page.goto(sites["id"])
    outcome = watched.page.evaluate(
        "() => fetch('https://cdn.example/x.js').then(() => 'reached', () => 'failed')")
    watched.page.evaluate("() => new Promise(done => { const i = new Image(); i.onerror = i.onload = done; "
                          "i.src = 'http://tracker.example/p.gif'; })")
    assert outcome == "failed"
    assert watched.external == ["https://cdn.example/x.js", "http://tracker.example/p.gif"]
    assert "request left localhost: https://cdn.example/x.js" in watched.problems()
    watched.reset("page1")  # recorded as it should be: not this test's failure


def test_a_held_page_cancels_and_records_its_navigations(open_page: Callable[..., Watched], sites: dict[str, str]) -> None:
    watched = open_page()
    page = watched.page
    page.goto(sites["id"])
    watched.hold = True
    page.locator("a[href$='projects/']").first.click()
    page.evaluate("() => { location.href = 'https://elsewhere.example/'; }")
    for _ in range(100):  # the cancelled navigation is recorded as Playwright hands it over
        if len(watched.navigations) == 2:
            break
        page.wait_for_timeout(50)
    assert page.url == sites["id"]
    assert [url.removeprefix(sites["id"]) for url in watched.navigations] == ["projects/", "https://elsewhere.example/"]
    assert watched.external == []  # a cancelled navigation is not a request that left
    watched.hold = False
    page.goto(sites["id"] + "projects/")
    assert page.url == sites["id"] + "projects/"
