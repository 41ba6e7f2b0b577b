"""Lists in pages: one page of a paginated list, and the page numbers its pager shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

PAGER_SPAN = 2
"""Pages on either side of the current one that the pager links to."""


@dataclass
class Listing:
    """One page of a paginated list."""

    number: int
    count: int
    items: Sequence[Any] = field(default_factory=list)
    uris: list[str] = field(default_factory=list)

    def window(self) -> list[int | None]:
        """The page numbers the pager shows: the first, the last and those within
        `PAGER_SPAN` of this one; None stands for the pages left out between two of them.
        (Listing every page would make each page of a long list grow with the list.)"""
        near = range(max(1, self.number - PAGER_SPAN), min(self.count, self.number + PAGER_SPAN) + 1)
        shown: list[int | None] = []
        for number in sorted({1, self.count, *near}):
            last = shown[-1] if shown else 0
            if last is not None and number - last == 2:
                shown.append(number - 1)  # a gap of one page: show the page, not "…"
            elif last is not None and number - last > 2:
                shown.append(None)
            shown.append(number)
        return shown

    @property
    def uri(self) -> str:
        """The address of this page of the list."""
        return self.uris[self.number - 1]


def paginate(items: Sequence[Any], size: int, first_uri: str, more_uri: Callable[[int], str]) -> list[Listing]:
    """Split `items` into pages of `size`; page 1 lives at `first_uri`, page n at `more_uri(n)`."""
    count = max(1, -(-len(items) // size))
    uris = [first_uri, *(more_uri(n) for n in range(2, count + 1))]
    return [Listing(n + 1, count, items[n * size : (n + 1) * size], uris) for n in range(count)]
