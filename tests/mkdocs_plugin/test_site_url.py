"""`site_url` is checked as an http(s) address when the configuration is loaded (issue 27):
a quote in it reached Material's canonical link unescaped. Real builds and real CLI runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort, PluginError

from cocreate.cli import cli
from helpers import DEMO_DAY, build, make_portal


@pytest.mark.parametrize("url", ['https://kota.example/"><script>alert(1)</script>', "https://kota.example/a'b/",
                                 "javascript:alert(1)", "ftp://kota.example/", "https://kota example/",
                                 "https://kota.example/?q=1"])
def test_a_site_url_that_is_not_an_address_stops_the_build(tmp_path: Path, url: str) -> None:
    config = make_portal(tmp_path / "portal", projects=None)
    text = config.read_text("utf-8").replace("site_url: https://cocreate.example/", f"site_url: '{url.replace(chr(39), chr(39) * 2)}'")
    config.write_text(text, "utf-8")
    with pytest.raises((PluginError, Abort)):
        build(config, DEMO_DAY)
    assert not (config.parent / "site").exists()


def test_the_command_line_refuses_it_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_portal(tmp_path / "portal", projects=None)
    config.write_text(config.read_text("utf-8").replace("site_url: https://cocreate.example/",
                                                        "site_url: 'https://kota.example/\"x'"), "utf-8")
    monkeypatch.chdir(config.parent)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 2
    assert "site_url" in result.output
    assert "not an http(s) address" in result.output


@pytest.mark.parametrize("url", ["https://kota.example/", "http://localhost:8000/portal/", "https://kota.example/a-b_c~/"])
def test_an_address_builds(tmp_path: Path, url: str) -> None:
    config = make_portal(tmp_path / "portal", projects=None)
    config.write_text(config.read_text("utf-8").replace("site_url: https://cocreate.example/", f"site_url: {url}"),
                      "utf-8")
    site = build(config, DEMO_DAY)
    assert f'<link rel="canonical" href="{url}' in (site / "index.html").read_text("utf-8")
