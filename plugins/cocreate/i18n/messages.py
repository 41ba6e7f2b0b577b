"""Messages in the reader's language, from the catalogues in `locales/` (id and en)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from cocreate.standard.loader import load_text
from cocreate.standard.problems import Problem
from cocreate.standard.vocabulary import LANGUAGES


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def fill(template: str, params: dict[str, Any]) -> str:
    """Fill `{name}` placeholders; an unknown placeholder is left as it is."""
    return template.format_map(_Params({k: _show(v) for k, v in params.items()}))


@cache
def catalog(language: str) -> dict[str, Any]:
    """The message catalogue of a language (`id` or `en`)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    raw = resources.files("cocreate.i18n").joinpath(f"locales/{language}.yml").read_bytes()
    doc = load_text(raw, f"locales/{language}.yml")
    if doc.problems:  # a broken catalogue is our bug, caught by the test suite
        raise ValueError(f"broken catalogue {language}: {doc.problems[0]}")
    return doc.data


def problem_codes() -> list[str]:
    """Every problem code cocreate can report."""
    return sorted(catalog("en")["problems"])


def message(problem: Problem, language: str) -> str:
    """What is wrong, in `language`, with a "did you mean" when there is a close match."""
    entry = catalog(language)["problems"][problem.code]
    text = fill(entry["message"], problem.params)
    if problem.params.get("suggestion"):
        text += "; " + fill(catalog(language)["ui"]["did_you_mean"], problem.params)
    return text


def hint(problem: Problem, language: str) -> str:
    """How to fix it, in `language`."""
    return fill(catalog(language)["problems"][problem.code]["hint"], problem.params)


def ui(key: str, language: str, **params: Any) -> str:
    """A user-interface string, in `language`."""
    return fill(catalog(language)["ui"][key], params)


OTHER = "other"
"""The plural category every language has: the form a string must have if it has several."""


@cache
def plural_categories(language: str) -> frozenset[str]:
    """The plural categories of a language's rules (CLDR, through Babel): `{one, other}`
    in English, `{other}` in Bahasa Indonesia."""
    from babel import Locale

    return Locale.parse(language).plural_form.tags | {OTHER}


def plural_category(language: str, count: Any) -> str:
    """The plural category of `count` in `language` (`1` is `one` in English)."""
    from babel import Locale

    try:
        return str(Locale.parse(language).plural_form(count))
    except (TypeError, ValueError):
        return OTHER


def counted(key: str, language: str, count: int) -> str:
    """`count` with its noun (`ui.counts.<key>`), in the form the language's plural rules
    give it: "1 file", "2 files"; "2 berkas"."""
    forms = catalog(language)["ui"]["counts"][key]
    return fill(forms.get(plural_category(language, count)) or forms[OTHER], {"count": count})
