"""MkDocs hooks of cocreate's documentation site (`mkdocs.docs.yml`): the pages whose facts
live elsewhere are made from their one home at every build, never copied.

- The architecture, the benchmarks, the changelog, the security policy and the standard's
  reference are the repository's own files (`INCLUDED`), their links to each other turned
  into links between pages, links to other files of the repository into their path.
- The command line reference is read from the `cocreate` command tree (click), as
  `cocreate COMMAND --help` prints it.
- The table of the plugin's options is read from `plugins/cocreate/mkdocs_plugin/config.py`:
  each option's name and default from the configuration class, its description from the
  docstring under it. A page asks for it with `<!-- cocreate:options -->`.
"""

from __future__ import annotations

import ast
import html
import inspect
import posixpath
import re
from pathlib import Path
from typing import Any

import click
from mkdocs.config import config_options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent

INCLUDED = {
    "architecture.md": "ARCHITECTURE.md",
    "benchmarks.md": "bench/README.md",
    "changelog.md": "CHANGELOG.md",
    "maintainers/security.md": "SECURITY.md",
    "standard/reference.md": "content/standard.en.md",
}
"""Page of the site: the repository's file it shows."""

CLI_PAGE = "reference/cli.md"
OPTIONS_MARKER = "<!-- cocreate:options -->"
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([\w./-]+)(#[\w-]+)?\)")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for uri, source in INCLUDED.items():
        text = (ROOT / source).read_text("utf-8")
        files.append(File.generated(config, uri, content=_relink(text, source, uri)))
    files.append(File.generated(config, CLI_PAGE, content=cli_reference()))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return markdown.replace(OPTIONS_MARKER, options_table()) if OPTIONS_MARKER in markdown else markdown


def _relink(text: str, source: str, page: str) -> str:
    """A repository file's Markdown as a page at `page`: a link to another included file leads
    to its page, a link to any other file of the repository becomes that file's path (the
    site holds no copy of it), a link to nothing becomes its text."""
    pages = {path: uri for uri, path in INCLUDED.items()}

    def replace(match: re.Match[str]) -> str:
        words, target, anchor = match[1], match[2], match[3] or ""
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        if path in pages:
            return f"[{words}]({posixpath.relpath(pages[path], posixpath.dirname(page) or '.')}{anchor})"
        if (ROOT / path).exists():
            return words if words.strip("`") == path else f"{words} (`{path}`)"
        return words

    return _LINK.sub(replace, text)


# --- the command line --------------------------------------------------------------------


def cli_reference() -> str:
    """Every command of `cocreate`, its usage, description, arguments and options."""
    from cocreate.cli import cli

    root = click.Context(cli, info_name="cocreate")
    lines = ["# Command line", "",
             "Every command of `cocreate`, as `cocreate COMMAND --help` prints it (this page is made "
             "from the commands themselves at every build of this site; `-h` or `--help` after any command "
             "prints the same).", ""]
    lines += _command(cli, root, "cocreate")
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        if command is not None and not command.hidden:
            lines += _command(command, click.Context(command, info_name=name, parent=root), f"cocreate {name}")
    return "\n".join(lines) + "\n"


def _command(command: click.Command, ctx: click.Context, title: str) -> list[str]:
    anchor = title.replace(" ", "-")
    usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
    lines = [f"## `{title}` {{#{anchor}}}", "", "```text", usage, "```", ""]
    for paragraph in inspect.cleandoc(command.help or "").split("\n\n"):
        lines += [_prose(" ".join(paragraph.split())), ""]
    arguments = [p for p in command.get_params(ctx) if isinstance(p, click.Argument)]
    if arguments:
        lines += ["| argument | what |", "| --- | --- |"]
        lines += [f"| `{p.make_metavar(ctx)}` | {'required' if p.required else 'optional'}"
                  f"{', any number' if p.nargs == -1 else ''} |" for p in arguments]
        lines.append("")
    shown = [p for p in command.get_params(ctx) if isinstance(p, click.Option) and "--help" not in p.opts]
    records = [record for p in shown if (record := p.get_help_record(ctx)) is not None]
    if records:
        lines += ["| option | what |", "| --- | --- |"]
        lines += [f"| `{names}` | {_cell(_prose(what))} |" for names, what in records]
        lines.append("")
    if isinstance(command, click.Group):
        lines += ["| command | what |", "| --- | --- |"]
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                lines.append(f"| [`{name}`](#cocreate-{name}) | {_cell(_prose(sub.get_short_help_str(200)))} |")
        lines.append("")
    return lines


# --- the plugin's options ----------------------------------------------------------------


def options_table() -> str:
    """The options of `plugins: - cocreate:`, each group's options under it (`channels.email`)."""
    from cocreate.mkdocs_plugin import config as module

    docstrings = _attribute_docstrings(Path(inspect.getfile(module)))
    rows = ["| option | default | what |", "| --- | --- | --- |"]

    def add(config_class: type, prefix: str) -> None:
        described = docstrings.get(config_class.__name__, {})
        for name, option in config_class._schema:  # type: ignore[attr-defined]
            if name not in described:
                raise ValueError(f"{inspect.getfile(module)}: the option {prefix}{name} has no docstring under it")
            rows.append(f"| `{prefix}{name}` | {_default(option)} | {_cell(described[name])} |")
            if isinstance(option, config_options.SubConfig):
                add(option.config_class, f"{prefix}{name}.")

    add(module.CocreateConfig, "")
    return "\n".join(rows) + "\n"


def _attribute_docstrings(path: Path) -> dict[str, dict[str, str]]:
    """Each class's attribute docstrings (the string right under an assignment), by class and
    attribute, on one line each."""
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(path.read_text("utf-8")).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for statement, following in zip(node.body, node.body[1:], strict=False):
            if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name) and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant) and isinstance(following.value.value, str)):
                found.setdefault(node.name, {})[statement.targets[0].id] = " ".join(following.value.value.split())
    return found


def _default(option: Any) -> str:
    default = option.default
    if default is None or default == [] or default == {}:
        return "none"
    return f"`{default}`"


def _prose(text: str) -> str:
    """Help text as Markdown that shows it as written: what lies outside `code` cannot open
    HTML or emphasis."""
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(part if part.startswith("`") else re.sub(r"([\\*_\[\]])", r"\\\1", html.escape(part, quote=False))
                   for part in parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
