"""Scaffolding: `cocreate new`, `cocreate join`, `cocreate init` followed by a strict build."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from cocreate.cli import cli
from cocreate.cli.scaffolding import ScaffoldError, Stakeholder, add_stakeholder
from cocreate.portal import urls
from cocreate.standard.loader import load_text
from helpers import PROJECTS, ROOT, attr, build, make_portal, one

NEW = ["new", "kebun-warga", "--title", "Kebun Warga \"Hijau\": RW 01", "--summary", "Warga menanam sayur bersama.",
       "--description", "Kebun di lahan kosong.\n\nDengan **Markdown**.", "--city", "Kota Sukamaju",
       "--province", "Provinsi Tanah Harapan", "--name", "Paguyuban RW 01", "--category", "community",
       "--contributes", "Tenaga", "--benefit", "Sayur", "--maintainer", "paguyuban-rw01", "--motivation", "involvement"]


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "projects").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://portal.example/\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_a_valid_project_with_a_schema_line(portal: Path) -> None:
    result = CliRunner().invoke(cli, NEW)
    assert result.exit_code == 0, result.output
    text = (portal / "projects" / "kebun-warga" / "project.yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=https://portal.example/schema/project-1.json\n")
    data = load_text(text.encode(), "x").data
    assert data["title"] == 'Kebun Warga "Hijau": RW 01'
    assert data["maintainers"] == ["@paguyuban-rw01"]
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 0
    assert CliRunner().invoke(cli, NEW).exit_code == 2  # exists already


@pytest.mark.usefixtures("portal")
def test_new_without_a_terminal_names_what_is_missing() -> None:
    result = CliRunner().invoke(cli, ["new", "kebun", "--title", "x"])
    assert result.exit_code == 2
    assert "--summary" in result.output
    assert "--maintainer" in result.output


def test_new_refuses_what_the_validator_refuses(portal: Path) -> None:
    result = CliRunner().invoke(cli, [*NEW, "--ownership", "shared"])  # shared without a licence
    assert result.exit_code == 1
    assert "license-required" in result.output
    assert not (portal / "projects" / "kebun-warga").exists()


def test_new_prompts_on_a_terminal(portal: Path) -> None:
    # a real terminal: the command runs under `script`, which gives it a pseudo-terminal
    answers = "\n".join(["Kebun", "Warga menanam.", "Kebun di lahan kosong.", "Kota Sukamaju", "Provinsi X",
                         "Paguyuban", "community", "Tenaga", "Sayur", "@paguyuban"]) + "\n"
    if shutil.which("script") is None:
        pytest.skip("util-linux `script` is needed to give the command a terminal")
    proc = subprocess.run(["script", "-qec", f"{sys.executable} -m cocreate new kebun", "/dev/null"],
                          input=answers, capture_output=True, text=True, timeout=60, cwd=portal)
    assert proc.returncode == 0, proc.stdout
    assert load_text((portal / "projects" / "kebun" / "project.yml").read_bytes(), "x").data["title"] == "Kebun"


def test_join_appends_a_stakeholder_keeping_the_file(portal: Path) -> None:
    shutil.copytree(PROJECTS / "taman-kota-hijau", portal / "projects" / "taman-kota-hijau")
    path = portal / "projects" / "taman-kota-hijau" / "project.yml"
    before = path.read_text("utf-8")
    result = CliRunner().invoke(cli, ["join", "taman-kota-hijau", "--name", "Komunitas Pesepeda", "--category",
                                      "community", "--contributes", "Relawan", "--benefit", "Jalur sepeda",
                                      "--role", "contributor", "--since", "2025-01-01"])
    assert result.exit_code == 0, result.output
    after = path.read_text("utf-8")
    assert after.startswith(before.split("timeline:")[0].rstrip("\n"))  # everything before stays
    assert after.split("timeline:")[1] == before.split("timeline:")[1]
    names = [s["name"] for s in load_text(after.encode(), "x").data["stakeholders"]]
    assert names[-1] == "Komunitas Pesepeda"
    assert len(names) == 4


def test_join_refuses_an_invalid_result(portal: Path) -> None:
    shutil.copytree(PROJECTS / "taman-kota-hijau", portal / "projects" / "taman-kota-hijau")
    path = portal / "projects" / "taman-kota-hijau" / "project.yml"
    before = path.read_text("utf-8")
    result = CliRunner().invoke(cli, ["join", "taman-kota-hijau", "--name", "Budi (budi@contoh.id)", "--category",
                                      "community", "--contributes", "x", "--benefit", "y"])
    assert result.exit_code == 1
    assert "personal-data-email" in result.output
    assert path.read_text("utf-8") == before


def test_add_stakeholder_to_the_last_field_and_flow_style() -> None:
    person = Stakeholder("B", "business", "partner", "x", "y")
    text = "title: x\nstakeholders:\n  - name: A\n    category: community"
    assert add_stakeholder(text, person).endswith('  - name: "B"\n    category: business\n    role: partner\n'
                                                  '    contributes: "x"\n    benefit: "y"\n')
    with pytest.raises(ScaffoldError):
        add_stakeholder("stakeholders: [{name: A}]\n", person)


def test_init_creates_a_portal_that_validates_and_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "kota-baru"
    result = CliRunner().invoke(cli, ["init", str(target), "--site-name", "Portal Kota Baru", "--city", "Kota Baru",
                                      "--repo-url", "https://github.com/kota-baru/portal", "--maintainer", "@kota-baru/admin",
                                      "--cocreate-git", f"git+https://github.com/example/cocreate@{'a' * 40}"])
    assert result.exit_code == 0, result.output
    for path in ("mkdocs.yml", "README.md", "requirements.txt", "content/index.md", "content/standard.md",
                 "content/take-part.md", "projects/contoh-proyek/project.yml", ".github/CODEOWNERS",
                 ".github/workflows/check.yml", ".github/workflows/deploy.yml", "SECURITY.md"):
        assert (target / path).is_file(), path
    assert "{{" not in (target / "mkdocs.yml").read_text("utf-8")
    security = (target / "SECURITY.md").read_text("utf-8")
    assert "{{" not in security
    assert "https://github.com/kota-baru/portal/security/advisories/new" in security
    monkeypatch.chdir(target)
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 0
    assert CliRunner().invoke(cli, ["codeowners", "--check"]).exit_code == 0
    site = build(target / "mkdocs.yml")  # strict: true in the generated mkdocs.yml
    assert (site / "projects" / "contoh-proyek" / "index.html").is_file()
    assert not (site / "index.en").exists()
    assert not (site / "take-part.en").exists()
    assert CliRunner().invoke(cli, ["init", str(target)]).exit_code == 2  # not empty
    # the home page, the take-part page and the standard come in one language each, ready for a second
    config = target / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("# languages: [id, en]", "languages: [id, en]"), "utf-8")
    site = build(config)
    home, english = (one(BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser"), "article")
                     for path in ("", "en"))
    assert "Pemerintah Kota Baru" in home.text
    assert "The government of Kota Baru" not in home.text
    assert "The government of Kota Baru" in english.text
    assert "Pemerintah Kota Baru" not in english.text
    page = BeautifulSoup((site / "en" / "take-part" / "index.html").read_text("utf-8"), "html.parser")
    assert one(page, "article h1").text.startswith("How to take part")


GIT_PIN = ["--cocreate-git", f"git+https://github.com/example/cocreate@{'a' * 40}"]


def test_an_english_portal_publishes_its_own_pages_in_english(tmp_path: Path) -> None:
    """`init --lang en`: the pages at /privacy/, /accessibility/ and /take-part/ are English
    (the scaffold's Indonesian pages become their translations, page.id.md), never an
    Indonesian page under an English page's frame beside a stray /privacy.en/."""
    target = tmp_path / "example-city"
    result = CliRunner().invoke(cli, ["init", str(target), "--lang", "en", "--city", "Example City", *GIT_PIN])
    assert result.exit_code == 0, result.output
    assert not list((target / "content").glob("*.en.md"))
    assert (target / "content" / "privacy.id.md").is_file()
    site = build(target / "mkdocs.yml")

    def heading(path: Path) -> tuple[str, str]:
        doc = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        return attr(one(doc, "html"), "lang"), one(doc, "article h1").get_text(" ", strip=True).removesuffix(" ¶")

    assert [heading(site / page / "index.html") for page in ("privacy", "accessibility", "take-part")] == [
        ("en", "Privacy notice"), ("en", "Accessibility statement"), ("en", "How to take part")]
    assert not [p.name for p in site.iterdir() if p.name.endswith(".en") or p.name.endswith(".id")]
    config = target / "mkdocs.yml"  # made bilingual as its comment says: Indonesian at /id/
    config.write_text(config.read_text("utf-8").replace("# languages: [en, id]", "languages: [en, id]"), "utf-8")
    site = build(config)
    assert heading(site / "id" / "privacy" / "index.html") == ("id", "Pemberitahuan privasi")
    assert heading(site / "privacy" / "index.html") == ("en", "Privacy notice")
    # a page marked with the portal's own language would be published beside it: the build says what to rename
    shutil.copy(target / "content" / "privacy.md", target / "content" / "privacy.en.md")
    failed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=target, capture_output=True, text=True)
    assert failed.returncode != 0
    assert "Traceback" not in failed.stderr
    assert "privacy.en.md: marked .en.md, the portal's own language (en)" in failed.stderr
    assert "Rename: privacy.en.md → privacy.md" in failed.stderr


def plugin_options(target: Path) -> dict[str, Any]:
    import yaml

    return yaml.safe_load((target / "mkdocs.yml").read_text("utf-8"))["plugins"][0]["cocreate"]


def test_init_writes_the_footer_and_the_channels_it_is_given(tmp_path: Path) -> None:
    target = tmp_path / "kota-baru"
    result = CliRunner().invoke(cli, ["init", str(target), "--city", "Kota Baru", "--email", "portal@kotabaru.example",
                                      "--whatsapp", "+62 812 0000 0000", "--office-address", "Jl. Merdeka 1",
                                      "--response-days", "10", "--privacy", "https://kotabaru.example/privasi", *GIT_PIN])
    assert result.exit_code == 0, result.output
    options = plugin_options(target)
    assert options["channels"] == {"email": "portal@kotabaru.example", "whatsapp": "+62 812 0000 0000",
                                   "office_address": "Jl. Merdeka 1", "complaints": "https://www.lapor.go.id",
                                   "complaints_name": "SP4N-LAPOR!", "response_days": 10}
    assert options["footer"] == {"operator": "Pemerintah Kota Baru", "privacy": "https://kotabaru.example/privasi",
                                 "accessibility": "accessibility.md"}
    assert "# office_hours:" in (target / "mkdocs.yml").read_text("utf-8")  # not given: shown, commented out
    assert (target / "content" / "accessibility.md").is_file()
    assert not (target / "content" / "privacy.md").exists()
    site = build(target / "mkdocs.yml")  # strict: nothing of the footer is missing
    footer = one(BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser"), ".cc-footer")
    assert "Pemerintah Kota Baru" in footer.get_text()
    assert footer.select_one('a[href="mailto:portal@kotabaru.example"]')


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--whatsapp", "0812 0000 0000", "international form"), ("--email", "portal", "name@domain"),
    ("--complaints-url", "http://lapor.example", "https://"), ("--response-days", "two weeks", "1 to 365"),
    ("--privacy", "privasi.md", "a new portal has no such page"),
])
def test_init_refuses_a_channel_in_the_wrong_format(tmp_path: Path, option: str, value: str, said: str) -> None:
    target = tmp_path / "kota"
    result = CliRunner().invoke(cli, ["init", str(target), option, value, *GIT_PIN])
    assert result.exit_code == 2
    assert said in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


def test_init_asks_for_the_channels_on_a_terminal(tmp_path: Path) -> None:
    if shutil.which("script") is None:
        pytest.skip("util-linux `script` is needed to give the command a terminal")
    # operator, email, WhatsApp (refused, then asked again), office, hours, complaints, its name, days, pages
    answers = "\n".join(["Diskominfo Kota Uji", "portal@kotauji.example", "0812", "+62 812 0000 0000", "", "", "", "",
                         "7", "", ""]) + "\n"
    command = f"{sys.executable} -m cocreate init {tmp_path / 'uji'} {' '.join(GIT_PIN)}"
    proc = subprocess.run(["script", "-qec", command, "/dev/null"], input=answers, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "international form" in proc.stdout
    options = plugin_options(tmp_path / "uji")
    assert options["footer"]["operator"] == "Diskominfo Kota Uji"
    assert options["channels"] == {"email": "portal@kotauji.example", "whatsapp": "+62 812 0000 0000",
                                   "complaints": "https://www.lapor.go.id", "complaints_name": "SP4N-LAPOR!",
                                   "response_days": 7}


SHARED_FILES = [".github/workflows/check.yml", ".github/workflows/deploy.yml", ".github/dependabot.yml", "content/standard.md",
                "content/standard.en.md", "content/take-part.md", "content/take-part.en.md", "CONTRIBUTING.md", ".github/pull_request_template.md",
                ".github/ISSUE_TEMPLATE/propose-project.yml", ".github/ISSUE_TEMPLATE/join-project.yml",
                ".github/ISSUE_TEMPLATE/ask.yml"]


@pytest.mark.parametrize("path", SHARED_FILES)
def test_this_repository_uses_the_files_every_portal_gets(path: str) -> None:
    scaffold = ROOT / "plugins" / "cocreate" / "cli" / "scaffold" / path
    assert (ROOT / path).read_text("utf-8") == scaffold.read_text("utf-8"), f"{path} differs from the scaffold's copy"


def test_the_standard_page_every_portal_gets_names_what_a_portal_has(tmp_path: Path) -> None:
    """The reference page is copied into every portal: it names no file of cocreate's own
    repository (a portal has no `plugins/`), and the schema where the portal publishes it."""
    page = (ROOT / "plugins" / "cocreate" / "cli" / "scaffold" / "content" / "standard.md").read_text("utf-8")
    assert not re.search(r"`(?:plugins|tests|bench)/", page)
    config = make_portal(tmp_path)
    site = build(config)
    assert f"/{urls.SCHEMA}" in page
    assert (site / urls.SCHEMA).is_file()
