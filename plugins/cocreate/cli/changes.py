"""Commands about changes between git revisions: `diff`, `review`, `codeowners`.

Everything `diff` and `review` print that a contributor wrote (titles, names, handles,
field names, project folder names) goes through [cocreate.i18n.untrusted][] for its format.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from cocreate.cli.settings import CONFIG_FILE, Settings, SettingsError, current, find_root
from cocreate.git import codeowners as owners
from cocreate.git.changes import branch_changes, sentence
from cocreate.git.comparison import Comparison, compare
from cocreate.git.repo import GitError, file_at, resolve, toplevel
from cocreate.git.review import explain
from cocreate.git.review import review as review_changes
from cocreate.i18n.messages import LANGUAGES
from cocreate.i18n.translator import Translator
from cocreate.i18n.untrusted import markdown_inline, one_line, to_json
from cocreate.standard.paths import FolderError, normalise_folder
from cocreate.standard.privacy import redact
from cocreate.standard.validate import discover, make_report, validate_sources

FORMATS = ("text", "markdown", "json")


def _compare(base: str, head: str) -> tuple[Comparison, Settings]:
    """What HEAD changes since it left BASE, and the portal's settings as BASE has them
    (its projects folder and maintainers: never the pull request's)."""
    root = find_root() or Path.cwd()
    try:
        repo, prefix = toplevel(root)
        base_commit = resolve(repo, base)
        settings = Settings.parse(file_at(repo, base_commit, f"{prefix}{CONFIG_FILE}") or b"", root)
        folder = normalise_folder(f"{prefix}{normalise_folder(settings.plugin.projects_dir)}")
        return compare(repo, base_commit, head, folder), settings
    except (GitError, FolderError, SettingsError) as exc:
        raise click.UsageError(one_line(str(exc))) from exc


@click.command()
@click.argument("base")
@click.argument("head")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: one line per change; markdown: for a pull request summary; json: structured.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the sentences. Default: the portal's language.")
def diff(base: str, head: str, fmt: str, lang: str | None) -> None:
    """Say in plain words what a branch changes in the projects.

    BASE and HEAD are commits, branches or tags. HEAD is compared from where it left BASE
    (their merge base), as GitHub compares a pull request: projects added or removed,
    phases moved, stakeholders who joined or left, openness or ownership changed, timeline
    entries added, maintainers changed, files of a project's folder added, changed or removed.
    """
    comparison, settings = _compare(base, head)
    t = Translator(lang or settings.language)
    changes = branch_changes(comparison)
    if fmt == "json":
        click.echo(to_json({"base": comparison.base, "merge_base": comparison.merge_base,
                            "head": comparison.head, "language": t.language,
                            "changes": [{"project": c.slug, "kind": c.kind, "params": _masked(c.words(t)),
                                         "text": sentence(c, t)} for c in changes]}))
        return
    if fmt == "markdown":
        click.echo(f"### {t('changes.heading')}\n")
        if not changes:
            click.echo(f"{t('changes.none')}\n")
        current = None
        for change in changes:
            if change.slug != current:
                current = change.slug
                click.echo(f"\n**{markdown_inline(change.slug)}**\n")
            click.echo(f"- {markdown_inline(sentence(change, t))}")
        return
    if not changes:
        click.echo(t("changes.none"))
    for change in changes:
        click.echo(one_line(f"{change.slug}: {sentence(change, t)}"))


def _masked(params: dict[str, Any]) -> dict[str, Any]:
    """A change's values with personal data masked, as its sentence has them."""
    return {key: [redact(str(v)) for v in value] if isinstance(value, list) else redact(str(value))
            for key, value in params.items()}


@click.command()
@click.argument("base")
@click.argument("head")
@click.option("--author", required=True, help="GitHub login of the pull request's author.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of the sentences.")
def review(base: str, head: str, author: str, fmt: str, lang: str | None) -> None:
    """Check that the author may make the pull request's changes to each project.

    Who may change what is read from BASE (the project files and mkdocs.yml there), never
    from HEAD; what changed is measured from where HEAD left BASE. Exit status 1 when a
    change needs a maintainer. A change that needs a maintainer where the maintainers
    include a team passes here, saying so: GitHub's required code-owner review asks a
    member of the team to approve it.
    """
    comparison, settings = _compare(base, head)
    t = Translator(lang or settings.language)
    decisions = review_changes(comparison, author, settings.maintainers)
    refused = [d for d in decisions if not d.allowed]
    if fmt == "json":
        click.echo(to_json({"author": author, "allowed": not refused, "decisions": [
            {"project": d.slug, "allowed": d.allowed, "reason": d.reason, "params": d.params,
             "text": explain(d, t)} for d in decisions]}))
    else:
        bullet, shown = ("- ", markdown_inline) if fmt == "markdown" else ("", one_line)
        for d in decisions:
            mark = "⏳" if d.needs_code_owner else "✅" if d.allowed else "❌"
            click.echo(f"{bullet}{mark} {shown(d.slug)}: {shown(explain(d, t))}")
        if not decisions:
            click.echo(f"{bullet}{t('review.no-projects')}")
    sys.exit(1 if refused else 0)


@click.command()
@click.option("--check", is_flag=True, help="Do not write: exit 1 when .github/CODEOWNERS is out of date.")
def codeowners(check: bool) -> None:
    """Write .github/CODEOWNERS from each project's maintainers.

    The portal's maintainers (`maintainers` of the cocreate plugin in mkdocs.yml) own
    everything else: the schema, plugins and workflows.
    """
    settings = current()
    root, folder = settings.root or Path.cwd(), settings.folder
    sources, _ = discover([settings.projects_dir])
    results = validate_sources(sources, today=settings.today)
    projects = {r.source.slug: r.data for r in results if r.source.slug}
    report = make_report(results)
    if not report.valid:
        click.echo("cocreate: some project files are invalid; run `cocreate validate` first", err=True)
    text = owners.render(projects, settings.maintainers, folder)
    target = root / ".github" / "CODEOWNERS"
    written = target.read_text("utf-8") if target.exists() else ""
    if check:
        if written != text:
            click.echo(f"{target.relative_to(root)} is out of date: run `cocreate codeowners`", err=True)
            sys.exit(1)
        click.echo(f"{target.relative_to(root)} is up to date")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    click.echo(f"wrote {target.relative_to(root)}")
