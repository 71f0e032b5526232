"""The prerequisite checker, table-driven with the numbers of Pasal 14 (PermenPANRB 5/2024 Tabel 5)."""

from copy import deepcopy
from datetime import date

import pytest

from integritas.predicates.engine import (
    TABEL5_RULES,
    add_years,
    check_prerequisites,
    parse_check_input,
    result_json,
)

AS_OF = "2026-05-31"


def facts(level="wbk", kind="pemda"):
    """An input that meets every prerequisite of `level` for `kind` exactly at the minimum."""
    wbbm = level == "wbbm"
    rb = {("pemda", "wbk"): "CC", ("pemda", "wbbm"): "B", ("kl", "wbk"): "B", ("kl", "wbbm"): "BB"}
    return {
        "level": level,
        "as_of": AS_OF,
        "institution": {
            "kind": kind, "opini_bpk": "WTP", "sakip": "BB" if wbbm else "B",
            "indeks_rb": rb[(kind, level)], "spip_level": 3,
        },
        "unit": {
            "stranas_pk": False, "core_service": True, "significant_impact": True,
            "tlhp_percent": 100, "lhkpn_percent": 100, "lhkasn_percent": 100,
            "building_since": "2025-05-31", "sakip_internal": "BB" if wbbm else "B",
        },
        "predicates": [{"level": "wbk", "granted_on": "2024-12-10", "revoked_on": None}] if wbbm else [],
    }  # fmt: skip


def check(data):
    return result_json(check_prerequisites(parse_check_input(data)))


def with_change(data, path, value):
    changed = deepcopy(data)
    target = changed
    *parents, last = path.split(".")
    for key in parents:
        target = target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return changed


LEVELS_AND_KINDS = [("wbk", "pemda"), ("wbk", "kl"), ("wbbm", "pemda"), ("wbbm", "kl")]


@pytest.mark.parametrize(("level", "kind"), LEVELS_AND_KINDS)
def test_every_prerequisite_met_at_its_minimum_is_eligible(level, kind):
    assert check(facts(level, kind)) == {
        "level": level, "eligible": True, "affirmation": False, "failures": [], "proposable_from": None,
    }  # fmt: skip


# (level, kind, path, failing value, rule, message)
ONE_RULE_FAILS = [
    ("wbk", "pemda", "institution.opini_bpk", "WDP", "opini_bpk", "Opini BPK WDP — harus WTP"),
    ("wbbm", "kl", "institution.opini_bpk", "TMP", "opini_bpk", "Opini BPK TMP — harus WTP"),
    ("wbk", "pemda", "institution.sakip", "CC", "sakip_instansi", "Predikat SAKIP instansi CC — minimal B"),
    ("wbbm", "pemda", "institution.sakip", "B", "sakip_instansi", "Predikat SAKIP instansi B — minimal BB"),
    ("wbk", "pemda", "institution.indeks_rb", "C", "indeks_rb", "Indeks RB C — minimal CC untuk pemerintah daerah"),
    ("wbk", "kl", "institution.indeks_rb", "CC", "indeks_rb", "Indeks RB CC — minimal B untuk kementerian/lembaga"),
    ("wbbm", "pemda", "institution.indeks_rb", "CC", "indeks_rb", "Indeks RB CC — minimal B untuk pemerintah daerah"),
    ("wbbm", "kl", "institution.indeks_rb", "B", "indeks_rb", "Indeks RB B — minimal BB untuk kementerian/lembaga"),
    ("wbk", "pemda", "institution.spip_level", 2, "spip", "Level maturitas SPIP 2 — minimal level 3"),
    ("wbbm", "pemda", "institution.spip_level", 2, "spip", "Level maturitas SPIP 2 — minimal level 3"),
    ("wbk", "pemda", "unit.core_service", False, "core_service", "Unit merupakan core layanan instansi: tidak — harus ya"),
    ("wbk", "kl", "unit.significant_impact", False, "significant_impact",
     "Dampak signifikan terhadap persepsi masyarakat: tidak — harus ya"),
    ("wbk", "pemda", "unit.tlhp_percent", 98, "tlhp", "TLHP 98,00 % — harus 100 %"),
    ("wbbm", "pemda", "unit.tlhp_percent", 99.5, "tlhp", "TLHP 99,50 % — harus 100 %"),
    ("wbk", "pemda", "unit.lhkpn_percent", 0, "lhkpn", "Kepatuhan LHKPN 0,00 % — harus 100 %"),
    ("wbk", "pemda", "unit.lhkasn_percent", 99.999, "lhkasn", "Kepatuhan LHKASN 99.999 % — harus 100 %"),
    ("wbk", "pemda", "unit.sakip_internal", "CC", "sakip_internal", "Predikat SAKIP evaluasi internal CC — minimal B"),
    ("wbbm", "kl", "unit.sakip_internal", "B", "sakip_internal", "Predikat SAKIP evaluasi internal B — minimal BB"),
    ("wbk", "pemda", "unit.building_since", None, "building_period",
     "Tanggal mulai pembangunan ZI Menuju WBK belum tercatat — minimal 1 tahun"),
]  # fmt: skip


@pytest.mark.parametrize(("level", "kind", "path", "value", "rule", "message"), ONE_RULE_FAILS)
def test_each_prerequisite_failing_alone_blocks_with_its_numbers(
    level, kind, path, value, rule, message
):
    result = check(with_change(facts(level, kind), path, value))
    message = message.replace("99.999", "99,999")
    assert result["failures"] == [{"rule": rule, "blocking": True, "message": message}]
    assert result["eligible"] is False
    assert result["affirmation"] is False
    assert result["proposable_from"] is None


def test_grades_better_than_the_minimum_pass():
    data = facts("wbk")
    data["institution"].update(sakip="AA", indeks_rb="A", spip_level=5)
    data["unit"]["sakip_internal"] = "A"
    assert check(data)["eligible"] is True


@pytest.mark.parametrize(
    "path",
    ["institution.opini_bpk", "institution.sakip", "institution.indeks_rb", "institution.spip_level",
     "unit.core_service", "unit.significant_impact", "unit.tlhp_percent", "unit.lhkpn_percent",
     "unit.lhkasn_percent", "unit.building_since", "unit.sakip_internal"],
)  # fmt: skip
def test_a_fact_not_recorded_counts_as_not_met(path):
    result = check(with_change(facts(), path, ...))
    assert result["eligible"] is False
    assert len(result["failures"]) == 1
    assert "belum tercatat" in result["failures"][0]["message"]


def test_an_unknown_institution_kind_fails_the_indeks_rb_rule():
    result = check(with_change(facts(), "institution.kind", None))
    assert [f["rule"] for f in result["failures"]] == ["indeks_rb"]


# building_since → (as_of, met?) around the anniversary, including 29 February
BUILDING_DATES = [
    ("2025-05-31", "2026-05-31", True),
    ("2025-06-01", "2026-05-31", False),
    ("2024-02-29", "2025-02-28", True),
    ("2024-02-29", "2025-02-27", False),
    ("2026-05-31", "2026-05-31", False),
    ("2027-01-01", "2026-05-31", False),
]


@pytest.mark.parametrize(("since", "as_of", "met"), BUILDING_DATES)
def test_the_building_period_is_one_year_to_the_day(since, as_of, met):
    data = with_change(with_change(facts(), "unit.building_since", since), "as_of", as_of)
    result = check(data)
    assert result["eligible"] is met
    if not met:
        clears = add_years(date.fromisoformat(since), 1).isoformat()
        assert result["failures"][0]["rule"] == "building_period"
        assert result["proposable_from"] == clears


def test_the_building_period_message_names_both_dates():
    result = check(with_change(facts(), "unit.building_since", "2025-09-01"))
    assert result["failures"] == [{
        "rule": "building_period", "blocking": True,
        "message": "Pembangunan ZI Menuju WBK sejak 1 September 2025 — minimal 1 tahun, terpenuhi pada 1 September 2026",
    }]  # fmt: skip
    assert result["proposable_from"] == "2026-09-01"


def revoked(level, granted, revoked_on):
    return {"level": level, "granted_on": granted, "revoked_on": revoked_on}


# revoked_on → (as_of, barred?); Pasal 17 ayat 11
REVOCATION_DATES = [
    ("2024-05-31", "2026-05-30", True),
    ("2024-05-31", "2026-05-31", False),
    ("2024-02-29", "2026-02-27", True),
    ("2024-02-29", "2026-02-28", False),
    ("2026-05-31", "2026-05-31", True),
    ("2026-06-01", "2026-05-31", False),  # revoked after as_of: not yet revoked then
]


@pytest.mark.parametrize(("revoked_on", "as_of", "barred"), REVOCATION_DATES)
def test_the_revocation_bar_lasts_two_years_to_the_day(revoked_on, as_of, barred):
    data = with_change(facts(), "as_of", as_of)
    data["unit"]["building_since"] = "2020-01-01"
    data["predicates"] = [revoked("wbk", "2020-12-10", revoked_on)]
    result = check(data)
    rules = [f["rule"] for f in result["failures"]]
    assert ("revocation_bar" in rules) is barred
    if barred:
        clears = add_years(date.fromisoformat(revoked_on), 2).isoformat()
        assert result["proposable_from"] == clears
        assert result["eligible"] is False
    else:
        assert result["proposable_from"] is None


def test_the_revocation_bar_says_from_when_and_takes_the_latest_revocation():
    data = facts()
    data["predicates"] = [
        revoked("wbk", "2019-01-10", "2020-03-01"),
        revoked("wbk", "2021-01-10", "2025-03-01"),
    ]
    result = check(data)
    assert result["failures"] == [{
        "rule": "revocation_bar", "blocking": True,
        "message": "Predikat dicabut pada 1 Maret 2025; tidak dapat diusulkan selama 2 tahun "
                   "— dapat diusulkan mulai 1 Maret 2027",
    }]  # fmt: skip
    assert result["proposable_from"] == "2027-03-01"


def test_proposable_from_is_the_latest_blocking_date_rule():
    data = with_change(facts(), "unit.building_since", "2026-01-15")
    data["predicates"] = [revoked("wbk", "2020-01-10", "2025-03-01")]
    result = check(data)
    assert [f["rule"] for f in result["failures"]] == ["building_period", "revocation_bar"]
    assert result["proposable_from"] == "2027-03-01"
    data["unit"]["building_since"] = "2026-05-01"
    assert check(data)["proposable_from"] == "2027-05-01"


def test_wbbm_needs_a_standing_wbk():
    data = facts("wbbm")
    data["predicates"] = []
    result = check(data)
    assert result["failures"] == [{
        "rule": "standing_wbk", "blocking": True,
        "message": "Belum berpredikat Menuju WBK yang berlaku pada 31 Mei 2026 — syarat usulan WBBM",
    }]  # fmt: skip


@pytest.mark.parametrize(
    ("granted", "revoked_on", "standing"),
    [("2026-05-31", None, True), ("2026-06-01", None, False), ("2024-01-10", "2026-05-31", False),
     ("2024-01-10", "2026-06-01", True)],
)  # fmt: skip
def test_a_standing_wbk_is_granted_by_as_of_and_not_revoked_by_then(granted, revoked_on, standing):
    data = facts("wbbm")
    data["predicates"] = [revoked("wbk", granted, revoked_on)]
    rules = [f["rule"] for f in check(data)["failures"]]
    assert ("standing_wbk" in rules) is not standing


@pytest.mark.parametrize(
    ("level", "held", "blocked"),
    [("wbk", "wbk", True), ("wbk", "wbbm", True), ("wbbm", "wbbm", True), ("wbbm", "wbk", False)],
)
def test_already_holding_the_level_or_wbbm_blocks(level, held, blocked):
    data = facts(level)
    data["predicates"] = [revoked("wbk", "2023-12-10", None), revoked(held, "2024-12-10", None)]
    rules = [f["rule"] for f in check(data)["failures"]]
    assert ("already_holds" in rules) is blocked


def test_already_holds_names_the_predicate_and_its_date():
    data = facts("wbk")
    data["predicates"] = [revoked("wbk", "2024-12-10", None)]
    assert check(data)["failures"] == [{
        "rule": "already_holds", "blocking": True, "message": "Unit sudah berpredikat Menuju WBK sejak 10 Desember 2024",
    }]  # fmt: skip


def failing_everything(level):
    data = facts(level)
    data["institution"] = {
        "kind": "pemda",
        "opini_bpk": "TW",
        "sakip": "C",
        "indeks_rb": "D",
        "spip_level": 1,
    }
    data["unit"] = {
        "stranas_pk": True, "core_service": False, "significant_impact": False, "tlhp_percent": 10,
        "lhkpn_percent": 20, "lhkasn_percent": 30, "building_since": "2026-03-01", "sakip_internal": "D",
    }  # fmt: skip
    return data


@pytest.mark.parametrize("level", ["wbk", "wbbm"])
def test_a_stranas_pk_unit_may_be_proposed_while_tabel5_is_unmet(level):
    result = check(failing_everything(level))
    assert [f["rule"] for f in result["failures"]] == list(TABEL5_RULES)
    assert all(f["blocking"] is False for f in result["failures"])
    assert all(
        f["message"].endswith("(boleh diusulkan; syarat masih dalam pemenuhan)")
        for f in result["failures"]
    )
    assert result["eligible"] is True
    assert result["affirmation"] is True
    assert result["proposable_from"] is None  # the building period does not block here


def test_the_affirmation_never_waives_the_register_rules():
    data = failing_everything("wbbm")
    data["predicates"] = [revoked("wbk", "2022-01-10", "2025-01-10")]
    result = check(data)
    blocking = [f["rule"] for f in result["failures"] if f["blocking"]]
    assert blocking == ["standing_wbk", "revocation_bar"]
    assert result["eligible"] is False
    assert result["affirmation"] is True
    assert result["proposable_from"] == "2027-01-10"


def test_a_stranas_pk_unit_that_meets_everything_needs_no_affirmation():
    data = with_change(facts(), "unit.stranas_pk", True)
    assert check(data)["affirmation"] is False


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [("2024-02-29", 1, "2025-02-28"), ("2024-02-29", 4, "2028-02-29"), ("2024-02-29", 2, "2026-02-28"),
     ("2025-12-31", 1, "2026-12-31"), ("2025-03-01", 2, "2027-03-01")],
)  # fmt: skip
def test_n_years_after_is_the_same_day_with_29_february_becoming_28(day, years, expected):
    assert add_years(date.fromisoformat(day), years).isoformat() == expected
