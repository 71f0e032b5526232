"""Input validation of the checker: every problem named, in input order; nothing guessed."""

import pytest

from integritas.predicates.engine import InvalidInput, parse_check_input

from .test_engine_checker import facts


def problems(data):
    with pytest.raises(InvalidInput) as caught:
        parse_check_input(data)
    return list(caught.value.problems)


def test_every_problem_is_listed_once_in_input_order():
    data = facts()
    data["level"] = "gold"
    data["as_of"] = "2026-02-30"
    data["institution"].update(opini_bpk="wtp", sakip="E", indeks_rb=3, spip_level=6, kind="desa")
    data["unit"].update(tlhp_percent=101, lhkpn_percent=-1, lhkasn_percent="100", core_service="ya",
                        building_since="31-05-2025", sakip_internal="bb")  # fmt: skip
    data["predicates"] = [{"level": "wbm", "granted_on": "2024-13-01"}, "wbk",
                          {"level": "wbk", "granted_on": "2024-01-10", "revoked_on": "2023-01-10"}]  # fmt: skip
    assert problems(data) == [
        "level: tingkat 'gold' tidak dikenal (boleh: wbk, wbbm)",
        "as_of: tanggal '2026-02-30' tidak sah (format YYYY-MM-DD)",
        "institution.kind: jenis instansi 'desa' tidak dikenal (boleh: pemda, kl)",
        "institution.opini_bpk: opini 'wtp' tidak dikenal (boleh: WTP, WDP, TW, TMP)",
        "institution.sakip: predikat 'E' tidak dikenal (boleh: AA, A, BB, B, CC, C, D)",
        "institution.indeks_rb: nilai 3 tidak dikenal (boleh: AA, A, BB, B, CC, C, D)",
        "institution.spip_level: level SPIP 6 tidak sah (boleh: 1, 2, 3, 4, 5)",
        "unit.core_service: harus true atau false, bukan 'ya'",
        "unit.tlhp_percent: 101 di luar rentang 0-100",
        "unit.lhkpn_percent: -1 di luar rentang 0-100",
        "unit.lhkasn_percent: harus berupa angka 0-100, bukan '100'",
        "unit.building_since: tanggal '31-05-2025' tidak sah (format YYYY-MM-DD)",
        "unit.sakip_internal: predikat 'bb' tidak dikenal (boleh: AA, A, BB, B, CC, C, D)",
        "predicates[0].level: tingkat 'wbm' tidak dikenal (boleh: wbk, wbbm)",
        "predicates[0].granted_on: tanggal '2024-13-01' tidak sah (format YYYY-MM-DD)",
        "predicates[1]: harus berupa objek JSON, bukan 'wbk'",
        "predicates[2].revoked_on: tanggal pencabutan sebelum tanggal penetapan",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], ["masukan harus berupa satu objek JSON, bukan []"]),
        ({}, ["level: wajib diisi (wbk atau wbbm)", "as_of: wajib diisi (tanggal YYYY-MM-DD)"]),
        ({"level": "wbk", "as_of": "20260531"}, ["as_of: tanggal '20260531' tidak sah (format YYYY-MM-DD)"]),
        ({"level": "WBK", "as_of": "2026-05-31"}, ["level: tingkat 'WBK' tidak dikenal (boleh: wbk, wbbm)"]),
        ({"level": "wbk", "as_of": "2026-05-31", "unit": []}, ["unit: harus berupa objek JSON, bukan []"]),
        ({"level": "wbk", "as_of": "2026-05-31", "extra": 1},
         ["extra: kunci tidak dikenal (boleh: level, as_of, institution, unit, predicates)"]),
        ({"level": "wbk", "as_of": "2026-05-31", "unit": {"tlhp": 100}},
         ["unit.tlhp: kunci tidak dikenal (boleh: stranas_pk, core_service, significant_impact, tlhp_percent, "
          "lhkpn_percent, lhkasn_percent, building_since, sakip_internal)"]),
        ({"level": "wbk", "as_of": "2026-05-31", "unit": {"tlhp_percent": True}},
         ["unit.tlhp_percent: harus berupa angka 0-100, bukan true"]),
        ({"level": "wbk", "as_of": "2026-05-31", "institution": {"spip_level": 3.5}},
         ["institution.spip_level: level SPIP 3.5 tidak sah (boleh: 1, 2, 3, 4, 5)"]),
        ({"level": "wbk", "as_of": "2026-05-31", "predicates": [{"level": "wbk"}]},
         ["predicates[0].granted_on: wajib diisi (tanggal YYYY-MM-DD)"]),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_message(data, expected):
    assert problems(data) == expected


def test_the_edges_of_the_ranges_are_accepted():
    data = facts()
    data["unit"].update(tlhp_percent=0, lhkpn_percent=100.0, lhkasn_percent=0.01)
    data["institution"]["spip_level"] = 1
    parsed = parse_check_input(data)
    assert parsed.unit.lhkasn_percent is not None and str(parsed.unit.lhkasn_percent) == "0.01"


def test_null_facts_and_missing_sections_are_not_recorded_not_invalid():
    parsed = parse_check_input(
        {"level": "wbbm", "as_of": "2026-05-31", "institution": None, "unit": None}
    )
    assert parsed.institution.opini_bpk is None
    assert parsed.unit.stranas_pk is False
    assert parsed.predicates == ()
