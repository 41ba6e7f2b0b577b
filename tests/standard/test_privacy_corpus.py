"""The privacy detector on real-looking prose in both languages: nothing in the prose below is
personal data, and every piece of personal data below is still found.

The prose follows what real records hold (participation databases, open government
commitments, city reports): web addresses after "at", dates written with dots, decimal
artefacts, budgets, article numbers, ISBNs. Add a sentence here whenever one is refused
that should not be.
"""

from __future__ import annotations

import pytest

from cocreate.standard.privacy import find_in_text

PROSE = [
    # English
    "The final report is available online at www.example.org and in the city library.",
    "Minutes are published at opengov.example.org/minutes after each meeting.",
    "We meet at noon. The city council joins at 3 pm.",
    "Consultation period 08.2022 10.2022, extended to 12.2022.",
    "Milestones: 2022.01.25 2022.03.25 and 2022.06.30.",
    "The action plan runs 01.2023-12.2024 with a review in 06.2024.",
    "Completion rose to 4.0999999999999996 per cent in the second report.",
    "The budget is USD 1,250,000 (0.5% of the ministry's spending).",
    "See Article 12.3 of Law No. 14/2008 on public information.",
    "Reference: ISBN 978-0-12-345678-9, pages 10-25.",
    "Population 2,456,789 (census 2020); area 1.234,5 km².",
    "Phase 2 starts 15.03.2024 and ends 30.09.2024.",
    "The hotline number will be published by the ministry in 2025.",
    "Scores of 7.5, 8.25 and 9.125 were recorded across 3 districts.",
    "Visit us at the community centre, Jalan Merdeka 12, every Sunday.",
    "The dataset has 16 columns and 3.200.000 rows.",
    "Commitment UY0086 was assessed as substantial in 2021.",
    "Law 18.381 on access to public information (2008).",
    "Coordinates -6.2088, 106.8456 mark the pilot site.",
    "Download the form at portal.example.go.id/form.pdf.",
    # Bahasa Indonesia
    "Laporan akhir tersedia di www.sukamaju.example dan di perpustakaan kota.",
    "Rapat warga diadakan pukul 19.30 di balai RW 05.",
    "Periode konsultasi 08.2022 10.2022, diperpanjang sampai 12.2022.",
    "Anggaran Rp 1.250.000.000 (0,5% dari APBD 2024).",
    "Sesuai Pasal 12 ayat (3) UU No. 14 Tahun 2008 tentang Keterbukaan Informasi Publik.",
    "Tahap kedua berlangsung 15.03.2024 sampai 30.09.2024.",
    "Sampah yang ditimbang naik 12,5% menjadi 1.234,75 kg per bulan.",
    "Nilai indeks 3.0999999999999996 tercatat pada survei kedua.",
    "Formulir dapat diunduh di portal.sukamaju.example/formulir.",
    "Jadwal: 2024.01.05, 2024.02.05 dan 2024.03.05.",
    "Kode wilayah 32.01.01 mencakup tiga kelurahan.",
    "Pertemuan diadakan setiap Minggu pukul 08.00-10.00 WIB.",
]

PERSONAL = [
    ("email", "Contact: antonio.silvaneto@camara.leg.br for questions."),
    ("email", "Kirim ke budi [at] kota [dot] id sebelum Jumat."),
    ("email", "write to budi at kota dot id"),
    ("email", "hubungi budi at kota.id"),
    ("phone", "Telephone +996 312 66-48-62, office hours."),
    ("phone", "Hubungi 0812 3456 7890 untuk jadwal."),
    ("phone", "Tel.0812-3456-7890"),
    ("phone", "tel (021) 555-1234"),
    ("phone", "WA 6281234567890"),
    ("phone", "Phone 00 212 537 67 72 68"),
    ("nik", "NIK 3201014501900001"),
    ("nik", "NIK: 3201.0145.0190.0001"),
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_personal_data(text: str) -> None:
    assert [(f.kind, f.masked) for f in find_in_text(text)] == []


@pytest.mark.parametrize(("kind", "text"), PERSONAL)
def test_personal_data_is_still_found(kind: str, text: str) -> None:
    assert [f.kind for f in find_in_text(text)] == [kind]


def test_a_finding_points_at_its_own_line_in_a_text_of_several() -> None:
    from cocreate.standard.validate import check_bytes
    from helpers import FIXTURES

    text = (FIXTURES / "valid" / "minimal.yml").read_text("utf-8").replace(
        "description: Warga menimbang, mencatat dan menjual sampah terpilah setiap Minggu.",
        "description: |\n  Warga menimbang sampah.\n\n  Hubungi pengurus di 0812 3456 7890 untuk jadwal.\n")
    found = check_bytes(text.encode("utf-8"), "p.yml").problems
    assert [(p.code, p.position.line, p.position.column) for p in found] == [("personal-data-phone", 6, 23)]
    assert text.splitlines()[5][22:].startswith("0812")
