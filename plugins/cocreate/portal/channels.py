"""The portal's ways to take part without a GitHub account, and what its footer says.

A portal names its city's official, organisational channels in mkdocs.yml (`channels:`):
an email address, a WhatsApp number, an office with its opening hours, a national
complaints service; and how many days the city takes to answer. Every form that opens
GitHub also offers each of them: a `mailto:` link (RFC 6068) and a `https://wa.me/` link
with the message already written, and the message to print or show at the office. The
links are made here for a page without JavaScript (the form's fixed words) and again in
the browser from what the reader types (`assets/channels.js`, the same encoding); the
portal sends nothing.

The footer (`footer:`) says who runs the portal, how to reach them (the channels), its
privacy notice and accessibility statement, the data's licence and the date of the data.

The checks of each value's format live here, for the plugin's configuration and for
`cocreate init`; each returns what is wrong and how to write it, or None.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit


class Multilingual(dict[str, str]):
    """A configured text per language (`{id: ..., en: ...}`), read only once made, and
    hashable: the portal's options are (the build caches by them)."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


Text = str | Multilingual
"""A text of the configuration: one text, or one per language."""


def text_of(value: object) -> Text | None:
    """A configured text (checked already) as the portal keeps it."""
    if isinstance(value, Mapping):
        return Multilingual({str(k): str(v) for k, v in value.items()})
    return str(value) if value else None

EMAIL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._+-]{0,62}[A-Za-z0-9])?@"
                   r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
"""An organisation's address: letters, digits, `.`, `_`, `+` and `-` before the @ (nothing a
`mailto:` link would need to encode), a domain with a dot after it."""
PHONE_SEPARATORS = re.compile(r"[\s().-]")
WHATSAPP = re.compile(r"\+[1-9][0-9]{7,14}")
"""A number in international form (E.164: a country code, at most 15 digits), as wa.me
takes it without its `+`."""
LAPOR = "https://www.lapor.go.id"
"""Indonesia's national complaints service, SP4N-LAPOR!: `cocreate init`'s suggestion."""


def email_problem(value: str) -> str | None:
    if EMAIL.fullmatch(value) and ".." not in value:
        return None
    return (f"{value!r} is not an email address cocreate can link to: write the office's address as "
            "name@domain, with letters, digits, '.', '_', '+' or '-' before the @ "
            "(e.g. portal@sukamaju.go.id)")


def whatsapp_digits(value: str) -> str:
    """The number as wa.me takes it: its digits, without `+`, spaces or hyphens."""
    return PHONE_SEPARATORS.sub("", value).removeprefix("+")


def whatsapp_problem(value: str) -> str | None:
    compact = PHONE_SEPARATORS.sub("", value)
    if WHATSAPP.fullmatch(compact):
        return None
    why = "it does not start with + and the country code" if not compact.startswith("+") else \
        "it must be + then 8 to 15 digits, the first not 0"
    return (f"{value!r} is not a WhatsApp number in international form ({why}): write it as + , the "
            "country code and the number without its leading 0, e.g. \"+62 812 3456 7890\" for 0812 3456 7890; "
            "spaces and hyphens may separate the digits")


def https_problem(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme == "https" and parts.hostname and "." in parts.hostname and \
            not re.search(r"[\s\"'<>`\\]", value):
        return None
    return (f"{value!r} is not an https address: write the whole address, starting with https:// "
            "(e.g. https://www.lapor.go.id)")


def page_problem(value: str) -> str | None:
    """A page of the portal (`privacy.md`, relative to the docs folder) or an https address."""
    if value.endswith(".md") and not value.startswith(("/", "..")) and ".." not in value.split("/") and \
            re.fullmatch(r"[A-Za-z0-9._/-]+", value):
        return None
    if value.startswith("https://"):
        return https_problem(value)
    return (f"{value!r} is neither a page of the portal nor an https address: name a page of the docs "
            "folder (e.g. privacy.md) or write a whole address starting with https://")


def text_problem(value: object, languages: tuple[str, ...]) -> str | None:
    """A text, or a text per language."""
    if isinstance(value, str) and value.strip():
        return None
    if isinstance(value, Mapping) and value and all(isinstance(k, str) and k in languages and isinstance(v, str)
                                                    and v.strip() for k, v in value.items()):
        return None
    return (f"{value!r} is not a text: write one text, or one per language "
            f"({', '.join(f'{lang}: ...' for lang in languages)})")


@dataclass(frozen=True)
class Channels:
    """The city's official ways to reach it without GitHub, as mkdocs.yml names them."""

    email: str | None = None
    whatsapp: str | None = None
    """As written in mkdocs.yml (`+62 812 0000 0000`): shown so; linked by its digits."""
    office_address: Text | None = None
    office_hours: Text | None = None
    complaints: str | None = None
    """A national complaints service's address (SP4N-LAPOR!)."""
    complaints_name: str | None = None
    """Its name, as its readers know it; by default its address's host."""
    response_days: int | None = None
    """How many working days the city takes to answer; None: not said."""

    @property
    def any(self) -> bool:
        return bool(self.email or self.whatsapp or self.office_address or self.complaints)

    @property
    def whatsapp_digits(self) -> str | None:
        return whatsapp_digits(self.whatsapp) if self.whatsapp else None

    @property
    def complaints_label(self) -> str | None:
        if not self.complaints:
            return None
        return self.complaints_name or urlsplit(self.complaints).hostname or self.complaints


@dataclass(frozen=True)
class Footer:
    """What every page's footer says of the portal, besides its channels (`Channels`)."""

    operator: Text | None = None
    """Who runs the portal: the city office."""
    privacy: str | None = None
    """The privacy notice: a page of the portal (`privacy.md`) or an https address."""
    accessibility: str | None = None
    """The accessibility statement: a page of the portal or an https address."""


FOOTER_ITEMS = ("operator", "contact", "privacy", "accessibility")
"""What the footer should say and a portal sets; the data's licence has a default, its
date comes from git."""


def missing_footer(footer: Footer, channels: Channels) -> list[str]:
    """The footer's items a portal leaves out (`FOOTER_ITEMS`), for the build's warning."""
    present = {"operator": footer.operator, "contact": channels.any, "privacy": footer.privacy,
               "accessibility": footer.accessibility}
    return [item for item in FOOTER_ITEMS if not present[item]]


def mailto(address: str, subject: str, body: str) -> str:
    """A `mailto:` link with its subject and body written (RFC 6068: every character but the
    unreserved ones percent-encoded as UTF-8, line breaks as CRLF)."""
    body = re.sub(r"\r\n|\r|\n", "\r\n", body)
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def whatsapp_link(digits: str, text: str) -> str:
    """WhatsApp's click-to-chat link with the message written (https://wa.me/<number>?text=)."""
    return f"https://wa.me/{digits}?text={quote(text, safe='')}"


@dataclass(frozen=True)
class FooterFacts:
    """What one language's footer shows (theme/partials/copyright.html)."""

    footer: Footer
    channels: Channels
    data_license: str
    data_date: str | None
    """The projects' last change (from git), None when unknown."""
    privacy: str | None
    """The privacy notice's address: an https address, or the site path of a page (for
    MkDocs' `url` filter, which makes it relative to the page)."""
    accessibility: str | None
