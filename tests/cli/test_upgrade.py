"""`cocreate upgrade` on real portals made by `cocreate init` in real git repositories: it
rewrites the files cocreate owns and nothing else, shows the diff first, and refuses to run
on uncommitted work."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cocreate import __version__
from cocreate.cli import cli
from cocreate.cli.portal_files import BEGIN, END, OWNED, PortalValues, scaffold_root
from cocreate.cli.settings import Settings
from gitutil import commit_all, git, init_repo
from helpers import ROOT

SHA_A = "a" * 40
SHA_B = "b" * 40
GIT_A = f"git+https://github.com/kota/cocreate@{SHA_A}"
OLD_CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"


def snapshot(root: Path, *folders: str) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for folder in folders for p in sorted((root / folder).rglob("*")) if p.is_file()}


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A portal as `cocreate init` makes it, committed, and the current folder."""
    root = tmp_path / "portal"
    result = CliRunner().invoke(cli, ["init", str(root), "--repo-url", "https://github.com/kota-uji/portal",
                                      "--site-name", "Portal Kota Uji", "--cocreate-git", GIT_A])
    assert result.exit_code == 0, result.output
    init_repo(root)
    commit_all(root, "A new portal")
    monkeypatch.chdir(root)
    return root


def upgrade(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["upgrade", *args], input=input)


@pytest.mark.usefixtures("portal")
def test_a_new_portal_is_up_to_date() -> None:
    result = upgrade("--check")
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    assert f"at commit {SHA_A}" in result.output


def make_it_old(portal: Path) -> None:
    """What a portal made by an older cocreate looks like, plus the portal's own work."""
    check = portal / ".github" / "workflows" / "check.yml"
    text = check.read_text("utf-8")
    check.write_text(re.sub(r"actions/checkout@\S+ # \S+", OLD_CHECKOUT, text), "utf-8")
    (portal / ".github" / "dependabot.yml").unlink()
    security = portal / "SECURITY.md"
    text = security.read_text("utf-8").replace("**Keeping the portal current.**", "**An old paragraph.**")
    security.write_text(text.replace(BEGIN, "Kontak: tim portal Kota Uji.\n\n" + BEGIN) + "\nOur own closing words.\n", "utf-8")
    project = portal / "projects" / "contoh-proyek" / "project.yml"
    project.write_text(project.read_text("utf-8").replace("status: proposed", "status: active"), "utf-8")
    index = portal / "content" / "index.md"
    index.write_text(index.read_text("utf-8") + "\nSelamat datang di portal kami.\n", "utf-8")
    commit_all(portal, "An older portal, with work of its own")


def test_upgrade_shows_the_diff_asks_and_changes_only_what_cocreate_owns(portal: Path) -> None:
    make_it_old(portal)
    own_work = snapshot(portal, "projects", "content") | snapshot(portal, ".github/CODEOWNERS", "mkdocs.yml", "README.md")
    result = upgrade("--check")
    assert result.exit_code == 1
    assert "--- a/.github/workflows/check.yml\n+++ b/.github/workflows/check.yml\n" in result.output
    assert f"-      - uses: {OLD_CHECKOUT}\n" in result.output
    assert "+      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n" in result.output
    assert "--- /dev/null\n+++ b/.github/dependabot.yml\n" in result.output
    assert "-- **An old paragraph.**" in result.output
    assert "projects/" not in result.output.replace("projects/<slug>", "")
    assert "out of date" in result.output
    # asked, and the answer is no: nothing changes
    result = upgrade(input="n\n")
    assert result.exit_code == 1
    assert "nothing written" in result.output
    assert git(portal, "status", "--porcelain") == ""
    # yes
    result = upgrade(input="y\n")
    assert result.exit_code == 0, result.output
    assert "upgraded to cocreate" in result.output
    for name in (".github/workflows/check.yml", ".github/dependabot.yml"):
        assert (portal / name).read_text("utf-8") == (scaffold_root() / name).read_text("utf-8")
    security = (portal / "SECURITY.md").read_text("utf-8")
    assert "Kontak: tim portal Kota Uji.\n\n" + BEGIN in security
    assert security.endswith(END + "\n\nOur own closing words.\n")
    assert "**Keeping the portal current.**" in security
    assert "An old paragraph" not in security
    after = snapshot(portal, "projects", "content") | snapshot(portal, ".github/CODEOWNERS", "mkdocs.yml", "README.md")
    assert after == own_work
    changed = sorted(git(portal, "status", "--porcelain").splitlines())
    assert changed == [" M .github/workflows/check.yml", " M SECURITY.md", "?? .github/dependabot.yml"]
    commit_all(portal, "cocreate upgrade")
    assert upgrade("--check").exit_code == 0


@pytest.mark.parametrize("dirt", ["change", "new file"])
def test_upgrade_refuses_uncommitted_changes(portal: Path, dirt: str) -> None:
    make_it_old(portal)
    if dirt == "change":
        project = portal / "projects" / "contoh-proyek" / "project.yml"
        project.write_text(project.read_text("utf-8") + "\n", "utf-8")
    else:
        (portal / "projects" / "baru").mkdir()
        (portal / "projects" / "baru" / "project.yml").write_text("title: x\n", "utf-8")
    before = snapshot(portal, ".github", "requirements")
    result = upgrade("--yes")
    assert result.exit_code == 2
    assert "uncommitted changes" in result.output
    assert snapshot(portal, ".github", "requirements") == before
    assert upgrade("--check").exit_code == 1  # only reads: allowed


def test_upgrade_refuses_to_run_outside_git(portal: Path) -> None:
    import shutil

    shutil.rmtree(portal / ".git")
    result = upgrade("--yes")
    assert result.exit_code == 2
    assert "not in a git repository" in result.output


def test_upgrade_moves_the_pin(portal: Path, wheel: Path) -> None:
    result = upgrade("--yes", "--cocreate-git", f"https://github.com/kota/cocreate.git@{SHA_B}")
    assert result.exit_code == 0, result.output
    assert f"cocreate @ git+https://github.com/kota/cocreate@{SHA_B}" in (portal / "requirements.txt").read_text("utf-8")
    assert upgrade("--yes", "--cocreate-git", f"{GIT_A.removesuffix(SHA_A)}main").exit_code == 2
    commit_all(portal, "cocreate at commit B")
    result = upgrade("--yes", "--cocreate-wheel", str(wheel))
    assert result.exit_code == 0, result.output
    sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert f"cocreate=={__version__} \\\n    --hash=sha256:{sha}\n" in (portal / "requirements" / "ci.txt").read_text("utf-8")
    assert sorted(git(portal, "status", "--porcelain").splitlines()) == [
        " M requirements.txt", " M requirements/ci.in", " M requirements/ci.txt"]
    commit_all(portal, "cocreate from its release")
    # the portal's pin names the version being run: kept, without looking for the wheel again
    result = upgrade("--check")
    assert result.exit_code == 0
    assert f"cocreate {__version__} (sha256 {sha[:12]}" in result.output


def test_a_security_md_without_marks_is_left_alone(portal: Path) -> None:
    security = portal / "SECURITY.md"
    text = security.read_text("utf-8").replace(BEGIN + "\n", "").replace(END + "\n", "").replace("Report", "Tell us")
    security.write_text(text, "utf-8")
    commit_all(portal, "SECURITY.md is all ours")
    result = upgrade("--yes")
    assert result.exit_code == 0, result.output
    assert "left alone: SECURITY.md: it has no pair of cocreate marks" in result.output
    assert security.read_text("utf-8") == text


def test_upgrade_does_not_write_through_a_symlink(portal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("mine\n", "utf-8")
    deploy = portal / ".github" / "workflows" / "deploy.yml"
    deploy.unlink()
    deploy.symlink_to(outside)
    commit_all(portal, "a symlink")
    result = upgrade("--yes")
    assert "left alone: .github/workflows/deploy.yml: it is a symbolic link" in result.output
    assert outside.read_text("utf-8") == "mine\n"


def test_the_diff_shows_control_characters_escaped(portal: Path) -> None:
    template = portal / ".github" / "pull_request_template.md"
    template.write_text(template.read_text("utf-8") + "\x1b]0;owned\x07\n", "utf-8")
    commit_all(portal, "a terminal escape")
    result = upgrade("--check")
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "\\u001b]0;owned\\u0007" in result.output


def test_one_list_says_what_cocreate_owns() -> None:
    paths = [owned.path for owned in OWNED]
    assert len(set(paths)) == len(paths)
    for path in paths:
        assert (scaffold_root() / path).is_file(), path
        assert not path.startswith(("projects/", "content/"))
        assert path not in {"mkdocs.yml", "README.md"}
    for workflow in (scaffold_root() / ".github" / "workflows").iterdir():
        assert f".github/workflows/{workflow.name}" in paths
    for form in (scaffold_root() / ".github" / "ISSUE_TEMPLATE").iterdir():
        assert f".github/ISSUE_TEMPLATE/{form.name}" in paths
    # what an existing portal's mkdocs.yml gives is all that the owned files need
    values = PortalValues.from_settings(Settings.read(ROOT))
    assert values.site_name
    assert values.repo_url
    assert values.maintainer.startswith("@")
    security = (scaffold_root() / "SECURITY.md").read_text("utf-8")
    assert security.count(BEGIN) == 1
    assert security.count(END) == 1


# --- hostile and unusual portals (issue 27) ---------------------------------------------------

@pytest.mark.parametrize(("marks", "why"), [
    ("missing", "its cocreate begin and end marks are missing"),
    ("no end", "its cocreate end mark is missing"),
    ("doubled", "it has 2 begin and 2 end marks: keep one pair"),
    ("reversed", "its end mark comes before its begin mark"),
])
def test_check_fails_with_a_reason_when_the_marks_are_broken(portal: Path, marks: str, why: str) -> None:
    security = portal / "SECURITY.md"
    text = security.read_text("utf-8")
    broken = {"missing": text.replace(BEGIN, "").replace(END, ""), "no end": text.replace(END, ""),
              "doubled": text + "\n" + BEGIN + "\nagain\n" + END + "\n",
              "reversed": text.replace(BEGIN, "@@B@@").replace(END, BEGIN).replace("@@B@@", END)}[marks]
    security.write_text(broken, "utf-8")
    commit_all(portal, f"marks {marks}")
    result = upgrade("--check")
    assert result.exit_code == 1, result.output
    assert "left alone: SECURITY.md: it has no pair of cocreate marks" in result.output
    assert why in result.output
    assert "cannot tell whether SECURITY.md is up to date" in result.output
    assert "up to date with" not in result.output


def test_a_crlf_security_md_keeps_its_line_endings(portal: Path) -> None:
    security = portal / "SECURITY.md"
    text = security.read_text("utf-8").replace("**Keeping the portal current.**", "**An old paragraph.**")
    security.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    commit_all(portal, "SECURITY.md written on Windows, and old")
    result = upgrade("--yes")
    assert result.exit_code == 0, result.output
    raw = security.read_bytes()
    assert b"**Keeping the portal current.**" in raw
    assert raw.count(b"\r\n") == raw.count(b"\n")
    commit_all(portal, "upgraded")
    assert upgrade("--check").exit_code == 0  # and it stays up to date


def test_a_crlf_workflow_keeps_its_line_endings(portal: Path) -> None:
    check = portal / ".github" / "workflows" / "check.yml"
    text = re.sub(r"actions/checkout@\S+ # \S+", OLD_CHECKOUT, check.read_text("utf-8"))
    check.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    commit_all(portal, "an old workflow with CRLF")
    assert upgrade("--yes").exit_code == 0
    raw = check.read_bytes()
    assert OLD_CHECKOUT.encode() not in raw
    assert raw.count(b"\r\n") == raw.count(b"\n")


def test_a_requirements_file_where_a_folder_belongs_stops_it_before_anything_is_written(portal: Path) -> None:
    import shutil

    shutil.rmtree(portal / "requirements")
    (portal / "requirements").write_text("-r requirements.txt\n", "utf-8")
    check = portal / ".github" / "workflows" / "check.yml"
    check.write_text(re.sub(r"actions/checkout@\S+ # \S+", OLD_CHECKOUT, check.read_text("utf-8")), "utf-8")
    commit_all(portal, "requirements is a file")
    before = snapshot(portal, ".github", "requirements.txt") | {"requirements": (portal / "requirements").read_bytes()}
    result = upgrade("--yes")
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no internal error
    assert "nothing was written" in result.output
    assert "requirements is a file, not a folder" in result.output
    after = snapshot(portal, ".github", "requirements.txt") | {"requirements": (portal / "requirements").read_bytes()}
    assert after == before
    assert git(portal, "status", "--porcelain") == ""


def test_an_ignored_owned_file_edited_here_is_shown_and_not_overwritten_without_asking(portal: Path) -> None:
    template = portal / ".github" / "pull_request_template.md"
    git(portal, "rm", "--cached", "-q", ".github/pull_request_template.md")
    (portal / ".gitignore").write_text(".github/pull_request_template.md\n", "utf-8")
    commit_all(portal, "the template is ignored")
    template.write_text(template.read_text("utf-8") + "Our own checklist item.\n", "utf-8")
    assert git(portal, "status", "--porcelain") == ""  # git sees no change
    result = upgrade("--yes")
    assert result.exit_code == 1
    assert "git ignores .github/pull_request_template.md" in result.output
    assert "-Our own checklist item." in result.output  # its diff, shown
    assert "Our own checklist item." in template.read_text("utf-8")
    result = upgrade(input="y\n")  # asked, after the diff: then written
    assert result.exit_code == 0
    assert "Our own checklist item." not in template.read_text("utf-8")
