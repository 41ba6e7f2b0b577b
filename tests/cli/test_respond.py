"""`cocreate respond`: a maintainer records what residents asked and the city's answer, as
real command runs in a real git repository: the file keeps everything else, and nothing
invalid is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gitutil import commit_all, git, init_repo
from helpers import FIXTURES, ROOT, build, make_portal

COMMENTED = "# Dikelola Paguyuban RT 03: jangan hapus komentar ini.\n" + \
    (FIXTURES / "valid" / "minimal.yml").read_text("utf-8").replace(
        "trust:\n", "# linimasa di atas, janji di bawah\ntrust:\n", 1)


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    config = make_portal(init_repo(tmp_path / "portal"), None)
    (config.parent / "projects" / "bank").mkdir()
    (config.parent / "projects" / "bank" / "project.yml").write_text(COMMENTED, "utf-8")
    commit_all(config.parent, "Start")
    return config.parent


def cocreate(portal: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    return subprocess.run([sys.executable, "-m", "cocreate", *args], cwd=portal, capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=120)


def project(portal: Path) -> str:
    return (portal / "projects" / "bank" / "project.yml").read_text("utf-8")


def changed_lines(portal: Path) -> tuple[int, int]:
    """Lines added and removed in the working tree since the last commit."""
    out = git(portal, "diff", "--numstat").split()
    return (int(out[0]), int(out[1])) if out else (0, 0)


def test_a_question_then_its_answer_keep_the_rest_of_the_file(portal: Path) -> None:
    run = cocreate(portal, "respond", "bank", "--asked", "2026-11-02", "--channel", "whatsapp",
                   "--request", "Warga minta jadwal setor hari Sabtu.", "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert project(portal).startswith(COMMENTED)  # everything else as it was, comments included
    assert changed_lines(portal) == (4, 0)
    assert cocreate(portal, "validate").returncode == 0
    commit_all(portal, "Record a question")

    run = cocreate(portal, "respond", "bank", "--asked", "2026-11-05", "--channel", "office",
                   "--request", "Apakah kaca diterima?")
    assert run.returncode == 0, run.stderr
    listed = cocreate(portal, "respond", "bank", "--list").stdout.splitlines()
    assert listed == ["1. 2026-11-02 whatsapp [unanswered] Warga minta jadwal setor hari Sabtu.",
                      "2. 2026-11-05 office [unanswered] Apakah kaca diterima?"]
    commit_all(portal, "Record another")

    run = cocreate(portal, "respond", "bank", "--entry", "1", "--answer", "under-consideration")
    assert run.returncode == 0, run.stderr
    run = cocreate(portal, "respond", "bank", "--entry", "1", "--answer", "adopted", "--answered", "2026-11-12",
                   "--changed", "https://kota.example/jadwal")
    assert run.returncode == 0, run.stderr
    assert changed_lines(portal) == (3, 0)  # the answer written once, in its place, not twice
    text = project(portal)
    assert text.startswith(COMMENTED)
    assert text.count("answer:") == 1
    assert cocreate(portal, "validate").returncode == 0
    commit_all(portal, "Answer residents")
    diff = cocreate(portal, "diff", "HEAD~1", "HEAD", "--lang", "en")
    assert "answer to residents: Adopted: Warga minta jadwal setor hari Sabtu." in diff.stdout

    site = build(portal / "mkdocs.yml")
    page = BeautifulSoup((site / "projects" / "bank" / "index.html").read_text("utf-8"), "html.parser")
    entries = [li.get_text(" ", strip=True) for li in page.select("#dialogue .cc-exchange")]
    assert len(entries) == 2
    assert "Diterima" in entries[1]
    assert "Belum ditanggapi" in entries[0]


@pytest.mark.parametrize(("args", "code"), [
    (["--entry", "1", "--answer", "not-adopted"], "error[reason-required]"),
    (["--entry", "1", "--answer", "adopted", "--answered", "2026-10-01"], "error[answered-before-asked]"),
    (["--entry", "1", "--answer", "adopted", "--answered", "2999-01-01"], "error[date-in-future]"),
    (["--entry", "1", "--answer", "adopted", "--changed", "http://kota.example/x"], "error[invalid-url]"),
    (["--asked", "2026-11-03", "--channel", "email", "--request", "Hubungi saya di 0812 3456 7890"],
     "error[personal-data-phone]"),
    (["--asked", "2026-13-01", "--channel", "email", "--request", "Kapan?"], "error[date-not-real]"),
])
def test_an_invalid_result_is_refused_with_its_code_and_nothing_written(portal: Path, args: list[str],
                                                                         code: str) -> None:
    assert cocreate(portal, "respond", "bank", "--asked", "2026-11-02", "--channel", "office",
                    "--request", "Warga minta daftar harga.").returncode == 0
    commit_all(portal, "A question")
    run = cocreate(portal, "respond", "bank", *args, "--lang", "en")
    assert run.returncode == 1
    assert code in run.stderr
    assert "not written" in run.stderr
    assert "0812 3456" not in run.stderr + run.stdout  # the log masks what it refuses
    assert "Traceback" not in run.stderr
    assert changed_lines(portal) == (0, 0)


@pytest.mark.parametrize(("args", "error"), [
    (["--entry", "3", "--answer", "adopted"], "no dialogue entry 3 (it has 0)"),
    (["--asked", "2026-11-02", "--channel", "fax", "--request", "x"], "Invalid value for '--channel'"),
    (["--asked", "2026-11-02"], "missing --channel, --request"),
    (["--asked", "2026-11-02", "--channel", "email", "--request", "x", "--reason", "y"], "give --answer too"),
])
def test_usage_errors_say_what_is_wrong(portal: Path, args: list[str], error: str) -> None:
    run = cocreate(portal, "respond", "bank", *args)
    assert run.returncode == 2
    assert error in run.stderr
    assert "Traceback" not in run.stderr
    assert changed_lines(portal) == (0, 0)


def test_a_list_in_flow_style_is_left_to_a_person(portal: Path) -> None:
    path = portal / "projects" / "bank" / "project.yml"
    path.write_text(COMMENTED + "dialogue: [{asked: 2026-11-02, channel: office, request: Harga?}]\n", "utf-8")
    commit_all(portal, "Flow style")
    for args in (["--entry", "1", "--answer", "adopted"],
                 ["--asked", "2026-11-03", "--channel", "email", "--request", "Kapan?"]):
        run = cocreate(portal, "respond", "bank", *args)
        assert run.returncode == 2
        assert "flow style" in run.stderr
        assert "Traceback" not in run.stderr
    assert changed_lines(portal) == (0, 0)


def test_no_such_project(portal: Path) -> None:
    run = cocreate(portal, "respond", "nope", "--list")
    assert run.returncode == 2
    assert "no project file at" in run.stderr
