"""Benchmark: a Pagefind index made in pieces, to bound its memory, against one search's cost.

Pagefind holds a whole index in memory while it writes it (bench/pagefind_floor.py: 2.5 GB
at 10,000 pages) and has no setting that bounds it. The one way to bound it is to index the
project pages in pieces, one Pagefind run each, and merge the pieces in the reader's
browser (Pagefind's `mergeIndex`). This measures both sides at once, on the portal of N
projects (bench/generate.py, built by cocreate): each piece's peak memory while it is
indexed, and what one search transfers with the pieces merged (Pagefind's own code, every
piece's entry, metadata, filters and the chunks of the query's words, and the first five
results' fragments), in Chromium with an empty cache, text gzip-compressed as GitHub Pages
serves it. Issue #14 asks for one search independent of N (growth at most 1.1x).

    python bench/pagefind_pieces.py [--projects 2000] [--pieces 1 2 4] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from bench_build import make_portal, run_pagefind
from bench_site import build, serve
from cocreate.build.search import EXCLUDED

QUERIES = ("warga", "sungai hujan")
SEARCH = """async ([base, bundles, query]) => {
    const pagefind = await import(base + bundles[0] + "/pagefind.js");
    await pagefind.options({});
    await pagefind.init();
    for (const bundle of bundles.slice(1)) await pagefind.mergeIndex(base + bundle + "/");
    const found = await pagefind.search(query);
    await Promise.all(found.results.slice(0, 5).map(result => result.data()));
    return found.results.length;
}"""
"""One search as cocreate's search box makes it (the first five results' data), the pieces merged."""


def index_in_pieces(site: Path, pages: list[str], count: int) -> tuple[list[str], list[int]]:
    """Index the project `pages` of `site` in `count` pieces, one Pagefind run each: the
    pieces' folders and each run's peak resident memory."""
    folders, peaks = [], []
    for i in range(count):
        folder = f"pagefind-piece-{count}-{i}"
        shutil.rmtree(site / folder, ignore_errors=True)
        glob = "{" + ",".join(f"projects/{page}/index.html" for page in pages[i::count]) + "}"
        timing = run_pagefind(site, "--output-subdir", folder, "--exclude-selectors", ", ".join(EXCLUDED),
                              "--glob", glob)
        folders.append(folder)
        peaks.append(timing.peak)
    return folders, peaks


def search_bytes(site: Path, page_path: str, bundles: list[str], query: str) -> tuple[int, int, int]:
    """Bytes one search transfers with `bundles` merged, its requests and its results."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("COCREATE_CHROMIUM", "/usr/bin/chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(service_workers="block").new_page()
        done: list[int] = []
        page.on("requestfinished", lambda request: done.append(
            request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]))
        page.goto(base + page_path, wait_until="networkidle")
        before = len(done)
        results = page.evaluate(SEARCH, [base, bundles, query])
        while True:  # until no request has finished for a second
            seen = len(done)
            page.wait_for_timeout(1000)
            if len(done) == seen:
                break
        browser.close()
    return sum(done[before:]), len(done) - before, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--pieces", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--keep", type=Path, help="build the portal in this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        site = build(make_portal(root / f"portal-{args.projects}", args.projects))
        pages = sorted(p.parent.name for p in (site / "projects").glob("*/index.html"))
        first: dict[str, int] = {}
        for count in args.pieces:
            bundles, peaks = index_in_pieces(site, pages, count)
            print(f"{count} piece(s) of {len(pages) // count} pages: Pagefind peaks at"
                  f" {max(peaks) / 2**20:.0f} MB a piece", flush=True)
            for query in QUERIES:
                transferred, requests, results = search_bytes(site, f"projects/{pages[10]}/", bundles, query)
                first.setdefault(query, transferred)
                print(f"    one search {query!r}: {transferred / 1024:6.1f} KB in {requests} requests"
                      f" (x{transferred / first[query]:.2f}), {results} results", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
