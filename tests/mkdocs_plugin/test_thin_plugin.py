"""plugin.py stays a thin adapter (issue 28): at most 250 lines, nothing but MkDocs' event
handlers, in the order MkDocs fires them, and private helpers under one banner after them.

The order is not written here: it is recorded from MkDocs itself, serving and building a
one-page site whose hook notes every event MkDocs fires (`mkdocs.plugins.EVENTS` lists them
by kind, not in the order they come).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.plugins import EVENTS

import cocreate.mkdocs_plugin.plugin as plugin_module

PLUGIN = Path(plugin_module.__file__)
MOST_LINES = 250

HOOK = """
from pathlib import Path
from mkdocs.plugins import EVENTS

NOTES = Path(__file__).with_name("events.txt")


class Stop(Exception):
    pass


def _handler(event):
    def handle(*args, **kwargs):
        with NOTES.open("a", encoding="utf-8") as notes:
            notes.write(event + "\\n")
        if event == {stop!r}:
            if event == "serve":
                args[0].server_close()  # never started: its socket closed
            raise Stop(event)
    return handle


for _event in EVENTS:
    globals()["on_" + _event] = _handler(_event)
"""


def fired(folder: Path, stop: str) -> list[str]:
    """The events MkDocs fires for a one-page site, in order, each once, until a hook raises
    at `stop` (serving: `serve`, after the first build; building: any event)."""
    folder.mkdir()
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# A page\n", "utf-8")
    (folder / "hook.py").write_text(HOOK.format(stop=stop), "utf-8")
    (folder / "mkdocs.yml").write_text("site_name: Events\ntheme: mkdocs\nhooks: [hook.py]\n", "utf-8")
    def run() -> None:
        if stop == "serve":
            serve(str(folder / "mkdocs.yml"), livereload=True)
        else:
            build(load_config(str(folder / "mkdocs.yml"), site_dir=str(folder / "site")))

    with pytest.raises(Exception, match=stop):
        run()
    return list(dict.fromkeys((folder / "events.txt").read_text("utf-8").split()))


@pytest.fixture(scope="module")
def firing_order(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every event in the order MkDocs fires it: `mkdocs serve` (startup, one build, serve,
    shutdown), with `build_error` where a build that fails at its end fires it."""
    served = fired(tmp_path_factory.mktemp("events") / "served", "serve")
    failed = fired(tmp_path_factory.mktemp("events") / "failed", "post_build")
    order = list(served)
    for before, event in zip(failed, failed[1:], strict=False):
        if event not in order:
            order.insert(order.index(before) + 1, event)
    return order


def methods() -> list[ast.FunctionDef]:
    tree = ast.parse(PLUGIN.read_text("utf-8"))
    (plugin,) = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "CocreatePlugin"]
    return [node for node in plugin.body if isinstance(node, ast.FunctionDef)]


def test_mkdocs_fires_the_events_in_the_order_recorded(firing_order: list[str]) -> None:
    assert set(firing_order) == set(EVENTS)
    # what the test stands on: a page is read before the theme's environment is made, and
    # each page is written after it
    assert firing_order.index("page_content") < firing_order.index("env") < firing_order.index("page_context")
    assert firing_order.index("post_build") < firing_order.index("build_error") < firing_order.index("serve")


def test_the_handlers_are_in_the_order_mkdocs_fires_them(firing_order: list[str]) -> None:
    handlers = [node.name.removeprefix("on_") for node in methods() if node.name.startswith("on_")]
    assert handlers, "plugin.py handles no event"
    unknown = [name for name in handlers if name not in firing_order]
    assert not unknown, f"plugin.py handles events MkDocs does not fire: {unknown}"
    assert handlers == [event for event in firing_order if event in handlers]


def test_the_plugin_has_only_handlers_then_private_helpers_under_one_banner() -> None:
    names = [node.name for node in methods()]
    assert names[0] == "__init__"
    handlers = [name for name in names[1:] if name.startswith("on_")]
    helpers = names[1 + len(handlers):]
    assert names[1:] == handlers + helpers, "a helper stands between the handlers"
    assert all(name.startswith("_") for name in helpers), f"public methods that are not handlers: {helpers}"
    lines = PLUGIN.read_text("utf-8").splitlines()
    first_helper = next(node for node in methods() if node.name == helpers[0]) if helpers else None
    if first_helper is not None:
        start = min([first_helper.lineno, *(d.lineno for d in first_helper.decorator_list)])
        assert lines[start - 2].strip().startswith("# --"), "the helpers are not under a banner"
        assert sum(line.strip().startswith("# --") for line in lines) == 1


def test_the_plugin_is_short() -> None:
    lines = len(PLUGIN.read_text("utf-8").splitlines())
    assert lines <= MOST_LINES, f"plugin.py has {lines} lines: hand the work to build/, portal/ or a module beside it"
