"""The `cocreate` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cocreate import __version__
from cocreate.cli.settings import current
from cocreate.i18n.messages import LANGUAGES, ui
from cocreate.i18n.report import RENDERERS
from cocreate.i18n.untrusted import one_line
from cocreate.standard.validate import discover, make_report, validate_sources

PROGRESS_MIN_FILES = 50


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, prog_name="cocreate")
def cli() -> None:
    """cocreate: validate co-creation projects and publish them as a portal.

    Each project lives in projects/<slug>/project.yml. Build the portal with
    `mkdocs build`; check project files with `cocreate validate`.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
              help="text: file:line:col lines with hints; json: one document; github: workflow annotations.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the messages. Default: the portal's language in mkdocs.yml, else id.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for large trees. Default: one per CPU.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar. Default: on a terminal, for 50 files or more.")
def validate(paths: tuple[Path, ...], fmt: str, lang: str | None, jobs: int | None, progress: bool | None) -> None:
    """Check project files against the project standard.

    PATHS are project files, project folders or projects trees; without PATHS the
    portal's projects/ folder is checked. Exit status: 0 valid (warnings allowed),
    1 invalid, 2 usage error, 3 internal error.
    """
    settings = current()
    language = lang or settings.language
    required = tuple(settings.plugin.required_languages)
    if not paths:
        default = settings.projects_dir
        if not default.is_dir():
            raise click.UsageError(f"no projects folder at {default}; name the files or folders to check")
        paths = (default,)
    sources, tree_problems = discover(paths)
    show = progress if progress is not None else (sys.stderr.isatty() and len(sources) >= PROGRESS_MIN_FILES)
    if show:
        with click.progressbar(length=len(sources), label=ui("progress", language), file=sys.stderr) as bar:
            results = validate_sources(sources, jobs=jobs, on_done=bar.update, required_languages=required,
                                       today=settings.today)
    else:
        results = validate_sources(sources, jobs=jobs, required_languages=required, today=settings.today)
    report = make_report(results, tree_problems)
    click.echo(RENDERERS[fmt](report, language), nl=False)
    sys.exit(0 if report.valid else 1)


INTERNAL_ERROR = 3


def _register() -> None:
    from cocreate.cli.changes import codeowners, diff, review
    from cocreate.cli.create import init, join, new
    from cocreate.cli.importing import import_
    from cocreate.cli.respond import respond
    from cocreate.cli.upgrade import upgrade

    for command in (diff, review, codeowners, new, join, respond, init, upgrade, import_):
        cli.add_command(command)


_register()


def main() -> None:
    """Entry point of the `cocreate` console script.

    Problems in project files are reported by `validate` itself; whatever else goes wrong
    (a folder that cannot be listed, a bug) ends in one line and exit status 3, never in a
    traceback that hides the message.
    """
    try:
        cli(prog_name="cocreate", standalone_mode=True)
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(INTERNAL_ERROR)
    except Exception as exc:
        click.echo(one_line(f"cocreate: internal error: {type(exc).__name__}: {exc} (please report this)"), err=True)
        sys.exit(INTERNAL_ERROR)
