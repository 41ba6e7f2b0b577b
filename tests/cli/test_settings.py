"""Reading the portal's mkdocs.yml for the command line, through the plugin's own configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.cli.settings import Settings, SettingsError, find_root
from cocreate.mkdocs_plugin.config import CocreateConfig
from cocreate.portal.options import DEFAULTS


def test_language_and_folder_from_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material, language: en}\nplugins:\n  - search\n  - cocreate:\n      projects_dir: p\n"
        "extra_css: !ENV [X, y]\n", "utf-8")
    (tmp_path / "sub").mkdir()
    root = find_root(tmp_path / "sub")
    assert root == tmp_path.resolve()
    settings = Settings.read(root)
    assert settings.language == "en"
    assert settings.projects_dir == tmp_path.resolve() / "p"
    assert settings.folder == "p"


def test_plugin_language_wins_and_defaults() -> None:
    def language(raw: str) -> str:
        return Settings.parse(raw.encode()).language

    assert language("theme: {language: en}\nplugins: [{cocreate: {language: id}}]\n") == "id"
    assert language("theme: {language: fr}\n") == "id"
    assert language("") == "id"


def test_the_defaults_are_the_plugin_s() -> None:
    settings = Settings.read(None)
    assert settings.plugin.projects_dir == DEFAULTS.projects_folder == "projects"
    assert settings.plugin.page_size == DEFAULTS.page_size
    assert settings.maintainers == []
    for name, option in CocreateConfig._schema:  # every option of the plugin has its default in one place
        default = option.default
        if name in ("projects_dir", "branch", "data_license", "page_size", "facet_page_size"):
            assert default == getattr(DEFAULTS, "projects_folder" if name == "projects_dir" else name), name


def test_a_broken_mkdocs_yml_reads_as_empty_and_a_wrong_option_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", "utf-8")
    assert Settings.read(tmp_path).config == {}
    assert Settings.read(None).config == {}
    with pytest.raises(SettingsError, match="page_size"):
        Settings.parse(b"plugins:\n  - cocreate:\n      page_size: many\n")
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - cocreate:\n      projects_dir: [a]\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 2
    assert "option projects_dir" in result.output
    assert "Traceback" not in result.output
