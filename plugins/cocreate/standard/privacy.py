"""Personal data in contributed text: email addresses, phone numbers and Indonesian NIKs.

The detector is deliberately simple and errs on the side of refusing. What it finds:

- email addresses, also written as `name [at] domain [dot] com`, `name(at)domain.com` or
  `name at domain dot com`;
- phone numbers in international form (`+62 812-3456-7890`, `+44 20 7946 0958`,
  `0062...`), Indonesian national form (`0812 3456 7890`, `(021) 555-1234`) and Indonesian
  numbers without the plus (`6281234567890`), with spaces, dots, dashes or parentheses;
- a 16-digit number, written as one run or in groups of four: the length of an Indonesian
  national ID (NIK), which encodes the holder's birth date and sex (card numbers have it too).

A date or a range of dates (`01.09.2019 - 30.10.2019`, `08.2022`, `2022-01-25`) is never
part of a phone number, and a number never goes on across a line break: the next line of a
list or a table starts something else.

Known limits: numbers spelled out in words, split across fields, or disguised beyond the
forms above pass; after the word `at`, a full stop with a space beside it ends a sentence,
not an address (`budi at kota. id` passes, so that `we meet at noon. The city` does); a
long reference number of 9 to 15 digits that starts with `0`, `+` or `62` is taken for a
phone number (write it with a prefix such as `No. ` and no leading zero).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cocreate.standard.fieldpaths import walk
from cocreate.standard.problems import FieldPath

_LOCAL = r"[A-Za-z0-9._%+-]{1,64}+"  # at most 64 characters, taken whole: linear time on long runs
_LABEL = r"[A-Za-z0-9-]+"
_DOT = r"\s*(?:\.|\[dot\]|\(dot\)|\sdot\s)\s*"
_TIGHT_DOT = r"(?:\.|\s*(?:\[dot\]|\(dot\)|\sdot\s)\s*)"
"""After the word `at`, a full stop counts only with no space around it: `budi at kota.id`
is an address, `we meet at noon. The city...` is a sentence."""
_AT_WORD_TAIL = rf"\sat\s\s*{_LABEL}(?:{_TIGHT_DOT}{_LABEL})*{_TIGHT_DOT}[A-Za-z]{{2,}}"
_EMAIL = re.compile(
    rf"{_LOCAL}\s*(?:(?:@|\[at\]|\(at\))\s*{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,}}|{_AT_WORD_TAIL})",
    re.IGNORECASE,
)
# Not after a digit and a separator: the digits of `4.0999999999999996`, `2022.01.25` or
# an ISBN's `978-0-12-...` continue a number, they do not start one.
_AFTER_NUMBER = r"(?<!\d[.,/-])"
_NIK = re.compile(rf"(?<![\d]){_AFTER_NUMBER}(?:\d{{16}}|\d{{4}}([ .-])\d{{4}}\1\d{{4}}\1\d{{4}})(?![\d])")
_SPACE = r"[ \t\u00a0]"
"""A space within a number: never a line break, which ends a number (a list's next item, a
table's next cell, begins on the next line)."""
_PHONE = re.compile(rf"(?<![\w+]){_AFTER_NUMBER}(?:\+|\(?0)(?:\d|{_SPACE}|[().-]){{7,22}}\d(?![\d])"
                    rf"|(?<![\w+]){_AFTER_NUMBER}62(?:{_SPACE}|-)?8(?:\d|{_SPACE}|[.-]){{7,16}}\d(?![\d])")
_DATE_TOKEN = re.compile(r"(?:(?P<m>\d{1,2})[./-](?P<y>\d{4})|(?P<y2>\d{4})[./-](?P<m2>\d{1,2})(?:[./-]\d{1,2})?"
                         r"|\d{1,2}[./-](?P<m3>\d{1,2})[./-](?P<y3>\d{4}))")
"""A date written with dots, slashes or dashes: `08.2022`, `2022.01.25`, `25/01/2022`."""
_DATE_IN_TEXT = re.compile(r"(?<![\d.,/-])(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?"
                           r"|\d{1,2}[./-]\d{4})(?![\d])")
"""Where a date may stand inside a longer run of digits (`0 01.09.2019 - 30.10.2019`)."""
_WORD_AT_NOT_AN_ADDRESS = frozenset({
    "online", "available", "published", "found", "located", "visit", "visited", "us", "here", "site", "website",
    "web", "portal", "page", "it", "them", "meet", "meeting", "held", "based", "see", "read", "download",
    "downloaded", "register", "apply", "info", "information", "details", "more", "look", "looking", "arrive",
    "arrived", "start", "started", "stay", "work", "works", "worked", "live", "lives", "born", "stop"})
"""Words that, before ` at `, begin a sentence rather than an address: `available online
at example.org`."""

# Cheap first looks, each a plain pattern that the engine runs fast over long text: text
# without a match cannot hold what the pattern beside it finds.
_AT_SIGN = re.compile(r"@|\(at\)|\[at\]", re.IGNORECASE)  # for _EMAIL with a sign
_AT_WORD = re.compile(r"\sat\s", re.IGNORECASE)  # for _EMAIL with the word
_AT_WORD_EMAIL = re.compile(_AT_WORD_TAIL, re.IGNORECASE)  # the same, tried only where `at` stands
_DIGITS = re.compile(r"\d[\d\s().-]{6,}\d")  # for _NIK and _PHONE (8 or more digits, or 16)


# The patterns by name, for the proposal form's copy of the detector (`portal/forms.py`).
EMAIL, AT_SIGN, AT_WORD_EMAIL, DIGITS, NIK, PHONE = _EMAIL, _AT_SIGN, _AT_WORD_EMAIL, _DIGITS, _NIK, _PHONE
DATE_TOKEN, DATE_IN_TEXT, WORD_AT_NOT_AN_ADDRESS = _DATE_TOKEN, _DATE_IN_TEXT, _WORD_AT_NOT_AN_ADDRESS


@dataclass(frozen=True, slots=True)
class Finding:
    """A piece of personal data in one field; `masked` shows only its edges."""

    kind: str  # "email" | "phone" | "nik"
    path: FieldPath
    masked: str
    start: int = 0
    """Where it begins in the text (to point at its line in a text of several lines)."""
    found: str = field(default="", repr=False)
    """What was found, in clear: only to find it in the source file, never to show."""


def mask(text: str) -> str:
    """Show enough of a finding to locate it, not enough to publish it (logs are public)."""
    text = text.strip()
    if len(text) <= 6:
        return "*" * len(text)
    return f"{text[:2]}{'*' * (len(text) - 4)}{text[-2:]}"


def _a_date(token: str) -> bool:
    """Whether one token is a date of the years records speak of (1900 to 2100)."""
    found = _DATE_TOKEN.fullmatch(token)
    if found is None:
        return False
    year = int(found["y"] or found["y2"] or found["y3"])
    month = int(found["m"] or found["m2"] or found["m3"])
    return 1900 <= year <= 2100 and 1 <= month <= 12


def _without_dates(text: str) -> str:
    """`text` with every date in it blanked out (by NULs, which no pattern matches and no text
    holds), each position kept: a date, or a range of dates, is never part of a phone number."""
    return _DATE_IN_TEXT.sub(lambda m: "\x00" * len(m.group()) if _a_date(m.group()) else m.group(), text)


def _phone_like(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+") or digits.startswith("00"):
        return 8 <= len(digits.lstrip("0")) <= 15
    if digits.startswith("62"):
        return 10 <= len(digits) <= 14
    return 9 <= len(digits) <= 13 and digits[1:2] != "0"


@dataclass(frozen=True, slots=True)
class _Found:
    """Where one piece of personal data stands in a text, and the piece."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, match: re.Match[str]) -> _Found:
        return cls(match.start(), match.end(), match.group())


def _matches(text: str) -> Iterator[tuple[str, _Found]]:
    """Every piece of personal data in one string: its kind and where it stands."""
    taken: list[tuple[int, int]] = []
    if _AT_SIGN.search(text) or _AT_WORD_EMAIL.search(text):
        for match in _EMAIL.finditer(text):
            if _sentence_at(match):
                continue
            taken.append(match.span())
            yield "email", _Found.of(match)
    if not _DIGITS.search(text):
        return
    for match in _NIK.finditer(text):
        taken.append(match.span())
        yield "nik", _Found.of(match)
    for match in _PHONE.finditer(_without_dates(text)):
        start, end = match.span()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        if _phone_like(match.group().strip()):
            yield "phone", _Found.of(match)


def _sentence_at(match: re.Match[str]) -> bool:
    """An address written with the word `at` that is a sentence: `available online at
    www.example.org`, `published at example.org/report`."""
    found = match.group()
    before, sep, after = found.partition(" at ")
    if not sep or "@" in found or "(at)" in found.lower() or "[at]" in found.lower():
        return False
    word = before.strip().rsplit(maxsplit=1)[-1].lower() if before.strip() else ""
    end = match.string[match.end():match.end() + 1]
    return after.lower().startswith("www.") or end == "/" or word in _WORD_AT_NOT_AN_ADDRESS


def find_in_text(text: str, path: FieldPath = ()) -> Iterator[Finding]:
    """Every piece of personal data in one string."""
    for kind, found in _matches(text):
        yield Finding(kind, path, mask(found.text), found.start, found.text)


def _spans(text: str) -> list[list[int]]:
    """Where personal data stands in a text, overlapping findings taken as one."""
    spans: list[list[int]] = []
    for start, end in sorted((found.start, found.end) for _, found in _matches(text)):
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return spans


def redact(text: str) -> str:
    """`text` with every piece of personal data in it masked: for messages and logs, which
    are public, when they repeat a value (an email written where a status belongs)."""
    for start, end in reversed(_spans(text)):
        text = text[:start] + mask(text[start:end]) + text[end:]
    return text


def redact_with(text: str, replacement: str) -> tuple[str, int]:
    """`text` with every piece of personal data in it replaced by `replacement`, and how
    many pieces there were (an import that cuts contact details out of a record)."""
    spans = _spans(text)
    for start, end in reversed(spans):
        text = text[:start] + replacement + text[end:]
    return text, len(spans)


def _texts(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)


def _candidates(texts: list[str]) -> Iterator[str]:
    """The strings that could hold personal data, found by looking at all of them joined by
    NULs: no pattern matches a NUL, and one stands where a string starts or ends."""
    starts = list(itertools.accumulate((len(text) + 1 for text in texts), initial=0))
    joined = "\x00".join(texts)
    hits = {bisect.bisect_right(starts, match.start()) - 1 for gate in (_AT_SIGN, _AT_WORD, _DIGITS)
            for match in gate.finditer(joined)}
    return (texts[index] for index in sorted(hits))


def find_in_data(data: Any, path: FieldPath = ()) -> Iterator[Finding]:
    """Every piece of personal data in every string (keys included) of loaded data."""
    if not path and not any(next(_matches(text), None) for text in _candidates(list(_texts(data)))):
        return  # most projects hold nothing: only one that does is searched field by field
    for here, node in walk(data, path):
        if len(here) > len(path) and isinstance(here[-1], str):  # a map's key, before what it holds
            yield from find_in_text(here[-1], here)
        if isinstance(node, str):
            yield from find_in_text(node, here)
