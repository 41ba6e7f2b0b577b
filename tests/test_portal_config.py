"""Reading the portal's mkdocs.yml for the command line: language and projects folder."""

from __future__ import annotations

from pathlib import Path

from cocreate import portal_config as portal


def test_language_and_folder_from_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material, language: en}\nplugins:\n  - search\n  - cocreate:\n      projects_dir: p\n"
        "extra_css: !ENV [X, y]\n", "utf-8")
    (tmp_path / "sub").mkdir()
    root = portal.find_root(tmp_path / "sub")
    assert root == tmp_path.resolve()
    config = portal.read_config(root)
    assert portal.portal_language(config) == "en"
    assert portal.projects_dir(root, config) == tmp_path.resolve() / "p"


def test_plugin_language_wins_and_defaults(tmp_path: Path) -> None:
    assert portal.portal_language({"theme": {"language": "en"}, "plugins": [{"cocreate": {"language": "id"}}]}) == "id"
    assert portal.portal_language({"theme": {"language": "fr"}}) == "id"
    assert portal.portal_language({}) == "id"


def test_broken_config_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", "utf-8")
    assert portal.read_config(tmp_path) == {}
    assert portal.read_config(None) == {}
