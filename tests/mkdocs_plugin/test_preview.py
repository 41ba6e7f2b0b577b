"""The preview (`mkdocs serve`): a save validates and renders only what changed, and the site
it serves is, byte for byte, the site a clean build of the same files makes (the search
index included, once it has followed).

Real runs: a real `mkdocs serve` process on a real git repository, polled over HTTP until
the page changes; and MkDocs' own build called as `mkdocs serve` calls it, once per save,
the plugin kept between builds as MkDocs keeps it.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from cocreate.build.preview import PreviewState
from cocreate.mkdocs_plugin.plugin import CocreatePlugin
from gitutil import commit_all, init_repo
from helpers import DEMO_DAY, epoch, make_portal

SLUG = "bank-sampah-berseri"
"""A demo project shown in the catalogue's lists."""


def differences(one: Path, other: Path) -> list[str]:
    """Paths that are in one folder and not the other, or differ in content."""
    found: list[str] = []

    def walk(compare: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name} (only one side)" for name in compare.left_only + compare.right_only)
        found.extend(f"{prefix}{name}" for name in compare.diff_files + compare.funny_files)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    filecmp.clear_cache()
    walk(filecmp.dircmp(one, other, ignore=[]), "")
    # dircmp compares by size and time first: compare every common file's bytes
    for path in sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file()):
        if (other / path).is_file() and (one / path).read_bytes() != (other / path).read_bytes():
            found.append(f"{path} (bytes)")
    return sorted(set(found))


def _portal(tmp_path: Path, bilingual: bool = False) -> Path:
    config = make_portal(tmp_path / "portal", bilingual=bilingual)
    init_repo(config.parent)
    commit_all(config.parent, "The demo portal", date="2026-11-01T10:00:00")
    return config


def _edit_summary(portal: Path, slug: str, words: str) -> None:
    path = portal / "projects" / slug / "project.yml"
    text = path.read_text("utf-8")
    assert "\nsummary:\n  id: " in text
    path.write_text(text.replace("\nsummary:\n  id: ", f"\nsummary:\n  id: {words} ", 1), "utf-8")


class Serve:
    """MkDocs' own build, called as `mkdocs serve` calls it on each save: the configuration
    read again, the plugin kept (it has `on_startup`), into one temporary folder."""

    def __init__(self, config_file: Path, site_url: str) -> None:
        self.config_file, self.site_url = config_file, site_url
        self.site = Path(tempfile.mkdtemp(prefix="mkdocs_", dir=config_file.parent))
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=False)
        plugin = config.plugins["cocreate"]
        assert isinstance(plugin, CocreatePlugin)
        self.plugin = plugin

    def _config(self) -> MkDocsConfig:
        config = load_config(str(self.config_file), site_dir=str(self.site))
        config.site_url = self.site_url
        return config

    def __enter__(self) -> Serve:
        return self

    def __exit__(self, *_: object) -> None:
        """The serve is over: MkDocs keeps the plugin for the whole process, and the next
        builds of the test run are `mkdocs build`s."""
        self.preview().site.stop_search()
        self.plugin.on_startup(command="build", dirty=False)

    def save(self) -> Path:
        """One rebuild, as after a save; the site served once its search has followed."""
        mkdocs_build(self._config(), serve_url=self.site_url)
        self.preview().site.wait_search()
        return self.site

    def preview(self) -> PreviewState:
        """What the plugin keeps between the serve's rebuilds."""
        state = self.plugin._preview
        assert state is not None, "mkdocs serve keeps a preview"
        return state


CLEAN = ("import sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
         "build(load_config(sys.argv[1], site_dir=sys.argv[2], site_url=sys.argv[3]))")


def _clean(config_file: Path, site_url: str) -> Path:
    """A clean `mkdocs build` of the same files (in a process of its own: MkDocs keeps a
    plugin with `on_startup` for the whole process), with the address the preview serves at."""
    site = config_file.parent / "site"
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([sys.executable, "-c", CLEAN, str(config_file), str(site), site_url], check=True,
                   cwd=config_file.parent, capture_output=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": epoch(DEMO_DAY), "NO_MKDOCS_2_WARNING": "1"})
    return site


@pytest.fixture
def day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(DEMO_DAY))


@pytest.mark.usefixtures("day")
@pytest.mark.parametrize("bilingual", [False, True], ids=["one language", "two languages"])
def test_each_save_serves_what_a_clean_build_makes(tmp_path: Path, bilingual: bool) -> None:
    config = _portal(tmp_path, bilingual)
    url = "http://127.0.0.1:8000/"
    with Serve(config, url) as serve:
        saves(serve, config, url)


def saves(serve: Serve, config: Path, url: str) -> None:
    """An edit, no change, a project added and one removed: each save's site as a clean build's."""
    portal = config.parent
    assert differences(serve.save(), _clean(config, url)) == []
    preview = serve.preview()
    assert len(preview.validated) == len(list((portal / "projects").iterdir()))

    serve.save()  # nothing changed: nothing validated again, no generated page rendered again
    assert preview.validated == []

    _edit_summary(portal, SLUG, "Ringkasan yang baru disunting.")
    site = serve.save()
    assert preview.validated == [SLUG]
    assert "Ringkasan yang baru disunting." in (site / "projects" / SLUG / "index.html").read_text("utf-8")
    assert "Ringkasan yang baru disunting." in (site / "projects" / "index.html").read_text("utf-8")
    assert differences(site, _clean(config, url)) == []

    # a project removed: its page, feeds and the lists it was in go; a project added
    shutil.copytree(portal / "projects" / SLUG, portal / "projects" / "bank-sampah-baru")
    shutil.rmtree(portal / "projects" / "taman-kota-hijau")
    site = serve.save()
    assert (site / "projects" / "bank-sampah-baru" / "index.html").is_file()
    assert not (site / "projects" / "taman-kota-hijau").exists()
    assert differences(site, _clean(config, url)) == []


EDITS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "summary": (SLUG, (("\nsummary:\n  id: ", "\nsummary:\n  id: Ringkasan di halaman berikutnya. "),)),
    "title": (SLUG, (("\ntitle:\n  id: Bank Sampah", "\ntitle:\n  id: Zona Bank Sampah"),)),  # to the end
    "phase": ("dana-rintisan-sukamaju", (  # the rules want the phase of the latest event of the timeline
        ("\nphase: involvement\n", "\nphase: curation\n"),
        ("phase: involvement\n    activity: co-definition\n    title:\n      id: Rancangan",
         "phase: curation\n    activity: curation\n    title:\n      id: Rancangan"))),
    "tag added": (SLUG, (("tags: [bank-sampah, ", "tags: [bank-sampah, data-terbuka, "),)),  # another's tag
    "tag removed": (SLUG, (("tags: [bank-sampah, daur-ulang, ", "tags: [bank-sampah, "),)),
}
"""Edits of a project that change what lists show: its card, its place in the catalogue's
order, the lists it is in and their counts."""


def _lists(site: Path, kept: dict[str, tuple[object, ...]]) -> dict[str, str]:
    """The generated lists outside the navigation (the pages a preview may leave unrendered), by path."""
    return {uri: (site / uri).read_text("utf-8") for uri, made_of in kept.items() if made_of[0] != "project"}


@pytest.mark.usefixtures("day")
@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_renders_again_only_the_lists_that_show_the_project(tmp_path: Path, edit: str) -> None:
    """Two projects a page: an edit of a project's summary, title, phase or tags renders again
    only the lists that show the project before or after it, or whose content it changes
    (their order, pages or counts); the site is a clean build's, byte for byte."""
    config = _portal(tmp_path)
    config.write_text(config.read_text("utf-8").replace(
        "  - cocreate:\n", "  - cocreate:\n      page_size: 2\n      facet_page_size: 2\n", 1), "utf-8")
    url = "http://127.0.0.1:8000/"
    with Serve(config, url) as serve:
        kept = serve.preview().site
        before = _lists(serve.save(), kept.inputs)
        slug, replacements = EDITS[edit]
        path = config.parent / "projects" / slug / "project.yml"
        text = path.read_text("utf-8")
        for old, new in replacements:
            assert old in text
            text = text.replace(old, new, 1)
        path.write_text(text, "utf-8")

        site = serve.save()
        assert differences(site, _clean(config, url)) == []
        after = _lists(site, kept.inputs)
        link = f"projects/{slug}/"
        shows = {uri for uri, html in (*before.items(), *after.items()) if link in html}
        changed = {uri for uri in after if before.get(uri) != after[uri]}  # or new
        rendered = {uri for uri in kept.rendered if uri in after}
        assert changed <= rendered <= shows | changed
        assert len(rendered) < len(after), (rendered, len(after))

        config.write_text(config.read_text("utf-8").replace("page_size: 2", "page_size: 3", 1), "utf-8")
        site = serve.save()  # the lists are cut anew: every list rendered
        assert set(_lists(site, kept.inputs)) <= set(kept.rendered)
        assert differences(site, _clean(config, url)) == []


@pytest.mark.usefixtures("day")
def test_a_save_that_fails_keeps_the_site_and_the_next_one_serves_it(tmp_path: Path) -> None:
    config = _portal(tmp_path)
    url = "http://127.0.0.1:8000/"
    with Serve(config, url) as serve:
        a_failed_save(serve, config, url)


def a_failed_save(serve: Serve, config: Path, url: str) -> None:
    portal = config.parent
    serve.save()
    path = portal / "projects" / SLUG / "project.yml"
    good = path.read_text("utf-8")
    path.write_text(good.replace("\nphase:", "\nphase: [", 1), "utf-8")  # a save in the middle of an edit
    with pytest.raises(Abort):
        serve.save()
    assert (serve.site / "projects" / SLUG / "index.html").is_file()  # the site served, as it was
    _edit_summary(portal, SLUG, "Diperbaiki.")
    path.write_text(path.read_text("utf-8").replace("\nphase: [", "\nphase:", 1), "utf-8")
    site = serve.save()
    assert "Diperbaiki." in (site / "projects" / SLUG / "index.html").read_text("utf-8")
    assert differences(site, _clean(config, url)) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _until(what: str, check: Callable[[], bool], seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"not seen in {seconds} s: {what}"
        time.sleep(0.2)


def test_a_real_mkdocs_serve_serves_the_saved_project(tmp_path: Path) -> None:
    config = _portal(tmp_path)
    portal, port = config.parent, _free_port()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(DEMO_DAY), "TMPDIR": str(temporary), "NO_MKDOCS_2_WARNING": "1"}
    said: list[str] = []
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                               cwd=portal, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reader = threading.Thread(target=lambda: said.extend(iter(process.stderr.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    page = f"http://127.0.0.1:{port}/projects/{SLUG}/"
    try:
        _until("the first build", lambda: _get(page) is not None or process.poll() is not None)
        assert process.poll() is None, "".join(said)[-3000:]
        _until("the first search index", lambda: sum("preview: site search" in line for line in said) >= 1)
        _edit_summary(portal, SLUG, "Disunting saat pratinjau.")
        _until("the saved project's page", lambda: "Disunting saat pratinjau." in (_get(page) or ""))
        assert "Disunting saat pratinjau." in (_get(f"http://127.0.0.1:{port}/projects/") or "")
        _until("the search index after the save", lambda: sum("preview: site search" in line for line in said) >= 2)
        served = next(temporary.glob("mkdocs_*"))
        clean = _clean(config, f"http://127.0.0.1:{port}/")
        assert differences(served, clean) == []
        assert any("preview: 1 of 9 projects validated again" in line for line in said), "".join(said)[-3000:]
    finally:
        process.terminate()
        process.wait(timeout=60)
        reader.join(timeout=60)
        process.stderr.close()  # type: ignore[union-attr]
