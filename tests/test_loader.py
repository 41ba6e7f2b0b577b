"""The strict YAML loader: no implicit typing, positions, and hostile input refused cheaply."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from cocreate.loader import MAX_BYTES, MAX_DEPTH, load_file, load_text
from cocreate.problems import Position

BACKENDS = ["c", "python"]


def codes(doc) -> list[str]:
    return [p.code for p in doc.problems]


@pytest.mark.parametrize("backend", BACKENDS)
def test_scalars_stay_text(backend: str) -> None:
    raw = b"a: no\nb: 012345\nc: 22:22\nd: +6281234567890\ne: 2024-02-30\nf: 3201014501900001\ng:\nh: ~\n"
    doc = load_text(raw, "f.yml", backend=backend)
    assert doc.problems == []
    assert doc.data == {
        "a": "no", "b": "012345", "c": "22:22", "d": "+6281234567890",
        "e": "2024-02-30", "f": "3201014501900001", "g": "", "h": "~",
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_positions_of_values_and_keys(backend: str) -> None:
    doc = load_text(b"title: x\nstakeholders:\n  - name: A\n    category: b\n", "f.yml", backend=backend)
    assert doc.positions[("stakeholders", 0, "category")] == Position(4, 15)
    assert doc.key_positions[("stakeholders", 0, "category")] == Position(4, 5)
    assert doc.position(("stakeholders",)) == Position(2, 1)  # a list is shown at its key
    assert doc.position(("stakeholders", 0, "missing")) == Position(3, 5)  # nearest ancestor


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("raw", "code", "position"),
    [
        (b"a: &x 1\n", "yaml-anchor", Position(1, 4)),
        (b"a: [1]\nb: *x\n", "yaml-alias", Position(2, 4)),  # even an alias to nothing
        (b"a: !!binary aGVsbG8=\n", "yaml-tag", Position(1, 4)),
        (b"a: !custom x\n", "yaml-tag", Position(1, 4)),
        (b"!!map {a: 1}\n", "yaml-tag", Position(1, 1)),
        (b"a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", Position(3, 1)),
        (b"? {a: 1}\n: 2\n", "yaml-key-not-string", Position(1, 3)),
        (b": 2\n", "yaml-syntax", Position(1, 1)),
        (b"a: 1\n---\nb: 2\n", "yaml-multiple-documents", Position(2, 1)),
        (b"", "empty-file", Position(1, 1)),
        (b"# only a comment\n", "empty-file", Position(2, 1)),
        (b"just text\n", "root-not-mapping", Position(1, 1)),
        (b"a: \"\\x07\"\n", None, None),  # an escaped control character is the author's intent: allowed
        (b"a: b\x00c\n", "control-character", Position(1, 5)),
        (b"a: x\n\xc3\x28\n", "invalid-utf8", Position(2, 1)),
        ("a: ab\u2066c\n".encode(), "bidi-control", Position(1, 6)),
    ],
)
def test_refused_constructs(backend: str, raw: bytes, code: str | None, position: Position | None) -> None:
    doc = load_text(raw, "f.yml", backend=backend)
    if code is None:
        assert doc.problems == []
        return
    assert doc.data is None
    assert doc.problems[0].code == code
    assert doc.problems[0].position == position


def test_alias_on_a_key_and_tag_on_a_key() -> None:
    doc = load_text(b"a: &k x\n*k : 1\n!!str b: 2\n", "f.yml")
    assert codes(doc) == ["yaml-anchor", "yaml-alias", "yaml-tag"]
    assert [p.path for p in doc.problems] == [("a",), (), ()]


def test_byte_order_mark_is_accepted() -> None:
    assert load_text("\ufefftitle: x\n".encode(), "f.yml").data == {"title": "x"}


def test_depth_limit_is_exact() -> None:
    ok = b"a: " + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"\n"
    deep = b"a: " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"\n"
    assert load_text(ok, "f.yml").problems == []
    assert codes(load_text(deep, "f.yml")) == ["yaml-too-deep"]


def _peak_kib(func) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = func()
        return result, tracemalloc.get_traced_memory()[1] // 1024
    finally:
        tracemalloc.stop()


ALIAS_BOMB = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_alias_bomb_is_refused_without_expansion(backend: str) -> None:
    doc, peak = _peak_kib(lambda: load_text(ALIAS_BOMB, "bomb.yml", backend=backend))
    assert doc.data is None
    assert "yaml-anchor" in codes(doc) and "yaml-alias" in codes(doc)
    assert peak < 2048  # expanded, it would be billions of nodes


@pytest.mark.parametrize("backend", BACKENDS)
def test_deep_nesting_stops_at_the_limit(backend: str) -> None:
    raw = b"a: " + b"[" * 100_000 + b"]" * 100_000
    doc, peak = _peak_kib(lambda: load_text(raw, "deep.yml", backend=backend))
    assert codes(doc) == ["yaml-too-deep"]
    # where: at our limit (the root map is the first level), or where libyaml >= 0.2.5,
    # which scans ahead, meets its own limit of 1,000
    assert doc.problems[0].position in (Position(1, 3 + MAX_DEPTH), Position(1, 1003))
    assert peak < 4096


def test_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "project.yml"
    with big.open("wb") as handle:
        line = b"description: " + b"x" * 1000 + b"\n"
        for _ in range(20 * 1024):  # about 20 MB
            handle.write(line)
    doc, peak = _peak_kib(lambda: load_file(big))
    assert codes(doc) == ["file-too-large"]
    assert doc.problems[0].params["size"] == big.stat().st_size
    assert peak < 2 * MAX_BYTES // 1024 + 512  # read at most the limit, never the whole file


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "raw",
    [
        b"a: !!python/object/apply:os.system ['touch /tmp/cocreate-pwned']\n",
        b"a: !!python/name:os.system\n",
        b"!!python/object:builtins.dict {a: 1}\n",
    ],
)
def test_python_tags_are_refused_and_never_run(backend: str, raw: bytes) -> None:
    doc = load_text(raw, "evil.yml", backend=backend)
    assert codes(doc) == ["yaml-tag"]
    assert not Path("/tmp/cocreate-pwned").exists()


def test_backends_agree_on_a_real_project(minimal_text: str) -> None:
    raw = minimal_text.encode()
    c, py = load_text(raw, "f.yml", backend="c"), load_text(raw, "f.yml", backend="python")
    assert c.data == py.data and c.positions == py.positions and c.key_positions == py.key_positions


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    doc = load_file(tmp_path / "nothing.yml")
    assert codes(doc) == ["file-unreadable"]
