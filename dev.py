#!/usr/bin/env python3
"""Developer entry point: one command to build or serve the demo portal, one to test.

    python3 dev.py serve      # the demo portal at http://127.0.0.1:8000, rebuilt on change
    python3 dev.py build      # the demo portal into site/
    python3 dev.py test       # the whole test suite (extra arguments go to pytest)
    python3 dev.py bench      # the benchmarks, with their ratios

Needs only Python 3.11+ with pip: the first run makes a virtual environment in .venv and
installs cocreate with everything it needs; later runs reinstall only when pyproject.toml
or the version changes. Browser tests need Debian's Chromium (`apt-get install chromium`) and, to validate
HTML, Java (`default-jre-headless`) and the Nu Html Checker (npm package `vnu-jar`, kept in
~/.cache/cocreate/vnu). With CI=true, `test` installs what is missing: through apt when the
user is root, and vnu-jar with npm.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COCREATE_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".cocreate-installed"
VNU_VERSION = "26.9.27"
VNU_DIR = Path.home() / ".cache" / "cocreate" / "vnu"
VNU_JAR = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run(*args: str | Path, **kwargs) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.call([str(a) for a in args], cwd=ROOT, **kwargs)


def ensure_environment() -> None:
    """Create .venv and install cocreate (with the test, data and properdocs extras) when needed."""
    # pyproject.toml, and the version it reads from the package: the installed metadata says it
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()
                            + (ROOT / "plugins" / "cocreate" / "__init__.py").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    if run(*pip, "--upgrade", "pip") or run(*pip, "-e", ".[test,data,properdocs,import]"):
        sys.exit("installing cocreate failed; see the pip output above")
    STAMP.write_text(wanted)


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
    if not argv or argv[0] not in {"serve", "build", "test", "bench"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_environment()
    # Material's and ProperDocs' notices about MkDocs 2 (see README, "Engines") are known.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    if command == "serve":
        return run(PYTHON, "-m", "mkdocs", "serve", *rest, env=env)
    if command == "build":
        return run(PYTHON, "-m", "mkdocs", "build", "--strict", *rest, env=env)
    if command == "bench":
        code = 0
        for bench in sorted((ROOT / "bench").glob("bench_*.py")):
            code |= run(PYTHON, bench, *rest, env=env)
        return code
    ensure_browser_tools()
    env.setdefault("COCREATE_VNU_JAR", str(VNU_JAR))
    return run(PYTHON, "-m", "pytest", *rest, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
