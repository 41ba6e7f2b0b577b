"""Every option of the plugin is documented in the README, with its default (as datasette
checks that every option is documented)."""

from __future__ import annotations

import re

from cocreate.mkdocs_plugin.config import CocreateConfig
from helpers import ROOT


def documented() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Configuring a portal"):readme.index("## Repository layout")]
    return dict(re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|", section, re.MULTILINE))


def test_every_option_is_documented_and_nothing_else() -> None:
    assert set(documented()) == {name for name, _ in CocreateConfig._schema}


def test_the_documented_defaults_are_the_defaults() -> None:
    rows = documented()
    for name, option in CocreateConfig._schema:
        if option.default not in (None, []):
            assert rows[name].strip() == f"`{option.default}`", name


def test_the_first_of_languages_is_the_portal_s_language() -> None:
    from cocreate.mkdocs_plugin.config import portal_language

    config = CocreateConfig()
    config.load_dict({"languages": ["en", "id"]})
    errors, _ = config.validate()
    assert not errors
    assert portal_language(config, "id") == "en"  # the command line says what the build's main tree says
    one = CocreateConfig()
    one.load_dict({})
    one.validate()
    assert portal_language(one, "en") == "en" and portal_language(one, None) == "id"
