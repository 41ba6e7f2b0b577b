"""Which language an imported row's texts are in: one language for the whole table, a column
that names each row's, or `detect`, which reads the texts themselves.

`language:` in a mapping is
- a language code (`en`, `es`, `pt-BR`): every text of the table is in it;
- a template (`"{Language}"`): each row names its own, as a code (checked with CLDR, through
  Babel);
- `detect`, or `detect:CODE`: the language is read from the row's texts (langdetect, from the
  `import` extra). All of a row's texts read together decide the row's language; a long text
  that is clearly in another language keeps its own. Where the texts are too short or too
  mixed to tell, the row gets CODE, or, with plain `detect`, its texts stay without a
  language (as with no `language:` at all: taken to be in the portal's language). Texts the
  mapping writes itself are in CODE, and a value with its own `language:` keeps it
  (`cli/mapping.py`): neither counts towards the row's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from cocreate.standard.schema import project_schema

DETECT = "detect"
PENDING = "\x00language"
"""The key a text is written under until its row's language is decided."""
SURE = 0.9
"""The least probability langdetect must give a language for the row to be in it."""
ROW_LETTERS = 40
"""Fewer letters than this in all of a row's texts together: too little to tell."""
OWN_LETTERS = 200
"""A text with at least this many letters, clearly (`SURE`) in another language than its
row's, keeps its own."""


class LanguageError(ValueError):
    """A `language:` in a mapping, or a row's language, that cannot be used."""


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile(str(project_schema()["$defs"]["language"]["pattern"]))


def checked(code: str) -> str:
    """A language code as the standard writes it (`en`, `pt-BR`), known to CLDR; else a
    LanguageError saying what to write."""
    from babel import Locale, UnknownLocaleError

    text = code.strip()
    parts = text.replace("_", "-").split("-")
    normal = parts[0].lower() + (f"-{parts[1].upper()}" if len(parts) == 2 else "")
    if not _pattern().fullmatch(normal):
        raise LanguageError(f"{code!r} is not a language code (write `en`, `es` or `pt-BR`)")
    try:
        Locale.parse(normal, sep="-")
    except (ValueError, UnknownLocaleError):
        raise LanguageError(f"{code!r} is no language CLDR knows") from None
    return normal


@dataclass(frozen=True)
class Detector:
    """`detect` or `detect:CODE` of a mapping."""

    fallback: str | None

    @classmethod
    def of(cls, setting: str) -> Detector | None:
        name, _, fallback = setting.partition(":")
        if name.strip() != DETECT:
            return None
        return cls(checked(fallback) if fallback.strip() else None)

    def decide(self, data: Any) -> Any:
        """`data` with every text written under PENDING put under its language (or left plain
        when no language can be told and there is no fallback)."""
        texts = list(_pending(data))
        row = _detected(" ".join(texts), ROW_LETTERS) or self.fallback
        return _settle(data, row)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _detected(text: str, least: int) -> str | None:
    """The language langdetect is sure of in `text`, as the standard writes it; None when
    the text is too short or no language is likely enough."""
    if _letters(text) < least:
        return None
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0  # the same answer every time for the same text
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    if best.prob < SURE:
        return None
    try:
        return checked(str(best.lang))
    except LanguageError:
        return None


def _pending(data: Any) -> list[str]:
    if isinstance(data, dict):
        if set(data) == {PENDING}:
            return [str(data[PENDING])]
        return [text for value in data.values() for text in _pending(value)]
    if isinstance(data, list):
        return [text for value in data for text in _pending(value)]
    return []


def _settle(data: Any, row: str | None) -> Any:
    if isinstance(data, dict):
        if set(data) == {PENDING}:
            text = str(data[PENDING])
            own = _detected(text, OWN_LETTERS)
            language = own or row
            return {language: text} if language else text
        return {key: _settle(value, row) for key, value in data.items()}
    if isinstance(data, list):
        return [_settle(value, row) for value in data]
    return data
