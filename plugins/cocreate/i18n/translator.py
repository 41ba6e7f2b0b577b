"""Portal text in the site's language: UI strings, vocabulary labels, multilingual fields, dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from cocreate.i18n.messages import LANGUAGES, OTHER, catalog, fill, plural_categories, plural_category
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
        """The string at dotted `key`, with `{placeholders}` filled. A string that says a
        number (`{count}`) may have one form per plural category of the language's plural
        rules (`one`, `other`, ... from CLDR, through Babel): the form for `count` is used."""
        strings = _flat(self.language)
        value = strings.get(key)
        if value is None and f"{key}.{OTHER}" in strings and "count" in params:
            value = strings.get(f"{key}.{plural_category(self.language, params['count'])}") or strings[f"{key}.{OTHER}"]
        if value is None:
            raise KeyError(f"no portal string {key!r}")
        return fill(value, params) if params else value

    def forms(self, key: str) -> dict[str, str]:
        """A counted string's forms, one per plural category of the language (CLDR: `other` in
        Bahasa Indonesia, `one` and `other` in English), `{count}` left to fill: for a script
        that counts in the browser and picks the form with `Intl.PluralRules`."""
        return {category: self(f"{key}.{category}") for category in sorted(plural_categories(self.language))}

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

    def field_name(self, name: str) -> str:
        """A top-level field of the standard as a reader calls it (`seeking`: `open call`);
        a name the standard does not have, as written."""
        try:
            return self(f"field_names.{name}")
        except KeyError:
            return name

    def language_name(self, language: str) -> str:
        """`en` as `Inggris` / `English`, from CLDR (through Babel); a code it has no name for
        as itself."""
        return _languages(self.language).get(language, language)

    def language_names(self, languages: list[str]) -> str:
        """Languages by name, joined: `bahasa Inggris`, `English, Bahasa Indonesia`."""
        return ", ".join(self.language_name(language) for language in languages)

    def country(self, code: str) -> str:
        """An ISO 3166-1 code as the country's name in this language (from CLDR, through
        Babel); the code itself when there is none."""
        return _territories(self.language).get(code, code)


def name_in_itself(language: str) -> str:
    """A language's name in itself, as a language switcher shows it (`English`), from CLDR."""
    from babel import Locale

    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


@cache
def _languages(language: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(language).languages)


@cache
def _territories(language: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(language).territories)
