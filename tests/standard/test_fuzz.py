"""Property-based fuzzing of everything that reads untrusted input.

Each property runs on arbitrary input and on input built from the syntax that matters:

- the strict loader never raises: it returns data (a dict of text) or positioned problems;
- validation never raises, and every problem has a known code, a real position, and
  renders as text, JSON and GitHub annotations in both languages, one line each, with
  nothing a terminal or a CI runner would act on;
- personal data anywhere in a project is refused and never repeated unmasked by a report;
- contributed Markdown never renders to anything a browser would run, and Markdown that
  validation accepts is inert even before sanitizing;
- input up to 300 KB stays within the loader's size and depth limits.

Two settings profiles: "default" (a few hundred examples per property, derandomized, so
that CI sees the same inputs each run) and "long" (many more, random each run, failures
kept in .hypothesis/ to replay). `HYPOTHESIS_PROFILE=long` selects the long one;
`python3 scripts/fuzz.py --examples 20000` runs it. See SECURITY.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from html.parser import HTMLParser
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from cocreate.i18n.messages import LANGUAGES, hint, message, problem_codes
from cocreate.i18n.report import render_github, render_json, render_text
from cocreate.standard.loader import MAX_BYTES, MAX_DEPTH, load_text
from cocreate.standard.markdown import MAX_BRACKETS, MAX_CHARS, render, render_unsafe, unsafe_changes
from cocreate.standard.privacy import find_in_text
from cocreate.standard.validate import check_bytes, make_report
from helpers import FIXTURES, ROOT

# --- profiles --------------------------------------------------------------------------

LONG_EXAMPLES = int(os.environ.get("COCREATE_FUZZ_EXAMPLES", "20000"))
settings.register_profile("default", max_examples=100, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("long", max_examples=LONG_EXAMPLES, deadline=None, derandomize=False, print_blob=True,
                          database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples")))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)


def budget(default: int, **kwargs: Any) -> settings:
    """Settings for one property: `default` examples in the default run (chosen so that the
    property takes a few seconds at most), the long profile's count in a long run."""
    return settings(max_examples=default if PROFILE == "default" else LONG_EXAMPLES, **kwargs)


TODAY = dt.date(2025, 6, 1)  # rules that compare dates with today see the same day each run
CODES = frozenset(problem_codes())


# --- (a) the loader ------------------------------------------------------------------------

YAML_TOKENS = [
    "title", "stakeholders", "name", "a", "0", "1.5", "no", "~", "null", "2024-01-05", "@x",
    ":", ": ", ":\n", "-", "- ", "-\n", "[", "]", "{", "}", ",", ", ", "?", "? ",
    "&a ", "*a", "&a", "!tag ", "!!str ", "!!python/name:os.system ", "!<tag:x> ", "! ",
    "'", '"', "''", '""', "\\", "\\u202e", "\\x07", "\\e", "#", " #",
    "|", ">", "|-", ">+", "---", "...", "--- ", "%YAML 1.1\n", "%TAG ! tag:x,2024:\n",
    "\n", "\r\n", "\r", " ", "  ", "    ", "\t", "é", "日本", "\u202e", "\u2066", "\x00", "\x1b", "\ufeff",
    "\u2028", "\U0001f600",
]

yaml_text = st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join)


def _walk(value: Any, depth: int = 0) -> int:
    """The nesting depth of loaded data, checking that it holds only dicts, lists and text."""
    if isinstance(value, dict):
        assert all(isinstance(k, str) for k in value)
        return max((_walk(v, depth + 1) for v in value.values()), default=depth + 1)
    if isinstance(value, list):
        return max((_walk(v, depth + 1) for v in value), default=depth + 1)
    assert isinstance(value, str), type(value)
    return depth


def _check_document(raw: bytes, backend: str) -> None:
    doc = load_text(raw, "fuzz.yml", backend=backend)
    for problem in doc.problems:
        assert problem.code in CODES, problem
        assert problem.position.line >= 1, problem
        assert problem.position.column >= 1, problem
    if doc.problems:
        assert doc.data is None
    else:
        assert isinstance(doc.data, dict)
        assert _walk(doc.data) <= MAX_DEPTH
        for path, position in doc.positions.items():
            assert position.line >= 1, path
            assert position.column >= 1, path


@budget(300)
@given(raw=st.binary(max_size=2000))
def test_loader_on_arbitrary_bytes(raw: bytes) -> None:
    _check_document(raw, "c")
    _check_document(raw, "python")


@budget(300)
@given(text=yaml_text)
def test_loader_on_yaml_like_text(text: str) -> None:
    _check_document(text.encode("utf-8"), "c")
    _check_document(text.encode("utf-8"), "python")


@budget(200)
@given(text=st.text(max_size=500))
def test_loader_on_arbitrary_text(text: str) -> None:
    _check_document(text.encode("utf-8"), "c")


# --- (b) validation --------------------------------------------------------------------------

FIELDS = ["title", "summary", "description", "status", "phase", "location", "openness", "ownership",
          "stakeholders", "timeline", "trust", "maintainers", "tags", "dimensions", "outputs", "links",
          "start_date", "example", "id", "en", "level", "criteria", "how_to_join", "license", "name",
          "category", "role", "contributes", "benefit", "motivations", "since", "url", "date", "activity",
          "evidence", "information", "purpose", "access", "retention", "city", "province", "type"]
VALUES = ["", "x", "no", "2024-01-05", "2024-02-30", "2999-01-01", "involvement", "curation", "empowerment",
          "active", "open", "criteria", "shared", "initiator", "community", "local-government", "MIT",
          "https://ok.example/", "javascript:alert(1)", "@user", "<script>x</script>", "[x](javascript:y)",
          "<b>x</b>", "&amp;", "budi@contoh.id", "+62 812-3456-7890", "3201014501900001", "\u202e", "%0A::error::x",
          "x\n::add-mask::y", "a" * 300, "[" * 250]

text_value = st.one_of(st.sampled_from(VALUES), st.text(max_size=40))
key = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12))
tree = st.recursive(
    text_value,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(key, children, max_size=5)),
    max_leaves=20,
)


def _dump(data: Any, unicode: bool) -> bytes:
    return yaml.safe_dump(data, allow_unicode=unicode, sort_keys=False, width=80).encode("utf-8")


_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _check_validation(raw: bytes) -> None:
    result = check_bytes(raw, "projects/fuzz/project.yml", slug="fuzz", today=TODAY)
    lines = len(_YAML_LINE_BREAK.split(raw.decode("utf-8", "replace"))) + 1
    for problem in result.problems:
        assert problem.code in CODES, problem
        assert 1 <= problem.position.line <= lines, problem
        assert problem.position.column >= 1, problem
    report = make_report([result])
    for language in LANGUAGES:
        for problem in result.problems:
            assert message(problem, language)
            assert hint(problem, language)
        text = render_text(report, language)
        assert text.count("\n") == 2 * len(result.problems) + 1  # one line each: no line of contributor text
        assert not _TERMINAL_CONTROL.search(text), "contributor text could drive the terminal"
        body = json.loads(render_json(report, language))
        assert [p["code"] for p in body["problems"]] == [p.code for p in report.problems]
        # a runner reads workflow commands line by line, splitting at \n (and \r)
        annotations = render_github(report, language).rstrip("\n").split("\n")
        assert "\r" not in "".join(annotations)
        assert len(annotations) == len(result.problems) + 1
        assert all(re.match(r"::(error|warning|notice) ?", line) for line in annotations)


@budget(100)
@given(data=tree, unicode=st.booleans())
def test_validation_of_arbitrary_yaml_data(data: Any, unicode: bool) -> None:
    _check_validation(_dump(data, unicode))


@budget(100)
@given(data=st.dictionaries(st.sampled_from(FIELDS), tree, max_size=12), unicode=st.booleans())
def test_validation_of_arbitrary_project_like_maps(data: Any, unicode: bool) -> None:
    _check_validation(_dump(data, unicode))


MINIMAL = load_text((FIXTURES / "valid" / "minimal.yml").read_bytes(), "minimal.yml").data
assert MINIMAL is not None


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            found.extend(_paths(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found.extend(_paths(v, (*path, i)))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_project(draw: st.DrawFn) -> Any:
    """The valid minimal project with one to four random changes: a value replaced by random
    text, a list or a map; a key deleted; a key added (a known field name or random text)."""
    data = json.loads(json.dumps(MINIMAL))  # a deep copy
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        operation = draw(st.sampled_from(["replace", "delete", "add"]))
        if operation == "replace":
            value = draw(tree)
            if path:
                _parent(data, path)[path[-1]] = value
            elif isinstance(value, dict):
                data = value
        elif operation == "delete" and path:
            parent = _parent(data, path)
            del parent[path[-1]]
        else:
            target = data
            for part in path:
                target = target[part]
            if isinstance(target, dict):
                target[draw(key)] = draw(tree)
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(tree))
    return data


@budget(200)
@given(data=mutated_project(), unicode=st.booleans())
def test_validation_of_mutated_valid_projects(data: Any, unicode: bool) -> None:
    _check_validation(_dump(data, unicode))


@budget(200)
@example(text="!tag :\n!tag :")  # problems of a file that does not load come in position order
@given(text=yaml_text)
def test_validation_of_yaml_like_text(text: str) -> None:
    _check_validation(text.encode("utf-8"))


def test_the_mutation_base_is_valid() -> None:
    assert check_bytes(_dump(MINIMAL, True), "x.yml", slug="x", today=TODAY).valid


# personal data: refused wherever it is written, and never repeated unmasked by a report

EMAIL = st.from_regex(r"[a-z][a-z0-9._]{1,10}@[a-z]{2,10}\.(id|com|org|co\.id)", fullmatch=True)
PHONE = st.one_of(
    st.from_regex(r"\+62 ?8[0-9]{2}[ -]?[0-9]{4}[ -]?[0-9]{3,4}", fullmatch=True),
    st.from_regex(r"08[1-9][0-9][ .-]?[0-9]{4}[ .-]?[0-9]{3,4}", fullmatch=True),
)
NIK = st.one_of(st.from_regex(r"[1-9][0-9]{15}", fullmatch=True),
                st.from_regex(r"[1-9][0-9]{3}-[0-9]{4}-[0-9]{4}-[0-9]{4}", fullmatch=True))
PERSONAL = st.one_of(st.tuples(st.just("email"), EMAIL), st.tuples(st.just("phone"), PHONE),
                     st.tuples(st.just("nik"), NIK))
words = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz "), max_size=20)


@st.composite
def project_with_personal_data(draw: st.DrawFn) -> tuple[Any, str, str]:
    """The minimal project with a piece of personal data, between words, in one of its values
    or as one of its keys."""
    kind, found = draw(PERSONAL)
    text = f"{draw(words)} {found} {draw(words)}".strip()
    data = json.loads(json.dumps(MINIMAL))
    path = draw(st.sampled_from([p for p in _paths(data) if p]))
    parent = _parent(data, path)
    if draw(st.booleans()) and isinstance(parent, dict):
        parent[text] = parent.pop(path[-1])  # a key
    else:
        parent[path[-1]] = text  # a value, wherever it stands
    return data, kind, found


@budget(200)
@given(case=project_with_personal_data(), language=st.sampled_from(LANGUAGES))
def test_personal_data_is_refused_and_never_repeated(case: tuple[Any, str, str], language: str) -> None:
    data, kind, found = case
    result = check_bytes(_dump(data, True), "projects/fuzz/project.yml", slug="fuzz", today=TODAY)
    assert f"personal-data-{kind}" in {p.code for p in result.problems}, found
    report = make_report([result])
    for render_report in (render_text, render_json, render_github):
        assert found not in render_report(report, language), render_report.__name__


def test_reports_mask_personal_data_that_another_check_repeats() -> None:
    # regression: invalid-value and unknown-field repeated the value or the key unmasked
    raw = (FIXTURES / "valid" / "minimal.yml").read_text("utf-8").replace("status: active", "status: budi@contoh.id")
    raw = raw.replace("  level: open", '  level: open\n  "0812 3456 7890": x')
    result = check_bytes(raw.encode(), "p.yml", today=TODAY)
    assert {"invalid-value", "unknown-field", "personal-data-email", "personal-data-phone"} <= {p.code for p in result.problems}
    for render_report in (render_text, render_json, render_github):
        out = render_report(make_report([result]), "en")
        assert "budi@contoh.id" not in out
        assert "0812 3456 7890" not in out
        assert "bu**********id" in out


def test_text_reports_escape_what_would_drive_a_terminal() -> None:
    # regression: a control character escaped in YAML ("\e", "\x85", "\u2028") reached the terminal;
    # now the loader refuses it in the value
    raw = (FIXTURES / "valid" / "minimal.yml").read_text("utf-8")
    raw = raw.replace("status: active", 'status: "\\e]0;title\\a\\e[2Jx\\u2028y\\x85z\\u202e"')
    out = render_text(make_report([check_bytes(raw.encode(), "p.yml", today=TODAY)]), "en")
    assert "p.yml:4:9: error[control-character]: status: " in out
    assert "U+001B" in out
    assert not _TERMINAL_CONTROL.search(out)
    # what does reach a report (a file or folder name) is shown escaped
    name = "projects/x\x1b]0;title\x07\x1b[2Jx\u2028y\x85z\u202e/project.yml"
    out = render_text(make_report([check_bytes(raw.encode(), name, today=TODAY)]), "en")
    assert "x\\u001b]0;title\\u0007\\u001b[2Jx\\u2028y\\u0085z\\u202e/project.yml:4:9" in out
    assert not _TERMINAL_CONTROL.search(out)


# --- (c) contributed Markdown ----------------------------------------------------------------

FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "img", "form", "meta", "base",
                  "link", "frame", "frameset", "applet", "audio", "video", "source", "input", "button",
                  "textarea", "select", "template", "noscript", "xmp", "plaintext", "portal"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
BAD_SCHEMES = {"javascript", "data", "vbscript"}
_IGNORED_IN_URL = re.compile("[\x00-\x20\x7f-\x9f]")


class _Inert(HTMLParser):
    """Collects whatever in a fragment a browser could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc"}:
                self.found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and value:
                scheme = _IGNORED_IN_URL.sub("", value).lower().split(":", 1)[0]
                if scheme in BAD_SCHEMES:
                    self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def executable_constructs(html: str) -> list[str]:
    parser = _Inert()
    parser.feed(html)
    parser.close()
    return parser.found


MARKDOWN_FRAGMENTS = [
    "<script>", "</script>", "<script", "javascript:", "JaVaScRiPt:", "java\tscript:", "jav&#x61;script:",
    "&#106;avascript:", "vbscript:", "data:text/html,", "<img onerror=", "<img src=x ", "<img", "[x](", "](", "[",
    "]", "(", ")", "![", "<svg", "<svg/onload=", "<math>", "<iframe", "<a href=", "<a ", "</a>", "<style>", "<p ",
    "on", "onclick", "onmouseover", "style", "=", '"', "'", "`", "```", "&#x61;", "&lt;", "&gt;", "&amp;",
    "&colon;", "&#58;", "&#x3A;", "&NewLine;", "\n", "\n\n", " ", "    ", "<", ">", "/", "alert(1)", "x",
    "https://ok.example/", "mailto:", "<!--", "-->", "<![CDATA[", "]]>", "<?", "?>", "{", "}", "{: onclick=x}",
    "*", "_", "#", "> ", "- ", "1. ", "[x]: ", "\\", "<http://x.example>", "<javascript:alert(1)>",
    "<mailto:a@b.c>", "\x00", "\u202e", "%0A",
]

markdown_text = st.lists(st.sampled_from(MARKDOWN_FRAGMENTS), max_size=40).map("".join)


def _check_markdown(text: str) -> None:
    html = render(text)
    assert executable_constructs(html) == [], (text, html)
    if unsafe_changes(text) is None:  # what validation accepts is safe even before sanitizing
        assert executable_constructs(render_unsafe(text)) == [], text


@budget(300)
@given(text=st.text(max_size=300))
def test_markdown_on_arbitrary_text(text: str) -> None:
    _check_markdown(text)


@budget(400)
@given(text=markdown_text)
def test_markdown_on_hostile_fragments(text: str) -> None:
    _check_markdown(text)


NESTING_FRAGMENTS = ["+ ", "- ", "* ", "1. ", "1) ", "> ", "    ", "  ", "a", "\n", "\n\n", "&amp;", "<b>"]


@budget(60)
@given(text=st.lists(st.tuples(st.sampled_from(NESTING_FRAGMENTS), st.integers(1, 1000)), min_size=1, max_size=6)
       .map(lambda runs: "".join(fragment * count for fragment, count in runs)))
def test_markdown_on_deeply_nested_blocks(text: str) -> None:
    # Python-Markdown recurses once per nested list or quote: a stack limit, not a size limit
    _check_markdown(text)
    check_bytes(f"description: {json.dumps(text)}\n".encode(), "p.yml", today=TODAY)


@pytest.mark.parametrize("unit", ["+ ", "1. ", "1) ", "* + ", "- + "])
def test_list_markers_nested_on_one_line_render_as_text(unit: str) -> None:
    # regression: `+ + + ...` (500 levels, 1,000 characters) raised RecursionError in the build
    # of a project that validation had accepted, and left the Markdown instance broken
    text = unit * 2000
    assert render(text) == f"<p>{text}</p>"
    raw = (FIXTURES / "valid" / "minimal.yml").read_text("utf-8")
    raw = re.sub(r"(?m)^description: .*$", f"description: {json.dumps(unit * 600 + '&amp;')}", raw)
    assert check_bytes(raw.encode(), "p.yml", today=TODAY).valid
    assert render("**ok** [x](https://a.example/)") == \
        '<p><strong>ok</strong> <a href="https://a.example/" rel="nofollow ugc noopener">x</a></p>'


def test_markdown_that_would_take_quadratic_time_renders_as_text() -> None:
    # regression: 20,000 characters of `<a <a <a ...` took seconds, 256 KB of it minutes
    assert "<a" not in render("<a " * (MAX_BRACKETS + 1)).replace("&lt;a", "")
    assert render("&amp;" * (MAX_CHARS // 5 + 1)).startswith("<p>&amp;amp;")
    assert render("*x* " * (MAX_CHARS // 4)).startswith("<p><em>x</em>")  # at the limit: rendered


def test_the_email_detector_takes_linear_time() -> None:
    # regression: `aaaa...@` or `a.a.a...@x` of 256 KB took minutes (the address pattern was
    # tried again from every character of a long run); now milliseconds. The bound is generous.
    import time

    for text in ("a" * MAX_BYTES + "@", "a." * (MAX_BYTES // 2) + "@x", "a" * MAX_BYTES + " at "):
        start = time.monotonic()
        assert list(find_in_text(text)) == []
        assert time.monotonic() - start < 10, text[-10:]
    assert [f.kind for f in find_in_text("a" * 1000 + " budi@contoh.id x.y@contoh.co.id")] == ["email", "email"]
    assert [f.kind for f in find_in_text("a@b.com.c@d.com")] == ["email", "email"]  # back to back


def test_the_inertness_check_sees_what_it_looks_for() -> None:
    assert executable_constructs('<a href=" JaVa\tScRipt:x">')
    assert executable_constructs("<svg>")
    assert executable_constructs("<p onclick=x>")
    assert executable_constructs('<p style="x">')
    assert executable_constructs('<a href="&#x6a;avascript:x">')
    assert not executable_constructs('<a href="https://ok.example/" rel="nofollow ugc noopener">x</a>')


# --- bounded size and depth --------------------------------------------------------------------

@budget(25, suppress_health_check=[HealthCheck.too_slow])  # each example parses up to 256 KB
@example(size=MAX_BYTES, token="a: b\n")
@example(size=MAX_BYTES + 1, token="x")
@example(size=300 * 1024, token="[")
@given(size=st.integers(0, 300 * 1024), token=st.sampled_from(["a: b\n", "- x\n", "[", "{a: ", "x", "\u00e9"]))
def test_inputs_up_to_300_kb_stay_within_the_size_limit(size: int, token: str) -> None:
    raw = (token.encode() * (size // len(token.encode()) + 1))[:size]
    doc = load_text(raw, "big.yml")
    if size > MAX_BYTES:
        assert [p.code for p in doc.problems] == ["file-too-large"]
        assert doc.problems[0].params == {"size": size, "limit": MAX_BYTES}
    else:
        assert doc.data is None or isinstance(doc.data, dict)
        assert "file-too-large" not in [p.code for p in doc.problems]


nesting = st.one_of(
    st.tuples(st.sampled_from(["flow-list", "flow-map"]), st.integers(MAX_DEPTH, 50_000)),
    st.tuples(st.sampled_from(["block-list", "block-map"]), st.integers(MAX_DEPTH, 400)),  # indentation grows as depth²
)


def nested(style: str, depth: int) -> bytes:
    """A document nested `depth` levels below its root map."""
    if style == "flow-list":
        text = "a: " + "[" * depth + "]" * depth
    elif style == "flow-map":
        text = "a: " + "{a: " * depth + "}" * depth
    elif style == "block-list":
        text = "a:\n" + "".join("  " * i + "-\n" for i in range(depth - 1)) + "  " * (depth - 1) + "- x\n"
    else:
        text = "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "a: x\n"
    return text.encode()


@budget(40)
@example(nesting=("flow-list", MAX_DEPTH), backend="c")
@example(nesting=("block-map", MAX_DEPTH), backend="python")
@example(nesting=("flow-list", 50_000), backend="python")
@given(nesting=nesting, backend=st.sampled_from(["c", "python"]))
def test_deep_nesting_stops_at_the_depth_limit(nesting: tuple[str, int], backend: str) -> None:
    raw = nested(*nesting)
    assert len(raw) <= MAX_BYTES
    doc = load_text(raw, "deep.yml", backend=backend)
    assert [p.code for p in doc.problems] == ["yaml-too-deep"]
    assert doc.problems[0].params == {"limit": MAX_DEPTH}


@pytest.mark.parametrize("backend", ["c", "python"])
def test_nesting_up_to_the_limit_loads(backend: str) -> None:
    for style in ("flow-list", "flow-map", "block-list", "block-map"):
        doc = load_text(nested(style, MAX_DEPTH - 1), "deep.yml", backend=backend)
        assert doc.problems == [], style
        assert _walk(doc.data) == MAX_DEPTH, style
