"""ruff and mypy, as configured in pyproject.toml, run by the test suite so that CI runs them."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers import ROOT


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is a test dependency (pyproject [test]); install it")
    return path


def test_ruff_finds_nothing() -> None:
    proc = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_finds_nothing() -> None:
    proc = subprocess.run([_tool("mypy"), "--no-incremental", "--cache-dir", "/dev/null"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
