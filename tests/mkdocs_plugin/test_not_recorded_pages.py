"""What a portal says of a record that records little: never a promise, a kind or a phase
that the file does not give; texts in one language shown in it, and a strict build that
passes."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES, ROOT, build, make_portal, one, parent, shared

UNRECORDED = (FIXTURES / "unrecorded" / "project.yml").read_text("utf-8")
"""A project whose source records little: texts in English only, answers not recorded."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def fill(folder: Path) -> None:
        projects = folder / "src"
        (projects / "parlamento-abierto").mkdir(parents=True)
        (projects / "parlamento-abierto" / "project.yml").write_text(UNRECORDED, "utf-8")
        taman = (ROOT / "projects" / "taman-kota-hijau" / "project.yml").read_text("utf-8")
        (projects / "taman-kota-hijau").mkdir()
        (projects / "taman-kota-hijau" / "project.yml").write_text(taman, "utf-8")
        build(make_portal(folder / "portal", projects))  # strict: the English-only texts never fail it

    return shared(tmp_path_factory, "unrecorded", fill) / "portal" / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def test_no_promise_no_kind_no_phase_done(site: Path) -> None:
    doc = page(site, "projects/parlamento-abierto/index.html")
    article = one(doc, "article.cc-project")
    text = article.get_text(" ", strip=True)
    trust = one(doc, "#trust").get_text(" ", strip=True)
    assert "berjanji" not in trust
    assert "tidak memuat pernyataan apa pun" in trust
    assert not doc.select("#trust dl")
    kind = one(doc, "#kind").get_text(" ", strip=True)
    assert "Jenis ko-kreasi: tidak tercatat" in kind
    assert "tidak dapat diketahui" in kind
    for name in ("Kerumunan", "Klub", "Koalisi", "Komunitas sehati"):
        assert name not in kind
    assert "Dari atas" not in kind
    assert "Dari bawah" not in kind
    steps = [(one(li, ".cc-step__name").text, li["class"][1]) for li in doc.select(".cc-stepper li")]
    assert steps == [("Pelibatan", "cc-step--unrecorded"), ("Kurasi", "cc-step--unrecorded"),
                     ("Pemberdayaan", "cc-step--seen")]
    assert not doc.select(".cc-step--done")
    assert not doc.select('[aria-current="step"]')
    phase = one(doc, "#phase").get_text(" ", strip=True).lower()
    assert "tidak tercatat" not in phase, phase
    assert phase.count("tidak menyebut") == 1, phase  # said once, not once a step
    assert "Fase tidak tercatat" not in " ".join(li.text for li in doc.select(".cc-event__when"))
    assert "Jenis sebagian pihak tidak tercatat" in text  # no claim about missing voices
    badges = [b.text for b in doc.select(".cc-badges .cc-badge")]
    assert "Jenis tidak tercatat" in badges
    assert "Pendekatan tidak tercatat" in badges


def test_no_invitation_to_join_what_the_record_says_nothing_about(site: Path) -> None:
    doc = page(site, "projects/parlamento-abierto/index.html")
    assert not doc.select(".cc-join-cta")
    assert not doc.select(".cc-join")
    join = one(doc, "#join").get_text(" ", strip=True)
    assert "menerima peserta baru" not in join.replace("apakah proyek ini menerima peserta baru", "")
    assert "Catatannya tidak menyebut apakah proyek ini menerima peserta baru." in join
    recorded = page(site, "projects/taman-kota-hijau/index.html")
    assert recorded.select(".cc-join-cta")
    assert recorded.select_one("#join .cc-join") is not None


SEEKING = """\
seeking:
  categories: [community]
  skills:
    - en: Reading bills aloud
  opened: 2026-11-01
  closes: 2027-03-31
  how_to_respond:
    en: Write to the parliament's office.
"""


@pytest.mark.parametrize(("status", "openness"), [("active", "not-recorded"), ("not-recorded", "open")])
def test_a_call_invites_no_one_where_the_record_does_not_say_the_project_takes_people(
        tmp_path: Path, status: str, openness: str) -> None:
    """A call whose dates are open, on a project whose status or openness is not recorded:
    no list, badge, feed, count or page says it is open (its page says the record does not
    say whether it takes participants)."""
    record = UNRECORDED.replace("status: active\n", f"status: {status}\n") \
        .replace("openness:\n  level: not-recorded", f"openness:\n  level: {openness}") \
        .replace("trust: not-recorded\n", "trust: not-recorded\n" + SEEKING)
    projects = tmp_path / "src"
    (projects / "parlamento-abierto").mkdir(parents=True)
    (projects / "parlamento-abierto" / "project.yml").write_text(record, "utf-8")
    built = build(make_portal(tmp_path / "portal", projects), day=dt.date(2026, 12, 1))
    project = page(built, "projects/parlamento-abierto/index.html")
    assert not project.select("#call")
    assert not project.select(".cc-call")
    assert "Catatannya tidak menyebut apakah proyek ini menerima peserta baru." in one(project, "#join").text
    assert "ditutup" not in one(project, "#join").get_text(" ", strip=True)  # nor "closed"
    assert "parlamento-abierto" not in (built / "calls" / "index.html").read_text("utf-8")
    assert "parlamento-abierto" not in (built / "calls" / "feed.xml").read_text("utf-8")
    assert not page(built, "projects/index.html").select(".cc-badge--call")
    index = json.loads((built / "projects" / "index.json").read_text("utf-8"))
    (entry,) = [dict(zip(index["fields"], row, strict=True)) for row in index["projects"]]
    assert entry["slug"] == "parlamento-abierto"
    assert not entry["call"]
    home = page(built, "index.html").get_text(" ", strip=True)
    assert "Reading bills aloud" not in home


def test_phases_over_time_count_an_unrecorded_phase_apart(site: Path) -> None:
    chart = parent(one(page(site, "statistics/index.html"), "#chart-phase-quarters-h"), "section")
    legend = [li.get_text(strip=True) for li in chart.select(".cc-legend li")]
    assert legend == ["Pelibatan", "Kurasi", "Pemberdayaan", "Fase tidak tercatat"]
    rows = {one(tr, "th").text: [td.text for td in tr.select("td")] for tr in chart.select("tbody tr")}
    assert rows["Kuartal IV 2018"][3] == "1"  # Uruguay's first entry: phase not recorded, never a phase


def test_search_filters_say_not_recorded_never_a_phase(site: Path) -> None:
    doc = page(site, "projects/parlamento-abierto/index.html")
    filters = [tag["data-pagefind-filter"] for tag in doc.select("[data-pagefind-filter]")]
    assert "phase:Fase tidak tercatat" in filters
    assert "phase" not in filters
    assert "status" in filters
    assert "kind" in filters
    assert one(doc, '[data-pagefind-filter="kind"]').text == "Jenis tidak tercatat"


def test_texts_in_one_language_are_marked_and_said(site: Path) -> None:
    doc = page(site, "projects/parlamento-abierto/index.html")
    assert one(doc, ".cc-only-in").text == "Sebagian teks di halaman ini hanya tersedia dalam bahasa Inggris."
    assert one(doc, "h1 span[lang=en]").text == "Open Parliament Action Plan"
    assert doc.select_one("#about div[lang=en]") is not None
    assert [s.text for s in doc.select(".cc-event__title span[lang=en]")] == ["Commitment starts", "Commitment ends"]
    card = page(site, "projects/index.html").select_one('a[href="parlamento-abierto/"]')
    assert card is not None
    assert card["lang"] == "en"
    assert one(page(site, "index.html"), ".md-copyright").get_text(" ", strip=True).endswith("Dibuat dengan Material for MkDocs")


def test_dates_as_written_place_and_source(site: Path) -> None:
    doc = page(site, "projects/parlamento-abierto/index.html")
    assert [t.text for t in doc.select(".cc-event__when time")] == ["September 2018", "Kuartal III 2020"]
    assert [t["datetime"] for t in doc.select(".cc-event__when time")] == ["2018-09", "2020"]
    about = one(doc, "#about").get_text(" ", strip=True)
    assert "Lokasi Uruguay" in about
    assert "Jangkauan Seluruh negeri" in about
    assert "Dikelola oleh pengelola portal" in one(doc, "#record").get_text(" ", strip=True)
    source = one(doc, "#source").get_text(" ", strip=True)
    assert "UY0086" in source
    assert "CC-BY-4.0" in source
    assert "Open Government Partnership" in source


def test_lists_statistics_and_the_standard_count_what_is_not_recorded(site: Path) -> None:
    coverage = page(site, "stakeholders/index.html")
    apart = coverage.select_one("tbody.cc-coverage__apart")
    assert apart is not None
    assert [th.get_text(strip=True) for th in apart.select("th")] == [
        "Pihak lainnya", "Pihak yang jenisnya tidak tercatat"]
    assert "Fase tidak tercatat" in one(coverage, "table.cc-coverage thead").text
    assert "1 dari 2 proyek" in page(site, "statistics/index.html").text
    standard = page(site, "standard/index.html").text
    assert "1 dari 2 proyek menjawab" in standard
    assert "project(s) answer" not in standard
    assert "Jenis 1 proyek tidak dapat diketahui" in page(site, "kinds/index.html").text
    assert page(site, "phases/index.html").select_one("#col-not-recorded") is not None
    index = json.loads((site / "projects" / "index.json").read_text("utf-8"))
    rows = {row[0]: dict(zip(index["fields"], row, strict=True)) for row in index["projects"]}
    assert rows["parlamento-abierto"]["kind"] == "not-recorded"
    assert rows["parlamento-abierto"]["location"] == "Uruguay"


def test_the_data_package_says_not_recorded_and_stays_valid(site: Path) -> None:
    rows = (site / "data" / "projects.csv").read_text("utf-8")
    assert '"parlamento-abierto"' in rows
    assert '"not-recorded"' in rows
    assert '"2026-11"' in rows
    trust = (site / "data" / "trust.csv").read_text("utf-8").splitlines()
    assert [line for line in trust if "parlamento" in line] == [
        '"parlamento-abierto"' + ',"not-recorded"' * 8]
    proc = subprocess.run([sys.executable, "-m", "frictionless", "validate", str(site / "data" / "datapackage.json")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    package = json.loads((site / "data" / "datapackage.json").read_text("utf-8"))
    projects = next(r for r in package["resources"] if r["name"] == "projects")["schema"]["fields"]
    start = next(f for f in projects if f["name"] == "start_date")
    assert start["type"] == "string"
    assert re.fullmatch(start["constraints"]["pattern"], "2024-Q1")


def test_the_home_page_counts_every_project_once_phase_not_recorded_included(site: Path) -> None:
    """A portal whose phases are not recorded never shows 0 / 0 / 0: the numbers on the home
    page add up to every project, those whose phase is not recorded counted apart."""
    phases = page(site, "index.html").select(".cc-home__phase")
    counts = {li["class"][1].removeprefix("cc-home__phase--"): int(one(li, ".cc-home__number").text)
              for li in phases}
    assert counts["not-recorded"] == 1
    assert sum(counts.values()) == 2
    assert "Fase tidak tercatat" in phases[-1].get_text(" ", strip=True)


def test_no_cell_claims_a_category_missing_where_a_party_s_kind_is_not_recorded(site: Path) -> None:
    """The project whose phase is not recorded has a party of unrecorded kind: in that
    column no category is "missing" (it may be that party); in the phases where every
    party's kind is recorded, a 0 still says missing."""
    table = one(page(site, "stakeholders/index.html"), "table.cc-coverage")
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    column = heads.index("Fase tidak tercatat")
    rows = {one(tr, "th").get_text(strip=True): tr.select("td") for tr in table.select("tbody tr")}
    unrecorded = {name: cells[column - 1] for name, cells in rows.items()}
    assert "belum ada" not in " ".join(cell.get_text(" ", strip=True) for cell in unrecorded.values())
    assert "cc-not-known" in unrecorded["Investor"]["class"]
    assert "bisa jadi ada" in unrecorded["Investor"].text
    taman = heads.index("Pemberdayaan")  # taman-kota-hijau's phase; all its parties' kinds are recorded
    assert any("cc-missing" in cells[taman - 1].get_attribute_list("class") for cells in rows.values())


def test_a_project_that_ended_says_who_could_join_in_the_past(tmp_path: Path) -> None:
    """A completed project never says "Anyone can join" above "takes no new participants"."""
    record = UNRECORDED.replace("status: active\n", "status: completed\n") \
        .replace("openness:\n  level: not-recorded", "openness:\n  level: open") \
        .replace("trust:", "  - {date: 2021-05, phase: not-recorded, activity: not-recorded, title: {en: Evaluation}, "
                 "planned: true}\ntrust:")
    projects = tmp_path / "src"
    (projects / "parlamento-abierto").mkdir(parents=True)
    (projects / "parlamento-abierto" / "project.yml").write_text(record, "utf-8")
    config = make_portal(tmp_path / "portal", projects, language="en")
    doc = page(build(config), "projects/parlamento-abierto/index.html")
    joining = one(doc, "#join").get_text(" ", strip=True)
    assert "While it ran, anyone could join." in joining
    assert "The record says this project is completed, so it takes no new participants." in joining
    assert "Anyone can join" not in joining
    # its plan, passed: a step it planned, never "not recorded as done" beside "Status: Completed"
    plans = one(doc, "#next").get_text(" ", strip=True)
    assert plans.startswith("Planned steps")
    assert "What happens next" not in plans
    assert "May 2021 · Evaluation · planned" in plans
    assert "not recorded as done" not in plans
    assert "The record says this project is completed; it does not say whether or when this step happened." in plans


def test_an_unknown_place_and_initiator_are_said_as_unknown_and_never_filled_in(tmp_path: Path) -> None:
    """Standard 1.2: `location: not-recorded` and a party named `not-recorded`. The page says
    so; no directory counts the nameless party as an organisation; the data package fills in
    no country that a record does not give (not even the portal's)."""
    projects = tmp_path / "src"
    (projects / "rencana-aksi").mkdir(parents=True)
    fixture = ROOT / "tests" / "fixtures" / "valid" / "unknown-place-and-initiator.yml"
    (projects / "rencana-aksi" / "project.yml").write_text(fixture.read_text("utf-8"), "utf-8")
    (projects / "taman-kota-hijau").mkdir()
    (projects / "taman-kota-hijau" / "project.yml").write_text(
        (ROOT / "projects" / "taman-kota-hijau" / "project.yml").read_text("utf-8"), "utf-8")
    built = build(make_portal(tmp_path / "portal", projects))  # the demo's portal: country ID
    doc = page(built, "projects/rencana-aksi/index.html")
    text = one(doc, "article.cc-project").get_text(" ", strip=True)
    assert "Catatannya tidak menyebut tempatnya." in text
    assert "Nama pihak ini tidak tercatat" in text
    assert "Status: catatannya tidak menyebut di mana proyek ini berdiri sekarang." in text  # not "Status: Status ..."
    assert "not-recorded" not in text
    for listing in (built / "stakeholders").rglob("index.html"):
        assert "not-recorded" not in listing.read_text("utf-8"), listing
    with (built / "data" / "projects.csv").open(encoding="utf-8") as handle:
        import csv

        rows = {row["slug"]: row for row in csv.DictReader(handle)}
    assert rows["rencana-aksi"]["country"] == ""
    assert rows["rencana-aksi"]["scope"] == "not-recorded"
    assert rows["taman-kota-hijau"]["country"] == ""  # its record names a city, no country: none is invented


def test_the_parties_sentence_says_only_what_the_record_gives(tmp_path: Path) -> None:
    """How many parties, in the language's plural, then how many of them the record says give
    and get something: all, some or none; never "value is shared among all of them"."""
    record = UNRECORDED.replace("    contributes: not-recorded\n    benefit: not-recorded\n  - name: Open Government",
                                "    contributes: Its sessions\n    benefit: Trust\n  - name: Open Government", 1)
    assert record != UNRECORDED
    projects = tmp_path / "src"
    for slug, text in (("some", record), ("none", UNRECORDED)):
        (projects / slug).mkdir(parents=True)
        (projects / slug / "project.yml").write_text(text, "utf-8")
    built = build(make_portal(tmp_path / "portal", projects, language="en"))

    def sentence(slug: str) -> str:
        return one(page(built, f"projects/{slug}/index.html"), "#stakeholders .cc-explain").get_text(" ", strip=True)

    assert sentence("some") == "The record names 2 parties. 1 of them states what it gives and what it expects to get."
    assert sentence("none") == "The record names 2 parties. The record does not say what any of them gives or expects to get."
    assert "shared among all" not in (built / "projects" / "some" / "index.html").read_text("utf-8")
    # said once: no "Gives: not recorded" under each party after the sentence said it
    none = one(page(built, "projects/none/index.html"), "#stakeholders").get_text(" ", strip=True)
    assert "not recorded" not in none.split("expects to get.", 1)[1].lower().replace("kind is not recorded", "")
    some = one(page(built, "projects/some/index.html"), "#stakeholders").get_text(" ", strip=True)
    assert "Its sessions" in some
    assert some.count("Gives") == 1


def test_an_unrecorded_answer_is_said_once_a_section(site: Path) -> None:
    """"Who can join" and "Who owns the results" say the record is silent in one sentence, with
    no "Openness not recorded." label before it."""
    doc = page(site, "projects/parlamento-abierto/index.html")
    for section, sentence in (("openness", "Catatan ini tidak menyebut siapa yang dapat bergabung."),
                              ("ownership", "Catatan ini tidak menyebut siapa pemilik hasilnya.")):
        text = one(doc, f"#{section}").get_text(" ", strip=True)
        assert sentence in text, text
        assert "tidak tercatat" not in text, text
