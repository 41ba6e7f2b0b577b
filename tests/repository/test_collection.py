"""Every test file is collected: a test the suite never runs cannot fail.

pytest leaves out folders by name (its default `norecursedirs` has `build`, `dist`,
`venv`...): tests/build/, the build layer's tests, was left out that way until
pyproject.toml set the list itself.
"""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_every_test_file_is_collected() -> None:
    proc = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    collected = {line.split("::", 1)[0] for line in proc.stdout.splitlines() if "::" in line}
    files = {path.relative_to(ROOT).as_posix() for path in (ROOT / "tests").rglob("test_*.py")
             if "__pycache__" not in path.parts}
    assert files - collected == set(), "test files pytest does not collect"
    assert {"tests/build/test_search.py", "tests/build/test_output.py"} <= collected
