"""What residents asked and what the city answered, and what happens next, on a real portal
built by MkDocs: entries waiting, answered, and answered on a date the record does not
give; planned steps ahead and passed. Pages say only what is recorded."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES, assert_inert, build, make_portal, one, shared, xml_text

DAY = dt.date(2026, 12, 1)
"""The build's day: waits are counted up to it, and planned steps before it have passed."""
BASE = (FIXTURES / "valid" / "minimal.yml").read_text("utf-8")
ATOM = "{http://www.w3.org/2005/Atom}"

WAITING = """\
dialogue:
  - asked: 2026-10
    channel: office
    request: Warga bertanya kapan taman dibuka sampai malam.
  - asked: 2026-11-21
    channel: whatsapp
    request: 'Harga plastik a < b & "kertas" naik?'
"""
ANSWERED = """\
dialogue:
  - asked: 2026-10-01
    channel: meeting
    request: Warga berharap kaca juga diterima.
    answer: not-adopted
    answered: 2026-10-31
    reason: Pengepul belum membeli kaca.
  - asked: 2026-11-01
    channel: email
    request: Warga minta jadwal setor hari Sabtu.
    answer: adopted
    answered: 2026-11-11
    response: Setor kini juga hari Sabtu.
    changed: https://kota.example/jadwal-sabtu
"""
UNRECORDED = """\
dialogue:
  - asked: 2026-08-05
    channel: complaints-service
    request: Warga melaporkan lampu taman mati.
    answer: under-consideration
  - asked: 2025-03
    channel: github
    request: Warga minta bangku teduh.
    answer: partly-adopted
    answered: 2025-04
    reason: Anggaran hanya cukup untuk empat bangku.
"""
PLANS = """\
  - date: 2026-09
    phase: involvement
    activity: co-definition
    title: Rapat evaluasi yang direncanakan
    planned: true
  - date: 2027-02
    phase: involvement
    activity: co-experience
    title: Uji coba timbangan digital
    planned: true
"""


def _project(dialogue: str = "", plans: str = "") -> str:
    text = BASE.replace("trust:\n", plans + "trust:\n", 1) if plans else BASE
    return text + dialogue


def _portal(folder: Path, projects: dict[str, str]) -> Path:
    source = folder / "src"
    for slug, text in projects.items():
        (source / slug).mkdir(parents=True)
        (source / slug / "project.yml").write_text(text, "utf-8")
    return build(make_portal(folder / "portal", source), day=DAY)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared(tmp_path_factory, "dialogue", lambda folder: _portal(folder, {
        "menunggu": _project(WAITING), "dijawab": _project(ANSWERED, PLANS), "tanpa-tanggal": _project(UNRECORDED),
        "tanpa-dialog": _project()})) / "portal" / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def _entries(site: Path, slug: str) -> list[str]:
    return [li.get_text(" ", strip=True) for li in page(site, f"projects/{slug}/index.html").select(".cc-exchange")]


def test_unanswered_entries_say_how_long_they_have_waited(site: Path) -> None:
    doc = page(site, "projects/menunggu/index.html")
    assert one(doc, "#dialogue-h").text == "Harapan warga dan tanggapan"
    newest, older = _entries(site, "menunggu")
    assert newest.startswith("21 November 2026: disampaikan lewat WhatsApp")
    assert "Belum ditanggapi Sudah menunggu 10 hari." in newest
    assert "Belum ditanggapi Menunggu sejak Oktober 2026." in older
    assert "hari" not in older
    html = (site / "projects" / "menunggu" / "index.html").read_text("utf-8")
    assert "a &lt; b &amp; &#34;kertas&#34;" in html or "a &lt; b &amp; &quot;kertas&quot;" in html
    assert_inert(str(doc.select_one("#dialogue")), "dialogue")


def test_answers_newest_first_with_reason_days_and_link(site: Path) -> None:
    adopted, refused = _entries(site, "dijawab")
    assert adopted.startswith("1 November 2026: disampaikan lewat email")
    assert "Diterima · ditanggapi 11 November 2026 (10 hari setelah disampaikan)" in adopted
    assert "Tidak diterima" in refused
    assert "Alasan: Pengepul belum membeli kaca." in refused
    link = one(page(site, "projects/dijawab/index.html"), ".cc-exchange a")
    assert link["href"] == "https://kota.example/jadwal-sabtu"
    assert "nofollow" in link["rel"]


def test_answers_without_a_recorded_day_claim_no_days(site: Path) -> None:
    considered, partly = _entries(site, "tanpa-tanggal")
    assert "Sedang dipertimbangkan · Tanggal tanggapan tidak tercatat." in considered
    assert "menunggu" not in considered
    assert "hari" not in considered
    assert "Diterima sebagian · ditanggapi April 2025" in partly
    assert "hari" not in partly


def test_no_entries_no_section(site: Path) -> None:
    doc = page(site, "projects/tanpa-dialog/index.html")
    assert doc.select_one("#dialogue") is None
    assert doc.select_one("#next") is None


def test_next_planned_step_near_the_top_and_a_passed_one_not_done(site: Path) -> None:
    doc = page(site, "projects/dijawab/index.html")
    sections = [s["id"] for s in doc.select("article > section")]
    assert sections.index("now") == 0
    assert doc.select_one("section#now #next") is not None
    assert sections.index("dialogue") < sections.index("history")
    nxt = one(doc, "#next").get_text(" ", strip=True)
    assert "Langkah terencana berikutnya: Februari 2027 · Uji coba timbangan digital" in nxt
    overdue = one(doc, "#next .cc-plan--overdue").get_text(" ", strip=True)
    assert "September 2026 · Rapat evaluasi yang direncanakan · belum tercatat selesai" in overdue
    assert not doc.select(".cc-step--done")  # a planned step never marks a phase done
    events = [li.get_text(" ", strip=True) for li in doc.select("#timeline li")]
    assert len(events) == 1
    assert "Rapat warga pertama" in events[0]


def test_statistics_count_answers_and_the_median_days(site: Path) -> None:
    section = one(page(site, "statistics/index.html"), "#dialogue")
    text = section.get_text(" ", strip=True)
    assert "4 dari 6 entri sudah ditanggapi." in text
    assert "Median waktu sampai ditanggapi: 20 hari, dari 2 tanggapan" in text  # 10 and 30 days; others undated
    rows = {one(tr, "th").text: one(tr, "td").text for tr in section.select("tbody tr")}
    assert rows == {"Diterima": "1", "Diterima sebagian": "1", "Tidak diterima": "1", "Sedang dipertimbangkan": "1",
                    "Belum ditanggapi": "2"}


def test_feeds_carry_answers_with_stable_ids_never_planned_steps(site: Path, tmp_path: Path) -> None:
    feed = json.loads((site / "projects" / "dijawab" / "feed.json").read_text("utf-8"))
    titles = [item["title"] for item in feed["items"]]
    assert any("tanggapan untuk warga: Diterima: Warga minta jadwal setor hari Sabtu." in t for t in titles)
    assert not any("timbangan digital" in t or "evaluasi" in t for t in titles)
    assert [i["date_modified"][:10] for i in feed["items"]] == ["2026-11-11", "2026-10-31", "2024-01-05"]
    ids = [item["id"] for item in feed["items"]]
    again = _portal(tmp_path, {"dijawab": _project(ANSWERED, PLANS)})  # another build, the entries moved
    moved = json.loads((again / "projects" / "dijawab" / "feed.json").read_text("utf-8"))
    assert [item["id"] for item in moved["items"]] == ids
    atom = ElementTree.parse(site / "projects" / "menunggu" / "feed.xml").getroot()
    assert [xml_text(e, f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")] == ["Bank Sampah RT 03: Rapat warga pertama"]


def test_the_data_package_marks_planned_steps_and_holds_the_dialogue(site: Path) -> None:
    with (site / "data" / "timeline.csv").open(encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if r["project"] == "dijawab"]
    assert [(r["date"], r["planned"]) for r in rows] == [("2024-01-05", "false"), ("2026-09", "true"),
                                                         ("2027-02", "true")]
    with (site / "data" / "dialogue.csv").open(encoding="utf-8") as file:
        answers = sorted((r["project"], r["answer"]) for r in csv.DictReader(file))
    assert answers == [("dijawab", "adopted"), ("dijawab", "not-adopted"), ("menunggu", ""), ("menunggu", ""),
                       ("tanpa-tanggal", "partly-adopted"), ("tanpa-tanggal", "under-consideration")]


def test_no_day_to_an_answer_recorded_says_unknown(tmp_path: Path) -> None:
    site = _portal(tmp_path, {"tanpa-tanggal": _project(UNRECORDED), "tanpa-dialog": _project()})
    text = one(page(site, "statistics/index.html"), "#dialogue").get_text(" ", strip=True)
    assert "2 dari 2 entri sudah ditanggapi." in text
    assert "Waktu sampai ditanggapi tidak diketahui" in text
    assert "Median" not in text


def test_no_entries_anywhere_no_statistics_section(tmp_path: Path) -> None:
    site = _portal(tmp_path, {"tanpa-dialog": _project()})
    assert page(site, "statistics/index.html").select_one("#dialogue") is None


def test_the_data_package_counts_events_not_plans(site: Path) -> None:
    with (site / "data" / "projects.csv").open(encoding="utf-8") as file:
        counts = {r["slug"]: r["timeline_entries"] for r in csv.DictReader(file)}
    assert counts["dijawab"] == "1"
    assert counts["menunggu"] == "1"
