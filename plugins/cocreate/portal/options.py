"""The portal's settings, and the one home of their defaults.

The MkDocs plugin's configuration (`plugins: - cocreate:` in mkdocs.yml) takes its
defaults from `DEFAULTS`, and the command line reads mkdocs.yml through that same
configuration: a default is written here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field, replace

from cocreate.git.history import latest_time
from cocreate.portal.channels import Channels, Footer
from cocreate.portal.urls import Urls
from cocreate.portal.urls import tree as language_tree
from cocreate.standard.dates import today_in
from cocreate.standard.vocabulary import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Options:
    """What the portal needs to know from its configuration.

    A field named as an option of the plugin (`page_size`, `branch`, `timezone`...; the
    option `projects_dir` is `projects_folder`) holds that option's value: what it means is
    written once, under the option in `mkdocs_plugin/config.py`. Only the fields that are
    not options, or mean something more here, are described below."""

    language: str = DEFAULT_LANGUAGE
    """The language of this tree of pages: the portal's (main) language, or in a portal of
    several languages, the further language whose pages these options make."""
    languages: tuple[str, ...] = ()
    page_size: int = 48
    facet_page_size: int = 192
    repo_url: str | None = None
    branch: str = "main"
    directory_urls: bool = True
    """MkDocs' `use_directory_urls`: pages at `name/` rather than `name.html`."""
    projects_folder: str = "projects"
    site_url: str = ""
    """The portal's public address (ends with /), for feeds; empty when unknown."""
    site_name: str = ""
    """The site's name in `language`."""
    site_names: tuple[tuple[str, str], ...] = ()
    """The site's name in each of its languages that has one of its own: (language, name)."""
    country: str | None = None
    required_languages: tuple[str, ...] = ()
    data_license: str = "CC-BY-4.0"
    site_size_limit: int = 1024
    timezone: str = "Asia/Jakarta"
    channels: Channels = Channels()
    footer: Footer = Footer()
    template_dirs: tuple[str, ...] = field(default=())
    """Folders whose templates replace cocreate's own of the same name (a theme's
    `custom_dir/cocreate/`), first found wins."""
    today: dt.date | None = None
    """The day of the build, which decides which open calls are still open; None: the
    day `build_day` gives (resolved when the plugin makes its options, so that every
    worker and page of one build sees the same day)."""

    def in_language(self, language: str) -> Options:
        """The same portal's options for its pages in `language`: its name in that language."""
        return replace(self, language=language, site_name=dict(self.site_names).get(language, self.site_name))

    @property
    def day(self) -> dt.date:
        return self.today or build_day(self.timezone)

    @property
    def urls(self) -> Urls:
        return Urls(self.directory_urls, self.site_url, self.repo_url, self.branch,
                    language_tree(self.language, self.languages[0]) if self.languages else "")


def build_day(timezone: str = Options.timezone) -> dt.date:
    """The day of the build in the portal's time zone: the day of `SOURCE_DATE_EPOCH` when it
    is set, so that a build can be repeated (the same calls are open), else today."""
    return today_in(timezone, latest_time())


def validation_day(timezone: str = Options.timezone) -> dt.date:
    """The day no date of a project may be after (`date-in-future`): today in the portal's time
    zone, now, or at `SOURCE_DATE_EPOCH` when that is later (a build dated ahead)."""
    return today_in(timezone, max(time.time(), latest_time()))


DEFAULTS = Options()
