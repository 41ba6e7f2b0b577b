"""Every address of the portal, in one place (as datasette's `url_builder`).

Pages are named as MkDocs names generated pages, by the source path they would have
(`projects/taman/index.md`); files by their path in the site (`data/projects.csv`). How a
page is served depends on `use_directory_urls` (`projects/taman/` or
`projects/taman/index.html`): `dest` says, and `link` makes the relative link from one
page to another that every page of the portal uses, so a portal works from any folder.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

CATALOGUE = "projects/index.md"
KINDS = "kinds/index.md"
PHASES = "phases/index.md"
STAKEHOLDERS = "stakeholders/index.md"
STATISTICS = "statistics/index.md"
PROPOSE = "propose/index.md"
DATA_PAGE = "data/index.md"
CALLS = "calls/index.md"
GLOSSARY = "glossary/index.md"
"""The glossary: the standard's terms in plain words, one anchor per term (`term`)."""
"""The open calls: what projects seek now."""
CALLS_FOLDER = "calls/"
"""The folder of the open calls' pages and of the feed of new calls."""
HOME = "index.md"
"""The portal's own home page (a page of its docs), which the portal adds its news to."""
JOIN_TEMPLATE = "join-project.yml"
"""The issue form for joining a project, in the portal repository's .github/ISSUE_TEMPLATE/."""
ASK_TEMPLATE = "ask.yml"
"""The issue form for asking or suggesting something about a project, beside it."""

INDEX_JSON = "projects/index.json"
"""The compact catalogue index that the catalogue page filters with JavaScript."""
SCHEMA = "schema/project-1.json"
"""Where every portal publishes the JSON Schema of the standard."""
DATA = "data"
"""The folder of the data package."""
ASSETS = "assets/cocreate"
"""The folder of cocreate's styles and scripts."""
SEARCH_BUNDLE = "pagefind"
"""The folder of the site search's index and code, written by Pagefind after the build."""
FEEDS = ("feed.xml", "feed.json")
"""The names of a feed's two files, Atom and JSON Feed, in the folder they describe."""
SHARED = (f"{DATA}/", SCHEMA, f"{ASSETS}/", f"{SEARCH_BUNDLE}/")
"""What every language of a portal shares (the data package, the schema, cocreate's assets,
the search's index): published once, at the site's root, whatever the page's language."""


_SITE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~!$&()*+,;=:@%/-]*)?")
"""A site's public address: http(s), a host, a path of the characters RFC 3986 allows in
one, without quotes (`'` is allowed by the RFC, but no site's address needs it, and it ends
an HTML attribute), a query or a fragment."""


def site_url_problem(url: str | None) -> str | None:
    """Why `url` cannot be a portal's `site_url` (MkDocs' own option), or None when it can
    (or is not set): it is written into every page's head, links and feeds."""
    if not url:
        return None
    if not _SITE_URL.fullmatch(url):
        return (f"site_url {url!r} is not an http(s) address (https://host/path/, letters, digits and "
                "-._~!$&()*+,;=:@%/ only: no quotes, spaces, <, > or a query)")
    return None


def term(group: str, value: str) -> str:
    """The anchor of a term on the glossary page: `phase-curation`, `kind-club`."""
    return group if group == value else f"{group}-{value}"


def slugify(text: str) -> str:
    """`Kota Sukamaju` -> `kota-sukamaju`: ASCII, lowercase, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


class UniqueSlugs:
    """Hands out slugs unique within one list, in the order asked: the first `RW 05` gets
    `rw-05`, the next name that slugifies alike `rw-05-2`, then `rw-05-3`.

    Each slug is the smallest free `base`, `base-2`, `base-3`... (so addresses stay as
    they always were), found in linear time: the next number to try is kept per base, and a
    number that was found taken is never tried again. A generated `x-2` and a name that is
    itself `x-2` never share a slug: whichever comes second moves on (`x-3`, or `x-2-2`).
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        """The longest slug handed out: a base is shortened to make room for its `-n`."""
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        n = self._next.get(base, 1)
        while True:
            slug = base if n == 1 else f"{base}-{n}"
            if self.limit is not None and len(slug) > self.limit:
                suffix = "" if n == 1 else f"-{n}"
                slug = base[: self.limit - len(suffix)].rstrip("-") + suffix
            n += 1
            if slug not in self._taken:
                break
        self._next[base] = n
        self._taken.add(slug)
        return slug


def _numbered(base: str, number: int) -> str:
    """Page 1 of a list at `base`, page n below it: `base/index.md`, `base/n/index.md`."""
    return f"{base}index.md" if number == 1 else f"{base}{number}/index.md"


def catalogue(number: int = 1) -> str:
    """A page of the catalogue: the first is the catalogue itself."""
    return CATALOGUE if number == 1 else f"catalogue/{number}/index.md"


def project(slug: str) -> str:
    """A project's transparency page."""
    return f"projects/{slug}/index.md"


def project_pages(language: str, main: str) -> str:
    """Every project page's file in `language`'s tree, as a glob (`en/projects/*/index.html`)."""
    return in_tree(language, main, project("*").removesuffix(".md") + ".html")


def project_folder(slug: str) -> str:
    """The folder of a project's page and feeds."""
    return f"projects/{slug}/"


def facet(name: str, value_slug: str, number: int = 1) -> str:
    """A page of the list of projects with one value of a facet (a tag is its own slug)."""
    return _numbered(f"catalogue/{name}/{value_slug}/", number)


def facet_once(name: str, number: int = 1) -> str:
    """A page of the list of a facet's values that one project each has (`_` never begins a
    value's slug, so the address is never a value's own)."""
    return _numbered(f"catalogue/{name}/_once/", number)


def category(name: str, number: int = 1) -> str:
    """A page of the organisations of one stakeholder category."""
    return _numbered(f"stakeholders/{name}/", number)


def calls(number: int = 1) -> str:
    """A page of the open calls."""
    return _numbered(CALLS_FOLDER, number)


def calls_seeking(category_name: str, number: int = 1) -> str:
    """A page of the open calls that seek one stakeholder category."""
    return _numbered(f"{CALLS_FOLDER}{category_name}/", number)


def organisation(category_name: str, slug: str, number: int = 1) -> str:
    """A page of the projects of one organisation (one in many projects)."""
    return _numbered(f"stakeholders/{category_name}/{slug}/", number)


def data_file(name: str) -> str:
    """A file of the data package: `datapackage.json`, `projects.csv`..."""
    return f"{DATA}/{name}"


def project_table(slug: str, name: str) -> str:
    """A file of a project's own tables, in the data package."""
    return data_file(f"projects/{slug}/{name}")


def asset(name: str) -> str:
    return f"{ASSETS}/{name}"


def search_texts(language: str) -> str:
    """The search box's words and filters in one language, loaded when a reader opens it."""
    return asset(f"search-{language}.json")


def feeds(folder: str = "") -> tuple[str, str]:
    """The Atom and JSON feeds of a folder (`` for the portal's, a project's folder)."""
    return f"{folder}{FEEDS[0]}", f"{folder}{FEEDS[1]}"


def tree(language: str, main: str) -> str:
    """The folder of a language's pages: `` for the portal's main language, `en/` for English
    when it is a further one."""
    return "" if language == main else f"{language}/"


def in_tree(language: str, main: str, uri: str) -> str:
    """A page or file of the main language's tree (`projects/x/index.md`) in `language`'s
    tree (`en/projects/x/index.md`); what all languages share stays where it is."""
    return uri if shared(uri) else f"{tree(language, main)}{uri}"


def shared(uri: str) -> bool:
    """A file all the portal's languages share (the data package...), not one per language;
    a page (`data/index.md`, about the data package) is in every language."""
    return uri.startswith(SHARED) and not uri.endswith(".md")


def translated_source(src_uri: str, language: str) -> str:
    """A hand-written page's translation beside it: `take-part.md` -> `take-part.en.md`."""
    return f"{src_uri.removesuffix('.md')}.{language}.md"


def relative_url(base: str, target: str) -> str:
    """The link from a page served in folder `base` (`a/b/`, or `` for the root) to `target`
    (`c/d/` or `c/e.json`). Plain string work: every list page makes dozens of these."""
    here = base.rstrip("/").split("/") if base.strip("/") else []
    there = target.split("/")
    common = 0
    for mine, theirs in zip(here, there[:-1], strict=False):  # the shorter of the two paths
        if mine != theirs:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:])
    return "./" if relative in ("", "/") else relative


def page_link(from_url: str, to_url: str) -> str:
    """The link between two pages by their addresses from the site's root, as MkDocs gives
    them (`projects/x/`, `en/projects/x/`, `` or `./` for the home page)."""
    from_url, to_url = ("" if u in (".", "./") else u for u in (from_url, to_url))
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    return relative_url("" if base == "/" else base, to_url)


@dataclass(frozen=True)
class Urls:
    """How the portal's pages are served, and the links between them."""

    directory_urls: bool = True
    site_url: str = ""
    """The portal's public address (ends with /), for absolute links; empty when unknown."""
    repo_url: str | None = None
    """The portal's repository, for links to its files, commits and pull requests."""
    branch: str = "main"
    tree: str = ""
    """The folder of the pages' language (`en/`; `` for the main language's). Links between
    the pages of one language are the same in every language; a link to what the languages
    share (`SHARED`) leaves the folder."""

    def dest(self, uri: str) -> str:
        """Where a generated page or file is served: `projects/x/` (or `projects/x/index.html`)."""
        if not uri.endswith(".md"):
            return uri
        if self.directory_urls:
            return uri.removesuffix("index.md")
        return uri.removesuffix(".md") + ".html"

    def link(self, from_uri: str, to_uri: str) -> str:
        """A relative link between two generated pages or files (`to_uri` may end in `#id`)."""
        source = self.dest(f"{self.tree}{from_uri}" if self.tree and shared(to_uri) else from_uri)
        base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
        to_uri, hash_, fragment = to_uri.partition("#")
        return relative_url(base, self.dest(to_uri)) + hash_ + fragment

    def path(self, uri: str) -> str:
        """Where a page or file of this language's pages is, from the site's root
        (`en/projects/x/index.md`); what the languages share is at the root."""
        return uri if shared(uri) else f"{self.tree}{uri}"

    def absolute(self, uri: str) -> str:
        """The public address of a page or file (relative to nothing when the site's
        address is unknown)."""
        return f"{self.site_url}{self.dest(self.path(uri))}"

    def entry_id(self, rest: str) -> str:
        """A feed entry's id: a tag URI (RFC 4151) of the site's host, naming this language's
        tree (`tag:kota.example,2024:en/x/<commit>`): the same change told in two languages
        is two entries, which a reader following both feeds keeps apart."""
        host = urlsplit(self.site_url).hostname or "cocreate.invalid"
        return f"tag:{host},2024:{self.tree}{rest}"

    def _repo(self, kind: str, rest: str) -> str | None:
        return f"{self.repo_url.rstrip('/')}/{kind}/{rest}" if self.repo_url else None

    def edit(self, path: str) -> str | None:
        """GitHub's editor for a file of the repository (a project's YAML file)."""
        return self._repo("edit", f"{self.branch}/{path}")

    def source(self, path: str) -> str | None:
        """A file of the repository, as GitHub shows it."""
        return self._repo("blob", f"{self.branch}/{path}")

    def commits(self, path: str) -> str | None:
        """A file's history in the repository."""
        return self._repo("commits", f"{self.branch}/{path}")

    def new_issue(self, template: str, **fields: str) -> str | None:
        """GitHub's new issue page with an issue form, its fields filled in by their `id`
        (GitHub's documented URL parameters for issue forms: `template`, `title`, and each
        field's `id`)."""
        return self._repo("issues", "new?" + urlencode({"template": template, **fields}))

    def commit(self, sha: str) -> str | None:
        return self._repo("commit", sha)

    def pull(self, number: int) -> str | None:
        return self._repo("pull", str(number))
