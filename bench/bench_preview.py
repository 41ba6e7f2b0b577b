"""Benchmark: the preview, from saving one project file until its page is served anew.

A real `mkdocs serve` of a generated portal of N projects (bench/generate.py: real-length
texts, git history), one language. Each save changes one thing of one project that its page
and lists show (`--change`, all four by default, one after another in the same serve):

- `summary`: six letters of its summary (its card in the catalogue shows it);
- `title`: six letters of its title, past the first word (every card of it shows it);
- `phase`: it moves from involvement to curation, with the latest event of its timeline
  (the rules want the phase of the latest event): the lists of both phases, their counts;
- `tag`: its first tag removed: that tag's list, or the page of tags one project each has.

The time is taken from the save until the served project page is the new one (MkDocs'
server answers only once the build is done, so the lists are served anew by then too), then
until the preview's search index has followed. The figure is the median of several saves of
each kind, each of another project (for a phase, one whose change is valid).
The server's processor time from the save until the page is served is taken too (its
threads; Pagefind runs after): on a shared machine its ratio to the floor's is the steadier.

The floor, in the same run: MkDocs' own rebuild of the same pages, a plain Material site
of N pages of the same texts (`bench_build.make_baseline`) under `mkdocs serve`, one page's
Markdown changed the same way. Both pay MkDocs' watcher (it polls every 0.5 s, then waits
0.1 s for the saves to stop). With `--without`, the portal is also served as before the
preview (`mkdocs serve --clean`: every save a whole build, Pagefind and history included).

Budget (issue #29): at 500 projects, <= 1 s to the page served, the search within 10 s.

    python bench/bench_preview.py [--projects 500] [--saves 5] [--change summary,title,phase,tag] [--without]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import make_baseline
from cocreate.standard.validate import validate_paths
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
BILINGUAL = re.compile(r"      languages: \[id, en\]\n|      site_name:\n        en: [^\n]*\n")
"""The lines of the demo's mkdocs.yml that make it a portal in two languages."""


def make_portal(target: Path, count: int) -> Path:
    """The demo's mkdocs.yml and content (one language) with `count` generated projects."""
    generate(target, count)
    for page in (ROOT / "content").rglob("*"):
        if page.is_file() and not page.name.endswith(".en.md"):
            (target / "content" / page.relative_to(ROOT / "content")).parent.mkdir(parents=True, exist_ok=True)
            (target / "content" / page.relative_to(ROOT / "content")).write_bytes(page.read_bytes())
    config = BILINGUAL.sub("", (ROOT / "mkdocs.yml").read_text("utf-8"))
    config = config.replace("  - cocreate:\n", "  - cocreate:\n      site_size_limit: 0\n", 1)
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target / "mkdocs.yml"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


class Server:
    """`mkdocs serve` of one site, its log read as it comes."""

    def __init__(self, config: Path, *extra: str) -> None:
        self.port = _port()
        self.said: list[str] = []
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{self.port}", *extra],
            cwd=config.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.said.append(line)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def until(self, check: object, what: str, seconds: float = 900) -> float:
        """Poll `check` until true; the moment it was."""
        deadline = time.monotonic() + seconds
        while not check():  # type: ignore[operator]
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{what}: not seen\n{''.join(self.said)[-3000:]}")
            time.sleep(0.02)
        return time.perf_counter()

    def count(self, words: str) -> int:
        return sum(words in line for line in self.said)

    def processor(self) -> float:
        """The server's processor time so far, in seconds (all its threads; Pagefind, its
        child, is not counted)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=120)
        self._reader.join(timeout=60)


def _save(path: Path, old: str, new: str) -> float:
    """Change `old` to `new` in a file, as an editor saves it; the moment it was saved."""
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    start = time.perf_counter()
    path.write_text(text.replace(old, new, 1), "utf-8")
    return start


SUMMARY = re.compile(r"^summary:(?: |\n  id: )[A-Za-z]{6}", re.M)
"""A generated project's summary (in its main language) that begins with a word of six
letters or more: a save replaces them with as many (a longer summary could go over the
standard's limit, and the save would fail)."""
TITLE = re.compile(r"^(title:(?: |\n  id: )\S+ (?:[^\n]*? )??[A-Za-z]*)([A-Za-z]{6})", re.M)
"""A generated project's title with a word of six letters or more past its first word: a
save replaces its last six letters with as many (the catalogue's order, by title, stays)."""
PHASE = re.compile(r"^phase: involvement\n", re.M)
EVENT = re.compile(r"^  phase: involvement\n  activity: co-(?:experience|definition)\n", re.M)
TAG = re.compile(r"^tags:\n(- [^\n]+\n)", re.M)
CHANGES = ("summary", "title", "phase", "tag")
LIVERELOAD = re.compile(r"<script>\s*var livereload = .*?</script>", re.S)
"""What `mkdocs serve` adds to each page it serves (a new request number each time)."""


def edit(change: str, text: str, words: str) -> str | None:
    """A project file's text with one `change` made (`words`: six letters of its own), or
    None when the project has nothing to change so."""
    if change == "summary":
        found = SUMMARY.search(text)
        return None if found is None else text.replace(found.group(0), found.group(0)[:-6] + words, 1)
    if change == "title":
        found = TITLE.search(text)
        return None if found is None else text[:found.start(2)] + words + text[found.end(2):]
    if change == "phase":
        events = list(EVENT.finditer(text))
        if not PHASE.search(text) or not events:
            return None
        last = events[-1]
        text = text[:last.start()] + "  phase: curation\n  activity: curation\n" + text[last.end():]
        return PHASE.sub("phase: curation\n", text, count=1)
    found = TAG.search(text)
    return None if found is None else text[:found.start(1)] + text[found.end(1):]


def _valid(path: Path, text: str, scratch: Path) -> bool:
    """Whether the project of `path`, its file changed to `text`, is still valid."""
    copy = scratch / "projects" / path.parent.name
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(path.parent, copy)
    (copy / "project.yml").write_text(text, "utf-8")
    return validate_paths([scratch / "projects"]).valid


def plan(config: Path, changes: list[str], saves: int) -> list[tuple[str, Path, str, str]]:
    """Each save to make: its change, the project file, its text after, and the new words;
    each save of another project, spread over the catalogue."""
    projects = sorted((config.parent / "projects").glob("*/project.yml"))
    taken: set[Path] = set()
    made: list[tuple[str, Path, str, str]] = []
    for change in changes:
        for n in range(saves):
            words = f"Ubah{len(made):02d}"
            for k in range(len(projects)):
                path = projects[((n + k) * 97 + 11 + 13 * CHANGES.index(change)) % len(projects)]
                text = None if path in taken else edit(change, path.read_text("utf-8"), words)
                if text is not None and (change != "phase" or _valid(path, text, config.parent.parent / "check")):
                    break
            else:
                raise SystemExit(f"no project to change its {change}")
            assert text is not None
            taken.add(path)
            made.append((change, path, text, words))
    return made


class Save(NamedTuple):
    """One save timed: seconds to the page served, the server's processor time meanwhile,
    seconds to the search index."""

    served: float
    processor: float
    indexed: float = 0.0


def _page(server: Server, slug: str) -> str:
    return LIVERELOAD.sub("", _get(server.url(f"projects/{slug}/")))


def time_portal(config: Path, saves: list[tuple[str, Path, str, str]], *extra: str,
                search: bool = True) -> dict[str, list[Save]]:
    """Each save timed (its search index too: `search`), by kind of change."""
    server = Server(config, *extra)
    timed: dict[str, list[Save]] = {}
    try:
        first = saves[0][1].parent.name
        server.until(lambda: _get(server.url(f"projects/{first}/")), "the first build")
        if search:
            server.until(lambda: server.count("preview: site search") >= 1, "the first search index")
        for n, (change, path, text, words) in enumerate(saves):
            slug = path.parent.name
            old = _page(server, slug)
            processor = server.processor()
            start = _save(path, path.read_text("utf-8"), text)
            seen = server.until(lambda s=slug, o=old: (page := _page(server, s)) != o and bool(page),
                                f"save {n + 1} ({change})")
            processor = server.processor() - processor
            if change in ("summary", "title"):
                assert words in _page(server, slug), (change, slug)
            done = seen
            if search:
                done = server.until(lambda k=n: server.count("preview: site search") >= k + 2, f"search {n + 1}")
            timed.setdefault(change, []).append(Save(seen - start, processor, done - start))
            time.sleep(1)
            print(f"  save {n + 1} ({change}): served {seen - start:.2f} s, processor {processor:.2f} s"
                  + (f", search {done - start:.2f} s" if search else ""), file=sys.stderr, flush=True)
        return timed
    finally:
        server.stop()


def time_plain(config: Path, saves: int) -> list[Save]:
    """Each save of one plain page timed until that page is served anew."""
    pages = sorted((config.parent / "docs" / "pages").glob("*.md"))
    server = Server(config)
    try:
        server.until(lambda: _get(server.url(f"pages/{pages[0].stem}/")), "the first build")
        served: list[Save] = []
        for n in range(saves):
            page = pages[(n * 97 + 11) % len(pages)]
            words = f"Ubah{n:02d}"
            text = page.read_text("utf-8")
            processor = server.processor()
            start = _save(page, "\n\n", f"\n\n{words} ") if "\n\n" in text else _save(page, text, text + words)
            seen = server.until(lambda p=page, w=words: w in _get(server.url(f"pages/{p.stem}/")), f"save {n + 1}")
            served.append(Save(seen - start, server.processor() - processor))
            time.sleep(1)
            print(f"  plain save {n + 1}: served {seen - start:.2f} s, processor {served[-1].processor:.2f} s",
                  file=sys.stderr, flush=True)
        return served
    finally:
        server.stop()


def _each(saves: list[Save], what: str) -> str:
    return "saves: " + ", ".join(f"{getattr(s, what):.2f}" for s in saves)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--saves", type=int, default=5, help="saves of each kind of change")
    parser.add_argument("--change", default=",".join(CHANGES),
                        help=f"the kinds of change to time, one after another ({', '.join(CHANGES)})")
    parser.add_argument("--without", action="store_true",
                        help="also serve the portal as before the preview (mkdocs serve --clean), summaries")
    args = parser.parse_args()
    changes = [c for c in args.change.split(",") if c]
    if not changes or set(changes) - set(CHANGES):
        parser.error(f"--change: one or more of {', '.join(CHANGES)}")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        portal = make_portal(base / "portal", args.projects)
        plain = make_baseline(base / "plain", base / "portal" / "projects")
        floor = time_plain(plain, args.saves)
        timed = time_portal(portal, plan(portal, changes, args.saves))
        before: list[Save] = []
        if args.without:
            again = plan(portal, ["summary"], min(args.saves, 3))
            before = time_portal(portal, again, "--clean", search=False)["summary"]
    wall, processor = statistics.median(s.served for s in floor), statistics.median(s.processor for s in floor)
    print(f"plain Material, {args.projects} pages, mkdocs serve: median {wall:.2f} s from a save to the page served"
          f" ({_each(floor, 'served')}), processor time {processor:.2f} s ({_each(floor, 'processor')})")
    for change, saves in timed.items():
        median, cpu = statistics.median(s.served for s in saves), statistics.median(s.processor for s in saves)
        print(f"cocreate preview, {args.projects} projects, its {change} changed: median {median:.2f} s to the page"
              f" served ({_each(saves, 'served')}), {median / wall:.2f}x the floor (budget 1 s); processor time"
              f" {cpu:.2f} s ({_each(saves, 'processor')}), {cpu / processor:.2f}x the floor's; the search index"
              f" followed in {statistics.median(s.indexed for s in saves):.2f} s (budget 10 s)")
    if before:
        print(f"cocreate without the preview (mkdocs serve --clean): median"
              f" {statistics.median(s.served for s in before):.2f} s ({_each(before, 'served')})")
    print(f"load average: {load[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
