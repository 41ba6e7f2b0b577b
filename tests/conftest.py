"""Shared helpers for the test suite: paths of the repository and its fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PROJECTS = ROOT / "projects"


@pytest.fixture
def minimal_text() -> str:
    """A small valid project file, as text."""
    return (FIXTURES / "valid" / "minimal.yml").read_text("utf-8")
