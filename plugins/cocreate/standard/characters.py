"""The characters that project texts may not hold, defined once.

The loader refuses them in every value and key (also when a YAML escape such as `"\\e"` or
`"\\x9b"` wrote them), and every output that shows contributor text to a terminal, a
Markdown summary, a JSON reader or a CI log escapes exactly the same ones, so that what
validation lets through is what those outputs may show as it is. Four classes, each with
the problem code the loader reports:

- `control-character`: C0 controls but tab and line feed, DEL and C1 controls. ESC
  (U+001B) and CSI (U+009B) start terminal escape sequences (erase lines, write the
  clipboard with OSC 52), CR rewrites a line, and XML 1.0 forbids most of them: one such
  character in a title would make `feed.xml` ill-formed for every subscriber.
- `bidi-control`: Unicode's Bidi_Control characters (U+061C, U+200E, U+200F,
  U+202A-U+202E, U+2066-U+2069), which make text read in another order than it is stored
  (Trojan Source).
- `invisible-character`: characters that show nothing and hide what a text says or makes
  two texts that look alike differ: zero-width space U+200B, word joiner and invisible
  operators U+2060-U+2065, deprecated format characters U+206A-U+206F, the Mongolian vowel
  separator U+180E, U+FEFF inside a text, interlinear annotation U+FFF9-U+FFFB, the line
  and paragraph separators U+2028 and U+2029 (a line break that is not one, and not valid
  in JavaScript strings), and tag characters U+E0000-U+E007F ("ASCII smuggling"), except in
  an emoji flag sequence (U+1F3F4, tags, U+E007F: the flags of Scotland or Wales).
- `noncharacter`: surrogates U+D800-U+DFFF (a lone one cannot even be written as UTF-8),
  U+FFFE and U+FFFF (not XML characters) and the other noncharacters (U+FDD0-U+FDEF and
  the last two code points of every plane), which Unicode keeps out of interchange.

Zero-width joiner and non-joiner (U+200D, U+200C), variation selectors and the soft hyphen
(U+00AD) stay allowed: emoji sequences and many scripts need the first ones, and the soft
hyphen only marks where a word may break, as word processors leave it in pasted text.

Tab and line feed are allowed only in texts that may hold several lines (`description`,
`summary` and the other free texts, marked `x-multiline` in the standard's schema); in any
other value or key they give `not-one-line`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cocreate.standard.problems import Code

_CONTROL_BUT_CR = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
CONTROL = _CONTROL_BUT_CR + "\r"
"""C0 controls but tab (U+0009) and line feed (U+000A); DEL; C1 controls. CR included."""

BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""Unicode's Bidi_Control characters: marks, embeddings, overrides and isolates."""

_INVISIBLE_BMP = "\u180e\u200b\u2028\u2029\u2060-\u2065\u206a-\u206f\ufeff\ufff9-\ufffb"
INVISIBLE = _INVISIBLE_BMP + "\U000e0000-\U000e007f"
"""Characters that show nothing, or break a line without being a line break."""

_NONCHARACTER_BMP = "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
NONCHARACTER = _NONCHARACTER_BMP + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
"""Surrogates and Unicode's 66 noncharacters (U+FFFE and U+FFFF among them)."""

LINE_BREAKS = "\t\n"
"""Allowed in texts that may hold several lines, and only there."""

FLAG = _FLAG = "\U0001f3f4[\U000e0020-\U000e007e]{1,16}\U000e007f"
"""An emoji tag sequence (the flags of England, Scotland, Wales): its tags are allowed."""

_CLASSES = ((CONTROL, Code.CONTROL_CHARACTER), (BIDI, Code.BIDI_CONTROL), (INVISIBLE, Code.INVISIBLE_CHARACTER),
            (NONCHARACTER, Code.NONCHARACTER), (LINE_BREAKS, Code.NOT_ONE_LINE))
_CODE_OF = {code: re.compile(f"[{chars}]") for chars, code in _CLASSES}
"""The problem codes of the classes, as the loader reports them."""


def _patterns(extra: str, control: str = CONTROL) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A quick pattern and an exact one. The quick one is one character class of the BMP
    (matched from a bitmap) plus every character past it, so a clean text, nearly always,
    costs one fast search; the exact one, tried only after a hit, knows the flag sequences
    and the few forbidden characters past the BMP (a class with many of those is matched
    range by range, several times slower)."""
    quick = re.compile(f"[{extra}{control}{BIDI}{_INVISIBLE_BMP}{_NONCHARACTER_BMP}\U00010000-\U0010ffff]")
    exact = re.compile(f"{_FLAG}|[{extra}{control}{BIDI}{INVISIBLE}{NONCHARACTER}]")
    return quick, exact


_IN_TEXT = _patterns("")
_IN_ONE_LINE = _patterns(LINE_BREAKS)
_IN_FILE = _patterns("", _CONTROL_BUT_CR)  # CR may end lines (CRLF); in a value it is refused
_SHOWN = _patterns("\n")

SUSPECT = _IN_ONE_LINE[0]
"""Matches in any text that holds a forbidden character, a tab or a line break (and in
some that do not): when it does not match, the text is clean even as a one-line value."""


@dataclass(frozen=True, slots=True)
class Found:
    """One forbidden character at `index` of a text."""

    index: int
    char: str

    @property
    def code(self) -> Code:
        """The problem code of the character's class."""
        return next(code for code, pattern in _CODE_OF.items() if pattern.match(self.char))

    @property
    def name(self) -> str:
        """`U+001B`."""
        return f"U+{ord(self.char):04X}"


def scan(text: str, *, multiline: bool = True, in_file: bool = False) -> Iterator[Found]:
    """The forbidden characters of `text`: a value that may hold tabs and line breaks
    (`multiline`) or not, or a file's raw text (`in_file`, where CR may end lines)."""
    quick, exact = _IN_FILE if in_file else _IN_TEXT if multiline else _IN_ONE_LINE
    if quick.search(text) is None:
        return
    for match in exact.finditer(text):
        if len(match.group()) == 1:  # a flag sequence is longer, and allowed
            yield Found(match.start(), match.group())


_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if len(char) > 1:
        return char
    code = ord(char)
    return _NAMED.get(char) or (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")


def visible(text: str) -> str:
    """The text on one line, every forbidden character and line break shown as an escape
    (`\\n`, `\\r`, `\\u001b`, `\\U000e0041`); tab and everything else kept as it is."""
    quick, exact = _SHOWN
    return exact.sub(_escape, text) if quick.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if len(char) > 1:
        return char
    code = ord(char)
    if code > 0xFFFF:  # JSON escapes a code point past the BMP as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"
    return f"\\u{code:04x}"


def json_safe(json_text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with every forbidden character
    written as a `\\u` escape. `json.dumps` escapes only C0 controls; DEL, C1 controls, bidi
    controls and U+2028 would reach a terminal (or a JavaScript reader) as they are. Outside
    its strings JSON text is ASCII, so replacing them anywhere keeps it the same JSON."""
    quick, exact = _IN_TEXT
    return exact.sub(_json_escape, json_text) if quick.search(json_text) else json_text


__all__ = ["BIDI", "CONTROL", "Found", "INVISIBLE", "LINE_BREAKS", "NONCHARACTER", "SUSPECT", "json_safe",
           "scan", "visible"]
