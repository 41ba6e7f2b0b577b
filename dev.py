#!/usr/bin/env python3
"""Developer entry point: one command to build or serve the demo portal, one to test.

    python3 dev.py serve          # the demo portal at http://127.0.0.1:8000, rebuilt on change
    python3 dev.py build          # the demo portal into site/
    python3 dev.py test           # the whole test suite, on every core (extra arguments go to pytest)
    python3 dev.py test --latest  # the same with the newest dependencies pyproject.toml allows
    python3 dev.py bench          # the benchmarks, with their ratios
    python3 dev.py docs           # the documentation site (mkdocs.docs.yml) at http://127.0.0.1:8000

Needs only Python 3.11+ with pip: the first run makes a virtual environment in .venv and
installs the lock `requirements/dev.txt` (every dependency pinned and checked against its
hash: the versions CI and the portals run), then cocreate itself without dependencies; later
runs install again only when the lock, pyproject.toml or the version changes. `--latest`
uses its own environment, .venv-latest, and asks pip for the newest releases every time,
with no lock: it shows a dependency's new release breaking cocreate before a user meets it.

`test` runs pytest with pytest-xdist, one worker more than the cores, `--dist worksteal`
(CHANGELOG, "Measured", has its figures); what tests share (a built portal, the wheel)
is made once for all the workers (tests/helpers.py, `shared`). `-n 0`
after `test` runs the suite in one process, as `python -m pytest` does.

`serve`, `build` and `docs` become MkDocs (the process is replaced, not wrapped): stopping dev.py
stops the server. Browser tests need Debian's Chromium (`apt-get install chromium`) and, to
validate HTML, Java (`default-jre-headless`) and the Nu Html Checker (npm package `vnu-jar`,
kept in ~/.cache/cocreate/vnu). With CI=true, `test` installs what is missing: through apt
when the user is root, and vnu-jar with npm.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
LOCK = ROOT / "requirements" / "dev.txt"
EXTRAS = ".[test,data,properdocs,import]"
VNU_VERSION = "26.9.27"
VNU_DIR = Path.home() / ".cache" / "cocreate" / "vnu"
VNU_JAR = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class Environment:
    """A virtual environment of cocreate's: the locked one (.venv, or $COCREATE_VENV) or the
    one with the newest dependencies (.venv-latest, or $COCREATE_VENV_LATEST)."""

    def __init__(self, latest: bool) -> None:
        self.latest = latest
        variable, default = ("COCREATE_VENV_LATEST", ".venv-latest") if latest else ("COCREATE_VENV", ".venv")
        self.path = Path(os.environ.get(variable, ROOT / default))
        self.bin = self.path / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.bin / ("python.exe" if os.name == "nt" else "python")
        self.stamp = self.path / ".cocreate-installed"

    def wanted(self) -> str:
        """What the installed environment must match: the lock, pyproject.toml and the version
        (which pyproject reads from the package)."""
        digest = hashlib.sha256()
        for path in (LOCK, ROOT / "pyproject.toml", ROOT / "plugins" / "cocreate" / "__init__.py"):
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def ensure(self) -> None:
        """Create the environment when needed and install cocreate into it: from the lock, or
        (latest) the newest releases pyproject.toml allows, looked up on every run."""
        wanted = self.wanted()
        if not self.latest and self.stamp.exists() and self.stamp.read_text() == wanted and self.python.exists():
            return
        if not self.python.exists():
            print(f"creating {self.path}", flush=True)
            venv.EnvBuilder(with_pip=True, clear=True).create(self.path)
        pip = [self.python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        if self.latest:
            steps = [[*pip, "--upgrade", "pip"],
                     [*pip, "--upgrade", "--upgrade-strategy", "eager", "-e", EXTRAS]]
        else:
            steps = [[*pip, "--require-hashes", "-r", LOCK],
                     [*pip, "--no-deps", "--no-build-isolation", "-e", "."]]
        steps.append([self.python, "-m", "pip", "check"])
        if any(run(*step) for step in steps):
            sys.exit("installing cocreate failed; see the pip output above")
        if self.latest:
            run(self.python, "-m", "pip", "list", "--disable-pip-version-check")
        self.stamp.write_text(wanted)


def run(*args: str | Path, **kwargs: Any) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.call([str(a) for a in args], cwd=ROOT, **kwargs)


def become(*args: str | Path, env: dict[str, str]) -> int:
    """Replace this process with the command (on POSIX), so that a signal sent to dev.py reaches
    it; elsewhere, run it and pass its exit code on."""
    print("+", " ".join(str(a) for a in args), flush=True)
    if os.name != "posix":
        return subprocess.call([str(a) for a in args], cwd=ROOT, env=env)
    os.chdir(ROOT)
    os.execve(str(args[0]), [str(a) for a in args], env)  # noqa: S606 (a fixed program: the venv's Python)
    raise AssertionError("os.execve returns only by raising")  # for the type checker and the reader


def ensure_browser_tools() -> None:
    """In CI, install what the browser tests need when it is missing: Debian's Chromium and
    Java (and npm, to fetch the Nu Html Checker) through apt, then vnu.jar into VNU_DIR."""
    if os.environ.get("CI") != "true":
        return
    missing = [package for command, package in (("chromium", "chromium"), ("java", "default-jre-headless"),
                                                ("npm", "npm")) if not shutil.which(command)]
    if missing and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    if not VNU_JAR.exists() and shutil.which("npm"):
        # --ignore-scripts: the package's install script would download a Java runtime
        run("npm", "install", "--prefix", VNU_DIR, "--ignore-scripts", "--no-save", "--no-audit", "--no-fund",
            f"vnu-jar@{VNU_VERSION}")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"serve", "build", "test", "bench", "docs"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    latest = command == "test" and "--latest" in rest
    rest = [arg for arg in rest if arg != "--latest"] if latest else rest
    environment = Environment(latest)
    environment.ensure()
    # Material's and ProperDocs' notices about MkDocs 2 (docs/maintainers/upgrade.md, "Engines") are known.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "PATH": f"{environment.bin}{os.pathsep}{os.environ.get('PATH', '')}"}
    if command == "serve":
        return become(environment.python, "-m", "mkdocs", "serve", *rest, env=env)
    if command == "docs":
        return become(environment.python, "-m", "mkdocs", "serve", "-f", "mkdocs.docs.yml", *rest, env=env)
    if command == "build":
        return become(environment.python, "-m", "mkdocs", "build", "--strict", *rest, env=env)
    if command == "bench":
        code = 0
        for bench in sorted((ROOT / "bench").glob("bench_*.py")):
            code |= run(environment.python, bench, *rest, env=env)
        return code
    ensure_browser_tools()
    env.setdefault("COCREATE_VNU_JAR", str(VNU_JAR))
    # one worker more than the cores: tests that wait (a server, a subprocess, MkDocs' watcher)
    # leave a core to another; worksteal hands the long tests' leftovers to an idle worker.
    # Later arguments win; not --dist loadgroup: with pytest 9.2 it groups nothing (pytest-xdist issue 1386)
    parallel = [] if "no:xdist" in rest else ["-n", str((os.cpu_count() or 1) + 1), "--dist", "worksteal"]
    return run(environment.python, "-m", "pytest", *parallel, *rest, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
