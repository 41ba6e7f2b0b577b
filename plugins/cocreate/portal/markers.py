"""The markers a hand-written page of the docs folder may hold, and what the portal puts
there.

- `<!-- cocreate:incomplete:id -->` (or `:en`, any of the portal's languages) becomes how
  many records answer "not recorded" somewhere, in that language's words (`fill_counts`,
  on the page's Markdown);
- the home page (`index.md`) shows what is happening on the portal at
  `<!-- cocreate:home -->`, or after its own words when it has no such marker
  (`with_home`, on the page's HTML).
"""

from __future__ import annotations

import re

from markupsafe import Markup

from cocreate.i18n.translator import Translator
from cocreate.portal.catalog import Catalog
from cocreate.standard.vocabulary import LANGUAGES

MARKER = "<!-- cocreate:"
INCOMPLETE = re.compile(rf"<!-- cocreate:incomplete:({'|'.join(map(re.escape, LANGUAGES))}) -->")
HOME_MARKER = "<!-- cocreate:home -->"


def fill_counts(markdown: str, catalog: Catalog) -> str:
    """A page's Markdown with its count markers filled from `catalog`."""
    if MARKER not in markdown:
        return markdown
    return INCOMPLETE.sub(lambda m: Translator(m.group(1))("statistics.incomplete", count=catalog.incomplete,
                                                           total=len(catalog.projects)), markdown)


def with_home(html: str, home: Markup) -> str:
    """The home page's HTML with what is happening on the portal (`home`) at its marker, or
    after its own words."""
    return html.replace(HOME_MARKER, str(home), 1) if HOME_MARKER in html else f"{html}\n{home}"
