"""The personal-data detector: what it must find and what it must leave alone."""

from __future__ import annotations

import pytest

from cocreate.standard.privacy import find_in_data, find_in_text, mask


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hubungi budi.santoso@example.com", "email"),
        ("budi [at] example [dot] com", "email"),
        ("budi(at)example.co.id", "email"),
        ("budi at example dot com", "email"),
        ("tulis ke budi at kota.id", "email"),
        ("Budi AT kota [dot] go [dot] id", "email"),
        ("+62 812-3456-7890", "phone"),
        ("+628123456789", "phone"),
        ("0812 3456 7890", "phone"),
        ("0812-3456-789", "phone"),
        ("(021) 555-1234", "phone"),
        ("6281234567890", "phone"),
        ("https://wa.me/6281234567890", "phone"),
        ("+44 20 7946 0958", "phone"),
        ("0044 20 7946 0958", "phone"),
        ("NIK 3201014501900001", "nik"),
        ("3201 0145 0190 0001", "nik"),
        ("3201-0145-0190-0001", "nik"),
    ],
)
def test_finds(text: str, kind: str) -> None:
    assert [f.kind for f in find_in_text(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-05", "Rp 1.500.000.000", "tahun 2019-2024", "RT 003/RW 005", "0,5 ha", "2.000 warga",
        "@kota-sukamaju/tim-data", "pukul 08.00-12.00 WIB", "CC-BY-4.0", "ISBN 978-602-1234-56-7",
        "kode pos 40123", "https://sukamaju.example/2024/03/01/berita", "+/- 300 orang", "15 dari 17 RW",
        "Perda No. 12 Tahun 2023", "1.2 hektare", "v2.0.1", "meet at the hall. Bring food",
        "Residents meet at noon. The city listens", "the bus stops at Cibening. Then it turns",
    ],
)
def test_leaves_ordinary_text_alone(text: str) -> None:
    assert list(find_in_text(text)) == []


def test_masks_what_it_reports() -> None:
    assert mask("budi@example.com") == "bu************om"
    assert mask("12345") == "*****"
    assert all("3201014501900001" not in f.masked for f in find_in_text("3201014501900001"))


def test_walks_data_with_paths_including_keys() -> None:
    data = {"a": ["x", {"b": "tel +62 812 3456 7890"}], "c@d.com": "y"}
    assert [(f.kind, f.path) for f in find_in_data(data)] == [("phone", ("a", 1, "b")), ("email", ("c@d.com",))]


@pytest.mark.parametrize("text", [
    "…the number of employees 0\n01.09.2019 - 30.10.2019",  # a count, a line break, a range of dates
    "in the resolution of disputes 08.2022 10.2022 \n\n2. Trial assigning",  # dates, then the list's next number
    "Review of actions planned\t01/02/2019\t01-06-2019\n3.\tPreparation",
    "1. 01.09.2019 - 30.10.2019\n2. 2020-01-15 – 2020-03-31",
    "Jadwal: 01.02.2024 s/d 30.04.2024",
])
def test_a_date_or_a_range_of_dates_is_never_a_phone_number(text: str) -> None:
    # regression: the phone pattern read across line breaks and took dates for digits
    assert list(find_in_text(text)) == []


def test_a_number_ends_at_a_line_break() -> None:
    found = list(find_in_text("Phone\n+62 812 3456 7890\n12.2024 next step"))
    assert [(f.kind, f.found) for f in found] == [("phone", "+62 812 3456 7890")]


def test_removing_personal_data_leaves_dates_and_list_numbers() -> None:
    from cocreate.standard.privacy import redact_with

    text = ("1. Survey of employees 0\n01.09.2019 - 30.10.2019\n"
            "2. Contact 0812 3456 7890 01.11.2019\n3. Report 12.2019")
    cleaned, count = redact_with(text, "[…]")
    assert count == 1
    assert cleaned == ("1. Survey of employees 0\n01.09.2019 - 30.10.2019\n"
                       "2. Contact […] 01.11.2019\n3. Report 12.2019")
