"""The strict YAML loader: no implicit typing, positions, and hostile input refused cheaply."""

from __future__ import annotations

import re
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from cocreate.standard.loader import MAX_BYTES, MAX_DEPTH, Document, load_file, load_text
from cocreate.standard.problems import Position
from cocreate.standard.schema import annotated_fields
from helpers import ROOT

BACKENDS = ["c", "python"]


def codes(doc: Document) -> list[str]:
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
        # a character written with a YAML escape is refused in the value, where it stands
        (b"a: \"\\x07\"\n", "control-character", Position(1, 4)),
        (b"a: x\nb: \"ok \\e[2J\"\n", "control-character", Position(2, 4)),
        (b"a: \"\\x9b31m\"\n", "control-character", Position(1, 4)),  # C1: CSI
        (b"a: \"\\0\"\n", "control-character", Position(1, 4)),
        (b"a: \"\\N\"\n", "control-character", Position(1, 4)),  # U+0085, YAML's next line
        (b"a: \"x\\ry\"\n", "control-character", Position(1, 4)),  # CR rewrites a terminal line
        (b"a: \"\\uFFFE\"\n", "noncharacter", Position(1, 4)),
        (b"a: \"\\U0010FFFF\"\n", "noncharacter", Position(1, 4)),
        (b"a: \"\\L\"\n", "invisible-character", Position(1, 4)),  # U+2028
        (b"a: \"x\\u200By\"\n", "invisible-character", Position(1, 4)),
        (b"a: \"\\u200F\"\n", "bidi-control", Position(1, 4)),
        (b"a: \"x\\ny\"\n", "not-one-line", Position(1, 4)),  # `a` is no free text of the standard
        (b"a: \"x\\ty\"\n", "not-one-line", Position(1, 4)),
        (b"a: >\n  folded\n", "not-one-line", Position(1, 4)),  # a folded block keeps its last line break
        (b"a: x\n\"b\\e\": 1\n", "control-character", Position(2, 1)),  # in a key
        (b"\"b\\nc\": 1\n", "not-one-line", Position(1, 1)),
        # written raw in the file
        ("a: x\u200by\n".encode(), "invisible-character", Position(1, 5)),
        ("a: x\u200ey\n".encode(), "bidi-control", Position(1, 5)),
        ("a: x\u2060y\n".encode(), "invisible-character", Position(1, 5)),
        ("a: x\U000E0041y\n".encode(), "invisible-character", Position(1, 5)),  # a tag: ASCII smuggling
        ("a: x\ufdd0\n".encode(), "noncharacter", Position(1, 5)),
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


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_forbidden_character_is_reported_with_its_field(backend: str) -> None:
    raw = (b'title: ok\nstakeholders:\n  - name: "Warga \\e]52;c;cm0gLXJmIH4=\\a"\n'
           b'    contributes: {id: "satu\\x9bdua"}\nlinks:\n  - {title: "a\\nb"}\n')
    doc = load_text(raw, "f.yml", backend=backend)
    assert doc.data is None
    got = [(p.code, p.position, p.field, p.params["char"]) for p in doc.problems]
    assert got == [("control-character", Position(3, 11), "stakeholders[0].name", "U+001B"),  # OSC 52: the clipboard
                   ("control-character", Position(4, 23), "stakeholders[0].contributes.id", "U+009B"),
                   ("not-one-line", Position(6, 13), "links[0].title", "U+000A")]


@pytest.mark.parametrize("backend", BACKENDS)
def test_line_breaks_and_tabs_stay_in_free_texts(backend: str) -> None:
    raw = (b'summary: >\n  two\n  lines\n\n  and more\ndescription: "a\\tb\\nc"\n'
           b'stakeholders:\n  - {contributes: "x\\ny", benefit: {en: "x\\ty"}, consent: {record: "a\\nb"}}\n'
           b'openness: {criteria: ["a\\nb"], how_to_join: "|\\n"}\ntimeline:\n  - description: "a\\n"\n'
           b'trust: {retention: "a\\nb"}\n')
    doc = load_text(raw, "f.yml", backend=backend)
    assert doc.problems == []
    assert doc.data["summary"] == "two lines\nand more\n"


@pytest.mark.parametrize("backend", BACKENDS)
def test_what_real_text_needs_is_allowed(backend: str) -> None:
    texts = ["\U0001F469\u200D\U0001F33E",  # woman farmer: ZWJ sequence
             "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",  # ZWNJ in Persian
             "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",  # flag of Scotland
             "\u2764\uFE0F", "ko\u00ADkreasi", "a\u00A0b"]  # variation selector, soft hyphen, no-break space
    for text in texts:
        for raw in (f"title: {text}\n".encode(), f'title: "{text}"\n'.encode()):
            doc = load_text(raw, "f.yml", backend=backend)
            assert doc.problems == [], text
            assert doc.data == {"title": text}, text


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_file_with_crlf_line_ends_stays_valid(backend: str) -> None:
    # CR may end lines in the file; YAML reads every line break as a line feed
    raw = b'title: a\r\ndescription: |\r\n  one\r\n  two\r\nsummary: "x\r\n  y"\r\n'
    doc = load_text(raw, "f.yml", backend=backend)
    assert doc.problems == []
    assert doc.data == {"title": "a", "description": "one\ntwo\n", "summary": "x y"}


def test_a_lone_surrogate_is_refused() -> None:
    # PyYAML's parser turns "\ud800" into a lone surrogate, which no UTF-8 output can hold;
    # libyaml refuses the escape itself
    assert codes(load_text(b'title: "\\ud800"\n', "f.yml", backend="python")) == ["noncharacter"]
    assert codes(load_text(b'title: "\\ud800"\n', "f.yml", backend="c")) in (["noncharacter"], ["yaml-syntax"])


def test_the_free_texts_are_the_ones_the_standard_lists() -> None:
    # the standard's table of file limits names the texts that may hold line breaks (in each language's page)
    shapes = {".".join("[]" if part is int else part for part in shape).replace(".[]", "[]")
              for shape in annotated_fields("x-multiline")}
    shapes = {s for s in shapes if not s.startswith("trust.")} | {"trust.*"}
    for page in ("standard.md", "standard.en.md"):
        row = next(line for line in (ROOT / "content" / page).read_text("utf-8").splitlines()
                   if line.endswith("| `not-one-line` |"))
        assert set(re.findall(r"`([a-z_.\[\]*]+)`", row.split("|")[1])) == shapes, page


def test_depth_limit_is_exact() -> None:
    ok = b"a: " + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"\n"
    deep = b"a: " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"\n"
    assert load_text(ok, "f.yml").problems == []
    assert codes(load_text(deep, "f.yml")) == ["yaml-too-deep"]


def _peak_kib(func: Callable[[], Document]) -> tuple[Document, int]:
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
    assert "yaml-anchor" in codes(doc)
    assert "yaml-alias" in codes(doc)
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
    assert c.data == py.data
    assert c.positions == py.positions
    assert c.key_positions == py.key_positions


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    doc = load_file(tmp_path / "nothing.yml")
    assert codes(doc) == ["file-unreadable"]
