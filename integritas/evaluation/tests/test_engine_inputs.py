"""Checking CLI/import input returns every problem: unknown code, bad option, out of range, wrong type."""

from decimal import Decimal as D

import pytest

from integritas.evaluation.engine import InvalidInput, find_framework, input_problems, parse_input

FRAMEWORK = find_framework()


def test_valid_input_becomes_an_assessment_with_canonical_labels():
    parsed = parse_input(
        FRAMEWORK,
        {
            "framework": "lke-zi-2021",
            "answers": {"P1.i.a": "ya", "P1.i.b": " a ", "R1.i.a": 80, "R1.i.b": None},
            "hasil": {"ipak_index": D("3.6"), "capaian_kinerja": "b", "tlhp_percent": 100},
            "predikat_wbk": True,
        },
    )
    assert parsed.framework == "lke-zi-2021"
    assert parsed.assessment.answers == {"P1.i.a": "Ya", "P1.i.b": "A", "R1.i.a": D(80)}
    assert parsed.assessment.hasil == {
        "ipak_index": D("3.6"),
        "capaian_kinerja": "B",
        "tlhp_percent": D(100),
    }
    assert parsed.predikat_wbk is True


def test_jumlah_inputs_are_accepted_for_a_percent_question():
    parsed = parse_input(
        FRAMEWORK, {"answers": {"R1.i.a": {"jml_agen_perubahan": 4, "jml_perubahan_dibuat": 3}}}
    )
    assert parsed.assessment.answers["R1.i.a"] == {
        "jml_agen_perubahan": D(4),
        "jml_perubahan_dibuat": D(3),
    }


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"answers": {"P9.i.a": "Ya"}}, "answers.P9.i.a: kode pertanyaan tidak dikenal"),
        ({"answers": {"ipak_index": 3}}, "isian hasil diletakkan di 'hasil'"),
        ({"answers": {"P1.i.a": "A"}}, "answers.P1.i.a: pilihan 'A' tidak sah (boleh: Ya, Tidak)"),
        ({"answers": {"P1.i.b": "D"}}, "answers.P1.i.b: pilihan 'D' tidak sah"),
        ({"answers": {"P1.i.b": 1}}, "answers.P1.i.b: harus berupa label pilihan"),
        ({"answers": {"R1.i.a": 100.5}}, "answers.R1.i.a: 100,5 di luar rentang 0-100"),
        ({"answers": {"R1.i.a": -1}}, "di luar rentang 0-100"),
        ({"answers": {"R1.i.a": "80"}}, "answers.R1.i.a: harus berupa angka 0-100"),
        ({"answers": {"R1.i.a": True}}, "answers.R1.i.a: harus berupa angka"),
        (
            {"answers": {"R1.i.a": {"jml_agen_perubahan": 4}}},
            "jml_perubahan_dibuat: isian wajib diisi",
        ),
        ({"answers": {"R1.i.a": {"jml_x": 1}}}, "answers.R1.i.a.jml_x: isian tidak dikenal"),
        (
            {"answers": {"R4.i.a": {"jml_sasaran_kinerja": -2}}},
            "jml_sasaran_kinerja: -2 harus bilangan bulat",
        ),
        ({"answers": {"R4.i.a": {"jml_sasaran_kinerja": 2.5}}}, "2,5 harus bilangan bulat"),
        ({"answers": ["P1.i.a"]}, "answers: harus berupa objek"),
        ({"hasil": {"ipak_index": 4.5}}, "hasil.ipak_index: 4,5 di luar rentang 0-4"),
        ({"hasil": {"ipkp_index": "3.2"}}, "hasil.ipkp_index: harus berupa angka"),
        ({"hasil": {"tlhp_percent": 101}}, "hasil.tlhp_percent: 101 di luar rentang 0-100"),
        ({"hasil": {"capaian_kinerja": "F"}}, "hasil.capaian_kinerja: pilihan 'F' tidak sah"),
        ({"hasil": {"ipak": 3}}, "hasil.ipak: isian hasil tidak dikenal"),
        ({"predikat_wbk": "ya"}, "predikat_wbk: harus true atau false"),
        ({"framework": "lke-lain"}, "framework: kerangka kerja 'lke-lain' tidak sesuai"),
        ({"jawaban": {}}, "jawaban: kunci tidak dikenal"),
        (["not", "an", "object"], "masukan harus berupa objek JSON"),
    ],
)
def test_each_kind_of_bad_input_is_reported(data, fragment):
    found = input_problems(FRAMEWORK, data)
    assert any(fragment in p for p in found), found


def test_every_problem_is_reported_at_once():
    data = {
        "answers": {"P9.i.a": "Ya", "P1.i.a": "C", "R1.i.a": 120, "P1.i.b": 3},
        "hasil": {"ipak_index": 5, "foo": 1},
        "zzz": 1,
    }
    with pytest.raises(InvalidInput) as caught:
        parse_input(FRAMEWORK, data)
    assert len(caught.value.problems) == 7


def test_null_and_missing_answers_are_simply_unanswered():
    parsed = parse_input(FRAMEWORK, {"answers": {"P1.i.a": None}, "hasil": {"ipak_index": None}})
    assert parsed.assessment.answers == {}
    assert parsed.assessment.hasil == {}
    assert parse_input(FRAMEWORK, {}).assessment.answers == {}
