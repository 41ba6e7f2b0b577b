#!/usr/bin/env python3
"""Is the demo portal byte for byte the same when built by two versions of cocreate?

    python3 scripts/same_site.py REVISION [OTHER]   # OTHER: the working tree by default

Builds this repository's demo portal (its mkdocs.yml, content/ and projects/, with its own
git history for the page histories) once with the cocreate code of each version, and
compares the two sites file by file. A refactoring that is meant to change nothing
(issue #10's layout) must print "identical". SOURCE_DATE_EPOCH is fixed so that the only
difference can be the code.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DRIVER = r"""
import sys
from importlib.metadata import EntryPoint

for module in ("cocreate.mkdocs_plugin.plugin", "cocreate.plugin"):  # the plugin after and before issue #10
    try:
        __import__(module)
    except ImportError:
        continue
    break
point = EntryPoint("cocreate", f"{module}:CocreatePlugin", "mkdocs.plugins")
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

for name, option in MkDocsConfig._schema:  # the installed entry point names the working tree's module
    if name == "plugins":
        option.installed_plugins = {**option.installed_plugins, "cocreate": point}
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
"""


def build(code: Path, site: Path) -> None:
    """Build the demo with the cocreate package found in `code/plugins`."""
    env = {**os.environ, "PYTHONPATH": str(code / "plugins"), "NO_MKDOCS_2_WARNING": "1",
           "DISABLE_MKDOCS_2_WARNING": "true",
           "SOURCE_DATE_EPOCH": subprocess.check_output(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                                                        text=True).strip()}
    subprocess.run([sys.executable, "-c", DRIVER, str(ROOT / "mkdocs.yml"), str(site)], check=True, env=env,
                   cwd=ROOT)


def checkout(revision: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(into), revision], check=True)
    return into


def differences(left: Path, right: Path) -> list[str]:
    """Paths that differ, or are on one side only, below two folders."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name} (only in the first)" for name in cmp.left_only)
        found.extend(f"{prefix}{name} (only in the second)" for name in cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{prefix}{name}" for name in [*mismatch, *errors])
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory(prefix="cocreate-same-site-") as temp:
        work = Path(temp)
        trees = []
        try:
            first = checkout(argv[0], work / "first")
            trees.append(first)
            second = checkout(argv[1], work / "second") if len(argv) == 2 else ROOT
            if second != ROOT:
                trees.append(second)
            build(first, work / "site-first")
            build(second, work / "site-second")
            found = differences(work / "site-first", work / "site-second")
        finally:
            for tree in trees:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    if found:
        print(f"{len(found)} files differ:")
        print("\n".join(f"  {path}" for path in found))
        return 1
    print("identical")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
