"""How `cocreate init` pins the cocreate it runs in a new portal: a wheel by its hash (given,
recorded by pip, or fetched with pip from an index), or a commit of a git repository."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cocreate import __version__
from cocreate.cli import cli
from cocreate.cli.pinning import GitPin, PinError, parse_git
from helpers import ROOT, locked

SHA = "0123456789abcdef0123456789abcdef01234567"
SCAFFOLD = ROOT / "plugins" / "cocreate" / "cli" / "scaffold"


def requirement_lines(portal: Path) -> list[str]:
    return [line for line in (portal / "requirements.txt").read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("spec", "url"), [
    (f"git+https://github.com/kota/cocreate@{SHA}", "https://github.com/kota/cocreate"),
    (f"https://github.com/kota/cocreate.git@{SHA.upper()}", "https://github.com/kota/cocreate"),
    (f"git+https://git.kota.go.id:8443/tim/alat/cocreate@{SHA}", "https://git.kota.go.id:8443/tim/alat/cocreate"),
])
def test_a_commit_of_a_repository_is_a_pin(spec: str, url: str) -> None:
    pin = parse_git(spec)
    assert pin == GitPin(url, SHA)
    assert pin.requirement() == f"cocreate @ git+{url}@{SHA}"


@pytest.mark.parametrize("spec", [
    "git+https://github.com/kota/cocreate@main",  # a branch moves
    "git+https://github.com/kota/cocreate@v0.1.0",  # so can a tag
    "git+https://github.com/kota/cocreate@0123456",  # a short SHA is ambiguous
    f"git+https://github.com/kota/cocreate@{SHA}0",
    "git+https://github.com/kota/cocreate",
    f"git+http://github.com/kota/cocreate@{SHA}",
    f"git+ssh://git@github.com/kota/cocreate@{SHA}",
    f"git+file:///tmp/cocreate@{SHA}",
    f"git+https://user:secret@github.com/kota/cocreate@{SHA}",
    f"git+https://github.com/kota/cocreate?x=1@{SHA}",
    f"git+https://github.com/kota/cocreate#egg=x@{SHA}",
    f"git+https://github.com/kota/../cocreate@{SHA}",
    f"git+https://github.com/kota/co create@{SHA}",
    f"git+https://github.com@{SHA}",
    f"git+https://github.com/kota/cocreate@{SHA} --index-url https://evil.example/",
])
def test_anything_else_is_refused(spec: str) -> None:
    with pytest.raises(PinError):
        parse_git(spec)


def test_init_refuses_a_branch_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "portal"
    result = CliRunner().invoke(cli, ["init", str(target), "--cocreate-git", "git+https://github.com/kota/cocreate@main"])
    assert result.exit_code == 2
    assert "full commit SHA" in result.output
    assert "branch" in result.output
    assert not target.exists()
    both = CliRunner().invoke(cli, ["init", str(target), "--cocreate-git", f"git+https://github.com/k/c@{SHA}",
                                    "--cocreate-wheel", str(ROOT / "pyproject.toml")])
    assert both.exit_code == 2
    assert "not both" in both.output


def test_init_with_a_commit(tmp_path: Path) -> None:
    target = tmp_path / "portal"
    result = CliRunner().invoke(cli, ["init", str(target), "--cocreate-git", f"git+https://github.com/kota/cocreate@{SHA}"])
    assert result.exit_code == 0, result.output
    assert f"at commit {SHA}" in result.output
    assert requirement_lines(target) == [f"cocreate @ git+https://github.com/kota/cocreate@{SHA}"]
    # pip cannot check a hash of a git checkout: the lock stays the dependencies' own
    assert (target / "requirements" / "ci.txt").read_text("utf-8") == (SCAFFOLD / "requirements" / "ci.txt").read_text("utf-8")
    assert (target / "requirements" / "ci.in").read_text("utf-8") == (SCAFFOLD / "requirements" / "ci.in").read_text("utf-8")


def test_init_with_a_wheel_pins_its_hash(tmp_path: Path, wheel: Path) -> None:
    target = tmp_path / "portal"
    result = CliRunner().invoke(cli, ["init", str(target), "--cocreate-wheel", str(wheel)])
    assert result.exit_code == 0, result.output
    sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    entries = locked(target / "requirements" / "ci.txt")  # the supply-chain test's reading of a lock
    assert str(entries["cocreate"][0]) == __version__
    assert entries["cocreate"][1] == [f"sha256:{sha}"]
    lock = (target / "requirements" / "ci.txt").read_text("utf-8")
    assert lock.index("\nclick==") < lock.index("\ncocreate==") < lock.index("\ncolorama==")  # where pip-compile puts it
    assert requirement_lines(target) == [f"cocreate=={__version__}"]
    assert (target / "requirements" / "ci.in").read_text("utf-8").endswith(f"\ncocreate=={__version__}\n")


def _rewritten(wheel: Path, out: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, change(item.filename, source.read(item)))
    return out


def test_init_refuses_a_wheel_that_is_not_the_cocreate_running(tmp_path: Path, wheel: Path) -> None:
    other = _rewritten(wheel, tmp_path / wheel.name,
                       lambda name, data: data + b"\n# changed\n" if name == "cocreate/cli/scaffolding.py" else data)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "a"), "--cocreate-wheel", str(other)])
    assert result.exit_code == 2
    assert "does not hold the cocreate being run" in result.output
    assert "cocreate/cli/scaffolding.py" in result.output
    assert not (tmp_path / "a").exists()
    older = _rewritten(wheel, tmp_path / "older.whl", lambda name, data: data.replace(
        f"Version: {__version__}".encode(), b"Version: 0.0.1") if name.endswith("/METADATA") else data)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "b"), "--cocreate-wheel", str(older)])
    assert result.exit_code == 2
    assert f"is cocreate 0.0.1, but the cocreate running is {__version__}" in result.output
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "c"), "--cocreate-wheel", str(ROOT / "pyproject.toml")])
    assert result.exit_code == 2
    assert "cannot read it as a wheel" in result.output


def _init_in_a_process(target: Path, find_links: Path) -> subprocess.CompletedProcess[str]:
    """`cocreate init` with nothing to say where the wheel is: this test environment's
    cocreate is an editable install (no wheel recorded), so pip downloads the release from
    an index, here a folder of wheels and nothing else."""
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(find_links), "PIP_CONFIG_FILE": os.devnull}
    return subprocess.run([sys.executable, "-m", "cocreate", "init", str(target)], capture_output=True, text=True,
                          env=env, timeout=300)


def test_init_fetches_the_release_with_pip(tmp_path: Path, wheel: Path) -> None:
    proc = _init_in_a_process(tmp_path / "portal", wheel.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert locked(tmp_path / "portal" / "requirements" / "ci.txt")["cocreate"][1] == [f"sha256:{sha}"]


def test_init_says_what_to_do_when_no_wheel_can_be_found(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    proc = _init_in_a_process(tmp_path / "portal", tmp_path / "empty")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"cannot fetch the wheel of cocreate {__version__}" in proc.stderr
    assert "--cocreate-wheel" in proc.stderr
    assert "--cocreate-git" in proc.stderr
    assert not (tmp_path / "portal").exists()


@pytest.mark.parametrize("readme", [ROOT / "docs" / "maintainers" / "upgrade.md", SCAFFOLD / "README.md"],
                         ids=["documentation", "scaffold"])
def test_both_ways_of_pinning_and_the_upgrade_are_documented(readme: Path) -> None:
    text = readme.read_text("utf-8")
    for words in ("--cocreate-wheel", "--cocreate-git", "40-character", "cocreate upgrade", "--check", "cocreate:begin"):
        assert words in text, f"{readme.relative_to(ROOT)} does not explain {words}"
