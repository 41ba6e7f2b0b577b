"""A portal in several languages: which tree of pages a page is in, its versions in the
others, and what its language switcher and `<link rel="alternate" hreflang>` say.

The main language's pages are at the site's root, each further language's in a folder of
its own (`en/`), made from the same projects and the same docs: a hand-written page
`take-part.md` has its translation beside it, `take-part.en.md`. A page with no
translation is still in every tree, shown as written and saying so ("available in
Indonesian only"); it has no hreflang alternate in a language it is not written in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from cocreate.i18n.translator import Translator, name_in_itself
from cocreate.portal import urls

HREF = "\x00cocreate:href:{}\x00"
"""Stands for the link to a page's version in another language while a header is rendered
to be shared (no link holds NUL)."""


@dataclass(frozen=True, slots=True)
class Trees:
    """The portal's languages: the first is the main one, at the site's root."""

    languages: tuple[str, ...]

    @property
    def main(self) -> str:
        return self.languages[0]

    @property
    def further(self) -> tuple[str, ...]:
        return self.languages[1:]

    def of(self, src_uri: str) -> tuple[str, str]:
        """The language of a page (by its path among MkDocs' files) and its path in the main
        language's tree: `en/projects/x/index.md` -> (`en`, `projects/x/index.md`)."""
        head, _, rest = src_uri.partition("/")
        if rest and head in self.further:
            return head, rest
        return self.main, src_uri

    def path(self, language: str, uri: str) -> str:
        """A page of the main tree (`take-part.md`) in `language`'s (`en/take-part.md`)."""
        return urls.in_tree(language, self.main, uri)

    def marked_main(self, src_uri: str) -> str | None:
        """The page a file marked with the main language translates (`privacy.en.md` in a
        portal whose language is English: `privacy.md`); None for any other file. Such a
        file would be published as a page of its own (`/privacy.en/`)."""
        suffix = f".{self.main}.md"
        return src_uri.removesuffix(suffix) + ".md" if src_uri.endswith(suffix) and len(src_uri) > len(suffix) \
            else None

    def translation_of(self, src_uri: str) -> tuple[str, str] | None:
        """A hand-written translation (`take-part.en.md`): its language and the page it
        translates (`take-part.md`); None for any other file."""
        for language in self.further:
            suffix = f".{language}.md"
            if src_uri.endswith(suffix) and len(src_uri) > len(suffix):
                return language, src_uri.removesuffix(suffix) + ".md"
        return None


@dataclass(frozen=True, slots=True)
class Version:
    """A page in one language: the link to it from the page at hand, and whether its text
    is in that language (False: shown as written, in the main language, saying so)."""

    language: str
    name: str
    """The language's name in itself, as the switcher shows it (`English`)."""
    href: str
    url: str
    """Its address from the site's root, for an absolute link (`en/projects/x/`)."""
    translated: bool


@dataclass(frozen=True, slots=True)
class PageLanguages:
    """A page's language and its versions in every language of the portal (its own too)."""

    language: str
    main: str
    translated: bool
    """The page's own text is in its tree's language."""
    versions: tuple[Version, ...]

    @property
    def others(self) -> tuple[Version, ...]:
        """The versions the switcher leads to."""
        return tuple(v for v in self.versions if v.language != self.language)

    @property
    def hreflang(self) -> tuple[Version, ...]:
        """The versions that are really in their language: the page's hreflang alternates
        (itself included, as search engines ask), none when it is not translated itself."""
        if not self.translated:
            return ()
        found = tuple(v for v in self.versions if v.translated)
        return found if len(found) > 1 else ()

    def placeheld(self) -> PageLanguages:
        """The same with every other version's link replaced by a placeholder (`HREF`), to
        render a header that pages in the same folder share."""
        others = iter(range(len(self.versions)))
        return replace(self, versions=tuple(v if v.language == self.language else
                                            replace(v, href=HREF.format(next(others)))
                                            for v in self.versions))

    def links(self) -> dict[str, str]:
        """The placeholders of `placeheld` and the links they stand for."""
        return {HREF.format(i): v.href for i, v in enumerate(self.others)}


def page_languages(trees: Trees, language: str, url: str, found: Callable[[str], str | None],
                   untranslated: Callable[[str], bool], neutral: str) -> PageLanguages:
    """The languages of the page at `url` (MkDocs' address from the root) in `language`'s
    tree, whose path in the main tree is `neutral`. `found(path)` gives the address of a
    page by its path among MkDocs' files (None if there is none), `untranslated(path)`
    whether that page is shown in the main language for want of a translation."""
    versions = []
    for other in trees.languages:
        path = trees.path(other, neutral)
        there = url if other == language else found(path)
        if there is None:
            continue
        versions.append(Version(other, name_in_itself(other), urls.page_link(url, there), there,
                                not untranslated(path)))
    return PageLanguages(language, trees.main, not untranslated(trees.path(language, neutral)), tuple(versions))


def only_in(language: str, main: str) -> str:
    """What an untranslated page says, in `language`: available in the main language only."""
    t = Translator(language)
    return t("languages.only_in", language=t.language_name(main))


def fill(parts: Sequence[str], values: dict[str, str]) -> str | None:
    """Parts of a shared header (split at its placeholders, which are the odd parts) filled
    with a page's values; None when they do not fit this page (a placeholder it has no value
    for, or a value with no place)."""
    if set(parts[1::2]) != set(values):
        return None
    return "".join(values[part] if i % 2 else part for i, part in enumerate(parts))
