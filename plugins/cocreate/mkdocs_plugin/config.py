"""Options of the MkDocs plugin, as given under `plugins: - cocreate:` in mkdocs.yml.

Their defaults are the portal's (`cocreate.portal.options.DEFAULTS`); the command line
reads mkdocs.yml through this class too, so both see the same values.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from cocreate.portal.options import DEFAULTS
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


class CocreateConfig(base.Config):
    """Typed options of the `cocreate` plugin."""

    projects_dir = c.Type(str, default=DEFAULTS.projects_folder)
    """The projects folder, relative to mkdocs.yml."""

    language = c.Optional(c.Choice(LANGUAGES))
    """Language of the portal's text; defaults to `theme.language`, else `id`."""

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
    names none."""

    required_languages = c.ListOfItems(c.Choice(LANGUAGES), default=[])
    """Languages every multilingual text must have (`[id, en]`); by default none: a text in
    one language is valid, shown in it and marked as such, and never fails a build."""

    maintainers = c.ListOfItems(c.Type(str), default=[])
    """The portal's maintainers (GitHub users or teams): they own everything that is not a
    project (CODEOWNERS) and may change any project."""

    branch = c.Type(str, default=DEFAULTS.branch)
    """Branch that edit links open."""

    data_license = c.Type(str, default=DEFAULTS.data_license)
    """SPDX licence of the portal's open data (the data package)."""

    page_size = c.Type(int, default=DEFAULTS.page_size)
    """Projects per page of the catalogue."""

    facet_page_size = c.Type(int, default=DEFAULTS.facet_page_size)
    """Projects per page of a facet list (one list per phase, kind, tag...)."""

    timezone = _TimeZone(default=DEFAULTS.timezone)
    """The portal's time zone, an IANA name (`Asia/Jakarta`, `Asia/Makassar`, `Asia/Jayapura`):
    "today" is the day it is there, for `cocreate validate` (no date after today), the
    proposal form (the first timeline entry, the day a call opens) and open calls."""

    site_size_limit = c.Type(int, default=DEFAULTS.site_size_limit)
    """Largest site the build publishes, in MB: a larger one fails the build and the site
    stays as it was (GitHub Pages publishes sites of at most 1 GB); 0 for no limit."""


def portal_language(config: CocreateConfig, theme_language: Any) -> str:
    """The portal's (main) language: the first of the plugin's `languages`, else its
    `language`, else the theme's, else Bahasa Indonesia."""
    for language in (*config.languages[:1], config.language, theme_language):
        if language in LANGUAGES:
            return str(language)
    return DEFAULT_LANGUAGE
