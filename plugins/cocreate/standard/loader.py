"""Strict YAML loading: every scalar stays a string, every node keeps its position.

The loader reads YAML *events* from libyaml (or PyYAML's pure-Python parser when libyaml is
missing) and builds plain `dict`/`list`/`str` data itself, so that nothing is typed
implicitly (`no`, `012345`, `2024-02-30` and `+62...` all stay text for the schema to
judge) and every construct a project file has no use for is refused with a position:
tags, anchors and aliases (alias bombs), duplicate or non-string keys, several documents,
deep nesting, oversized files, invalid UTF-8, and the characters no text may hold
([cocreate.standard.characters][]): in the file, and in every value and key once YAML has read its
escapes (`"\\e"`, `"\\x9b"`, `"\\uFFFE"`), with the value's position and field path. Line
breaks and tabs stay only in the texts that may hold several lines. Because it works event
by event it stops at the first limit it meets, before a hostile file can cost time or memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from cocreate.standard.characters import SUSPECT, scan
from cocreate.standard.problems import Code, FieldPath, Position, Problem
from cocreate.standard.schema import allows_line_breaks

_CParser: Any
try:  # libyaml, the fast path
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - exercised through `backend="python"` in the tests
    _CParser = None

MAX_BYTES = 256 * 1024
"""Largest project file accepted. A real project is a few kilobytes."""

MAX_DEPTH = 16
"""Deepest nesting of mappings and sequences accepted. The standard needs five levels."""

MAX_PROBLEMS = 50
"""Stop reporting a file's structural problems after this many."""


class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python event parser, used when libyaml is not available."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


def _make_parser(text: str, backend: str) -> Any:
    if backend == "c" and _CParser is not None:
        return _CParser(text)
    return _PyParser(text)


@dataclass(slots=True)
class Document:
    """A loaded YAML document: plain data plus where each value and key stands."""

    data: Any = None
    positions: dict[FieldPath, Position] = field(default_factory=dict)
    key_positions: dict[FieldPath, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str = field(default="", repr=False)
    """The file's text, to point into a value of several lines."""
    raw: bytes = field(default=b"", repr=False)
    """The file's bytes, as read (what git stores of it)."""

    def position(self, path: FieldPath) -> Position:
        """The position of the value at `path`, or of its nearest ancestor that exists."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))

    def locate(self, path: FieldPath, needle: str) -> Position:
        """Where `needle`, a part of the value at `path`, stands in the file: its own line
        in a text of several lines; the value's position when it is on the value's first
        line, or cannot be found as written (a folded line)."""
        start = self.position(path)
        lines = self.text.split("\n")
        offset = sum(len(line) + 1 for line in lines[: start.line - 1]) + start.column - 1
        for probe in (needle, *needle.split()[:1]):
            index = self.text.find(probe, offset) if probe else -1
            if index >= 0:
                found = _text_position(self.text, index)
                return start if found.line == start.line else found
        return start

    def key_position(self, path: FieldPath) -> Position:
        """The position of the key that names `path` (the value's for list items)."""
        return self.key_positions.get(path) or self.position(path)


class _Stop(Exception):
    """Raised inside the builder when going on would be useless or unsafe."""


Multiline = Callable[[FieldPath], bool]
"""Whether the text at a field path may hold line breaks and tabs."""


class _Builder:
    def __init__(self, file: str, next_event: Callable[[], Event], doc: Document, multiline: Multiline) -> None:
        self.file = file
        self.next_event = next_event
        self.doc = doc
        self.multiline = multiline

    def text(self, event: ScalarEvent, path: FieldPath, is_key: bool = False) -> str:
        """The scalar's text, its first forbidden character reported (one regex search
        tells that a text is clean, the common case)."""
        value: str = event.value
        if SUSPECT.search(value):
            found = next(scan(value, multiline=not is_key and self.multiline(path)), None)
            if found is not None:
                self.problem(found.code, event, path, char=found.name)
        return value

    def problem(self, code: Code, event: Event, path: FieldPath, **params: Any) -> None:
        self.doc.problems.append(Problem(code, self.file, _pos(event), path, params))
        if len(self.doc.problems) >= MAX_PROBLEMS:
            raise _Stop

    def props(self, event: Event, path: FieldPath) -> None:
        """Report an anchor or a tag on a node: a project file needs neither."""
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
        if anchor is not None:
            self.problem(Code.YAML_ANCHOR, event, path, name=anchor)
        if tag is not None:
            self.problem(Code.YAML_TAG, event, path, tag=tag)

    def node(self, event: Event, path: FieldPath, depth: int) -> Any:
        if isinstance(event, AliasEvent):
            self.problem(Code.YAML_ALIAS, event, path, name=event.anchor)
            return None
        self.props(event, path)
        if isinstance(event, ScalarEvent):
            self.doc.positions[path] = _pos(event)
            return self.text(event, path)
        if depth >= MAX_DEPTH:
            self.problem(Code.YAML_TOO_DEEP, event, path, limit=MAX_DEPTH)
            raise _Stop
        # a list or map is shown where its key stands: `stakeholders:` rather than its first `-`
        self.doc.positions[path] = self.doc.key_positions.get(path) or _pos(event)
        if isinstance(event, SequenceStartEvent):
            return self.sequence(path, depth + 1)
        return self.mapping(path, depth + 1)

    def sequence(self, path: FieldPath, depth: int) -> list[Any]:
        items: list[Any] = []
        while not isinstance(event := self.next_event(), SequenceEndEvent):
            items.append(self.node(event, (*path, len(items)), depth))
        return items

    def mapping(self, path: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while not isinstance(key_event := self.next_event(), MappingEndEvent):
            key = self.key(key_event, path, depth)
            value_event = self.next_event()
            if key is None:
                self.node(value_event, (*path, "?"), depth)  # read past it, keep nothing
                continue
            child = (*path, key)
            if key in result:
                self.problem(Code.YAML_DUPLICATE_KEY, key_event, child, key=key,
                             first_line=self.doc.key_positions[child].line)
                self.node(value_event, (*path, "?"), depth)
                continue
            self.doc.key_positions[child] = _pos(key_event)
            result[key] = self.node(value_event, child, depth)
        return result

    def key(self, event: Event, path: FieldPath, depth: int) -> str | None:
        """The key as text, or None (reported) when it is not a plain string."""
        if isinstance(event, ScalarEvent) and (event.value or not event.implicit[0]):
            self.props(event, path)
            return self.text(event, (*path, event.value), is_key=True)
        if isinstance(event, AliasEvent):
            self.node(event, path, depth)
            return None
        self.problem(Code.YAML_KEY_NOT_STRING, event, path)
        if not isinstance(event, ScalarEvent):
            self.node(event, (*path, "?"), depth)  # read past it
        return None


def _pos(event: Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)


def _text_position(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    return Position(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _decode(raw: bytes, file: str, doc: Document) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", errors="replace")
        doc.problems.append(
            Problem(Code.INVALID_UTF8, file, _text_position(prefix, len(prefix)), (),
                    {"byte": f"0x{raw[exc.start]:02x}"})
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    for found in scan(text, in_file=True):
        doc.problems.append(Problem(found.code, file, _text_position(text, found.index), (), {"char": found.name}))
        if len(doc.problems) >= MAX_PROBLEMS:
            break
    return None if doc.problems else text


def load_text(raw: bytes, file: str, *, backend: str = "c", multiline: Multiline = allows_line_breaks) -> Document:
    """Load one project document from bytes.

    Args:
        raw: The file's content.
        file: The name to report problems under.
        backend: `"c"` for libyaml (falls back to Python when absent), `"python"` to force
            PyYAML's pure-Python parser.
        multiline: Which texts may hold line breaks and tabs; the project standard's by default.

    Returns:
        A document whose `data` is a dict of strings, lists and dicts, or whose `problems`
        say why it could not be loaded (then `data` is None).
    """
    doc = Document()
    if len(raw) > MAX_BYTES:
        doc.problems.append(Problem(Code.FILE_TOO_LARGE, file, params={"size": len(raw), "limit": MAX_BYTES}))
        return doc
    text = _decode(raw, file, doc)
    if text is None:
        return doc
    doc.text, doc.raw = text, raw
    parser = _make_parser(text, backend)
    builder = _Builder(file, parser.get_event, doc, multiline)
    try:
        data = _read_stream(builder, parser)
    except _Stop:
        data = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        detail = exc.problem or exc.context or "syntax error"
        if "nesting depth" in detail:  # libyaml >= 0.2.5 has a depth limit of its own
            doc.problems.append(Problem(Code.YAML_TOO_DEEP, file, position, (), {"limit": MAX_DEPTH}))
        else:
            doc.problems.append(Problem(Code.YAML_SYNTAX, file, position, (), {"detail": detail}))
        data = None
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(Code.YAML_SYNTAX, file, Position(1, 1), (), {"detail": str(exc)}))
        data = None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
    doc.data = None if doc.problems else data
    return doc


def _read_stream(builder: _Builder, parser: Any) -> Any:
    get = parser.get_event
    get()  # StreamStartEvent
    event = get()
    if isinstance(event, StreamEndEvent):
        builder.problem(Code.EMPTY_FILE, event, ())
        return None
    assert isinstance(event, DocumentStartEvent)
    first = get()
    data = builder.node(first, (), 0)
    if not isinstance(data, dict) and not builder.doc.problems:
        builder.problem(Code.ROOT_NOT_MAPPING, first, ())
    get()  # DocumentEndEvent
    event = get()
    if not isinstance(event, StreamEndEvent):
        builder.problem(Code.YAML_MULTIPLE_DOCUMENTS, event, ())
    return data


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """Read a file, but never more than `limit + 1` bytes (enough to know it is too large)."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def load_file(path: Path, file: str | None = None, *, backend: str = "c") -> Document:
    """Read and load a project file, reporting a file that is too large without reading it all."""
    name = file or str(path)
    try:
        raw = read_limited(path)
    except OSError as exc:
        doc = Document()
        doc.problems.append(Problem(Code.FILE_UNREADABLE, name, params={"detail": exc.strerror or str(exc)}))
        return doc
    if len(raw) > MAX_BYTES:
        doc = Document()
        size = path.stat().st_size
        doc.problems.append(Problem(Code.FILE_TOO_LARGE, name, params={"size": size, "limit": MAX_BYTES}))
        return doc
    return load_text(raw, name, backend=backend)


__all__ = ["Document", "MAX_BYTES", "MAX_DEPTH", "load_file", "load_text"]
