"""The documentation site (`mkdocs.docs.yml`, from `docs/`) builds strictly, and what it says
is what the code does: every option of the plugin with its default and its one description
(from `mkdocs_plugin/config.py`), every command and option of the command line. The README
stays short, its commands and links hold."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.config import config_options

from cocreate.cli import cli
from cocreate.mkdocs_plugin.config import CocreateConfig
from helpers import ROOT

README = (ROOT / "README.md").read_text("utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site, built as CI builds it: strictly, any warning fails."""
    out = tmp_path_factory.mktemp("docs") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.docs.yml", "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    said = [line for line in proc.stderr.splitlines() if line.strip() and not line.startswith("INFO")]
    assert said == [], "the documentation's build said more than INFO"
    return out


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def options() -> dict[str, object]:
    """Every option, each group's options under it (`channels.email`), with its default."""
    found: dict[str, object] = {}

    def add(config_class: type, prefix: str) -> None:
        for name, option in config_class._schema:  # type: ignore[attr-defined]
            found[prefix + name] = option.default
            if isinstance(option, config_options.SubConfig):
                add(option.config_class, f"{prefix}{name}.")

    add(CocreateConfig, "")
    return found


def test_every_option_is_documented_with_its_default(site: Path) -> None:
    rows: dict[str, tuple[str, str]] = {}
    for row in page(site, "maintainers/configure").select("table tr")[1:]:
        name, shown, what = (cell.get_text(" ", strip=True) for cell in row.find_all("td"))
        rows[name] = (shown, what)
    assert set(rows) == set(options())
    assert "channels.whatsapp" in rows
    for name, default in options().items():
        assert rows[name][0] == ("none" if default is None or default == [] or default == {} else str(default)), name
        assert len(rows[name][1]) > 20, f"{name} has no description"
    assert "ISO 3166-1" in rows["country"][1]  # the docstring under the option, as written in config.py


def test_an_option_is_described_once() -> None:
    """`portal/options.py` holds the options' values and defaults; what an option means is
    written under it in config.py only. `language` and `site_name` mean more there: the
    language and the name of one tree of pages."""
    module = ast.parse((ROOT / "plugins" / "cocreate" / "portal" / "options.py").read_text("utf-8"))
    options_class = next(node for node in module.body if isinstance(node, ast.ClassDef) and node.name == "Options")
    described = {statement.target.id for statement, following in zip(options_class.body, options_class.body[1:], strict=False)
                 if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                 and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)}
    named = {name for name, _ in CocreateConfig._schema} | {"projects_folder"}
    assert described & named == {"language", "site_name"}


def test_every_command_and_option_is_in_the_reference(site: Path) -> None:
    reference = page(site, "reference/cli")
    root = click.Context(cli, info_name="cocreate")
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        assert command is not None
        heading = reference.find(id=f"cocreate-{name}")
        assert isinstance(heading, Tag), name
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            section.append(sibling.get_text(" "))
        text = " ".join(section)
        for param in command.params:
            for opt in (*param.opts, *param.secondary_opts) if isinstance(param, click.Option) else ():
                assert opt in text, f"cocreate {name} {opt}"
        assert " ".join((command.help or "").split()[:6]) in " ".join(text.split()), name


def test_the_included_pages_are_their_files(site: Path) -> None:
    for path, source in (("architecture", "ARCHITECTURE.md"), ("benchmarks", "bench/README.md"),
                         ("changelog", "CHANGELOG.md"), ("maintainers/security", "SECURITY.md"),
                         ("standard/reference", "content/standard.en.md")):
        title = (ROOT / source).read_text("utf-8").splitlines()[0].removeprefix("# ")
        heading = page(site, path).find("h1")
        assert heading is not None, source
        assert heading.get_text(strip=True).rstrip("¶") == title, source
    # links between those files lead to their pages
    assert page(site, "benchmarks").find("a", href="../changelog/")


def test_the_benchmarks_are_one_table_of_current_figures() -> None:
    text = (ROOT / "bench" / "README.md").read_text("utf-8")
    current = text[text.index("## Current figures"):text.index("\n## ", text.index("## Current figures") + 1)]
    tables = re.findall(r"(?:^\|.*\|\n)+", current, re.MULTILINE)
    assert len(tables) == 1
    rows = tables[0].splitlines()[2:]
    assert len(rows) >= 10
    for row in rows:
        scripts = re.findall(r"bench/(\w+\.py)", row.split("|")[-2])
        assert scripts, row
        assert all((ROOT / "bench" / script).is_file() for script in scripts), row
    assert "Measured" in text
    assert "### Measured" in (ROOT / "CHANGELOG.md").read_text("utf-8")


def test_the_readme_is_short_and_its_links_lead_somewhere() -> None:
    assert len(README.splitlines()) <= 150
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)|src=\"([^\"]+)\"", README)
    targets = [a or b for a, b in links if not (a or b).startswith(("http://", "https://"))]
    assert len(targets) > 10
    assert [t for t in targets if not (ROOT / t).exists()] == []


def test_the_readme_s_quick_start_is_dev_py_s_two_commands() -> None:
    quick = README[README.index("## Quick start"):README.index("\n## ", README.index("## Quick start") + 1)]
    block = re.search(r"```sh\n(.*?)```", quick, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert commands == ["python3 dev.py serve", "python3 dev.py test"]
    usage = (ROOT / "dev.py").read_text("utf-8").split('"""')[1]
    assert all(f"\n    {command}" in usage for command in commands)
