"""The one walk over loaded data: every node of a project file (or of a mapping, a table's
rows), with its field path.

A field path names a node by the keys and indexes that lead to it from the top:
`("stakeholders", 0, "name")`. The rules, privacy, the portal's project and the import's
mapping all read loaded data through `walk`, so that each sees the same nodes with the same
paths, in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from cocreate.standard.problems import FieldPath


def walk(value: Any, path: FieldPath = (), *,
         stop: Callable[[FieldPath], bool] | None = None) -> Iterator[tuple[FieldPath, Any]]:
    """Every node of `value` (itself first) with its path, in the order of the document: a
    map's values by their keys (`(*path, key)`), a list's items by their index
    (`(*path, 0)`), each node before what it holds. A node whose path `stop` accepts is
    given but not entered (a multilingual text: its languages are one text); only a map or
    a list is asked about."""
    yield path, value
    if isinstance(value, dict):
        if stop is None or not stop(path):
            for key, child in value.items():
                if isinstance(child, dict | list):
                    yield from walk(child, (*path, key), stop=stop)
                else:  # a text (or a number): given here, one generator fewer
                    yield (*path, key), child
    elif isinstance(value, list) and (stop is None or not stop(path)):
        for index, child in enumerate(value):
            if isinstance(child, dict | list):
                yield from walk(child, (*path, index), stop=stop)
            else:
                yield (*path, index), child
