"""Benchmark: the least that a build indexed by Pagefind can cost, against plain Material.

Issues #14 and #15 ask for two things together: a site search by Pagefind, which indexes
the HTML once the pages are built, and a build within 1.25x of plain Material (its own
search included) with a peak memory under 1 GB at 10,000 projects. This measures the floor
that the first puts under the second, with no cocreate code at all: the same plain pages
as `bench_build.py`'s baseline (each project's texts, out of the navigation), built by
Material without its search, then indexed by the Pagefind binary cocreate runs (its
`<article>` only, as cocreate indexes a page's article). A portal does all of that and
more (validation, history, its own pages, lists, data package, feeds), so:

- **time floor**: (plain pages without Material's search + Pagefind on them) / (plain
  Material with its search), in turns, median of the turns' ratios. Pagefind can start only
  once the pages it reads are written, so it adds to the build (cocreate overlaps it with
  the list pages only);
- **memory floor**: Pagefind's own peak resident memory on the plain pages at 10,000
  projects (and at 2 x 10,000 pages with `--two-languages`), against plain Material's
  whole build of the same pages.

    python bench/pagefind_floor.py [--projects 2000] [--memory-projects 10000] [--repeat 3]
                                   [--two-languages]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from bench_build import make_baseline, pagefind, timed_build, without_search
from generate import generate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--memory-projects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--two-languages", action="store_true", help="2 x N pages, as a portal in both languages")
    args = parser.parse_args()
    languages = ("id", "en") if args.two_languages else ("id",)
    pages = len(languages) * args.projects
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        generate(base / "portal", args.projects, history=False)
        plain = make_baseline(base / "plain", base / "portal" / "projects", languages)
        bare = without_search(plain)
        ratios, cpu_ratios = [], []
        for turn in range(1, args.repeat + 1):
            with_search = timed_build(plain)
            no_search = timed_build(bare)
            indexing = pagefind(bare.parent / "site")
            ratios.append((no_search.seconds + indexing.seconds) / with_search.seconds)
            cpu_ratios.append((no_search.cpu + indexing.cpu) / with_search.cpu)
            print(f"  turn {turn}: plain Material {with_search.seconds:.2f} s; without its search"
                  f" {no_search.seconds:.2f} s + Pagefind {indexing.seconds:.2f} s = {ratios[-1]:.2f}x"
                  f" (processor time {cpu_ratios[-1]:.2f}x)", file=sys.stderr, flush=True)
        print(f"{pages} plain pages: floor of a Pagefind-indexed build {statistics.median(ratios):.2f}x plain"
              f" Material (turns {', '.join(f'{r:.2f}' for r in ratios)}; processor time"
              f" {statistics.median(cpu_ratios):.2f}x); budget 1.25x")
        shutil.rmtree(base / "portal")
        shutil.rmtree(plain.parent)
        shutil.rmtree(bare.parent)
        generate(base / "portal", args.memory_projects, history=False)
        plain = make_baseline(base / "plain", base / "portal" / "projects", languages)
        shutil.rmtree(base / "portal")
        bare = without_search(plain)
        whole = timed_build(plain)
        timed_build(bare)
        indexing = pagefind(bare.parent / "site")
        print(f"{len(languages) * args.memory_projects} plain pages: plain Material peaks at"
              f" {whole.peak / 2**20:.0f} MB ({whole.seconds:.1f} s); Pagefind alone on them at"
              f" {indexing.peak / 2**20:.0f} MB ({indexing.seconds:.1f} s); budget for the whole build 1024 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
