"""Portal text in the site's language: UI strings, vocabulary labels, multilingual fields, dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from cocreate.i18n.messages import LANGUAGES, catalog, fill


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
        if isinstance(value, str):
            return value
        if isinstance(value, dict) and value:
            for language in (self.language, self.fallback):
                if isinstance(value.get(language), str):
                    return value[language]
            return str(next(iter(value.values())))
        return ""

    def date(self, value: str | None) -> str:
        """`2024-03-17` as `17 Maret 2024` / `17 March 2024`."""
        if not value:
            return ""
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
        month = self(f"months.m{day.month}")
        return f"{day.day} {month} {day.year}"
