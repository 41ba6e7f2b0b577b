"""CODEOWNERS generation and `--check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.git.codeowners import render
from helpers import PROJECTS, ROOT


def test_render_orders_project_rules_after_the_catch_all() -> None:
    text = render({"b": {"maintainers": ["@team/x", "alice"]}, "a": {"maintainers": []}}, ["@admins"])
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "*  @admins"
    assert lines[1:3] == ["/projects/a/  @admins", "/projects/b/  @team/x @alice"]
    assert lines[-1] == "/.ci/  @admins"
    assert "/.github/  @admins" in lines


def test_write_then_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(PROJECTS / "taman-kota-hijau", tmp_path / "projects" / "taman-kota-hijau")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - cocreate:\n      maintainers: ['@admins']\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["codeowners", "--check"]).exit_code == 1  # missing
    assert runner.invoke(cli, ["codeowners"]).exit_code == 0
    text = (tmp_path / ".github" / "CODEOWNERS").read_text("utf-8")
    assert "/projects/taman-kota-hijau/  @forum-rw05-cikaret @sukamaju-dlh/tim-taman" in text
    assert runner.invoke(cli, ["codeowners", "--check"]).exit_code == 0
    shutil.copytree(PROJECTS / "bank-sampah-berseri", tmp_path / "projects" / "bank-sampah-berseri")
    result = runner.invoke(cli, ["codeowners", "--check"])
    assert result.exit_code == 1
    assert "out of date" in result.output


def test_the_repository_codeowners_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["codeowners", "--check"])
    assert result.exit_code == 0, result.output
