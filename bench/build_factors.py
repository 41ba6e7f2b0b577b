"""What each part of a portal's build costs, against plain Material pages, in one run.

bench_build.py gives one ratio (the portal against plain Material pages of the same texts).
This script says where that ratio comes from (CHANGELOG.md, "Measured"; issue #14):
- the portal with its git history and the same portal without it (the same files, not a
  git repository: the build reads no history and every page says "history unavailable"),
  in turns with the plain pages, as bench_build.py runs them (medians of the turns' ratios);
- the phases of one build of the portal with history: reading the history, validating and
  rendering the projects in the workers (with each project's history), rendering the
  pages, and the time the build waits for Pagefind at its end (Pagefind starts once the
  project pages are written and indexes while the list pages are: the part of its time
  the build does not wait for is in "the rest"); each timed where the build calls it, in
  the build's own process.

    python bench/build_factors.py [--projects 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import Timing, make_baseline, make_portal, timed_build

PHASES = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
import cocreate.build.sites as sites
start = time.perf_counter()
spent = {}
def timed(name, function):
    def run(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - begun
    return run
sites.read_history = timed("history", sites.read_history)
sites.validate_paths = timed("validation and project pages (workers)", sites.validate_paths)
import cocreate.build.search as search
search.Indexing.finish = timed("Pagefind, waited for at the end", search.Indexing.finish)
build(load_config(sys.argv[1]))
total = time.perf_counter() - start
spent["the rest (pages, lists, data files, MkDocs)"] = total - sum(spent.values())
for name, seconds in spent.items():
    print(f"  {name:45} {seconds:6.2f} s  {seconds / total:4.0%}")
print(f"  {'total':45} {total:6.2f} s")
"""


def phases(config_file: Path) -> str:
    shutil.rmtree(config_file.parent / "site", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run([sys.executable, "-c", PHASES, str(config_file)], cwd=config_file.parent, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = args.projects
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        with_history = make_portal(base / "history", n)
        without = make_portal(base / "no-history", n)
        shutil.rmtree(base / "no-history" / ".git")
        plain = make_baseline(base / "plain", base / "history" / "projects")
        times: dict[str, list[Timing]] = {"plain": [], "history": [], "no history": []}
        for turn in range(1, args.repeat + 1):
            for name, config in (("plain", plain), ("history", with_history), ("no history", without)):
                times[name].append(timed_build(config))
            print(f"  turn {turn}: " + ", ".join(f"{name} {runs[-1].seconds:.2f} s ({runs[-1].cpu:.2f} s of processor)"
                                                  for name, runs in times.items()), file=sys.stderr, flush=True)
        print(f"{n} projects, {args.repeat} turns (medians of each turn's ratio to the plain build):")
        for name in ("history", "no history"):
            ratio = statistics.median(t.seconds / p.seconds for t, p in zip(times[name], times["plain"], strict=True))
            cpu = statistics.median(t.cpu / p.cpu for t, p in zip(times[name], times["plain"], strict=True))
            print(f"  portal, {name:10}  x{ratio:.2f} wall clock, x{cpu:.2f} processor time"
                  f" (median {statistics.median(t.seconds for t in times[name]):.2f} s;"
                  f" plain {statistics.median(t.seconds for t in times['plain']):.2f} s)")
        print(f"phases of one build of the portal with history, {n} projects:")
        print(phases(with_history), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
