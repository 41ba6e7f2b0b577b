"""Contributed Markdown, rendered by its own Markdown instance and sanitized with nh3.

The instance has no extension that lets text reach into the page (no attr_list, md_in_html,
snippets or macros). Headings are demoted below the page's own, and images become links so
that readers never load a stranger's image (a tracker). nh3 then keeps only a small set of
tags, `http`, `https` and `mailto` links, and adds `rel="nofollow ugc noopener"`.
`unsafe_changes` tells the validator what sanitizing would remove, so that a pull request
with such content fails instead of being silently altered.
"""

from __future__ import annotations

import html
import re
import threading
from functools import lru_cache
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = frozenset({
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "hr", "del",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
MAX_BRACKETS = 200
"""Python-Markdown takes quadratic time on runs of `[` and of raw HTML (`<a <a <a ...`); text
with more `[` or more `<` than this is shown as plain text."""
MAX_LIST_MARKERS = 20
"""List markers at the start of one line (`+ + + ...`, `1. 1. ...`) each open a list inside
the last: Python-Markdown 3.11.3 runs out of stack on a few hundred, 3.11.4 renders thousands
of levels. A line with more markers than this makes the text plain, whatever the version."""
_MARKER_RUN = re.compile(rf"^[ \t]*(?:(?:[*+-]|\d{{1,9}}[.)])[ \t]+){{{MAX_LIST_MARKERS + 1}}}", re.MULTILINE)
MAX_CHARS = 20_000
"""The longest Markdown the standard allows (`$defs/markdown` in the schema); longer text,
already an error, is shown as plain text: each inline element costs time in proportion to
the text's length."""


class _Demote(Treeprocessor):
    """h1/h2 become h3, images become links to the image."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in ("h1", "h2"):
                element.tag = "h3"
            elif element.tag == "img":
                source, alt = element.get("src", ""), element.get("alt") or element.get("src", "")
                element.attrib.clear()
                element.tag, element.text = "a", alt
                element.set("href", source)


class _Untrusted(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Demote(md), "cocreate-demote", 1)


_local = threading.local()


def _instance() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(extensions=[_Untrusted(), "sane_lists"], output_format="html")
    return md


@lru_cache(maxsize=256)
def render_unsafe(text: str) -> str:
    """Markdown to HTML, before sanitizing: raw HTML in the text is still there. Cached:
    validation, the page and the search index of one project ask for the same texts."""
    if (len(text) > MAX_CHARS or text.count("[") > MAX_BRACKETS or text.count("<") > MAX_BRACKETS
            or _MARKER_RUN.search(text)):
        return _plain(text)
    try:
        return _instance().reset().convert(text)
    except RecursionError:  # list markers nested on one line (`+ + + ...`, `1. 1. ...`): a level each
        _local.md = None  # the instance's parser state is left broken: the next text gets a new one
        return _plain(text)


def _plain(text: str) -> str:
    """The text as escaped paragraphs, for what Python-Markdown cannot render in bounded time
    or stack depth."""
    return "".join(f"<p>{html.escape(part)}</p>" for part in text.split("\n\n") if part.strip())


@lru_cache(maxsize=256)
def sanitize(fragment: str) -> str:
    """Keep only the allowed tags, attributes and link schemes."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render(text: str) -> str:
    """Contributed Markdown as safe HTML."""
    return sanitize(render_unsafe(text))


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = sorted((k, v or "") for k, v in attrs if k != "rel")
        self.tokens.append(("start", tag, *(f"{k}={v}" for k, v in kept)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.tokens.append(("data", " ".join(data.split())))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("decl", decl))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("pi", data))


def _tokens(fragment: str) -> list[tuple[str, ...]]:
    parser = _Tokens()
    parser.feed(fragment)
    parser.close()
    return parser.tokens


def _describe(token: tuple[str, ...]) -> str:
    kind = token[0]
    if kind in ("start", "end"):
        attrs = list(token[2:])
        return f"<{token[1]}{' ' if attrs else ''}{' '.join(attrs)}>"[:80]
    return f"{kind}: {token[1]}"[:80]


def unsafe_changes(text: str) -> str | None:
    """What sanitizing would remove from this Markdown, described briefly, or None."""
    raw = render_unsafe(text)
    clean = sanitize(raw)
    before, after = _tokens(raw), _tokens(clean)
    if before == after:
        return None
    remaining = list(after)
    for token in before:
        if remaining and remaining[0] == token:
            remaining.pop(0)
        elif token[0] != "end":
            return _describe(token)
    return _describe(before[-1]) if before else "markup"
