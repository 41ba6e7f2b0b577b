#!/usr/bin/env python3
"""Release helpers that the release workflow and the tests share.

    python scripts/release.py version           # the version, from plugins/cocreate/__init__.py
    python scripts/release.py check-tag v0.1.0  # exit 1 unless the tag is "v" + the version
    python scripts/release.py notes 0.1.0       # the CHANGELOG.md section of that version

The version has one home, `__version__` in plugins/cocreate/__init__.py (setuptools reads it
for the package metadata); it is read here without importing cocreate.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"^## \[(?P<name>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$")


def version(root: Path = ROOT) -> str:
    tree = ast.parse((root / "plugins" / "cocreate" / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise SystemExit("no __version__ in plugins/cocreate/__init__.py")


def sections(changelog: str) -> dict[str, str]:
    """Each `## [name] - date` section of a Keep a Changelog file: its text, without the
    heading and without the link references at the end of the file."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in changelog.splitlines():
        heading = HEADING.match(line)
        if heading:
            current = found.setdefault(heading["name"], [])
        elif line.startswith("## ") or re.match(r"^\[[^\]]+\]: ", line):
            current = None
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines).strip() + "\n" for name, lines in found.items()}


def notes(wanted: str, changelog: str) -> str:
    text = sections(changelog).get(wanted)
    if text is None or not text.strip():
        raise SystemExit(f"CHANGELOG.md has no section '## [{wanted}] - YYYY-MM-DD' with notes: "
                         "move the Unreleased notes under it before tagging")
    return text


def main(argv: list[str]) -> int:
    if argv[:1] == ["version"] and len(argv) == 1:
        print(version())
        return 0
    if argv[:1] == ["check-tag"] and len(argv) == 2:
        if argv[1] != f"v{version()}":
            print(f"the tag is not v{version()}, the version in plugins/cocreate/__init__.py", file=sys.stderr)
            return 1
        return 0
    if argv[:1] == ["notes"] and len(argv) == 2:
        sys.stdout.write(notes(argv[1], (ROOT / "CHANGELOG.md").read_text("utf-8")))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
