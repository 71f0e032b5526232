from datetime import date

import pytest

from integritas.organization.nip import NipError, parse_nip

TODAY = date(2026, 11, 29)


def test_it_parses_a_valid_nip():
    parts = parse_nip("198507142010011003", today=TODAY)
    assert parts.birth_date == date(1985, 7, 14)
    assert (parts.tmt_year, parts.tmt_month) == (2010, 1)
    assert parts.gender == "L"
    assert parts.serial == "003"


def test_it_accepts_spaces_between_groups():
    assert parse_nip("19850714 201001 2 003", today=TODAY).gender == "P"


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("19850714201001100", "18 digit"),  # too short
        ("1985071420100110033", "18 digit"),  # too long
        ("19850714201001100A", "angka"),
        ("198502302010011003", "bukan tanggal"),  # 30 February
        ("198513142010011003", "bukan tanggal"),  # month 13
        ("201507142020011003", "usia"),  # born 2015: 11 years old
        ("193007142010011003", "usia"),  # born 1930: 96 years old
        ("198507142010131003", "Bulan TMT"),  # TMT month 13
        ("198507142030011003", "masa depan"),  # TMT in 2030
        ("198507141990011003", "usia 17"),  # TMT before 17th birthday year
        ("198507142010013003", "jenis kelamin"),  # gender digit 3
        ("198507142010011000", "000"),  # serial 000
    ],
)
def test_it_rejects_each_kind_of_impossible_nip_with_the_reason(nip, reason):
    with pytest.raises(NipError) as excinfo:
        parse_nip(nip, today=TODAY)
    assert reason in str(excinfo.value)
