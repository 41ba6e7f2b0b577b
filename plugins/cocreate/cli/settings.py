"""What the command line knows of the portal around it, read from its mkdocs.yml through the
MkDocs plugin's own configuration (`CocreateConfig`): the same options, the same defaults,
the same checks as a build."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import yaml

from cocreate.mkdocs_plugin.config import CocreateConfig, portal_language
from cocreate.portal.options import validation_day
from cocreate.portal.urls import site_url_problem
from cocreate.standard.paths import PROJECT_FILE, folder_name

CONFIG_FILE = "mkdocs.yml"


class SettingsError(ValueError):
    """mkdocs.yml gives the cocreate plugin an option it cannot take; the message says which."""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the `!!python/name:` and `!ENV` tags MkDocs sites use."""


_ConfigLoader.add_multi_constructor("", lambda _loader, _suffix, _node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None)


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` that holds mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def parse_config(raw: bytes) -> dict[str, Any]:
    """mkdocs.yml's content as data, or an empty dict when it cannot be read."""
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader whose tags give None
    except (UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("cocreate"), dict):
            return dict(entry["cocreate"])
    return {}


@dataclass(frozen=True)
class Settings:
    """A portal's settings: mkdocs.yml as data, and the cocreate plugin's options as the
    plugin itself reads them."""

    root: Path | None
    """The folder of mkdocs.yml (None: there is none)."""
    config: dict[str, Any] = field(default_factory=dict)
    plugin: CocreateConfig = field(default_factory=CocreateConfig)

    @classmethod
    def parse(cls, raw: bytes, root: Path | None = None) -> Settings:
        """Settings from mkdocs.yml's content; SettingsError when an option is wrong."""
        config = parse_config(raw)
        plugin = CocreateConfig()
        plugin.load_dict(_plugin_options(config))
        errors, _ = plugin.validate()
        site_url = config.get("site_url")
        if (problem := site_url_problem(site_url if isinstance(site_url, str) else None)) is not None:
            raise SettingsError(f"{CONFIG_FILE}: {problem}")
        if errors:
            raise SettingsError("; ".join(f"{CONFIG_FILE}: plugin cocreate, option {name}: {error}"
                                          for name, error in errors))
        return cls(root, config, plugin)

    @classmethod
    def read(cls, root: Path | None) -> Settings:
        """The settings of the portal at `root`; the defaults where there is no mkdocs.yml."""
        try:
            raw = (root / CONFIG_FILE).read_bytes() if root is not None else b""
        except OSError:
            raw = b""
        return cls.parse(raw, root)

    @property
    def language(self) -> str:
        theme = self.config.get("theme")
        return portal_language(self.plugin, theme.get("language") if isinstance(theme, dict) else None)

    @property
    def today(self) -> dt.date:
        """Today in the portal's time zone (`timezone`): no date of a project may be after it
        (`portal.options.validation_day`, as in a build)."""
        return validation_day(self.plugin.timezone)

    @property
    def maintainers(self) -> list[str]:
        """The portal's maintainers: `maintainers` of the cocreate plugin."""
        return list(self.plugin.maintainers)

    @property
    def projects_dir(self) -> Path:
        """The projects folder, on disk."""
        return (self.root or Path.cwd()) / self.plugin.projects_dir

    def project_file(self, slug: str) -> Path:
        """The project file of `slug`; a usage error when the portal has none."""
        target = self.projects_dir / slug / PROJECT_FILE
        if not target.is_file():
            raise click.UsageError(f"no project file at {target}")
        return target

    @property
    def folder(self) -> str:
        """The projects folder as the repository names it (`projects`, `data/projects`)."""
        return folder_name(self.root or Path.cwd(), self.projects_dir, self.plugin.projects_dir)


def current(start: Path | None = None) -> Settings:
    """The settings of the portal the command runs in (mkdocs.yml here or above); a wrong
    option in it is a usage error, said in one line."""
    try:
        return Settings.read(find_root(start))
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc
