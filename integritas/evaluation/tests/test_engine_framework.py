"""Framework and rule-set validation catches each kind of bad file, and reports every problem."""

import copy

import pytest
import yaml

from integritas.evaluation.engine import (
    FrameworkError,
    find_framework,
    load_framework,
    load_rule_set,
)
from integritas.evaluation.engine.framework import (
    FRAMEWORKS_DIR,
    RULESETS_DIR,
    check_framework_data,
    check_rule_set_data,
    parse_yaml,
    published_frameworks,
)

FRAMEWORK_FILE = FRAMEWORKS_DIR / "lke-zi-2021.yaml"
RAW = parse_yaml(FRAMEWORK_FILE.read_text(encoding="utf-8"))
RULES_RAW = parse_yaml((RULESETS_DIR / "permenpanrb-90-2021.yaml").read_text(encoding="utf-8"))


def fresh():
    return copy.deepcopy(RAW)


def area(data, code):
    return next(a for a in data["pengungkit"] if a["code"] == code)


def sub(data, code):
    return next(
        s
        for a in data["pengungkit"]
        for half in ("pemenuhan", "reform")
        for s in a[half]
        if s["code"] == code
    )


def question(data, code):
    return next(q for q in sub(data, code.rsplit(".", 1)[0])["questions"] if q["code"] == code)


def problems(data):
    framework, found = check_framework_data(data)
    assert (framework is None) == bool(found)
    return found


def assert_problem(data, *fragments):
    found = problems(data)
    assert any(all(f in p for f in fragments) for p in found), found


def test_the_shipped_file_has_no_problem():
    assert problems(fresh()) == ()
    assert load_framework(FRAMEWORK_FILE).code == "lke-zi-2021"


def test_sub_indicator_weights_must_fill_their_half():
    data = fresh()
    sub(data, "P1.i")["weight"] = 0.6
    assert_problem(data, "MP.pemenuhan", "sub-indikator", "4.1", "seharusnya 4")


def test_areas_and_hasil_must_add_up_to_100():
    data = fresh()
    area(data, "MP")["weight"] = 9
    assert_problem(data, "MP.pemenuhan", "seharusnya 4.5")
    assert_problem(data, "MP.reform", "seharusnya 4.5")
    assert_problem(data, "pengungkit 61", "hasil 40", "100")


def test_hasil_components_must_fill_their_group():
    data = fresh()
    data["hasil"][0]["components"][0]["weight"] = 18
    assert_problem(data, "hasil.bersih", "komponen hasil", "23", "22.5")


def test_question_codes_must_be_unique():
    data = fresh()
    question(data, "P1.i.b")["code"] = "P1.i.a"
    assert_problem(data, "P1.i.a", "ganda")


def test_area_codes_and_sub_indicator_codes_must_be_unique():
    data = fresh()
    area(data, "TT")["code"] = "MP"
    sub(data, "P1.ii")["code"] = "P1.i"
    assert_problem(data, "kode area 'MP' ganda")
    assert_problem(data, "kode 'P1.i' ganda")


def test_a_question_must_sit_under_its_own_sub_indicator():
    data = fresh()
    question(data, "P1.i.b")["code"] = "P1.ii.z"
    assert_problem(data, "P1.ii.z", "P1.i.<huruf>")


def test_a_sub_indicator_code_must_match_its_half_and_area():
    data = fresh()
    sub(data, "R1.i")["code"] = "P1.ix"
    sub(data, "P2.i")["code"] = "P3.i"
    assert_problem(data, "P1.ix", "R1.<angka romawi kecil>")
    assert_problem(data, "P3.i", "P2.<angka romawi kecil>")


def test_areas_must_be_numbered_in_order():
    data = fresh()
    area(data, "TT")["number"] = 7
    assert_problem(data, "pengungkit", "berurutan")


def test_option_values_must_lie_within_0_and_1():
    data = fresh()
    data["option_values"]["ABC"]["B"] = 1.2
    question(data, "P1.i.b")["options"][0]["value"] = 1.5
    assert_problem(data, "option_values.ABC", "1.2", "rentang")
    assert_problem(data, "P1.i.b.options[0]", "1.5", "rentang")


def test_an_option_value_must_agree_with_its_answer_type():
    data = fresh()
    question(data, "P1.i.b")["options"][1]["value"] = 0.6
    assert_problem(data, "P1.i.b.options[1]", "0.6", "0.5")


def test_options_must_carry_exactly_the_labels_of_the_answer_type():
    data = fresh()
    question(data, "P1.i.b")["options"][2]["label"] = "D"
    del question(data, "P1.ii.a")["options"][1]
    assert_problem(data, "P1.i.b", "A, B, D", "ABC")
    assert_problem(data, "P1.ii.a", "Ya", "YT")


def test_an_unknown_answer_type_is_refused():
    data = fresh()
    question(data, "P1.i.b")["answer_type"] = "ABX"
    assert_problem(data, "P1.i.b", "tipe jawaban 'ABX'")


def test_only_whitelisted_formulas_are_accepted():
    data = fresh()
    question(data, "R1.i.a")["formula"] = {"name": "eval", "expression": "__import__('os')"}
    assert_problem(data, "R1.i.a.formula", "rumus 'eval' tidak dikenal")


def test_a_formula_must_use_declared_inputs_only():
    data = fresh()
    question(data, "R1.i.a")["formula"]["numerator"] = "jml_tidak_ada"
    question(data, "R5.iii.a")["formula"]["denominators"].append("wajib_siluman")
    question(data, "R3.iii.a")["formula"]["current"] = "x"
    assert_problem(data, "R1.i.a.formula", "jml_tidak_ada")
    assert_problem(data, "R5.iii.a.formula.denominators[3]", "wajib_siluman")
    assert_problem(data, "R3.iii.a.formula", "'x'")


def test_a_nothing_to_follow_up_value_must_lie_within_0_and_1():
    data = fresh()
    question(data, "R5.ii.a")["formula"]["if_denominator_zero"] = 2
    assert_problem(data, "R5.ii.a.formula", "if_denominator_zero")


def test_missing_and_unknown_keys_are_reported():
    data = fresh()
    del data["title"]
    data["pubished"] = True
    del question(data, "P1.i.a")["text"]
    assert_problem(data, "kunci 'title' wajib ada")
    assert_problem(data, "kunci 'pubished' tidak dikenal")
    assert_problem(data, "P1.i.a", "kunci 'text' wajib ada")


def test_hasil_inputs_need_a_known_kind_and_a_range():
    data = fresh()
    data["hasil"][1]["components"][0]["kind"] = "survey"
    data["hasil"][0]["components"][0]["maximum"] = 0
    assert_problem(data, "hasil.ipkp", "jenis 'survey'")
    assert_problem(data, "hasil.ipak", "'maximum'")


def test_every_problem_is_reported_at_once():
    data = fresh()
    sub(data, "P1.i")["weight"] = 0.6
    question(data, "P2.i.a")["code"] = "P1.i.a"
    question(data, "P1.ii.b")["options"][0]["value"] = 7
    data["published"] = "yes"
    found = problems(data)
    assert len(found) >= 4
    assert any("P1.i.a" in p and "ganda" in p for p in found)
    assert any("published" in p for p in found)


def test_load_framework_raises_with_every_problem_prefixed_by_the_file(tmp_path):
    data = fresh()
    sub(data, "P1.i")["weight"] = 0.6
    data["published"] = "yes"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    assert len(caught.value.problems) == 2
    assert all(p.startswith(str(path)) for p in caught.value.problems)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("code: [unclosed", "YAML tidak sah"), ("- just\n- a list\n", "pemetaan"), ("", "pemetaan")],
)
def test_a_file_that_is_not_a_yaml_mapping_is_refused(tmp_path, text, fragment):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkError, match=fragment):
        load_framework(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(FrameworkError, match="tidak dapat dibaca"):
        load_framework(tmp_path / "absent.yaml")


def test_the_latest_published_version_is_the_default(tmp_path):
    for version, published in ((1, True), (2, True), (3, False)):
        data = fresh()
        data["version"] = version
        data["published"] = published
        (tmp_path / f"v{version}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
    assert [f.version for f in published_frameworks(tmp_path)] == [2, 1]
    assert find_framework(directory=tmp_path).version == 2
    with pytest.raises(KeyError):
        find_framework("lke-zi-2099", directory=tmp_path)


def rule_problems(data):
    return check_rule_set_data(data, framework=find_framework())[1]


def test_the_shipped_rule_sets_have_no_problem():
    for path in sorted(RULESETS_DIR.glob("*.yaml")):
        assert load_rule_set(path, framework=find_framework()).published


def test_a_rule_must_test_a_metric_the_framework_has():
    data = copy.deepcopy(RULES_RAW)
    data["predicates"]["WBK"][0]["metric"] = "nilai_siluman"
    assert any("nilai_siluman" in p for p in rule_problems(data))


def test_rule_kinds_flags_predicates_and_ratios_are_checked():
    data = copy.deepcopy(RULES_RAW)
    data["predicates"]["WBK"][1]["kind"] = "eval"
    data["predicates"]["WBK"][2]["minimum_ratio"] = 60
    data["predicates"]["WBBM"][-1]["flag"] = "predikat_lain"
    data["predicates"]["WBBM"][1]["id"] = "total"
    data["predicates"]["WBKK"] = []
    found = rule_problems(data)
    assert any("jenis aturan 'eval'" in p for p in found)
    assert any("minimum_ratio" in p for p in found)
    assert any("predikat_lain" in p for p in found)
    assert any("id aturan 'total' ganda" in p for p in found)
    assert any("WBKK" in p for p in found)
    del data["predicates"]["WBBM"]
    assert any("'WBBM' wajib ada" in p for p in rule_problems(data))
