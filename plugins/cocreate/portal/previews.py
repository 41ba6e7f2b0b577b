"""What a page's `<head>` says to other sites (`head_tags`): its feeds, its language versions
(`<link rel="alternate" hreflang>`) and its link preview (Open Graph and Twitter tags: title, description, language,
address, the site's name), for a link shared in a chat or a post. No image is made and
nothing is fetched: the preview is text.

Every value may come from a contributor (a project's title and summary): escaped for an
attribute here.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape, unescape

from cocreate.portal import urls
from cocreate.portal.languages import PageLanguages

LOCALES = {"id": "id_ID", "en": "en_US"}
"""Open Graph's locale (`language_TERRITORY`) for each language of the portal."""
ALTERNATE = "alternate "
"""`rel="alternate"` as HTML reads it (a list of words, here one), written so that
Material's script, which takes every `link[rel=alternate]` (that exact value) for its own
language selector and fetches a `sitemap.xml` beside each address, leaves it alone."""
DESCRIPTION = 300
"""Characters of a description kept in a preview (chat applications cut it shorter)."""


@dataclass(frozen=True, slots=True)
class Preview:
    """What a page's preview says; texts as plain text (not HTML)."""

    title: str
    description: str
    site_name: str
    language: str
    url: str
    """The page's public address; empty when the portal's address is unknown."""


@dataclass(frozen=True, slots=True)
class Head:
    """A page, as its head's links and preview need it."""

    preview: Preview
    languages: PageLanguages | None
    """The page's versions in the portal's languages; None in a portal of one language."""
    main: str
    """The portal's main language."""
    url: str
    """The page's address below the site (`projects/x/`)."""
    site_url: str
    """The portal's public address; empty when unknown."""
    feeds: str | None = None
    """The folder whose feeds the page offers besides the portal's (a project's page: its own)."""


def head_tags(head: Head) -> str:
    """The feeds (the portal's, and the page's own, in the page's language), the page's
    versions in the portal's other languages, and its link preview."""
    up, tree = "../" * head.url.count("/"), urls.tree(head.preview.language, head.main)
    folders = ["", *([head.feeds] if head.feeds is not None else [])]
    links = [(kind, f"{up}{tree}{path}") for folder in folders
             for kind, path in zip(("application/atom+xml", "application/feed+json"), urls.feeds(folder), strict=True)]
    # rel="alternate feed": Material reads every rel="alternate" link as a language
    # version of the page and fetches a sitemap beside it; "alternate feed" it leaves alone.
    tags = "".join(f'<link rel="alternate feed" type="{kind}" href="{href}">' for kind, href in links)
    if head.languages is not None:
        tags += alternate_tags(head.languages, head.site_url)
    return tags + preview_tags(head.preview, head.languages)


def _attr(text: str) -> str:
    return escape(" ".join(text.split()), quote=True)


def plain(text: str) -> str:
    """A title as MkDocs or cocreate keeps it (escaped for its templates) as plain text."""
    return unescape(text or "")


def preview_tags(preview: Preview, languages: PageLanguages | None) -> str:
    """The Open Graph and Twitter tags of a page."""
    description = preview.description
    if len(description) > DESCRIPTION:
        description = description[:DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"
    tags = [("og:type", "website"), ("og:title", preview.title), ("og:site_name", preview.site_name),
            ("og:locale", LOCALES.get(preview.language, preview.language))]
    if languages is not None:
        tags += [("og:locale:alternate", LOCALES.get(v.language, v.language)) for v in languages.hreflang
                 if v.language != languages.language]
    if description:
        tags.append(("og:description", description))
    if preview.url:
        tags.append(("og:url", preview.url))
    # X (Twitter) reads og:title and og:description when its own tags are missing: only its
    # card's kind is said, not the title and description a third time
    html = "".join(f'<meta property="{name}" content="{_attr(value)}">' for name, value in tags if value)
    return html + '<meta name="twitter:card" content="summary">'


def alternate_tags(languages: PageLanguages, site_url: str) -> str:
    """`<link rel="alternate" hreflang>` for each version of the page in its own language,
    itself included, and `x-default` for the main language's (absolute when the portal's
    address is known, else relative)."""
    links = []
    for version in languages.hreflang:
        href = f"{site_url}{version.url}" if site_url else version.href
        links.append(f'<link rel="{ALTERNATE}" hreflang="{version.language}" href="{_attr(href)}">')
        if version.language == languages.main:
            links.append(f'<link rel="{ALTERNATE}" hreflang="x-default" href="{_attr(href)}">')
    return "".join(links)
