"""Writing project files and new portals: `cocreate new`, `cocreate join`, `cocreate init`."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cocreate.cli.pinning import CocreatePin
from cocreate.cli.portal_files import OWNED, TEXT_SUFFIXES, PortalValues, fill, rendered, scaffold_root
from cocreate.git.codeowners import render as render_codeowners
from cocreate.portal import channels, urls
from cocreate.standard.loader import load_text


def q(text: str) -> str:
    """A YAML scalar that reads back as exactly `text` (a JSON string is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def schema_line(site_url: str | None) -> str:
    """The comment that lets editors (yaml-language-server) check the file while typing."""
    if not site_url:
        return ""
    return f"# yaml-language-server: $schema={site_url.rstrip('/')}/{urls.SCHEMA}\n"


@dataclass
class Stakeholder:
    name: str
    category: str
    role: str
    contributes: str
    benefit: str
    motivations: list[str] = field(default_factory=list)
    since: str | None = None

    def yaml(self, indent: str) -> str:
        lines = [f"{indent}- name: {q(self.name)}", f"{indent}  category: {self.category}",
                 f"{indent}  role: {self.role}", f"{indent}  contributes: {q(self.contributes)}",
                 f"{indent}  benefit: {q(self.benefit)}"]
        if self.motivations:
            lines.append(f"{indent}  motivations: [{', '.join(self.motivations)}]")
        if self.since:
            lines.append(f"{indent}  since: {self.since}")
        return "\n".join(lines) + "\n"


@dataclass
class NewProject:
    """What `cocreate new` asks for. Texts are written in the portal's language."""

    title: str
    summary: str
    description: str
    city: str
    province: str
    initiator: Stakeholder
    maintainer: str
    openness: str = "open"
    criteria: list[str] = field(default_factory=list)
    ownership: str = "initiator"
    license: str | None = None
    trust: dict[str, str] = field(default_factory=dict)
    first_entry: str = "Proyek diusulkan"
    today: dt.date = field(default_factory=dt.date.today)

    def yaml(self, site_url: str | None = None) -> str:
        out = [schema_line(site_url), f"title: {q(self.title)}\n", f"summary: {q(self.summary)}\n",
               f"description: {q(self.description)}\n", "status: proposed\n", "phase: involvement\n",
               f"location:\n  city: {q(self.city)}\n  province: {q(self.province)}\n",
               f"openness:\n  level: {self.openness}\n"]
        if self.criteria:
            out.append("  criteria:\n" + "".join(f"    - {q(c)}\n" for c in self.criteria))
        out.append(f"ownership:\n  level: {self.ownership}\n")
        if self.license:
            out.append(f"  license: {self.license}\n")
        out.append("stakeholders:\n" + self.initiator.yaml("  "))
        out.append(f"timeline:\n  - date: {self.today.isoformat()}\n    phase: involvement\n"
                   f"    activity: co-definition\n    title: {q(self.first_entry)}\n")
        out.append("trust:\n" + "".join(f"  {k}: {q(v)}\n" for k, v in self.trust.items()))
        maintainer = self.maintainer if self.maintainer.startswith("@") else f"@{self.maintainer}"
        out.append(f"maintainers:\n  - {q(maintainer)}\n")
        return "".join(out)


CONTACT_OPTIONS: tuple[tuple[str, Callable[[str], str | None] | None], ...] = (
    ("operator", None), ("email", channels.email_problem), ("whatsapp", channels.whatsapp_problem),
    ("office_address", None), ("office_hours", None), ("complaints_url", channels.https_problem),
    ("complaints_name", None), ("response_days", None), ("privacy", channels.page_problem),
    ("accessibility", channels.page_problem))
"""What `cocreate init` asks for the footer and the city's channels, and how each is checked
(the checks of the plugin's configuration)."""
PAGES = ("privacy.md", "accessibility.md")
"""The scaffold's starting privacy notice and accessibility statement (with their `.en.md`
translations), left out of a portal whose footer links elsewhere."""


@dataclass(frozen=True)
class PortalContact:
    """A new portal's footer and channels (mkdocs.yml's `footer:` and `channels:`)."""

    operator: str | None = None
    email: str | None = None
    whatsapp: str | None = None
    office_address: str | None = None
    office_hours: str | None = None
    complaints_url: str | None = None
    complaints_name: str | None = None
    response_days: int | None = None
    privacy: str | None = None
    accessibility: str | None = None

    def yaml(self) -> str:
        """The plugin's options, indented under `- cocreate:`; what is not given, commented out."""
        def line(key: str, value: str | int | None, example: str) -> str:
            shown = (str(value) if isinstance(value, int) else q(value)) if value is not None else None
            return f"        {key}: {shown}\n" if shown else f"        # {key}: {example}\n"

        return ("      # the city's official channels, never a person's: every form offers them\n"
                "      # (cocreate's documentation: docs/maintainers/channels.md)\n"
                "      channels:\n" + line("email", self.email, "portal@kota.go.id")
                + line("whatsapp", self.whatsapp, '"+62 812 3456 7890"')
                + line("office_address", self.office_address, '"Jl. ..."')
                + line("office_hours", self.office_hours, '"Senin–Jumat, 08.00–15.00"')
                + line("complaints", self.complaints_url, "https://www.lapor.go.id")
                + line("complaints_name", self.complaints_name, "SP4N-LAPOR!")
                + line("response_days", self.response_days, "14")
                + "      # what every page's footer says; a build warns when one is left out\n"
                "      footer:\n" + line("operator", self.operator, '"Dinas ..."')
                + line("privacy", self.privacy, "privacy.md")
                + line("accessibility", self.accessibility, "accessibility.md"))


SCAFFOLD_LANGUAGE = "id"
"""The language of the scaffold's pages without a suffix (`privacy.md`); `privacy.en.md`
beside each is its English."""


def _main_pages_in(content: Path, language: str) -> None:
    """A portal in another language than the scaffold's: its pages without a suffix are in
    it (`privacy.md` is the English page), and the scaffold's own become the translations
    (`privacy.id.md`), ready for `languages:`; else `/privacy/` would be in Indonesian and
    `/privacy.en/` a page of its own."""
    for translated in sorted(content.rglob(f"*.{language}.md")):
        page = translated.with_name(translated.name.removesuffix(f".{language}.md") + ".md")
        page.rename(page.with_name(page.name.removesuffix(".md") + f".{SCAFFOLD_LANGUAGE}.md"))
        translated.rename(page)


class ScaffoldError(Exception):
    """The file cannot be changed as asked; the message says why."""


_ITEM = re.compile(r"^(\s*)-\s")


def add_stakeholder(text: str, stakeholder: Stakeholder) -> str:
    """`text` with one more stakeholder at the end of its list, formatting kept."""
    doc = load_text(text.encode("utf-8"), "project.yml")
    if doc.data is None or not isinstance(doc.data.get("stakeholders"), list) or not doc.data["stakeholders"]:
        raise ScaffoldError("the file has no readable list of stakeholders")
    lines = text.splitlines(keepends=True)
    first_item = doc.positions[("stakeholders", 0)].line - 1
    match = _ITEM.match(lines[first_item]) if first_item < len(lines) else None
    if match is None:
        raise ScaffoldError("stakeholders is written in flow style ([...]); add the entry by hand")
    key_line = doc.key_positions[("stakeholders",)].line
    later = [p.line for path, p in doc.key_positions.items() if len(path) == 1 and p.line > key_line]
    end = (min(later) - 1) if later else len(lines)
    while end > first_item and not lines[end - 1].strip():
        end -= 1  # keep blank lines after the list where they are
    if lines and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + stakeholder.yaml(match.group(1)) + "".join(lines[end:])


def scaffold_files() -> Path:
    """The folder of files that `cocreate init` copies (inside the installed package)."""
    return scaffold_root()


def init_portal(target: Path, *, site_name: str, site_url: str, repo_url: str, city: str, pin: CocreatePin,
                language: str = "id", maintainer: str = "@portal-maintainers",
                contact: PortalContact | None = None) -> list[Path]:
    """Create a new portal repository in `target` (which must be empty or missing); the
    files cocreate owns (portal_files.OWNED) are written as `cocreate upgrade` would."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty")
    contact = contact or PortalContact(privacy=PAGES[0], accessibility=PAGES[1])
    for option in ("privacy", "accessibility"):
        page = getattr(contact, option)
        if page and not page.startswith("https://") and page not in PAGES:
            raise ScaffoldError(f"--{option} {page}: a new portal has no such page; give {PAGES} or an https address, "
                                "and link another page once it is written")
    left_out = [page for page in PAGES if page not in (contact.privacy, contact.accessibility)]
    left_out += [page.removesuffix(".md") + ".en.md" for page in left_out]
    shutil.copytree(scaffold_files(), target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", *left_out))
    if language != SCAFFOLD_LANGUAGE:
        _main_pages_in(target / "content", language)
    values = PortalValues(site_name=site_name, site_url=site_url.rstrip("/") + "/", repo_url=repo_url.rstrip("/"),
                          city=city, language=language,
                          maintainer=maintainer if maintainer.startswith("@") else f"@{maintainer}",
                          contact=contact.yaml())
    owned = {o.path for o in OWNED}
    written = []
    for path in sorted(target.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(target).as_posix()
        if relative in owned:
            path.write_text(rendered(relative, values, pin), "utf-8")
        elif path.suffix in TEXT_SUFFIXES or path.name == ".gitignore":
            path.write_text(fill(path.read_text("utf-8"), values.substitutions(pin)), "utf-8")
        written.append(path)
    example = target / "projects" / "contoh-proyek" / "project.yml"
    projects = {"contoh-proyek": load_text(example.read_bytes(), str(example)).data}
    codeowners = target / ".github" / "CODEOWNERS"
    codeowners.write_text(render_codeowners(projects, [values.maintainer]), "utf-8")
    return [*written, codeowners]
