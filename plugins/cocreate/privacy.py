"""Personal data in contributed text: email addresses, phone numbers and Indonesian NIKs.

The detector is deliberately simple and errs on the side of refusing. What it finds:

- email addresses, also written as `name [at] domain [dot] com`, `name(at)domain.com` or
  `name at domain dot com`;
- phone numbers in international form (`+62 812-3456-7890`, `+44 20 7946 0958`,
  `0062...`), Indonesian national form (`0812 3456 7890`, `(021) 555-1234`) and Indonesian
  numbers without the plus (`6281234567890`), with spaces, dots, dashes or parentheses;
- a 16-digit number, written as one run or in groups of four: the length of an Indonesian
  national ID (NIK), which encodes the holder's birth date and sex (card numbers have it too).

Known limits: numbers spelled out in words, split across fields, or disguised beyond the
forms above pass; a long reference number of 9 to 15 digits that starts with `0`, `+` or
`62` is taken for a phone number (write it with a prefix such as `No. ` and no leading zero).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Any, Iterator

from cocreate.problems import FieldPath

_EMAIL = re.compile(  # a local part of at most 64 characters, taken whole: linear time on long runs
    r"[A-Za-z0-9._%+-]{1,64}+\s*(?:@|\[at\]|\(at\)|\sat\s)\s*[A-Za-z0-9-]+"
    r"(?:\s*(?:\.|\[dot\]|\(dot\)|\sdot\s)\s*[A-Za-z0-9-]+)*\s*(?:\.|\[dot\]|\(dot\)|\sdot\s)\s*[A-Za-z]{2,}",
    re.IGNORECASE,
)
_NIK = re.compile(r"(?<![\d])(?:\d{16}|\d{4}([ .-])\d{4}\1\d{4}\1\d{4})(?![\d])")
_PHONE = re.compile(r"(?<![\w+])(?:\+|\(?0)[\d\s().-]{7,22}\d(?![\d])|(?<![\w+])62[\s-]?8[\d\s.-]{7,16}\d(?![\d])")


_MAYBE = re.compile(r"@|\(at\)|\[at\]|\sat\s|(?<!\d)(?!\d{4}-\d\d-\d\d(?!\d))\d[\d\s().-]{6,}\d", re.IGNORECASE)
"""A cheap first look: text without any of these cannot hold what the detector finds."""
_GATES = (re.compile(r"@|\(at\)|\[at\]", re.IGNORECASE), re.compile(r"\sat\s", re.IGNORECASE),
          re.compile(r"\d[\d\s().-]{6,}\d"))
"""Looser and simpler than `_MAYBE` (no lookaround), so fast over a whole project at once."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A piece of personal data in one field; `masked` shows only its edges."""

    kind: str  # "email" | "phone" | "nik"
    path: FieldPath
    masked: str


def mask(text: str) -> str:
    """Show enough of a finding to locate it, not enough to publish it (logs are public)."""
    text = text.strip()
    if len(text) <= 6:
        return "*" * len(text)
    return f"{text[:2]}{'*' * (len(text) - 4)}{text[-2:]}"


def _phone_like(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+") or digits.startswith("00"):
        return 8 <= len(digits.lstrip("0")) <= 15
    if digits.startswith("62"):
        return 10 <= len(digits) <= 14
    return 9 <= len(digits) <= 13 and digits[1:2] != "0"


def _matches(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Every piece of personal data in one string: its kind and where it stands."""
    if not _MAYBE.search(text):
        return
    taken: list[tuple[int, int]] = []
    for match in _EMAIL.finditer(text):
        if "@" in match.group() or re.search(r"\[at\]|\(at\)|\sat\s", match.group(), re.IGNORECASE):
            taken.append(match.span())
            yield "email", match
    for match in _NIK.finditer(text):
        taken.append(match.span())
        yield "nik", match
    for match in _PHONE.finditer(text):
        start, end = match.span()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        if _phone_like(match.group().strip()):
            yield "phone", match


def find_in_text(text: str, path: FieldPath = ()) -> Iterator[Finding]:
    """Every piece of personal data in one string."""
    for kind, match in _matches(text):
        yield Finding(kind, path, mask(match.group()))


def redact(text: str) -> str:
    """`text` with every piece of personal data in it masked: for messages and logs, which
    are public, when they repeat a value (an email written where a status belongs)."""
    spans: list[list[int]] = []
    for start, end in sorted(match.span() for _, match in _matches(text)):
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)  # overlapping findings are masked as one
        else:
            spans.append([start, end])
    for start, end in reversed(spans):
        text = text[:start] + mask(text[start:end]) + text[end:]
    return text


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
    hits = {bisect.bisect_right(starts, match.start()) - 1 for gate in _GATES for match in gate.finditer(joined)}
    return (texts[index] for index in sorted(hits))


def find_in_data(data: Any, path: FieldPath = ()) -> Iterator[Finding]:
    """Every piece of personal data in every string (keys included) of loaded data."""
    if not path and not any(next(_matches(text), None) for text in _candidates(list(_texts(data)))):
        return  # most projects hold nothing: only one that does is searched field by field
    if isinstance(data, str):
        yield from find_in_text(data, path)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from find_in_text(key, (*path, key))
            yield from find_in_data(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from find_in_data(value, (*path, index))
