"""Benchmark: the preview, from saving one project file until its page is served anew.

A real `mkdocs serve` of a generated portal of N projects (bench/generate.py: real-length
texts, git history), one language. Each save changes one project's summary, which its
page and the lists it is in show; the time is taken from the save until the served project
page says the new summary (MkDocs' server answers only once the build is done, so the lists
are served anew by then too), then until the preview's search index has followed. The
figure is the median of several saves, each of another project.

The floor, in the same run: MkDocs' own rebuild of the same pages, a plain Material site
of N pages of the same texts (`bench_build.make_baseline`) under `mkdocs serve`, one page's
Markdown changed the same way. Both pay MkDocs' watcher (it polls every 0.5 s, then waits
0.1 s for the saves to stop). With `--without`, the portal is also served as before the
preview (`mkdocs serve --clean`: every save a whole build, Pagefind and history included).

Budget (issue #29): at 500 projects, <= 1 s to the page served, the search within 10 s.

    python bench/bench_preview.py [--projects 500] [--saves 5] [--without]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import make_baseline
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


def time_portal(config: Path, saves: int, *extra: str, search: bool = True) -> tuple[list[float], list[float]]:
    """Seconds from each save to its page served, and to its search index (`search`)."""
    projects = [p for p in sorted((config.parent / "projects").glob("*/project.yml"))
                if SUMMARY.search(p.read_text("utf-8"))]
    server = Server(config, *extra)
    try:
        first = projects[0].parent.name
        server.until(lambda: _get(server.url(f"projects/{first}/")), "the first build")
        if search:
            server.until(lambda: server.count("preview: site search") >= 1, "the first search index")
        served, indexed = [], []
        for n in range(saves):
            path = projects[(n * 97 + 11) % len(projects)]
            words = f"Ubah{n:02d}"
            found = SUMMARY.search(path.read_text("utf-8"))
            assert found is not None
            start = _save(path, found.group(0), found.group(0)[:-6] + words)
            seen = server.until(lambda p=path, w=words: w in _get(server.url(f"projects/{p.parent.name}/")),
                                f"save {n + 1}")
            served.append(seen - start)
            if search:
                done = server.until(lambda k=n: server.count("preview: site search") >= k + 2, f"search {n + 1}")
                indexed.append(done - start)
            time.sleep(1)
            print(f"  save {n + 1}: served {served[-1]:.2f} s" + (f", search {indexed[-1]:.2f} s" if search else ""),
                  file=sys.stderr, flush=True)
        return served, indexed
    finally:
        server.stop()


def time_plain(config: Path, saves: int) -> list[float]:
    """Seconds from each save of one plain page to that page served anew."""
    pages = sorted((config.parent / "docs" / "pages").glob("*.md"))
    server = Server(config)
    try:
        server.until(lambda: _get(server.url(f"pages/{pages[0].stem}/")), "the first build")
        served = []
        for n in range(saves):
            page = pages[(n * 97 + 11) % len(pages)]
            words = f"Ubah{n:02d}"
            text = page.read_text("utf-8")
            start = _save(page, "\n\n", f"\n\n{words} ") if "\n\n" in text else _save(page, text, text + words)
            seen = server.until(lambda p=page, w=words: w in _get(server.url(f"pages/{p.stem}/")), f"save {n + 1}")
            served.append(seen - start)
            time.sleep(1)
            print(f"  plain save {n + 1}: served {served[-1]:.2f} s", file=sys.stderr, flush=True)
        return served
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--without", action="store_true",
                        help="also serve the portal as before the preview (mkdocs serve --clean)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        portal = make_portal(base / "portal", args.projects)
        plain = make_baseline(base / "plain", base / "portal" / "projects")
        floor = time_plain(plain, args.saves)
        served, indexed = time_portal(portal, args.saves)
        before = time_portal(portal, min(args.saves, 3), "--clean", search=False)[0] if args.without else []
    median, floor_median = statistics.median(served), statistics.median(floor)
    print(f"plain Material, {args.projects} pages, mkdocs serve:    median {floor_median:5.2f} s from a save to the page"
          f" served (saves: {', '.join(f'{s:.2f}' for s in floor)})")
    print(f"cocreate preview, {args.projects} projects, mkdocs serve: median {median:5.2f} s from a save to the page"
          f" served (saves: {', '.join(f'{s:.2f}' for s in served)}); budget 1 s")
    print(f"  ratio to the floor {median / floor_median:.2f}; the search index followed in median"
          f" {statistics.median(indexed):.2f} s (budget 10 s)")
    if before:
        print(f"cocreate without the preview (mkdocs serve --clean): median {statistics.median(before):5.2f} s"
              f" (saves: {', '.join(f'{s:.2f}' for s in before)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
