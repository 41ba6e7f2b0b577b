"""Problems found in project files: a stable code, a position, a field path and parameters.

A problem holds no text of its own. Messages and hints live in the locale catalogues
(`locales/<lang>.yml`) and are rendered by [cocreate.messages][] in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

PathPart = str | int
FieldPath = tuple[PathPart, ...]


class Severity(str, Enum):
    """How serious a problem is: errors fail validation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


class Position(NamedTuple):
    """A 1-based line and column in a source file (a tuple: the loader makes one per node)."""

    line: int
    column: int


START = Position(1, 1)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file.

    Attributes:
        code: Stable kebab-case identifier (`unknown-field`), documented in the standard.
        file: The file the problem is in, as the user named it.
        position: Where in the file, 1-based.
        path: The field path inside the document, e.g. `("stakeholders", 2, "category")`.
        params: Values substituted into the message and hint templates.
        severity: Error or warning.
    """

    code: str
    file: str
    position: Position = START
    path: FieldPath = ()
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    @property
    def field(self) -> str:
        """The field path in dotted form: `stakeholders[2].category`."""
        return format_path(self.path)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.position.line, self.position.column, self.code)


def format_path(path: FieldPath) -> str:
    """Render a path as `stakeholders[2].category`; the document itself is `(root)`."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else part)
    return "".join(out) or "(root)"
