"""Benchmark: building a cocreate portal against building plain Markdown pages.

Side by side in one run, each build in its own process, the baseline and the portal at N
built in turns; the ratio is the median of the turns' ratios (the machine's speed drifts
between runs, a turn's two builds see nearly the same machine):
- baseline: N plain Markdown pages with mkdocs-material, kept out of the navigation,
  each holding the same texts as one project (title, summary, description, parties,
  timeline, trust statement);
- cocreate: a portal of the same N projects (validation, transparency pages, catalogue,
  facet lists, overviews, index JSON, data package, feeds, and the site search: Pagefind's
  indexing of the built site included).
The projects are shaped like a real portal's (bench/generate.py: distinct real-length
texts, single-use tags and parties, git history); bench/README.md says what the earlier
projects (nine demo projects repeated, no history) hid.
Budgets (issues #3, #14): cocreate at N <= 1.25x the baseline at N; cocreate at 4N <= 4.4x
cocreate at N; peak memory of a cocreate build of 10,000 projects < 1 GB (the build's
process and every process it starts, Pagefind's included, added up while they run).

With `--two-languages` (issue #15) the portal is published in both languages from one
build (`languages: [id, en]`, every page at `/` and under `/en/`) and the baseline builds
twice as many plain pages (each project's texts in Indonesian and in English, 2 x N pages,
out of the navigation); the memory build is in both languages too. The budgets are the
same (1.25x, 1 GB); the 4N growth run is left out (`--growth` runs it anyway).

    python bench/bench_build.py [--projects 2000] [--memory-projects 10000] [--repeat 5] [--check]
                                [--two-languages [--growth]]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import yaml

from generate import generate

ROOT = Path(__file__).resolve().parent.parent
BUILD = "from mkdocs.commands.build import build; from mkdocs.config import load_config; build(load_config({!r}))"


def _text(value: object, language: str = "id") -> str:
    if isinstance(value, dict):
        return str(value.get(language) or value.get("id") or next(iter(value.values())))
    return str(value)


def plain_page(data: dict, language: str = "id") -> str:
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
    # measured here, never published: the portal of 10,000 projects in two languages is
    # larger than the 1 GB that GitHub Pages publishes, which would fail its build
    config = config.replace("  - cocreate:\n", "  - cocreate:\n      site_size_limit: 0\n", 1)
    assert "site_size_limit: 0" in config
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target / "mkdocs.yml"


def _tree_rss(pid: int) -> int:
    """Resident bytes of process `pid` and all its descendants, now (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


class Timing(NamedTuple):
    seconds: float
    """Wall-clock time."""
    peak: int
    """Peak resident memory, bytes (the build's process and every process it starts)."""
    cpu: float
    """Processor time (user and system) of the build and of every process it started and
    waited for (workers, Pagefind): what the build costs on a machine whose other work
    makes wall-clock times drift (a build that uses two cores counts both)."""


def timed_build(config_file: Path) -> Timing:
    """Seconds, peak resident memory and processor time of one build in a fresh process.

    Each build starts with no site folder, as in CI: removing the previous build's files
    costs time in proportion to their number on this machine's disk (up to 2 s for a
    portal of 2,000 projects), which is the file system's work, not the build's."""
    shutil.rmtree(config_file.parent / "site", ignore_errors=True)
    os.sync()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", BUILD.format(str(config_file))], cwd=config_file.parent,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree = [0]
    running = threading.Event()
    running.set()

    def sample() -> None:
        while running.is_set():
            tree[0] = max(tree[0], _tree_rss(proc.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    running.clear()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {config_file} failed:\n{proc.stderr.read().decode()[-3000:]}")
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return Timing(elapsed, max(peak, tree[0]), usage.ru_utime + usage.ru_stime)


def in_turns(first: Path, second: Path, repeat: int) -> tuple[list[Timing], list[Timing]]:
    """Time and peak memory of each build, the two run in turns (first, second, first, ...)
    so that a machine that speeds up or slows down treats both alike."""
    runs: tuple[list[Timing], list[Timing]] = ([], [])
    for turn in range(1, repeat + 1):
        runs[0].append(timed_build(first))
        runs[1].append(timed_build(second))
        print(f"  turn {turn}: {runs[0][-1][0]:.2f} s / {runs[1][-1][0]:.2f} s"
              f" = {runs[1][-1][0] / runs[0][-1][0]:.2f}; processor time {runs[0][-1].cpu:.2f} s /"
              f" {runs[1][-1].cpu:.2f} s = {runs[1][-1].cpu / runs[0][-1].cpu:.2f}", file=sys.stderr, flush=True)
    return runs


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The benchmark's options: what it builds and how often."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--memory-projects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="turns of the two builds at N")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is exceeded")
    parser.add_argument("--two-languages", action="store_true",
                        help="the portal in both languages from one build, against 2 x N plain pages")
    parser.add_argument("--growth", action="store_true", help="with --two-languages: the 4N build too")
    return parser.parse_args(argv)


def main() -> int:
    args = arguments()
    n = args.projects
    two = args.two_languages
    growth_run = args.growth or not two
    languages = ("id", "en") if two else ("id",)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        portal_n = make_portal(base / "portal-n", n, two)
        plain_n = make_baseline(base / "plain-n", base / "portal-n" / "projects", languages)
        plain_runs, ours_runs = in_turns(plain_n, portal_n, args.repeat)
        ours_4n_time = ours_4n_mem = ours_4n_cpu = 0.0
        if growth_run:
            portal_4n = make_portal(base / "portal-4n", 4 * n, two)
            ours_4n_time, ours_4n_mem, ours_4n_cpu = timed_build(portal_4n)
            shutil.rmtree(base / "portal-4n")
        shutil.rmtree(base / "portal-n")
        shutil.rmtree(base / "plain-n")
        portal_mem = make_portal(base / "portal-mem", args.memory_projects, two)
        mem_time, mem_peak, _ = timed_build(portal_mem)
    plain_times, ours_times = [t.seconds for t in plain_runs], [t.seconds for t in ours_runs]
    cpu_ratio = statistics.median(o.cpu / p.cpu for o, p in zip(ours_runs, plain_runs, strict=True))
    ours_cpu = statistics.median(t.cpu for t in ours_runs)
    ratio = statistics.median(o / p for o, p in zip(ours_times, plain_times, strict=True))
    best_ratio = min(ours_times) / min(plain_times)
    ours_time = statistics.median(ours_times)
    growth = ours_4n_time / ours_time
    plain_mem, ours_mem = max(t.peak for t in plain_runs), max(t.peak for t in ours_runs)
    both = " in two languages" if two else ""
    print(f"plain Material, {len(languages) * n} pages out of nav:  median {statistics.median(plain_times):6.2f} s"
          f"  best {min(plain_times):6.2f} s  {plain_mem / 2**20:6.0f} MB")
    print(f"cocreate portal, {n} projects{both}:          median {ours_time:6.2f} s  best {min(ours_times):6.2f} s"
          f"  {ours_mem / 2**20:6.0f} MB")
    print(f"  ratio {ratio:.2f} (median of the {args.repeat} turns' ratios; budget 1.25); best/best {best_ratio:.2f};"
          f" processor time: ratio {cpu_ratio:.2f} (median of the turns')")
    if growth_run:
        print(f"cocreate portal, {4 * n} projects{both}:          {ours_4n_time:6.2f} s  {ours_4n_mem / 2**20:6.0f} MB"
              f"  growth x4 -> {growth:.2f} (against the median at N; budget 4.4); processor time x4 ->"
              f" {ours_4n_cpu / ours_cpu:.2f}")
    else:
        growth = 0.0
    print(f"cocreate portal, {args.memory_projects} projects{both}:         {mem_time:6.2f} s"
          f"  peak {mem_peak / 2**20:6.0f} MB (budget 1024 MB)")
    over = ratio > 1.25 or growth > 4.4 or mem_peak > 2**30
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
