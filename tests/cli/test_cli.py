"""The command line, through click's runner and as a real subprocess; its documentation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import click
import pytest
from click.testing import CliRunner, Result

from cocreate.cli import cli
from cocreate.i18n.messages import problem_codes
from helpers import FIXTURES, ROOT

STANDARD_PAGE = ROOT / "content" / "standard.md"


def run(args: list[str], cwd: Path | None = None) -> Result:
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, args, catch_exceptions=False)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def test_valid_file_exits_0() -> None:
    result = run(["validate", "--lang", "en", str(FIXTURES / "valid" / "minimal.yml")])
    assert result.exit_code == 0
    assert result.output == "1 file checked: all valid\n"


def test_invalid_file_exits_1_with_positions() -> None:
    fixture = FIXTURES / "invalid" / "stakeholders-category_invalid-value.yml"
    result = run(["validate", "--lang", "en", str(fixture)])
    assert result.exit_code == 1
    assert f"{fixture.name}:17:15: error[invalid-value]: stakeholders[0].category: 'residents'" in result.output


@pytest.mark.parametrize(("fixture", "line"), [
    ("seeking_seeking-nothing.yml", ":33:1: error[seeking-nothing]: seeking: the open call names nothing it seeks"),
    ("seeking-closes_call-closes-before-opening.yml",
     ":36:11: error[call-closes-before-opening]: seeking.closes: the call closes on 2024-01-31, before it opened"),
    ("seeking_call-on-closed-project.yml", ":33:1: error[call-on-closed-project]: seeking: a project whose status"),
    ("principles_principle-repeated.yml",
     ":38:16: error[principle-repeated]: principles[2].principle: the principle 'sharing' is already listed"),
])
def test_open_calls_and_principles_have_their_own_codes(fixture: str, line: str) -> None:
    result = run(["validate", "--lang", "en", str(FIXTURES / "invalid" / fixture)])
    assert result.exit_code == 1
    assert f"{fixture}{line}" in result.output
    assert "hint: " in result.output


def test_warnings_alone_exit_0() -> None:
    result = run(["validate", "--lang", "en", str(FIXTURES / "invalid" / "title_missing-translation.yml")])
    assert result.exit_code == 0
    assert "warning[missing-translation]" in result.output


@pytest.mark.parametrize(
    "args",
    [["validate", "--format", "xml"], ["validate", "--lang", "fr"], ["validate", "no/such/path"], ["nonsense"],
     ["validate", "--jobs", "0"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(args).exit_code == 2


def test_default_is_the_portal_projects_folder_and_language(tmp_path: Path, minimal_text: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\n  language: en\nplugins:\n  - cocreate:\n      projects_dir: data\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        "utf-8",
    )
    (tmp_path / "data" / "bank").mkdir(parents=True)
    (tmp_path / "data" / "bank" / "project.yml").write_text(minimal_text.replace("active", "actve"), "utf-8")
    result = run(["validate"], cwd=tmp_path / "data")
    assert result.exit_code == 1
    assert "'actve' is not one of the allowed values; did you mean 'active'?" in result.output


def test_missing_projects_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["validate"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "no projects folder" in result.output


def test_json_format() -> None:
    result = run(["validate", "--format", "json", "--lang", "id", str(FIXTURES / "invalid" / "title_empty-text.yml")])
    body = json.loads(result.output)
    assert body["problems"][0]["code"] == "empty-text"
    assert body["problems"][0]["message"] == "teksnya kosong"


def test_progress_bar_on_request() -> None:
    files = [str(f) for f in sorted((FIXTURES / "valid").glob("*.yml"))]
    result = CliRunner().invoke(cli, ["validate", "--progress", *files])
    assert result.exit_code == 0
    assert "Memeriksa proyek" in result.output


def test_real_subprocess_on_the_demo_portal() -> None:
    proc = subprocess.run([sys.executable, "-m", "cocreate", "validate", "--format", "github"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("::notice::")
    assert proc.stderr == ""


def test_real_subprocess_reports_hostile_input_without_traceback(tmp_path: Path) -> None:
    for name, raw in {
        "bomb.yml": (FIXTURES / "invalid" / "stakeholders-contributes_yaml-anchor.yml").read_bytes(),
        "binary.yml": bytes(range(256)) * 4,
        "deep.yml": b"a: " + b"{b: " * 50_000,
    }.items():
        (tmp_path / name).write_bytes(raw)
    proc = subprocess.run([sys.executable, "-m", "cocreate", "validate", "--lang", "en", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "misplaced-file" in proc.stdout  # loose files in a tree are pointed out, not read
    proc = subprocess.run([sys.executable, "-m", "cocreate", "validate", "--lang", "en", *sorted(map(str, tmp_path.iterdir()))],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert {"yaml-anchor", "invalid-utf8", "yaml-too-deep"} <= {w.split("[")[1].split("]")[0] for w in proc.stdout.split() if "error[" in w}


def _all_options(command: click.Command) -> list[str]:
    return [opt for param in command.params for opt in getattr(param, "opts", []) if opt.startswith("--")]


@pytest.mark.parametrize("standard", [STANDARD_PAGE, STANDARD_PAGE.with_suffix(".en.md")], ids=lambda p: p.name)
def test_every_option_and_problem_code_is_documented(standard: Path) -> None:
    page = standard.read_text("utf-8")
    for name, command in cli.commands.items():
        for option in _all_options(command):
            assert f"`{option}" in page, f"`cocreate {name} {option}` is not documented in {standard.name}"
        assert command.help, name
    for code in problem_codes():
        assert f"`{code}`" in page, f"problem code `{code}` is not documented in {standard.name}"


def test_an_unexpected_failure_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # fault injection: listing the folders fails in a way no check foresees
    from cocreate import cli as cli_module

    def broken(_paths: object) -> NoReturn:
        raise PermissionError(13, "Permission denied", "projects/locked")

    monkeypatch.setattr(cli_module, "discover", broken)
    monkeypatch.setattr(sys, "argv", ["cocreate", "validate", str(FIXTURES / "valid" / "minimal.yml")])
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    err = capsys.readouterr().err
    assert exit_info.value.code == 3
    assert err.startswith("cocreate: internal error: PermissionError")
    assert "Traceback" not in err


def test_the_standard_s_example_is_a_valid_project(tmp_path: Path) -> None:
    """The project file the documentation's page on the standard shows."""
    import re

    found = re.search(r"```yaml\n(.*?)```", (ROOT / "docs" / "standard" / "index.md").read_text("utf-8"), re.S)
    assert found is not None, "the standard's page has a YAML example"
    example = found.group(1)
    (tmp_path / "bank-sampah").mkdir()
    (tmp_path / "bank-sampah" / "project.yml").write_text(example, "utf-8")
    assert run(["validate", str(tmp_path / "bank-sampah")]).exit_code == 0


def test_an_unexpected_failure_shows_a_hostile_file_name_escaped(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from cocreate import cli as cli_module

    def broken(_paths: object) -> NoReturn:
        raise RuntimeError("cannot list projects/x\x1b]52;c;aGk=\x07\n::error::forged")

    monkeypatch.setattr(cli_module, "discover", broken)
    monkeypatch.setattr(sys, "argv", ["cocreate", "validate", str(FIXTURES / "valid" / "minimal.yml")])
    with pytest.raises(SystemExit):
        cli_module.main()
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "\x1b" not in err
    assert "\x07" not in err
    assert "projects/x\\u001b]52;c;aGk=\\u0007\\n::error::forged" in err
