"""Files written beside the site as validation results arrive, instead of held in memory.

The data package's tables, `projects.json` and every project's feeds grow with the number
of projects. They are streamed to a folder as each project's result comes back from the
workers, in slug order, and moved into the site when the build succeeds.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import IO, Any

from cocreate.portal.datapackage import FOLDER, TABLES, csv_text
from cocreate.portal.feeds import Item
from cocreate.validate import Result


class Output:
    """A folder that mirrors the site for the files cocreate writes itself."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / FOLDER).mkdir(parents=True, exist_ok=True)
        self._tables: dict[str, IO[str]] = {}
        for table in TABLES:
            handle = (root / FOLDER / f"{table.name}.csv").open("w", encoding="utf-8", newline="")
            handle.write(csv_text([[c.name for c in table.columns]]))
            self._tables[table.name] = handle
        self._json = (root / FOLDER / "projects.json").open("w", encoding="utf-8")
        self._json.write("[")
        self._projects = 0
        self.items: list[Item] = []

    def add(self, result: Result) -> None:
        """Take a project's rows, JSON, feeds and feed items out of its result, onto disk."""
        rows = result.extra.pop("rows", None)
        if rows is not None:
            for name, text in rows.items():
                self._tables[name].write(text)
        text = result.extra.pop("json", None)
        if text is not None:
            self._json.write((",\n" if self._projects else "") + text)
            self._projects += 1
        for path, content in result.extra.pop("feeds", {}).items():
            self.write(path, content)
        self.items.extend(result.extra.pop("items", []))

    def write(self, path: str, content: str | bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, "utf-8")

    def copy(self, source: Path, path: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    def close(self) -> None:
        for handle in self._tables.values():
            handle.close()
        self._json.write("]\n")
        self._json.close()

    def publish(self, site_dir: Path) -> None:
        """Move everything into the built site."""
        shutil.copytree(self.root, site_dir, dirs_exist_ok=True)
        self.discard()

    def discard(self, *_: Any) -> None:
        for handle in (*self._tables.values(), self._json):
            if not handle.closed:
                handle.close()
        shutil.rmtree(self.root, ignore_errors=True)
