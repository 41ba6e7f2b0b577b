"""A strict build's warnings, counted by the plugin itself.

MkDocs fails a strict build for its warnings only after the last plugin event, when the
plugin would already have put the new site in the old one's place: the plugin counts them
too (`WarningCount`), and keeps the old site when there were any.
"""

from __future__ import annotations

import logging

from mkdocs.utils import CountHandler

ENGINE_LOGGERS = ("mkdocs", "properdocs")
"""Where the engine's warnings go: MkDocs logs on `mkdocs.*`; ProperDocs, its maintained
fork, on `properdocs.*` (it routes `mkdocs` below it, so a warning may be heard twice)."""


class WarningCount:
    """The engine's warnings from `start` to `stop`."""

    def __init__(self) -> None:
        self._handler: CountHandler | None = None

    def start(self) -> None:
        self.stop()
        self._handler = CountHandler()
        self._handler.setLevel(logging.WARNING)
        for name in ENGINE_LOGGERS:
            logging.getLogger(name).addHandler(self._handler)

    def stop(self) -> bool:
        """Stop counting; True if there were warnings (False when not counting)."""
        handler, self._handler = self._handler, None
        if handler is None:
            return False
        for name in ENGINE_LOGGERS:
            logging.getLogger(name).removeHandler(handler)
        return bool(handler.get_counts())
