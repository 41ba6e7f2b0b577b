"""The plugin's configuration: which language is the portal's. (Every option is documented,
with its default and its one description: tests/docs/test_site.py.)"""

from __future__ import annotations

from cocreate.mkdocs_plugin.config import CocreateConfig


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
    assert portal_language(one, "en") == "en"
    assert portal_language(one, None) == "id"
