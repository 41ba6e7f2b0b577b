"""Options of the MkDocs plugin, as given under `plugins: - cocreate:` in mkdocs.yml, and
the portal's `Options` made of them and of MkDocs' own (`portal_options`).

Their defaults are the portal's (`cocreate.portal.options.DEFAULTS`); the command line
reads mkdocs.yml through this class too, so both see the same values.

What each option means is written once, in the docstring under it: the documentation's
table of options is made from these docstrings (`docs/hooks.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from cocreate.portal import channels
from cocreate.portal.channels import Channels, Footer, FooterFacts, text_of
from cocreate.portal.options import DEFAULTS, Options, build_day
from cocreate.portal.templating import OVERRIDES
from cocreate.standard.vocabulary import DEFAULT_LANGUAGE, LANGUAGES


class _TimeZone(c.Type[str]):
    """An IANA time zone name that this system's zoneinfo knows."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            ZoneInfo(name)
        except (ValueError, ZoneInfoNotFoundError):
            raise c.ValidationError(f"{name!r} is not a time zone (an IANA name, such as Asia/Jakarta)") from None
        return name


class _Checked(c.BaseConfigOption[Any]):
    """A value whose format `check` judges (portal/channels.py): a configuration error that
    says what is wrong and how to write it."""

    def __init__(self, kind: type | tuple[type, ...], check: Callable[[Any], str | None]) -> None:
        super().__init__()
        self._kind, self._check = kind, check

    def run_validation(self, value: object) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and self._kind is str:
            value = str(value)  # a number written without quotes: +62... would be read as one
        if not isinstance(value, self._kind):
            raise c.ValidationError(f"{value!r} is not a text: write it in quotes")
        problem = self._check(value)
        if problem:
            raise c.ValidationError(problem)
        return value


def _text(value: Any) -> str | None:
    return channels.text_problem(value, LANGUAGES)


class _Days(c.BaseConfigOption[int]):
    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 365:
            raise c.ValidationError(f"{value!r} is not a number of days: write how many working days the city "
                                    "takes to answer, a whole number from 1 to 365 (e.g. 14)")
        return value


class _Section(c.SubConfig[base.Config]):
    """A group of options (`channels:`, `footer:`), None when mkdocs.yml leaves it out."""

    def __init__(self, config_class: type[base.Config]) -> None:
        super().__init__(config_class)
        self.config_class = config_class
        self.default = None

    def run_validation(self, value: object) -> Any:
        return None if value is None else super().run_validation(value)


class ChannelsConfig(base.Config):
    """The city's official channels (`channels:`), never a person's."""

    email = c.Optional(_Checked(str, channels.email_problem))
    """The office's email address (`portal@kota.go.id`), never a person's."""
    whatsapp = c.Optional(_Checked(str, channels.whatsapp_problem))
    """The office's WhatsApp number in international form (`"+62 812 3456 7890"`)."""
    office_address = c.Optional(_Checked((str, dict), _text))
    """The office where residents may come, one text or one per language."""
    office_hours = c.Optional(_Checked((str, dict), _text))
    """Its opening hours, one text or one per language."""
    complaints = c.Optional(_Checked(str, channels.https_problem))
    """A national complaints service (`https://www.lapor.go.id`)."""
    complaints_name = c.Optional(c.Type(str))
    """Its name (`SP4N-LAPOR!`); by default its address's host."""
    response_days = c.Optional(_Days())
    """How many working days the city takes to answer a message."""


class FooterConfig(base.Config):
    """What every page's footer says (`footer:`), besides the channels and the data."""

    operator = c.Optional(_Checked((str, dict), _text))
    """Who runs the portal, the city office; one text or one per language."""
    privacy = c.Optional(_Checked(str, channels.page_problem))
    """The privacy notice: a page of the docs folder (`privacy.md`) or an https address."""
    accessibility = c.Optional(_Checked(str, channels.page_problem))
    """The accessibility statement: a page of the docs folder or an https address."""


class CocreateConfig(base.Config):
    """Typed options of the `cocreate` plugin."""

    projects_dir = c.Type(str, default=DEFAULTS.projects_folder)
    """The projects folder, relative to mkdocs.yml (it may be nested: `data/projects`)."""

    language = c.Optional(c.Choice(LANGUAGES))
    """The portal's language (`id` or `en`); by default the theme's `language`, else `id`."""

    languages = c.ListOfItems(c.Choice(LANGUAGES), default=[])
    """The portal's languages when it is published in more than one (`[id, en]`): the
    first is its main language, at the site's root, each further one in a folder of its
    own (`en/`), all from one build; by default one language (`language`)."""

    site_name = c.DictOfItems(c.Type(str), default={})
    """The site's name in the portal's further languages (`{en: Sukamaju City Co-creation
    Portal}`), for the pages, feeds and previews of those languages; MkDocs' `site_name` is
    the name in the main language, and a language without one here keeps it."""

    repo_url = c.Optional(c.Type(str))
    """Repository for "edit this project" links; defaults to the site's `repo_url`."""

    country = c.Optional(c.Type(str))
    """The portal's country, an ISO 3166-1 alpha-2 code (`ID`): a project's country when it
    names none, and not repeated on the pages of projects in it."""

    required_languages = c.ListOfItems(c.Choice(LANGUAGES), default=[])
    """Languages every multilingual text must have (`[id, en]`); by default none: a text in
    one language is valid, shown in it and marked as such, and never fails a build."""

    maintainers = c.ListOfItems(c.Type(str), default=[])
    """The portal's maintainers (GitHub users, or teams as `@org/team`): they own everything
    that is not a project (CODEOWNERS) and may change any project."""

    branch = c.Type(str, default=DEFAULTS.branch)
    """Branch that edit links open."""

    data_license = c.Type(str, default=DEFAULTS.data_license)
    """SPDX licence of the portal's open data (the data package)."""

    page_size = c.Type(int, default=DEFAULTS.page_size)
    """Projects per page of the catalogue and of the open calls (organisations per page of a
    stakeholder category: twice as many). Long pages: each page repeats the header,
    navigation and footer around its list (about 12 KB), which a portal of thousands of
    projects would otherwise publish on thousands of pages."""

    facet_page_size = c.Type(int, default=DEFAULTS.facet_page_size)
    """Projects per page of a facet list (one list per phase, kind, tag...; every project is
    in a dozen of them, each entry one line under its title)."""

    timezone = _TimeZone(default=DEFAULTS.timezone)
    """The portal's time zone, an IANA name (`Asia/Jakarta`, `Asia/Makassar`, `Asia/Jayapura`):
    "today" is the day it is there, for `cocreate validate` (no date may be after today), the
    proposal form (the first timeline entry, the day a call opens) and which open calls are
    open."""

    site_size_limit = c.Type(int, default=DEFAULTS.site_size_limit)
    """Largest site the build publishes, in MB: a larger one fails the build and the site
    stays as it was (GitHub Pages publishes sites of at most 1 GB); 0 for no limit."""

    channels = _Section(ChannelsConfig)
    """The city's official channels to take part without a GitHub account, below: every form
    that opens GitHub offers each of them too (the documentation's "Channels, the footer,
    and taking part")."""

    footer = _Section(FooterConfig)
    """What every page's footer says, below: who runs the portal, its privacy notice and
    accessibility statement; a build warns when one is left out."""


def portal_language(config: CocreateConfig, theme_language: Any) -> str:
    """The portal's (main) language: the first of the plugin's `languages`, else its
    `language`, else the theme's, else Bahasa Indonesia."""
    for language in (*config.languages[:1], config.language, theme_language):
        if language in LANGUAGES:
            return str(language)
    return DEFAULT_LANGUAGE


def portal_languages(config: CocreateConfig, theme_language: Any) -> tuple[str, ...]:
    """The portal's languages, the main one (`portal_language`) first; one unless `languages`
    names more. Raises PluginError when `language` or `site_name` disagrees with them."""
    languages = tuple(dict.fromkeys(config.languages))
    if len(languages) > 1 and config.language is not None and config.language != languages[0]:
        raise PluginError(f"cocreate: `language: {config.language}` and `languages: {list(languages)}` "
                          "disagree: the first of `languages` is the portal's main language")
    languages = languages if len(languages) > 1 else (portal_language(config, theme_language),)
    unknown = sorted(set(config.site_name) - set(languages))
    if unknown:
        raise PluginError(f"cocreate: `site_name` names the site in {', '.join(unknown)}, which is not one of "
                          f"the portal's languages ({', '.join(languages)}): remove it, or add the "
                          "language to `languages`")
    return languages


def portal_options(config: CocreateConfig, mkdocs: MkDocsConfig, languages: tuple[str, ...],
                   projects_folder: str) -> Options:
    """The portal's options in its main language (the first of `languages`), from the
    plugin's options and MkDocs' (`projects_folder`: as the repository names it). The site's
    name in each language (`site_names`) is the plugin's `site_name` for it, else MkDocs'."""
    overrides = Path(mkdocs.theme.custom_dir or "") / OVERRIDES
    return Options(language=languages[0], page_size=max(1, config.page_size),
                   facet_page_size=max(1, config.facet_page_size),
                   repo_url=config.repo_url or mkdocs.repo_url, branch=config.branch,
                   directory_urls=mkdocs.use_directory_urls, projects_folder=projects_folder,
                   site_url=mkdocs.site_url or "", site_name=mkdocs.site_name,
                   site_names=tuple((language, str(config.site_name.get(language) or mkdocs.site_name))
                                    for language in languages),
                   data_license=config.data_license, country=config.country,
                   required_languages=tuple(config.required_languages),
                   languages=languages if len(languages) > 1 else (),
                   channels=channels_of(config), footer=footer_of(config),
                   template_dirs=(str(overrides),) if mkdocs.theme.custom_dir and overrides.is_dir() else (),
                   timezone=config.timezone, today=build_day(config.timezone))


def channels_of(config: CocreateConfig) -> Channels:
    """The portal's channels, as the portal takes them."""
    given = cast("ChannelsConfig | None", config.channels)
    if given is None:
        return Channels()
    return Channels(email=given.email, whatsapp=given.whatsapp, office_address=text_of(given.office_address),
                    office_hours=text_of(given.office_hours), complaints=given.complaints,
                    complaints_name=given.complaints_name, response_days=given.response_days)


def footer_of(config: CocreateConfig) -> Footer:
    """What the portal's footer says of who runs it."""
    given = cast("FooterConfig | None", config.footer)
    if given is None:
        return Footer()
    return Footer(operator=text_of(given.operator), privacy=given.privacy, accessibility=given.accessibility)


def footer_facts(config: CocreateConfig, data_date: str | None, files: Files, in_tree: Callable[[str], str],
                 docs: str) -> FooterFacts:
    """What the footer says in one language: its pages (privacy notice, accessibility
    statement) in that language's tree (`in_tree`: a page of the main tree's path there),
    else an https address as configured; `data_date`: the projects' last change."""
    footer = footer_of(config)

    def href(option: str, value: str | None) -> str | None:
        if not value or value.startswith("https://"):
            return value
        file = files.get_file_from_path(in_tree(value))
        if file is None or file.page is None:
            raise PluginError(f"cocreate: footer: {option}: {value} is not a page of the docs folder "
                              f"({docs}/{value}): write the page, or give an https address")
        return file.url

    return FooterFacts(footer, channels_of(config), config.data_license, data_date,
                       href("privacy", footer.privacy), href("accessibility", footer.accessibility))
