"""`cocreate upgrade`, and the options that choose how a portal installs cocreate (shared
with `cocreate init`)."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cocreate import __version__
from cocreate.cli.pinning import CocreatePin, PinError, resolve_pin
from cocreate.cli.portal_files import PortalValues, Upgrade, UpgradeError, apply_upgrade, current_pin, plan_upgrade
from cocreate.cli.settings import current
from cocreate.git.repo import GitError, git
from cocreate.i18n.report import one_line


def pin_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--cocreate-wheel and --cocreate-git: how the portal's workflows install cocreate."""
    command = click.option(
        "--cocreate-git", metavar="git+https://HOST/OWNER/REPO@COMMIT",
        help="Install cocreate from this commit of its git repository (the full 40-character SHA; "
             "a branch or tag is refused), e.g. before a release is on PyPI.")(command)
    return click.option(
        "--cocreate-wheel", type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Pin this wheel of the running cocreate by its SHA-256. Default: the wheel pip installed "
             "cocreate from, else the release on the package index (pip download).")(command)


def resolve(wheel: Path | None, git_spec: str | None, current: CocreatePin | None = None) -> CocreatePin:
    try:
        return resolve_pin(wheel, git_spec, current)
    except PinError as exc:
        raise click.UsageError(str(exc)) from exc


def _require_clean(root: Path) -> None:
    try:
        status = git(root, "status", "--porcelain")
    except GitError as exc:
        raise click.UsageError(f"{root} is not in a git repository ({one_line(str(exc))}): upgrade changes files "
                               "that you must be able to review and undo; run `git init` and commit first") from exc
    if status.strip():
        raise click.UsageError("there are uncommitted changes (git status): commit or stash them first, so that "
                               "the upgrade's changes can be reviewed and undone on their own")


def _show(upgrade: Upgrade) -> None:
    for path, why in upgrade.left_alone:
        click.echo(f"left alone: {path}: {why}", err=True)
    for change in upgrade.changes:
        if change.ignored:
            click.echo(f"git ignores {change.path}: its own edits are in no commit and cannot be got back once "
                       "it is overwritten; read its diff below", err=True)
        before = (change.before or "").splitlines(keepends=True)
        after = change.after.splitlines(keepends=True)
        source = "/dev/null" if change.before is None else f"a/{change.path}"
        for line in difflib.unified_diff(before, after, source, f"b/{change.path}"):
            click.echo(one_line(line.rstrip("\n")))


@click.command()
@click.option("--check", is_flag=True, help="Change nothing: exit 1 if a file cocreate owns is out of date.")
@click.option("--yes", "-y", is_flag=True, help="Write the changes without asking.")
@pin_options
def upgrade(check: bool, yes: bool, cocreate_wheel: Path | None, cocreate_git: str | None) -> None:
    """Bring the files cocreate owns in this portal up to this version of cocreate.

    They are the workflows, .github/dependabot.yml, the issue forms, the pull request
    template, requirements.txt and requirements/ (with the pin of cocreate), and the part
    of SECURITY.md between the cocreate marks. Nothing else is touched: not projects/,
    content/, mkdocs.yml, README.md or CODEOWNERS. The changes are shown as a diff first;
    the upgrade runs only in a git repository without uncommitted changes. Exit status:
    0 up to date or upgraded, 1 out of date (--check) or not confirmed, 2 usage error.
    """
    settings = current()
    root = settings.root
    if root is None:
        raise click.UsageError("no mkdocs.yml here or above: run it in a portal made by `cocreate init`")
    if not check:
        _require_clean(root)
    pin = resolve(cocreate_wheel, cocreate_git, current_pin(root))
    try:
        plan = plan_upgrade(root, PortalValues.from_settings(settings), pin)
    except UpgradeError as exc:
        raise click.UsageError(str(exc)) from exc
    _show(plan)
    broken = [path for path, _ in plan.left_alone]
    if check and broken:
        click.echo(f"cannot tell whether {', '.join(broken)} is up to date (see why above): fix it, then check again",
                   err=True)
        raise click.exceptions.Exit(1)
    if not plan.changes:
        click.echo(f"up to date with cocreate {__version__} ({pin.describe()})")
        return
    names = ", ".join(c.path for c in plan.changes)
    if check:
        click.echo(f"out of date with cocreate {__version__}: {names}; run `cocreate upgrade`", err=True)
        raise click.exceptions.Exit(1)
    ignored = [c.path for c in plan.changes if c.ignored]
    if yes and ignored:  # --yes answers for what git can undo, not for edits git never saw
        click.echo(f"nothing written: git ignores {', '.join(ignored)}, edited here; run without --yes to confirm "
                   "after reading its diff, or move it away", err=True)
        raise click.exceptions.Exit(1)
    if not yes and not click.confirm(f"Write these changes to {len(plan.changes)} files?", default=False):
        click.echo("nothing written", err=True)
        raise click.exceptions.Exit(1)
    apply_upgrade(root, plan)
    click.echo(f"upgraded to cocreate {__version__} ({pin.describe()}): {names}. Review with `git diff`, then commit.")
