"""What the command line needs to know of the portal around it: its folder and language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cocreate.messages import DEFAULT_LANGUAGE, LANGUAGES

CONFIG_FILE = "mkdocs.yml"
DEFAULT_PROJECTS_DIR = "projects"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the `!!python/name:` and `!ENV` tags MkDocs sites use."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` that holds mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def read_config(root: Path | None) -> dict[str, Any]:
    """mkdocs.yml as data, or an empty dict when it is missing or unreadable."""
    if root is None:
        return {}
    try:
        return parse_config((root / CONFIG_FILE).read_bytes())
    except OSError:
        return {}


def parse_config(raw: bytes) -> dict[str, Any]:
    """mkdocs.yml's content as data, or an empty dict when it cannot be read."""
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_ConfigLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def portal_maintainers(config: dict[str, Any]) -> list[str]:
    """The portal's maintainers: `maintainers` of the cocreate plugin."""
    value = plugin_options(config).get("maintainers") or []
    return [str(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options given to the cocreate plugin in mkdocs.yml."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("cocreate"), dict):
            return entry["cocreate"]
    return {}


def portal_language(config: dict[str, Any]) -> str:
    """The portal's language: the plugin's `language`, else the theme's, else Bahasa Indonesia."""
    theme = config.get("theme")
    candidates = [plugin_options(config).get("language"), theme.get("language") if isinstance(theme, dict) else None]
    for language in candidates:
        if language in LANGUAGES:
            return language
    return DEFAULT_LANGUAGE


def projects_dir(root: Path | None, config: dict[str, Any]) -> Path:
    """The projects folder: the plugin's `projects_dir` option, else `projects/`."""
    base = root or Path.cwd()
    return base / str(plugin_options(config).get("projects_dir", DEFAULT_PROJECTS_DIR))


def folder_name(root: Path, projects: Path, default: str = "projects") -> str:
    """The projects folder as the repository names it (`projects`, `data/projects`), for
    edit links and git; `default` when it lies outside the repository."""
    return projects.relative_to(root).as_posix() if projects.is_relative_to(root) else default

