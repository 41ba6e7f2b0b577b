"""Contributor text in what `diff`, `review` and `validate` print, over a real git history
whose project folder name, titles and stakeholder names try to drive the terminal (ESC,
OSC 52 that writes the clipboard, BEL, CR), forge lines, or inject headings, list items,
HTML, links and mentions into a pull request's summary."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from cocreate.cli import cli
from cocreate.i18n.untrusted import markdown_inline, one_line, to_json
from gitutil import commit_all, git, init_repo
from helpers import FIXTURES, PROJECTS

SHARED = "taman-kota-hijau"  # ownership: shared
OTHER = "pasar-induk-digital"

OSC52 = "\x1b]52;c;cm0gLXJmIH4vKg==\x07"  # would put `rm -rf ~/*` on the reader's clipboard
FOLDER = f"x{OSC52}\x1b[2K\rforged\n# Disetujui\n- [x] aman\n1. semua\n> ok\u202e\x9b31m"
"""A project folder name: git allows any byte but NUL and `/` in a path."""

NAMES = ["# Disetujui oleh pengelola", "- [x] aman", "1. semua lolos", "> kutipan", "| a | b |", "+ tambah",
         "<img src=x onerror=alert(1)>", "[klik](https://evil.example)", "`kode`", "**tebal** _miring_",
         "@everyone dan @sukamaju-dlh/tim-taman", "www.evil.example", "https://evil.example/x", "&#x202E; &lt;",
         "\\# dan \\\\", "~~coret~~ $x$ [^1]", "=== ---"]
"""Stakeholder names that pass the loader (one line, no control character) but are Markdown."""

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What no output may carry raw: controls (a line break only between lines), separators, bidi."""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = init_repo(tmp_path / "portal")
    for slug in (SHARED, OTHER):
        shutil.copytree(PROJECTS / slug, root / "projects" / slug)
    (root / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material, language: en}\nplugins:\n  - cocreate:\n      maintainers: ['@portal-admin']\n",
        "utf-8")
    commit_all(root, "start")
    git(root, "branch", "base")
    # a shared project gains stakeholders whose names are Markdown
    path = root / "projects" / SHARED / "project.yml"
    joined = "".join(f"  - name: {json.dumps(name)}\n    category: community\n    role: contributor\n"
                     f"    contributes: Relawan\n    benefit: Taman\n" for name in NAMES)
    path.write_text(path.read_text("utf-8").replace("stakeholders:\n", "stakeholders:\n" + joined, 1), "utf-8")
    # another project's stakeholder name and title drive the terminal, written as YAML escapes
    path = root / "projects" / OTHER / "project.yml"
    text = path.read_text("utf-8").replace("stakeholders:\n", "stakeholders:\n  - name: \"Warga \\e]52;c;aGk=\\a\\r\"\n"
                                           "    category: community\n    role: contributor\n    contributes: x\n"
                                           "    benefit: y\n", 1)
    assert "\n  id: Digitalisasi Pasar Induk Sukamaju\n" in text
    path.write_text(text.replace("\n  id: Digitalisasi Pasar Induk Sukamaju\n", '\n  id: "Pasar\\n# Disetujui\\x9b"\n', 1),
                    "utf-8")
    # a new project in a folder whose name is hostile, with a title that is Markdown
    folder = root / "projects" / FOLDER
    folder.mkdir()
    minimal = (FIXTURES / "valid" / "minimal.yml").read_text("utf-8")
    (folder / "project.yml").write_text(minimal.replace("title: Bank Sampah RT 03", "title: '# Judul <b>@everyone</b>'"),
                                        "utf-8")
    commit_all(root, "hostile")
    listing = subprocess.run(["git", "-C", str(root), "ls-tree", "-r", "-z", "--name-only", "HEAD"],
                             capture_output=True, check=True).stdout
    assert f"projects/{FOLDER}/project.yml".encode() in listing.split(b"\0")  # the name as git keeps it
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    out = result.stdout_bytes.decode("utf-8")  # strict: a lone surrogate could not get here either
    assert not RAW.search(out), repr(RAW.search(out))
    return result.exit_code, out


def blocks(markdown: str) -> list[str]:
    """The block and inline token types a CommonMark renderer (with tables and
    strikethrough, as on GitHub) makes of `markdown`."""
    found = []
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown):
        found.append(token.type)
        found.extend(child.type for child in token.children or [])
    return found


INJECTED = {"blockquote_open", "ordered_list_open", "html_block", "html_inline", "link_open", "image", "table_open",
            "code_inline", "code_block", "fence", "hr", "em_open", "s_open", "lheading_open"}


@pytest.mark.usefixtures("repo")
def test_diff_text_is_one_line_per_change() -> None:
    code, out = run("diff", "base", "HEAD")
    assert code == 0
    lines = out.splitlines()
    assert all(line.startswith((f"{SHARED}: ", f"{OTHER}: ", "x\\u001b]52;c;")) for line in lines), lines
    assert "x\\u001b]52;c;cm0gLXJmIH4vKg==\\u0007\\u001b[2K\\rforged\\n# Disetujui\\n- [x] aman" in out
    assert f"{OTHER}: this version of the project file could not be read" in lines
    assert f"{SHARED}: # Disetujui oleh pengelola joined" in lines


@pytest.mark.usefixtures("repo")
def test_diff_markdown_injects_nothing_into_the_summary() -> None:
    code, out = run("diff", "base", "HEAD", "--format", "markdown")
    assert code == 0
    found = blocks(out)
    assert found.count("heading_open") == 1
    assert out.startswith("### ")
    changes = len(NAMES) + 2  # the stakeholders who joined, the unreadable project, the new one
    assert found.count("list_item_open") == changes
    assert found.count("bullet_list_open") == 3
    assert found.count("strong_open") == 3  # each project's name, bold
    assert not INJECTED & set(found), INJECTED & set(found)
    assert "@everyone" not in out
    assert "@sukamaju-dlh" not in out
    html = MarkdownIt("commonmark").render(out)
    for name in NAMES[:6]:  # shown as the text it is
        assert f"<li>{escape(name, quote=False)} joined</li>" in html, name


@pytest.mark.usefixtures("repo")
def test_diff_json_keeps_every_string_and_escapes_controls() -> None:
    code, out = run("diff", "base", "HEAD", "--format", "json")
    assert code == 0
    assert "\\u001b]52" in out
    assert "\\u009b31m" in out
    assert "\\u202e" in out
    changes = json.loads(out)["changes"]
    assert FOLDER in {c["project"] for c in changes}  # the same string, escaped only in its JSON form
    assert {c["params"].get("name") for c in changes} >= set(NAMES)


@pytest.mark.usefixtures("repo")
def test_review_in_every_format() -> None:
    code, out = run("review", "base", "HEAD", "--author", "someone")
    assert code == 0  # the projects changed are maintained by teams: left to code-owner review
    lines = out.splitlines()
    assert len(lines) == 3, lines
    assert all(line.startswith(("✅ ", "❌ ", "⏳ ")) for line in lines), lines
    code, out = run("review", "base", "HEAD", "--author", "someone", "--format", "markdown")
    found = blocks(out)
    assert found.count("list_item_open") == 3
    assert found.count("bullet_list_open") == 1
    assert "heading_open" not in found, found
    assert not INJECTED & set(found), found
    assert "@forum-rw05-cikaret" not in out  # maintainers are named, not mentioned
    code, out = run("review", "base", "HEAD", "--author", "someone", "--format", "json")
    assert {d["project"] for d in json.loads(out)["decisions"]} == {SHARED, OTHER, FOLDER}


@pytest.mark.usefixtures("repo")
def test_validate_in_every_format() -> None:
    for fmt in ("text", "json", "github"):
        code, out = run("validate", "--format", fmt)
        assert code == 1
        assert "invalid-slug" in out
        assert "control-character" in out
        assert "not-one-line" in out
        if fmt == "github":
            assert all(line.startswith(("::error file=projects/", "::notice::")) for line in out.splitlines())
        if fmt == "text":
            assert not any(line.startswith(("#", "- ", "1. ", "> ")) for line in out.splitlines())


def test_the_escapes_one_by_one() -> None:
    assert one_line("a\x1b[2J\r\n\u2028\U000e0041\t") == "a\\u001b[2J\\r\\n\\u2028\\U000e0041\t"
    assert markdown_inline("# a\n- b") == "\\# a\\\\n\\- b"  # renders as `# a\n- b`, on one line
    assert markdown_inline("1. <x> & | @me") == "1\\. \\<x\\> \\& \\| @\u200bme"
    assert markdown_inline("\ta\\b") == "&#32;a\\\\b"
    assert markdown_inline("  a b ") == "&#32;&#32;a b&#32;"
    assert markdown_inline(" ") == "&#32;"
    assert "code_block" not in blocks(f"- {markdown_inline('     x')}")  # four spaces after a marker: code
    assert "hr" not in blocks(f"**{markdown_inline(' ')}**")  # `** **` is a thematic break
    assert to_json(["\x1b\x9b\u2028\U000e0041 é"]) == '[\n  "\\u001b\\u009b\\u2028\\udb40\\udc41 é"\n]'
    assert json.loads(to_json("\ud800")) == "\ud800"  # a lone surrogate is still valid JSON, escaped
    flag = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"
    assert one_line(flag) == flag
    assert to_json(flag) == f'"{flag}"'
