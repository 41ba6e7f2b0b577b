"""Commands that write files: `new`, `join`, `init`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cocreate.cli.branch_protection import instructions
from cocreate.cli.scaffolding import (
    CONTACT_OPTIONS,
    NewProject,
    PortalContact,
    ScaffoldError,
    Stakeholder,
    add_stakeholder,
    init_portal,
)
from cocreate.cli.settings import current
from cocreate.cli.upgrade import pin_options, resolve
from cocreate.i18n.messages import LANGUAGES
from cocreate.i18n.report import render_text
from cocreate.i18n.translator import Translator
from cocreate.portal.channels import LAPOR
from cocreate.standard.paths import PROJECT_FILE
from cocreate.standard.validate import SLUG, check_bytes, make_report
from cocreate.standard.vocabulary import CATEGORIES, MOTIVATIONS, OPENNESS, OWNERSHIP, ROLES


def _ask(value: str | None, option: str, question: str, missing: list[str], **prompt: Any) -> str:
    """The option's value; else a prompt on a terminal; else noted as missing."""
    if value:
        return value
    if sys.stdin.isatty():
        return str(click.prompt(question, **prompt))
    missing.append(option)
    return ""


def _check_and_write(path: Path, text: str, slug: str, language: str) -> None:
    result = check_bytes(text.encode("utf-8"), str(path), slug)
    if not result.valid:
        click.echo(render_text(make_report([result]), language), nl=False, err=True)
        raise click.exceptions.Exit(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    click.echo(f"wrote {path}")


def _stakeholder_options(command: Callable[..., None]) -> Callable[..., None]:
    for option in reversed([
        click.option("--name", help="The organisation or group."),
        click.option("--category", type=click.Choice(CATEGORIES), help="Stakeholder category."),
        click.option("--contributes", help="What the party gives."),
        click.option("--benefit", help="What the party expects to get."),
        click.option("--motivation", "motivations", multiple=True, type=click.Choice(MOTIVATIONS),
                     help="Why the party takes part (repeatable)."),
    ]):
        command = option(command)
    return command


@click.command()
@click.argument("slug")
@click.option("--title", help="The project's name.")
@click.option("--summary", help="One or two sentences, at most 280 characters.")
@click.option("--description", help="What the project is about (Markdown).")
@click.option("--city", help="City (kota) or regency (kabupaten).")
@click.option("--province", help="Province.")
@click.option("--openness", type=click.Choice(OPENNESS), default="open", show_default=True,
              help="Who can join.")
@click.option("--criterion", "criteria", multiple=True,
              help="A criterion to join (repeatable; for --openness criteria).")
@click.option("--ownership", type=click.Choice(OWNERSHIP), default="initiator", show_default=True,
              help="Who owns the results.")
@click.option("--license", "license_", help="SPDX licence of the results (for --ownership shared).")
@click.option("--maintainer", help="Your GitHub handle, e.g. @name.")
@_stakeholder_options
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of the texts and messages.")
def new(slug: str, title: str | None, summary: str | None, description: str | None, city: str | None,
        province: str | None, openness: str, criteria: tuple[str, ...], ownership: str, license_: str | None,
        maintainer: str | None, name: str | None, category: str | None, contributes: str | None,
        benefit: str | None, motivations: tuple[str, ...], lang: str | None) -> None:
    """Write projects/SLUG/project.yml, a valid project in the involvement phase.

    On a terminal it asks for what the options do not give; elsewhere every required
    option must be given. The file starts with a line that lets editors check it while
    you type.
    """
    settings = current()
    language = lang or settings.language
    t = Translator(language)
    if not SLUG.match(slug):
        raise click.BadParameter("use lowercase letters, digits and hyphens, e.g. taman-kota-hijau", param_hint="SLUG")
    target = settings.projects_dir / slug / PROJECT_FILE
    if target.exists():
        raise click.UsageError(f"{target} exists already")
    missing: list[str] = []
    project = NewProject(
        title=_ask(title, "--title", t("scaffold.ask_title"), missing),
        summary=_ask(summary, "--summary", t("scaffold.ask_summary"), missing),
        description=_ask(description, "--description", t("scaffold.ask_description"), missing),
        city=_ask(city, "--city", t("scaffold.ask_city"), missing),
        province=_ask(province, "--province", t("scaffold.ask_province"), missing),
        initiator=Stakeholder(
            name=_ask(name, "--name", t("scaffold.ask_name"), missing),
            category=_ask(category, "--category", t("scaffold.ask_category"), missing, type=click.Choice(CATEGORIES)),
            role="initiator",
            contributes=_ask(contributes, "--contributes", t("scaffold.ask_contributes"), missing),
            benefit=_ask(benefit, "--benefit", t("scaffold.ask_benefit"), missing),
            motivations=list(motivations),
        ),
        maintainer=_ask(maintainer, "--maintainer", t("scaffold.ask_maintainer"), missing),
        openness=openness, criteria=list(criteria), ownership=ownership, license=license_,
        trust={key: t(f"scaffold.trust_{key}") for key in ("information", "purpose", "access", "retention")},
        first_entry=t("scaffold.first_entry"),
    )
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)} (or run it on a terminal to be asked)")
    _check_and_write(target, project.yaml(settings.config.get("site_url")), slug, language)
    click.echo(t("scaffold.next_steps"))


@click.command()
@click.argument("slug")
@_stakeholder_options
@click.option("--role", type=click.Choice([r for r in ROLES if r != "initiator"]), default="contributor",
              show_default=True, help="Your role in the project.")
@click.option("--since", help="When you joined (YYYY-MM-DD).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Language of the messages.")
def join(slug: str, name: str | None, category: str | None, contributes: str | None, benefit: str | None,
         motivations: tuple[str, ...], role: str, since: str | None, lang: str | None) -> None:
    """Add a stakeholder to projects/SLUG/project.yml, keeping the file's formatting.

    The result is validated before it is written.
    """
    settings = current()
    language = lang or settings.language
    t = Translator(language)
    target = settings.project_file(slug)
    missing: list[str] = []
    stakeholder = Stakeholder(
        name=_ask(name, "--name", t("scaffold.ask_name"), missing),
        category=_ask(category, "--category", t("scaffold.ask_category"), missing, type=click.Choice(CATEGORIES)),
        role=role,
        contributes=_ask(contributes, "--contributes", t("scaffold.ask_contributes"), missing),
        benefit=_ask(benefit, "--benefit", t("scaffold.ask_benefit"), missing),
        motivations=list(motivations), since=since,
    )
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)} (or run it on a terminal to be asked)")
    try:
        text = add_stakeholder(target.read_text("utf-8"), stakeholder)
    except (ScaffoldError, UnicodeDecodeError) as exc:
        raise click.UsageError(str(exc)) from exc
    _check_and_write(target, text, slug, language)


def _portal_contact(given: dict[str, Any], city: str, language: str) -> PortalContact:
    """The footer and channels of a new portal: the options given; on a terminal, asked for
    each one not given (an empty answer leaves a channel out); elsewhere the defaults."""
    t = Translator(language)
    defaults = {"operator": t("scaffold.operator_default", city=city), "complaints_url": LAPOR,
                "complaints_name": "SP4N-LAPOR!", "privacy": "privacy.md", "accessibility": "accessibility.md"}
    values: dict[str, Any] = {}
    for name, check in CONTACT_OPTIONS:
        value = given.get(name)
        if value is None and sys.stdin.isatty():
            while True:
                value = click.prompt(t(f"scaffold.ask_{name}"), default=defaults.get(name, ""), show_default=True)
                problem = check(value) if value and check else None
                if not problem:
                    break
                click.echo(problem, err=True)
        elif value is None:
            value = defaults.get(name, "")
        elif check and (problem := check(value)):
            raise click.BadParameter(problem, param_hint=f"--{name.replace('_', '-')}")
        values[name] = value or None
    days = values["response_days"]
    if days is not None and not (str(days).isdigit() and 1 <= int(days) <= 365):
        raise click.BadParameter("a whole number of working days from 1 to 365", param_hint="--response-days")
    return PortalContact(**{**values, "response_days": int(days) if days else None})


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--site-name", default="Portal Ko-kreasi", show_default=True, help="The portal's name.")
@click.option("--city", default="Kota Contoh", show_default=True, help="The city the portal serves.")
@click.option("--site-url", default="https://example.github.io/portal/", show_default=True,
              help="Where the portal will be published.")
@click.option("--repo-url", default="https://github.com/example/portal", show_default=True,
              help="The portal's GitHub repository.")
@click.option("--maintainer", default="@portal-maintainers", show_default=True,
              help="GitHub user or team that maintains the portal.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="id", show_default=True, help="The portal's language.")
@click.option("--operator", help="Who runs the portal, the city office (the footer); default: Pemerintah CITY.")
@click.option("--email", help="The office's email address, e.g. portal@kota.go.id (never a person's).")
@click.option("--whatsapp", help='The office\'s WhatsApp number in international form, e.g. "+62 812 3456 7890".')
@click.option("--office-address", help="The office where residents may come.")
@click.option("--office-hours", help="Its opening hours.")
@click.option("--complaints-url", help=f"A national complaints service; default: {LAPOR}.")
@click.option("--complaints-name", help="Its name; default: SP4N-LAPOR!.")
@click.option("--response-days", help="How many working days the city takes to answer a message.")
@click.option("--privacy", help="The privacy notice: a page of content/ or an https address; default: "
                                "privacy.md, which init writes.")
@click.option("--accessibility", help="The accessibility statement: a page of content/ or an https address; "
                                      "default: accessibility.md, which init writes.")
@pin_options
def init(directory: Path, site_name: str, city: str, site_url: str, repo_url: str, maintainer: str, lang: str,
         cocreate_wheel: Path | None, cocreate_git: str | None, **contact: str | None) -> None:
    """Create a new portal repository for another city in DIRECTORY.

    It holds mkdocs.yml, content/, projects/ with one example project, the GitHub
    workflows, CODEOWNERS and a README, and validates and builds on the first try. Its
    workflows install the cocreate you run: the release, pinned by the hash of its wheel,
    or a commit of cocreate's repository (--cocreate-git). On a terminal it asks for the
    footer and the city's channels the options do not give (an empty answer leaves a
    channel out). Then it prints the branch protection `main` needs on GitHub for the
    checks to bind anyone.
    """
    if directory.exists() and any(directory.iterdir()):
        raise click.UsageError(f"{directory} is not empty")
    pin = resolve(cocreate_wheel, cocreate_git)
    portal_contact = _portal_contact(contact, city, lang)
    try:
        written = init_portal(directory, site_name=site_name, site_url=site_url, repo_url=repo_url,
                              city=city, language=lang, maintainer=maintainer, pin=pin, contact=portal_contact)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"created {len(written)} files in {directory}; its workflows install {pin.describe()}\n")
    click.echo(instructions(lang))
