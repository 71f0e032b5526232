"""The bundled instruments (SKM 14/2017, SPAK, SPKP) and the rules their loader enforces."""

import copy
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from integritas.surveys.instruments import (
    BUNDLED_INSTRUMENTS,
    INSTRUMENTS_DIR,
    InstrumentError,
    bundled_instrument,
    load_instrument,
    parse_instrument,
)

SKM_NAMES = [
    "Persyaratan",
    "Sistem, Mekanisme, dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
]


def raw(code: str) -> dict:
    return yaml.safe_load((INSTRUMENTS_DIR / f"{code}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", BUNDLED_INSTRUMENTS)
def test_every_bundled_instrument_loads_with_weights_summing_to_1(code):
    instrument = bundled_instrument(code)
    assert instrument.code == code
    assert sum(instrument.weights().values()) == 1
    assert (instrument.scale.minimum, instrument.scale.maximum) == (1, 4)
    for item in instrument.items:
        assert [answer.value for answer in item.answers] == [1, 2, 3, 4]
        assert all(answer.text for answer in item.answers)


def test_skm_has_the_nine_unsur_of_14_2017_each_weighing_exactly_one_ninth():
    skm = bundled_instrument("skm-14-2017")
    assert skm.kind == "skm"
    assert skm.codes == tuple(f"U{number}" for number in range(1, 10))
    assert [item.name for item in skm.items] == SKM_NAMES
    assert set(skm.weights().values()) == {Fraction(1, 9)}
    assert all(item.text.startswith("Bagaimana ") and item.text.endswith("?") for item in skm.items)


def test_skm_u1_carries_the_standard_question_and_answers():
    u1 = bundled_instrument("skm-14-2017").item("U1")
    assert u1.text == (
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
        "pelayanannya?"
    )
    assert [answer.text for answer in u1.answers] == [
        "Tidak sesuai",
        "Kurang sesuai",
        "Sesuai",
        "Sangat sesuai",
    ]


def test_skm_has_the_respondent_profile_the_report_needs():
    profile = {field.code: field for field in bundled_instrument("skm-14-2017").profile}
    assert list(profile) == ["jenis_kelamin", "usia", "pendidikan", "pekerjaan", "jenis_layanan"]
    assert [choice.label for choice in profile["jenis_kelamin"].choices] == [
        "Laki-laki",
        "Perempuan",
    ]
    for code in ("usia", "pendidikan", "pekerjaan"):
        assert len(profile[code].choices) >= 5
    assert profile["jenis_layanan"].choices == ()
    assert profile["jenis_layanan"].choices_from == "unit"


def test_spak_has_the_five_anti_corruption_statements():
    spak = bundled_instrument("spak")
    assert spak.codes == ("Q1", "Q2", "Q3", "Q4", "Q5")
    texts = " ".join(item.text for item in spak.items).lower()
    for word in ("diskriminasi", "prosedur", "imbalan", "pungutan liar", "percaloan"):
        assert word in texts
    assert [a.text for a in spak.items[0].answers] == [
        "Sangat tidak setuju",
        "Tidak setuju",
        "Setuju",
        "Sangat setuju",
    ]


def test_spkp_has_the_eight_service_quality_statements():
    spkp = bundled_instrument("spkp")
    assert spkp.codes == tuple(f"Q{number}" for number in range(1, 9))
    assert set(spkp.weights().values()) == {Fraction(1, 8)}
    assert "pengaduan" in spkp.item("Q8").text


def test_load_instrument_reads_a_file(tmp_path: Path):
    data = raw("spak")
    data["code"] = "spak-kupang-2026"
    path = tmp_path / "spak-kupang-2026.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_instrument(path).code == "spak-kupang-2026"


def test_an_unreadable_file_is_an_instrument_error(tmp_path: Path):
    with pytest.raises(InstrumentError):
        load_instrument(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("code: [unclosed", encoding="utf-8")
    with pytest.raises(InstrumentError):
        load_instrument(broken)


def test_a_unit_may_add_an_unsur_with_equal_default_weights():
    data = raw("skm-14-2017")
    data["items"].append(
        {
            "code": "U10",
            "name": "Tambahan",
            "text": "Bagaimana ...?",
            "answers": ["a", "b", "c", "d"],
        }
    )
    instrument = parse_instrument(data)
    assert set(instrument.weights().values()) == {Fraction(1, 10)}


def test_a_unit_may_add_an_unsur_with_its_own_weights_summing_to_1():
    data = raw("skm-14-2017")
    data["items"].append(
        {
            "code": "U10",
            "name": "Tambahan",
            "text": "Bagaimana ...?",
            "answers": ["a", "b", "c", "d"],
        }
    )
    for item in data["items"]:
        item["weight"] = "1/20"
    data["items"][0]["weight"] = "11/20"
    instrument = parse_instrument(data)
    assert instrument.item("U1").weight == Fraction(11, 20)
    assert sum(instrument.weights().values()) == 1


def break_weights_sum(data):
    for item in data["items"]:
        item["weight"] = 0.11  # 9 × 0,11 = 0,99


def break_weights_partial(data):
    data["items"][0]["weight"] = "1/9"


def break_weights_zero(data):
    for item in data["items"]:
        item["weight"] = "1/8"
    data["items"][0]["weight"] = 0


def break_duplicate_code(data):
    data["items"][1]["code"] = "U1"


def break_duplicate_code_other_case(data):
    data["items"][1]["code"] = "u1"


def break_code_shape(data):
    data["items"][0]["code"] = "U 1"


def break_scale_min(data):
    data["scale"]["min"] = 0


def break_scale_max(data):
    data["scale"]["max"] = 5


def break_skm_on_six(data):
    data["scale"]["max"] = 6


def break_answer_count(data):
    data["items"][0]["answers"] = ["Tidak", "Ya"]


def break_unknown_key(data):
    data["items"][0]["bobot"] = "1/9"


def break_kind(data):
    data["kind"] = "ikm"


def break_no_items(data):
    data["items"] = []


def break_profile_choices(data):
    data["profile"][0]["choices"] = []


@pytest.mark.parametrize(
    "breaker",
    [
        break_weights_sum,
        break_weights_partial,
        break_weights_zero,
        break_duplicate_code,
        break_duplicate_code_other_case,
        break_code_shape,
        break_scale_min,
        break_scale_max,
        break_skm_on_six,
        break_answer_count,
        break_unknown_key,
        break_kind,
        break_no_items,
        break_profile_choices,
    ],
)
def test_the_loader_refuses_an_invalid_instrument(breaker):
    data = copy.deepcopy(raw("skm-14-2017"))
    breaker(data)
    with pytest.raises(InstrumentError):
        parse_instrument(data, source="test")


def test_a_spak_instrument_may_use_the_1_to_6_scale_with_six_answers():
    data = raw("spak")
    data["scale"]["max"] = 6
    data["answers"] = ["1", "2", "3", "4", "5", "6"]
    assert parse_instrument(data).scale.maximum == 6


def test_items_without_answers_need_instrument_answers():
    data = raw("spak")
    del data["answers"]
    with pytest.raises(InstrumentError, match="answers"):
        parse_instrument(data)
