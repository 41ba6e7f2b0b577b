"""Portal text in the site's language: UI strings, vocabulary labels, multilingual fields, dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from cocreate.i18n.messages import LANGUAGES, catalog, fill
from cocreate.standard.dates import parse_date


@cache
def _flat(language: str) -> dict[str, str]:
    """Every `portal.*` string of a language by dotted key, the other language filling gaps."""
    def walk(node: Any, prefix: str, out: dict[str, str]) -> dict[str, str]:
        for key, value in node.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.", out)
            else:
                out[f"{prefix}{key}"] = value
        return out

    other = next(lang for lang in LANGUAGES if lang != language)
    return {**walk(catalog(other)["portal"], "", {}), **walk(catalog(language)["portal"], "", {})}


@dataclass(frozen=True)
class Translator:
    """Looks up `portal.*` strings of one language; falls back to the other language."""

    language: str

    @property
    def fallback(self) -> str:
        return next(lang for lang in LANGUAGES if lang != self.language)

    def __call__(self, key: str, **params: Any) -> str:
        """The string at dotted `key`, with `{placeholders}` filled."""
        value = _flat(self.language).get(key)
        if value is None:
            raise KeyError(f"no portal string {key!r}")
        return fill(value, params) if params else value

    def label(self, group: str, value: str) -> str:
        """The reader's word for a vocabulary value, e.g. `label("phase", "curation")`."""
        return self(f"labels.{group}.{value}")

    def text(self, value: Any) -> str:
        """A multilingual field in this language, else the other portal language, else any."""
        return self.text_in(value)[0]

    def text_in(self, value: Any) -> tuple[str, str | None]:
        """A multilingual field's text and the language it is in: this one, else the other
        portal language, else any; None for a plain text (taken to be in the portal's
        language)."""
        if isinstance(value, str):
            return value, None
        if isinstance(value, dict) and value:
            for language in (self.language, self.fallback):
                if isinstance(value.get(language), str):
                    return value[language], language
            language, text = next(iter(value.items()))
            return str(text), str(language)
        return "", None

    def date(self, value: str | None) -> str:
        """A date as written, in words: `17 Maret 2024`, `Maret 2024`, `Kuartal I 2024`,
        `2024` (`17 March 2024`, `March 2024`, `Q1 2024`, `2024`)."""
        if not value:
            return ""
        date = parse_date(value)
        if date is None:
            return value
        if date.precision == "day":
            return f"{date.start.day} {self(f'months.m{date.start.month}')} {date.year}"
        if date.precision == "month":
            return f"{self(f'months.m{date.start.month}')} {date.year}"
        if date.quarter is not None:
            return self("quarter_date", quarter=self(f"quarters.q{date.quarter}"), year=date.year)
        return str(date.year)

    def day(self, day: dt.date) -> str:
        """A day the portal knows (the day of the build), in this language's long form,
        from CLDR through Babel: `1 Desember 2026`, `December 1, 2026`."""
        from babel.dates import format_date

        return str(format_date(day, format="long", locale=self.language))

    def language_name(self, language: str) -> str:
        """`en` as `bahasa Inggris` / `English`; a code the portal has no name for as itself."""
        try:
            return self(f"language_names.{language}")
        except KeyError:
            return language

    def language_names(self, languages: list[str]) -> str:
        """Languages by name, joined: `bahasa Inggris`, `English, Bahasa Indonesia`."""
        return ", ".join(self.language_name(language) for language in languages)

    def country(self, code: str) -> str:
        """An ISO 3166-1 code as the country's name in this language (from CLDR, through
        Babel); the code itself when there is none."""
        return _territories(self.language).get(code, code)


@cache
def _territories(language: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(language).territories)
