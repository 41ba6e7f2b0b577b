"""Benchmark: building a cocreate portal against the floor that Pagefind's search sets.

Side by side in one run, each build in its own process, three builds of the same N
projects in turns (the machine's speed drifts between runs; a turn's builds see nearly the
same machine), each ratio the median of the turns' ratios:
- plain Material: N plain Markdown pages with mkdocs-material and its search, out of the
  navigation, each holding the same texts as one project (title, summary, description,
  parties, timeline, trust statement);
- the floor (the headline's denominator): the same plain pages built by Material without
  its search, then indexed by the Pagefind binary cocreate runs (their `<article>`): what a
  site of these texts searched by Pagefind costs with no cocreate code (pagefind_floor.py);
- cocreate: a portal of the same N projects (validation, history, transparency pages,
  catalogue, facet lists, overviews, index JSON, data package, feeds, and Pagefind's index).
The portal is timed in one language and in two (`languages: [id, en]`, every page at `/`
and under `/en/`, against 2 x N plain pages: each project's texts in Indonesian and in
English). The projects are shaped like a real portal's (bench/generate.py: distinct
real-length texts, single-use tags and parties, git history).

Then the memory build: the portal of 10,000 projects in two languages, its peak resident
memory with every process it starts added up (sampled five times a second), and each kind
of process's own (MkDocs' and cocreate's process, cocreate's forked workers, Pagefind, git);
and in the same run the floor under it: plain Material's whole build of the same pages, and
Pagefind alone on one language's pages and on all of them.

Budgets (issue #29): the portal <= 1.25x the floor, in one language and in two; peak memory
<= 3.5 GB at 10,000 projects in two languages; with `--growth`, the portal at 4N <= 4.4x the
portal at N.

    python bench/bench_build.py [--projects 2000] [--memory-projects 10000] [--repeat 3] [--check]
                                [--languages one|two|both] [--memory-one-language] [--growth]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import yaml

from generate import generate

ROOT = Path(__file__).resolve().parent.parent
BUILD = "from mkdocs.commands.build import build; from mkdocs.config import load_config; build(load_config({!r}))"


def _text(value: object, language: str = "id") -> str:
    if isinstance(value, dict):
        return str(value.get(language) or value.get("id") or next(iter(value.values())))
    return str(value)


def plain_page(data: dict[str, Any], language: str = "id") -> str:
    """The same texts as a project page, as plain Markdown (in `language` where a text has it)."""
    def t(value: object) -> str:
        return _text(value, language)

    lines = [f"# {t(data['title'])}", "", t(data["summary"]), "", t(data["description"]), "", "## Pihak", ""]
    for s in data["stakeholders"]:
        lines.append(f"- **{s['name']}** ({s['category']}, {s['role']}): {t(s['contributes'])} / {t(s['benefit'])}")
    lines += ["", "## Linimasa", ""]
    lines += [f"- {e['date']} {e['phase']} {e['activity']}: {t(e['title'])}" for e in data["timeline"]]
    lines += ["", "## Informasi", ""] + [f"- {k}: {t(v)}" for k, v in data["trust"].items()]
    return "\n".join(lines) + "\n"


def make_baseline(target: Path, projects: Path, languages: tuple[str, ...] = ("id",)) -> Path:
    """N plain pages out of the navigation, or N per language (`pages/`, `en/pages/`)."""
    (target / "docs").mkdir(parents=True)
    (target / "docs" / "index.md").write_text("# Home\n", "utf-8")
    folders = {language: target / "docs" / ("pages" if i == 0 else f"{language}/pages")
               for i, language in enumerate(languages)}
    for folder in folders.values():
        folder.mkdir(parents=True)
    for project in sorted(projects.iterdir()):
        data = yaml.load((project / "project.yml").read_text("utf-8"), Loader=yaml.CBaseLoader)
        for language, folder in folders.items():
            (folder / f"{project.name}.md").write_text(plain_page(data, language), "utf-8")
    config = {
        "site_name": "baseline", "theme": {"name": "material", "language": "id", "font": False},
        "plugins": ["search"], "nav": ["index.md"], "not_in_nav": "/pages/**\n/*/pages/**", "docs_dir": "docs",
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    return target / "mkdocs.yml"


BILINGUAL = "      languages: [id, en]\n"
"""The line of the demo's mkdocs.yml that publishes it in both languages."""


def make_portal(target: Path, count: int, two_languages: bool = False) -> Path:
    """The demo's mkdocs.yml and content with `count` generated projects; in one language
    (the demo's `languages` line and its `*.en.md` translations left out) unless
    `two_languages`."""
    generate(target, count)
    shutil.copytree(ROOT / "content", target / "content",
                    ignore=None if two_languages else shutil.ignore_patterns("*.en.md"))
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    if not two_languages:
        config = config.replace(BILINGUAL, "")
        config = re.sub(r"\n      site_name:\n(        en: .*\n)", "\n", config, count=1)  # its name in English
        assert "site_name:\n        en" not in config
    # measured here, never published: the portal of 10,000 projects in two languages is
    # larger than the 1 GB that GitHub Pages publishes, which would fail its build
    config = config.replace("  - cocreate:\n", "  - cocreate:\n      site_size_limit: 0\n", 1)
    assert "site_size_limit: 0" in config
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target / "mkdocs.yml"


KINDS = ("cocreate (MkDocs' process)", "cocreate's workers", "Pagefind", "git")
"""The processes of a build, by what they are: the build's own process (MkDocs and the
cocreate plugin), the processes it forks (the validation workers, the feeds' writer), the
Pagefind binary it runs, and git (reading the history)."""


def _processes(pid: int) -> dict[str, int]:
    """Resident bytes of process `pid` and all its descendants, now, added up by kind
    (`KINDS`; Linux)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    kinds = dict.fromkeys(KINDS, 0)
    todo = [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            status = Path(f"/proc/{current}/status").read_text()
            name = Path(f"/proc/{current}/comm").read_text().strip()
        except OSError:
            continue
        rss = next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        kind = KINDS[0] if current == pid else "Pagefind" if name.startswith("pagefind") else \
            "git" if name.startswith("git") else KINDS[1]
        kinds[kind] += rss
    return kinds


def _tree_rss(pid: int) -> int:
    """Resident bytes of process `pid` and all its descendants, now (Linux)."""
    return sum(_processes(pid).values())


class Timing(NamedTuple):
    seconds: float
    """Wall-clock time."""
    peak: int
    """Peak resident memory, bytes (the build's process and every process it starts, added
    up at the moment their sum was largest)."""
    cpu: float
    """Processor time (user and system) of the build and of every process it started and
    waited for (workers, Pagefind): what the build costs on a machine whose other work
    makes wall-clock times drift (a build that uses two cores counts both)."""
    kinds: dict[str, int] = {}
    """Each kind of process's own peak (`KINDS`: its processes added up at the moment their
    sum was largest), bytes."""
    at_peak: dict[str, int] = {}
    """What each kind held at the moment the whole build's sum was largest, bytes."""


def timed_build(config_file: Path) -> Timing:
    """Seconds, peak resident memory (all processes, and by kind) and processor time of one
    build in a fresh process.

    Each build starts with no site folder, as in CI: removing the previous build's files
    costs time in proportion to their number on this machine's disk (up to 2 s for a
    portal of 2,000 projects), which is the file system's work, not the build's."""
    shutil.rmtree(config_file.parent / "site", ignore_errors=True)
    os.sync()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", BUILD.format(str(config_file))], cwd=config_file.parent,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    kinds = dict.fromkeys(KINDS, 0)
    at_peak = dict(kinds)
    running = threading.Event()
    running.set()

    def sample() -> None:
        nonlocal at_peak
        while running.is_set():
            now = _processes(proc.pid)
            for kind, rss in now.items():
                kinds[kind] = max(kinds[kind], rss)
            if sum(now.values()) > sum(at_peak.values()):
                at_peak = now
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    running.clear()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        assert proc.stderr is not None  # stderr=subprocess.PIPE
        raise SystemExit(f"build of {config_file} failed:\n{proc.stderr.read().decode()[-3000:]}")
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Timing(elapsed, max(peak, sum(at_peak.values())), usage.ru_utime + usage.ru_stime, kinds, at_peak)


def without_search(config_file: Path) -> Path:
    """A copy of the plain site's configuration with Material's search turned off."""
    target = config_file.parent.with_name(config_file.parent.name + "-nosearch")
    shutil.copytree(config_file.parent, target, ignore=shutil.ignore_patterns("site"))
    config = yaml.safe_load((target / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = []
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    return target / "mkdocs.yml"


def run_pagefind(site: Path, *options: str) -> Timing:
    """The Pagefind binary cocreate runs, on `site` with `options`: seconds, its peak resident
    memory, processor time."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from cocreate.build.search import binary

    start = time.perf_counter()
    proc = subprocess.Popen([str(binary()), "--site", str(site), "--silent", *options],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    assert proc.stderr is not None
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"Pagefind failed on {site}:\n{proc.stderr.read().decode()[-2000:]}")
    return Timing(elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)


def pagefind(site: Path, pages: str = "{pages,*/pages}") -> Timing:
    """Pagefind alone on the built plain pages of `site` in the folders `pages` names (not
    its home page), their `<article>` only, as cocreate indexes a page's article; checked to
    have indexed every page."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    os.sync()
    timing = run_pagefind(site, "--root-selector", "article", "--glob", f"{pages}/*/index.html")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    indexed = sum(int(about["page_count"]) for about in entry["languages"].values())
    folders = pages.strip("{}").split(",")
    written = sum(1 for folder in folders for _ in site.glob(f"{folder}/*/index.html"))
    if indexed != written:
        raise SystemExit(f"Pagefind indexed {indexed} pages of the {written} in {site}")
    return timing


def floor_build(bare: Path) -> Timing:
    """The floor of a build with Pagefind's search: plain pages built by Material without its
    search (`bare`, see `without_search`), then indexed by Pagefind."""
    built = timed_build(bare)
    indexing = pagefind(bare.parent / "site")
    return Timing(built.seconds + indexing.seconds, max(built.peak, indexing.peak), built.cpu + indexing.cpu)


def in_turns(plain: Path, bare: Path, portal: Path, repeat: int) -> list[tuple[Timing, Timing, Timing]]:
    """Each turn: plain Material with its search, the floor (`floor_build` of `bare`), the
    portal, one after another, so that a machine that speeds up or slows down treats the
    three alike."""
    runs = []
    for turn in range(1, repeat + 1):
        runs.append((timed_build(plain), floor_build(bare), timed_build(portal)))
        p, f, o = runs[-1]
        print(f"  turn {turn}: plain {p.seconds:.2f} s, floor {f.seconds:.2f} s, portal {o.seconds:.2f} s:"
              f" {o.seconds / f.seconds:.2f}x the floor, {o.seconds / p.seconds:.2f}x plain (processor time"
              f" {o.cpu / f.cpu:.2f}x, {o.cpu / p.cpu:.2f}x)", file=sys.stderr, flush=True)
    return runs


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The benchmark's options: what it builds and how often."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--memory-projects", type=int, default=10_000, help="0: no memory build")
    parser.add_argument("--repeat", type=int, default=3, help="turns of the three builds at N (0: none)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is exceeded")
    parser.add_argument("--languages", choices=("one", "two", "both"), default="both",
                        help="time the portal in one language, in two (against 2 x N plain pages), or both")
    parser.add_argument("--memory-one-language", action="store_true",
                        help="the memory build in the portal's main language only")
    parser.add_argument("--growth", action="store_true", help="the portal at 4N too (budget: 4.4x the time at N)")
    return parser.parse_args(argv)


MiB = 2**20
MEMORY_BUDGET = 3.5 * 2**30
"""Issue #29: the build of 10,000 projects in two languages, every process added up."""


def time_portal(base: Path, n: int, languages: tuple[str, ...], repeat: int, growth: bool) -> float:
    """Build the portal of `n` projects in `languages` in turns with plain Material and the
    floor; print the ratios; return the portal's ratio to the floor (the median of the turns')."""
    two = len(languages) > 1
    portal = make_portal(base / "portal-n", n, two)
    plain = make_baseline(base / "plain-n", base / "portal-n" / "projects", languages)
    bare = without_search(plain)
    runs = in_turns(plain, bare, portal, repeat)
    both = " in two languages" if two else ", one language"

    def median(of: object) -> float:
        return statistics.median(of)  # type: ignore[arg-type]

    ratio = median(o.seconds / f.seconds for p, f, o in runs)
    print(f"portal of {n} projects{both}: {ratio:.2f}x the floor (budget 1.25; median of {repeat} turns:"
          f" {', '.join(f'{o.seconds / f.seconds:.2f}' for p, f, o in runs)}); processor time"
          f" {median(o.cpu / f.cpu for p, f, o in runs):.2f}x the floor's")
    print(f"  portal {median(o.seconds for p, f, o in runs):6.2f} s, {max(o.peak for p, f, o in runs) / MiB:5.0f} MB;"
          f" floor (Material without its search, then Pagefind, {len(languages) * n} plain pages)"
          f" {median(f.seconds for p, f, o in runs):6.2f} s; plain Material with its search"
          f" {median(p.seconds for p, f, o in runs):6.2f} s, {max(p.peak for p, f, o in runs) / MiB:5.0f} MB")
    print(f"  portal {median(o.seconds / p.seconds for p, f, o in runs):.2f}x plain Material (processor time"
          f" {median(o.cpu / p.cpu for p, f, o in runs):.2f}x); the floor {median(f.seconds / p.seconds for p, f, o in runs):.2f}x"
          f" plain Material (processor time {median(f.cpu / p.cpu for p, f, o in runs):.2f}x)", flush=True)
    if growth:
        at_n = median(o.seconds for p, f, o in runs)
        portal_4n = make_portal(base / "portal-4n", 4 * n, two)
        big = timed_build(portal_4n)
        shutil.rmtree(base / "portal-4n")
        print(f"  portal of {4 * n} projects: {big.seconds:.2f} s, growth x4 -> {big.seconds / at_n:.2f}"
              f" (budget 4.4)", flush=True)
        ratio = max(ratio, 1.25 * big.seconds / at_n / 4.4)  # --check fails on either
    for folder in ("portal-n", "plain-n", "plain-n-nosearch"):
        shutil.rmtree(base / folder)
    return ratio


def measure_memory(base: Path, n: int, languages: tuple[str, ...]) -> int:
    """The portal of `n` projects in `languages`: its peak memory, all processes added up,
    and each kind of process's own; then, in the same run, the floor under it: plain
    Material's whole build of the same projects' pages, and Pagefind alone on them (one
    language's pages, as the portal runs one Pagefind per language, and all of them)."""
    two = len(languages) > 1
    build = timed_build(make_portal(base / "portal-mem", n, two))
    both = " in two languages" if two else ", one language"
    print(f"portal of {n} projects{both}: peak {build.peak / MiB:.0f} MB, every process added up"
          f" (budget {MEMORY_BUDGET / MiB:.0f} MB); {build.seconds:.1f} s")
    print("  at that moment: " + ", ".join(f"{kind} {rss / MiB:.0f} MB" for kind, rss in build.at_peak.items()))
    print("  each kind's own peak: " + ", ".join(f"{kind} {rss / MiB:.0f} MB" for kind, rss in build.kinds.items()),
          flush=True)
    plain = make_baseline(base / "plain-mem", base / "portal-mem" / "projects", languages)
    shutil.rmtree(base / "portal-mem")
    whole = timed_build(plain)
    bare = without_search(plain)
    shutil.rmtree(plain.parent)
    timed_build(bare)
    one = pagefind(bare.parent / "site", "{pages}")
    print(f"  the floor, same projects: plain Material's whole build of {len(languages) * n} pages peaks at"
          f" {whole.peak / MiB:.0f} MB; Pagefind alone on {n} of them (one language) at {one.peak / MiB:.0f} MB"
          f" ({one.seconds:.1f} s)", end="")
    if two:
        every = pagefind(bare.parent / "site")
        print(f", on all {len(languages) * n} at once at {every.peak / MiB:.0f} MB ({every.seconds:.1f} s)", end="")
    print(flush=True)
    shutil.rmtree(bare.parent)
    return build.peak


def main() -> int:
    args = arguments()
    over = False
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        choices: dict[str, list[tuple[str, ...]]] = {"one": [("id",)], "two": [("id", "en")], "both": [("id",), ("id", "en")]}
        for languages in choices[args.languages]:
            if not args.repeat:
                break
            over |= time_portal(base, args.projects, languages, args.repeat, args.growth) > 1.25
        if args.memory_projects:
            peak = measure_memory(base, args.memory_projects, ("id",) if args.memory_one_language else ("id", "en"))
            over |= peak > MEMORY_BUDGET
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
