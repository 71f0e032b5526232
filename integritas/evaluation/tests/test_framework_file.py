"""The shipped worksheet and rule-set files say what docs/zi-rules.md §1 and A.6 say."""

import re
from decimal import Decimal as D

import pytest

from integritas.evaluation.engine import find_framework, load_framework, load_rule_set
from integritas.evaluation.engine.framework import FRAMEWORKS_DIR, RULESETS_DIR

FRAMEWORK = load_framework(FRAMEWORKS_DIR / "lke-zi-2021.yaml")


def texts(question):
    yield question.text
    yield question.guidance
    yield from (o.text for o in question.options)
    yield from (i.label for i in question.inputs)
    yield from question.expected_evidence


def test_it_is_the_published_lke_zi_2021_and_the_default():
    assert (FRAMEWORK.code, FRAMEWORK.version, FRAMEWORK.published) == ("lke-zi-2021", 1, True)
    assert "90 Tahun 2021" in FRAMEWORK.regulation
    assert find_framework().code == "lke-zi-2021"


def test_it_has_110_pengungkit_questions_87_pemenuhan_and_23_reform():
    pemenuhan = [q for a in FRAMEWORK.areas for s in a.pemenuhan for q in s.questions]
    reform = [q for a in FRAMEWORK.areas for s in a.reform for q in s.questions]
    assert (len(pemenuhan), len(reform), len(FRAMEWORK.questions)) == (87, 23, 110)


@pytest.mark.parametrize(
    ("code", "number", "weight", "pemenuhan", "reform"),
    [
        ("MP", 1, 8, 12, 4),
        ("TT", 2, 7, 9, 6),
        ("SDM", 3, 10, 18, 3),
        ("AK", 4, 10, 11, 3),
        ("PW", 5, 15, 18, 4),
        ("PP", 6, 10, 19, 3),
    ],
)
def test_each_area_has_its_weight_and_question_counts(code, number, weight, pemenuhan, reform):
    area = FRAMEWORK.area(code)
    assert (area.number, area.weight) == (number, weight)
    assert sum(len(s.questions) for s in area.pemenuhan) == pemenuhan
    assert sum(len(s.questions) for s in area.reform) == reform


def test_every_question_has_a_canonical_code_under_its_area_and_half():
    for area in FRAMEWORK.areas:
        for prefix, subs in (("P", area.pemenuhan), ("R", area.reform)):
            for sub in subs:
                assert re.fullmatch(rf"{prefix}{area.number}\.[ivx]+", sub.code)
                for question in sub.questions:
                    assert re.fullmatch(rf"{re.escape(sub.code)}\.[a-h]", question.code)


def test_p4_ii_has_eight_items_a_to_h_as_settled_in_zi_rules():
    sub = next(s for s in FRAMEWORK.area("AK").pemenuhan if s.code == "P4.ii")
    types = {q.code.rsplit(".", 1)[1]: q.answer_type for q in sub.questions}
    assert types == {
        "a": "YT",
        "b": "YT",
        "c": "YT",
        "d": "ABCD",
        "e": "YT",
        "f": "ABC",
        "g": "YT",
        "h": "ABC",
    }
    h = FRAMEWORK.question("P4.ii.h")
    assert [o.text for o in h.options] == [
        "A. Jika seluruh SDM pengelola akuntabilitas kinerja kompeten",
        "B. Jika sebagian SDM pengelola akuntabilitas kinerja kompeten",
        "C. Jika belum ada SDM pengelola akuntabilitas kinerja yang kompeten",
    ]
    assert (
        FRAMEWORK.question("P4.ii.g")
        .options[0]
        .text.endswith("sistem informasi/mekanisme informasi kinerja")
    )


def test_option_values_follow_a3_everywhere():
    for question in FRAMEWORK.questions:
        expected = FRAMEWORK.option_values.get(question.answer_type, {})
        assert {o.label: o.value for o in question.options} == dict(expected)


def test_percent_questions_declare_their_inputs_and_whitelisted_formulas():
    percent = {q.code: q for q in FRAMEWORK.questions if q.is_percent}
    assert sorted(percent) == [
        "R1.i.a", "R1.i.b", "R3.iii.a", "R4.i.a", "R5.ii.a", "R5.iii.a", "R5.iii.b", "R6.i.b",
    ]  # fmt: skip
    for question in percent.values():
        declared = {i.code for i in question.inputs}
        assert set(question.formula.input_codes) <= declared
    assert percent["R3.iii.a"].formula.name == "decrease_ratio"
    complaints = percent["R5.ii.a"].formula
    assert (complaints.numerator, complaints.denominators) == (
        "jml_pengaduan_selesai",
        ("jml_pengaduan_harus_ditindaklanjuti",),
    )
    assert complaints.if_denominator_zero == 1
    assert len(percent["R5.iii.a"].formula.denominators) == 3


def test_texts_are_corrected_and_evidence_speaks_of_a_city_unit():
    for question in FRAMEWORK.questions:
        for text in texts(question):
            assert "  " not in text
            for stale in ("BPS", "LAKIN", "Perka", "satker", "PST", "Inspektorat Utama", "kerjA"):
                assert stale not in text, (question.code, text)
        assert question.expected_evidence, question.code
    typos = (
        "tujuanpembangunan", "dan dan", "telah telah", "menangangi", "dtindaklanjuti", "pernurunan",
        "Sstandar", "hasil hasil", "Screen", "Capture", "kinerjany ", "pegabdian", "diterbikan",
    )  # fmt: skip
    everything = " ".join(t for q in FRAMEWORK.questions for t in texts(q))
    assert not [t for t in typos if t in everything]
    assert "LKjIP" in everything
    assert "Wali Kota" in everything


def test_hasil_has_ipak_capaian_ipkp_and_a_tlhp_outside_the_total():
    components = {c.code: c for c in FRAMEWORK.hasil_components}
    assert {c: (components[c].weight, components[c].points_max) for c in components} == {
        "ipak": (D("17.5"), D("17.5")),
        "capaian_kinerja": (D(5), D(5)),
        "tlhp": (D(0), D(5)),
        "ipkp": (D("17.5"), D("17.5")),
    }
    assert [(c.input, c.maximum) for c in FRAMEWORK.hasil_components if c.kind != "option"] == [
        ("ipak_index", 4),
        ("tlhp_percent", 100),
        ("ipkp_index", 4),
    ]
    capaian = components["capaian_kinerja"]
    assert [o.value for o in capaian.options] == [1, D("0.75"), D("0.5"), D("0.25"), 0]
    assert capaian.options[3].text.startswith("D. Kinerja utama sudah orientasi hasil")


def minimums(rule_set, predicate):
    return {
        r.id: (
            r.minimum_ratio
            if r.kind == "area_ratio"
            else r.minimum
            if r.kind == "minimum"
            else r.flag
        )
        for r in rule_set.rules(predicate)
    }


def test_the_local_rule_set_reads_pasal_16_ayat_4_literally():
    local = load_rule_set(RULESETS_DIR / "perwali-kupang-23-2025.yaml", framework=FRAMEWORK)
    common = {"hasil_bersih": 18, "ipak": D("13.5"), "tlhp": D("3.5"), "hasil_pelayanan": 16}
    assert minimums(local, "WBK") == {"total": 75, **common}
    assert minimums(local, "WBBM") == {"total": 85, **common}
    assert local.scope == "local"
    assert all(r.clause.startswith("Pasal 16 ayat (4)") for r in local.rules("WBK"))


def test_the_national_rule_set_holds_the_tpn_minimums():
    national = load_rule_set(RULESETS_DIR / "permenpanrb-90-2021.yaml", framework=FRAMEWORK)
    assert minimums(national, "WBK") == {
        "total": 75,
        "pengungkit": 40,
        "area": D("0.60"),
        "hasil_bersih": D("18.25"),
        "ipak": D("15.75"),
        "capaian_kinerja": D("2.50"),
        "hasil_pelayanan": D("14.00"),
    }
    assert minimums(national, "WBBM") == {
        "total": 85,
        "pengungkit": 48,
        "area": D("0.75"),
        "hasil_bersih": D("19.50"),
        "ipak": D("15.75"),
        "capaian_kinerja": D("3.75"),
        "hasil_pelayanan": D("15.75"),
        "predikat_wbk": "predikat_wbk",
    }
