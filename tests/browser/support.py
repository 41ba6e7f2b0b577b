"""What the browser tests share: finding Chromium and vnu.jar, serving a folder on
localhost, and watching a page for requests that leave the machine, console and HTTP
errors, script errors, dialogs and popups."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CI = os.environ.get("CI") == "true"

CHROMIUM_FLAGS = [
    "--no-sandbox",  # root cannot use Chromium's sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # no host but localhost can be reached: a request elsewhere fails in Chromium's own network
    # stack (and `watch` records it), without a round trip through the test for every request
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
LANGUAGES = ("id", "en")

PAGE_TYPES = {
    "home": "",
    "project": "projects/taman-kota-hijau/",
    "catalogue": "projects/",
    "facet": "catalogue/phase/curation/",
    "kinds": "kinds/",
    "phases": "phases/",
    "stakeholders": "stakeholders/",
    "stakeholder-category": "stakeholders/community/",
    "statistics": "statistics/",
    "open-data": "data/",
    "propose": "propose/",
    "calls": "calls/",
    "calls-category": "calls/academia/",
    "take-part": "take-part/",
    "standard": "standard/",
    "glossary": "glossary/",
}
"""One page of each type the demo portal publishes, by path from the site's root."""

CONTRAST_JS = """
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
"""
"""WCAG's contrast ratio in the page's JavaScript: `rgb(text)` reads a computed colour,
`contrast(a, b)` is the ratio of two (`luminance` as WCAG 2 defines it)."""

VNU_JAR_DEFAULT = Path.home() / ".cache" / "cocreate" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
"""Where `python3 dev.py test` installs the npm package vnu-jar in CI."""


def index_rows(site: Path) -> list[dict[str, Any]]:
    """The catalogue's index of a built site (`projects/index.json`), a dict per project."""
    index = json.loads((site / "projects" / "index.json").read_text("utf-8"))
    return [dict(zip(index["fields"], row, strict=True)) for row in index["projects"]]


def screenshot(page: Any, stem: str) -> Path | None:
    """A full-page screenshot in test-artifacts/, for a reviewer to look at: one image pixel
    per CSS pixel (a phone drawn at 3 device pixels per CSS pixel would make it nine times
    larger)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', stem)[:150]}.png"
    try:
        page.screenshot(path=str(path), full_page=True, scale="css", timeout=10_000)
    except Exception:  # a closed or crashed page: nothing to show
        return None
    return path


def unavailable(missing: str) -> NoReturn:
    """A tool the test needs is missing: skip, saying so; with CI=true, fail instead."""
    if CI:
        pytest.fail(f"{missing}; with CI=true this test must run, not be skipped", pytrace=False)
    pytest.skip(f"skipped: {missing}")


def chromium_path() -> str | None:
    """Debian's Chromium: $COCREATE_CHROMIUM when set, else /usr/bin/chromium or `chromium`
    on PATH."""
    if "COCREATE_CHROMIUM" in os.environ:
        candidates = [os.environ["COCREATE_CHROMIUM"]]
    else:
        candidates = ["/usr/bin/chromium", shutil.which("chromium") or ""]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def vnu_jar() -> Path | None:
    jar = Path(os.environ.get("COCREATE_VNU_JAR") or VNU_JAR_DEFAULT)
    return jar if jar.is_file() else None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a connection early (navigating on) is no error of the site."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 at a free port; yields the base URL, ending in `/`."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {root.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(eq=False)
class Watched:
    """A page in its own browser context, and everything it did that a test forbids."""

    page: Any
    name: str
    external: list[str] = field(default_factory=list)
    """Requests to any host but localhost: they fail (`CHROMIUM_FLAGS`), and are recorded here."""
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Uncaught exceptions in the page's scripts."""
    missing: list[str] = field(default_factory=list)
    """Responses with an HTTP error status (the console says only "404", not what)."""
    dialogs: list[str] = field(default_factory=list)
    popups: list[str] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)
    """Navigations cancelled while `hold` was on."""
    _held: bool = False

    @property
    def hold(self) -> bool:
        """When on, every navigation is cancelled (and recorded), so that a test can click
        every link of a page and stay on it. Only then are the page's requests routed through
        the test: a routed context has no HTTP cache, so every page would load and compile
        Material's scripts and styles anew."""
        return self._held

    @hold.setter
    def hold(self, on: bool) -> None:
        if on == self._held:
            return
        self._held = on
        if on:
            self.page.context.route("**/*", self._cancel_navigation)
        else:
            self.page.context.unroute("**/*", self._cancel_navigation)

    def _cancel_navigation(self, route: Any) -> None:
        if route.request.is_navigation_request():
            self.navigations.append(route.request.url)
            route.abort("aborted")
        else:
            route.continue_()

    def reset(self, name: str) -> None:
        """Ready for the next test: nothing recorded, navigations allowed."""
        self.name, self.hold = name, False
        for records in (self.external, self.console, self.errors, self.missing, self.dialogs, self.popups,
                        self.navigations):
            records.clear()

    def problems(self) -> list[str]:
        return ([f"request left localhost: {url}" for url in self.external]
                + [f"console error: {text}" for text in self.console]
                + [f"page error: {text}" for text in self.errors]
                + [f"HTTP error: {text}" for text in self.missing]
                + [f"dialog opened: {text}" for text in self.dialogs]
                + [f"popup opened: {url}" for url in self.popups])


def watch(context: Any, name: str) -> Watched:
    """Open a page in `context` and record what it does."""
    page = context.new_page()
    watched = Watched(page, name)

    def request(request: Any) -> None:
        if watched.hold and request.is_navigation_request():
            return  # cancelled by the route, and recorded as a navigation
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and \
                (urlsplit(request.url).hostname or "") not in LOCAL_HOSTS:
            watched.external.append(request.url)

    def dialog(dialog: Any) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def console(message: Any) -> None:
        if message.type == "error":
            watched.console.append(message.text)

    def response(response: Any) -> None:
        if response.status >= 400:
            watched.missing.append(f"{response.status} {response.url}")

    def popup(popup: Any) -> None:
        if popup != page:
            watched.popups.append(popup.url)

    context.on("request", request)
    page.on("console", console)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on("response", response)
    page.on("dialog", dialog)
    context.on("page", popup)
    return watched
