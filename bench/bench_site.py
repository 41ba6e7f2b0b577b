"""Benchmark: what a portal costs its readers and its host, at 500 and at 2,000 projects.

For each size, a portal shaped like a real one (bench/generate.py: distinct real-length
texts, single-use tags and parties, git history) is built with cocreate, and measured:
- site bytes per project: the whole site (pages, data package, feeds, search index,
  Material's assets) divided by the number of projects; and what each project adds (the
  difference between the two sizes, per project);
- the first visit: a project page opened in Chromium with an empty cache, every response
  counted as transferred, text gzip-compressed as GitHub Pages serves it;
- one search: then, on that page, one query typed into the search box until its results
  are shown: what that transferred.
- the floor: plain Material pages of the same texts (bench_build.py's baseline), built
  without Material's search, and Pagefind's index of them: the least a site of these texts
  searched by Pagefind takes; and the same search there, through Pagefind's own API, on
  the index of the plain pages in the portal's language (what a search in it reads).
The search's requests are told by kind (Pagefind's code, its metadata, the word's chunks of
the index, the results' fragments, filters, the box's texts), and any of another language.
Budgets (issue #29): site <= 100 KB per project in two languages (`--two-languages`; data,
feeds and index included); first visit <= 100 KB, one search <= 150 KB, each growing by at
most 1.1x from 500 to 2,000 projects.

    python bench/bench_site.py [--sizes 500 2000] [--two-languages] [--check] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import make_baseline, make_portal, pagefind, timed_build, without_search

ROOT = Path(__file__).resolve().parent.parent
KB = 1024
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map")
"""What GitHub Pages sends gzip-compressed (text); Pagefind's own files are compressed already."""
QUERY = "warga"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: text gzip-compressed when the browser accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix.lower() not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def build(config_file: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)], check=True, env=env,
                   cwd=config_file.parent)
    return config_file.parent / "site"


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


KINDS = ("project pages", "list pages", "other pages", "data package", "feeds", "search index", "assets", "other")
"""The kinds of file the site's bytes are broken down into."""
LISTS = {"catalogue", "stakeholders", "calls", "phases", "kinds"}
"""The first folders of list pages (and the catalogue's first page, projects/index.html)."""
LANGUAGE_TREES = {"en"}
"""The folders of a further language's pages (`--two-languages`)."""


def kind_of(relative: Path) -> str:
    """What a file of the site is, by its path (the addresses of portal/urls.py)."""
    parts = relative.parts
    if len(parts) > 1 and parts[0] in LANGUAGE_TREES:  # a further language's pages: the same kinds
        parts = parts[1:]
        relative = Path(*parts)
    if parts[0] == "assets":
        return "assets"
    if parts[0] == "pagefind":
        return "search index"
    if parts[0] == "data" or parts[0] == "schema" or relative.name == "index.json":
        return "data package"
    if relative.name in ("feed.xml", "feed.json"):
        return "feeds"
    if relative.suffix != ".html":
        return "other"
    if parts[0] == "projects" and len(parts) == 3:
        return "project pages"
    if parts[0] in LISTS or parts == ("projects", "index.html"):
        return "list pages"
    return "other pages"


def breakdown(site: Path) -> dict[str, int]:
    """The site's bytes by kind of file."""
    sizes = dict.fromkeys(KINDS, 0)
    for path in site.rglob("*"):
        if path.is_file():
            sizes[kind_of(path.relative_to(site))] += path.stat().st_size
    return sizes


def floor_bytes(projects: Path, folder: Path, languages: tuple[str, ...], project: str) -> tuple[int, Search]:
    """The bytes of the least site of the same projects' texts searched by Pagefind: plain
    Material pages of each project's texts (bench_build.py's baseline, in `languages`),
    built without Material's search, and Pagefind's index of them; and one search there, on
    `project`'s plain page, in an index of the plain pages of the first language alone (as a
    search in the portal's language reads only that language's index)."""
    bare = without_search(make_baseline(folder, projects, languages))
    shutil.rmtree(folder)
    timed_build(bare)
    site = bare.parent / "site"
    pagefind(site)
    total = site_bytes(site)
    pagefind(site, "pages")
    search = transfers(site, f"pages/{project}/", api=True)[1]
    shutil.rmtree(bare.parent)
    return total, search


@dataclass(frozen=True)
class Search:
    """What one search transferred: each request's path and bytes, and the results shown."""

    requests: tuple[tuple[str, int], ...]
    results: int

    @property
    def total(self) -> int:
        return sum(size for _, size in self.requests)

    def by_kind(self) -> str:
        """Its bytes by kind of request, and those of another language's index."""
        kinds: dict[str, list[int]] = {}
        for path, size in self.requests:
            kinds.setdefault(request_kind(path), []).append(size)
        other = [path for path, _ in self.requests if index_language(path) not in (None, LANGUAGE)]
        return ", ".join(f"{kind} {sum(sizes) / KB:.1f} KB" + (f" ({len(sizes)})" if len(sizes) > 1 else "")
                         for kind, sizes in sorted(kinds.items())) + f"; of another language: {len(other)}"


LANGUAGE = "id"
"""The language of the page searched from (the portal's first)."""


def index_language(path: str) -> str | None:
    """The language of a file of Pagefind's bundle (`fragment/id_x.pf_fragment`,
    `pagefind.en_x.pf_meta`, `wasm.id.pagefind`), None for another file."""
    if "pagefind/" not in path:
        return None
    name = path.split("?")[0].rsplit("/", 1)[-1]
    name = name.split(".", 1)[1] if name.startswith(("pagefind.", "wasm.")) else name
    found = re.match(r"([a-z]{2,3})[._]", name)
    return found.group(1) if found and found.group(1) != "pf" else None


def request_kind(path: str) -> str:
    """What a request of a search is, by its path (Pagefind 1.5's bundle)."""
    name = path.split("?")[0]
    if "/fragment/" in name:
        return "fragments"
    if "/index/" in name:
        return "word chunks"
    if "/filter/" in name:
        return "filters"
    if name.endswith(".pf_meta"):
        return "metadata"
    if "pagefind" in name:
        return "Pagefind's code"
    if name.endswith(".json"):
        return "the box's texts"
    return "other"


API_SEARCH = """async ([bundle, query]) => {
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.options({excerptLength: 24});
  await pagefind.init();
  const found = await pagefind.search(query);
  await Promise.all(found.results.slice(0, 5).map((hit) => hit.data()));
  return found.results.length;
}"""
"""The same search through Pagefind's own API, on a page without the portal's search box
(the floor's): its first 5 results' fragments loaded, as the box shows 5."""


def transfers(site: Path, page_path: str, api: bool = False) -> tuple[int, Search]:
    """Bytes transferred by a first visit of `page_path`, and what one search there
    transferred: in the portal's search box, or through Pagefind's API (`api`)."""
    from playwright.sync_api import Request, sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("COCREATE_CHROMIUM", "/usr/bin/chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
        page = context.new_page()
        done: list[tuple[str, int]] = []

        def finished(request: Request) -> None:
            sizes = request.sizes()
            done.append((request.url.removeprefix(base), sizes["responseBodySize"] + sizes["responseHeadersSize"]))

        page.on("requestfinished", finished)
        page.goto(base + page_path, wait_until="networkidle")
        first = sum(size for _, size in done)
        before = len(done)
        if api:
            results = min(5, page.evaluate(API_SEARCH, [base + "pagefind/", QUERY]))
        else:
            page.locator("input.md-search__input").fill(QUERY)
            page.wait_for_function("() => /\\d/.test(document.querySelector('#cc-search-status').textContent)",
                                   timeout=30_000)
        # networkidle was reached when the page loaded (waiting for it again returns at once),
        # and a response's event may reach this process after the results are shown: wait
        # until no request has finished for a second
        while True:
            seen = len(done)
            page.wait_for_timeout(1000)
            if len(done) == seen:
                break
        if not api:
            results = page.locator(".md-search-result__list a").count()
        search = Search(tuple(done[before:]), results)
        browser.close()
    return first, search


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[500, 2000])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--keep", type=Path, help="build the portals in this folder and keep them")
    parser.add_argument("--two-languages", action="store_true",
                        help="the portals in both languages (the demo's languages: [id, en]); else in one")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = (args.keep or Path(tmp)) / f"portal-{n}"
            if args.keep:
                shutil.rmtree(folder, ignore_errors=True)
            site = build(make_portal(folder, n, args.two_languages))
            project = sorted(p.name for p in (site / "projects").iterdir() if (p / "index.html").exists())[n // 2]
            total = site_bytes(site)
            kinds = breakdown(site)
            page = (site / "projects" / project / "index.html").stat().st_size
            first, found = transfers(site, f"projects/{project}/")
            search = found.total
            print(f"{n:6} projects: site {total / 2**20:7.1f} MB = {total / n / KB:5.1f} KB per project;"
                  f" first visit {first / KB:6.1f} KB; one search ({QUERY!r}, {found.results} shown) {search / KB:6.1f} KB",
                  flush=True)
            print(f"        the search's requests: {found.by_kind()}", flush=True)
            print("        per project: " + ", ".join(f"{kind} {size / n / KB:.1f} KB" for kind, size in kinds.items())
                  + f"; the project page measured: {page / KB:.1f} KB", flush=True)
            floor, floor_search = floor_bytes(folder / "projects", folder.with_name(f"plain-{n}"),
                                              ("id", "en") if args.two_languages else ("id",), project)
            rows.append((n, total, first, search, floor_search.total, kinds))
            print(f"        the floor: plain Material pages of the same texts, without its search, and Pagefind's index"
                  f" of them: {floor / n / KB:.1f} KB per project; the same search there ({floor_search.results}"
                  f" shown): {floor_search.total / KB:.1f} KB ({floor_search.by_kind()})", flush=True)
            if not args.keep:
                shutil.rmtree(folder)
    (n1, total1, first1, search1, floor1, kinds1), (n2, total2, first2, search2, floor2, kinds2) = rows
    added = (total2 - total1) / (n2 - n1)
    print(f"each project adds {added / KB:.1f} KB ("
          + ", ".join(f"{kind} {(kinds2[kind] - kinds1[kind]) / (n2 - n1) / KB:.1f}" for kind in KINDS)
          + f"); growth {n1} -> {n2}: first visit x{first2 / first1:.3f}, one search x{search2 / search1:.3f}"
          f" (on the floor's plain pages, the same search x{floor2 / floor1:.3f})")
    missed = (first2 > 100 * KB or search2 > 150 * KB or first2 / first1 > 1.1 or search2 / search1 > 1.1
              or total2 / n2 > 100 * KB)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
