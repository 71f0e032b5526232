"""`integritas lke score|load`: the output contract, exit status 2 with every problem, stdin."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from integritas.evaluation.engine.framework import FRAMEWORKS_DIR

PROJECT_DIR = Path(__file__).resolve().parents[3]
EXAMPLE = {
    "framework": "lke-zi-2021",
    "answers": {"P1.i.a": "Ya", "P1.i.b": "A", "R1.i.a": 80},
    "hasil": {"ipak_index": 3.6, "ipkp_index": 3.2, "capaian_kinerja": "B", "tlhp_percent": 100},
}
BAD = {
    "answers": {"P9.i.a": "Ya", "P1.i.a": "C", "R1.i.a": 120, "P1.i.b": 3},
    "hasil": {"ipak_index": 5},
}
BAD_PROBLEMS = [
    "answers.P9.i.a: kode pertanyaan tidak dikenal",
    "answers.P1.i.a: pilihan 'C' tidak sah (boleh: Ya, Tidak)",
    "answers.R1.i.a: 120 di luar rentang 0-100",
    "answers.P1.i.b: harus berupa label pilihan (A, B, C), bukan 3",
    "hasil.ipak_index: 5 di luar rentang 0-4",
]


def run(*args, stdin=None):
    out, err = StringIO(), StringIO()
    call_command("lke", *args, stdout=out, stderr=err, stdin=stdin)
    return out.getvalue(), err.getvalue()


def run_invalid(*args, stdin=None):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("lke", *args, stdout=out, stderr=err, stdin=stdin)
    assert caught.value.returncode == 2
    return out.getvalue(), err.getvalue()


def write(tmp_path, data, name="input.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_score_prints_one_json_object_with_the_contract_keys(tmp_path):
    out, err = run("score", write(tmp_path, EXAMPLE))
    data = json.loads(out)
    assert err == ""
    assert list(data) == [
        "framework", "total", "pengungkit", "hasil", "areas", "hasil_detail", "completeness", "rule_sets",
    ]  # fmt: skip
    assert data["framework"] == "lke-zi-2021"
    assert list(data["areas"]) == ["MP", "TT", "SDM", "AK", "PW", "PP"]
    assert all(list(area) == ["pemenuhan", "reform", "total"] for area in data["areas"].values())
    assert data["hasil_detail"] == {
        "ipak": 15.75,
        "capaian_kinerja": 3.75,
        "ipkp": 14.0,
        "tlhp": 5.0,
    }
    assert data["hasil"] == 33.5
    assert data["completeness"] == {"answered": 3, "questions": 110}
    assert list(data["rule_sets"]) == ["perwali-kupang-23-2025", "permenpanrb-90-2021"]
    for rule_set in data["rule_sets"].values():
        assert list(rule_set) == ["WBK", "WBBM"]
        for predicate in rule_set.values():
            assert list(predicate) == ["eligible", "failures"]
            for failure in predicate["failures"]:
                assert list(failure) == ["rule", "value", "minimum", "message"]
    local = data["rule_sets"]["perwali-kupang-23-2025"]["WBK"]
    assert local["eligible"] is False
    assert {k: v for k, v in local["failures"][-1].items() if k != "message"} == {
        "rule": "hasil_pelayanan",
        "value": 14.0,
        "minimum": 16.0,
    }
    assert local["failures"][-1]["message"] == "Hasil pelayanan publik (IPKP) 14,00 < 16,00"


def test_numbers_are_rounded_half_up_to_two_decimals(tmp_path):
    answers = {"P3.i.a": "Ya", "P3.i.b": "B"}  # P3.i weighs 0,25 over 3 questions: 0,25 × 1,67 / 3
    out, _ = run("score", write(tmp_path, {"answers": answers, "hasil": {"ipak_index": 3.599}}))
    data = json.loads(out)
    assert data["areas"]["SDM"]["pemenuhan"] == 0.14  # 0,139166…
    assert data["hasil_detail"]["ipak"] == 15.75  # 15,745625 shows 15,75
    assert all(
        len(str(v).split(".")[-1]) <= 2 for v in (data["total"], data["pengungkit"], data["hasil"])
    )


def test_invalid_input_exits_2_with_every_problem_on_stderr_and_nothing_on_stdout(tmp_path):
    out, err = run_invalid("score", write(tmp_path, BAD))
    assert out == ""
    assert err.splitlines() == BAD_PROBLEMS


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{bad json", "JSON tidak sah"),
        ('{"answers": {"R1.i.a": NaN}}', "JSON tidak sah"),
        ('{"framework": "lke-zi-1999"}', "framework: kerangka kerja 'lke-zi-1999' tidak dikenal"),
        ('{"answers": {"P1.i.a": "Ya", "P1.i.a": "Tidak"}}', "P1.i.a: kunci ganda"),
        ("[1, 2]", "masukan harus berupa objek JSON"),
    ],
)
def test_malformed_json_and_an_unknown_framework_exit_2(tmp_path, text, problem):
    out, err = run_invalid("score", write(tmp_path, text))
    assert out == ""
    assert problem in err


def test_a_missing_file_exits_2(tmp_path):
    out, err = run_invalid("score", str(tmp_path / "absent.json"))
    assert out == ""
    assert "tidak dapat dibaca" in err


def test_a_dash_reads_stdin():
    out, _ = run("score", "-", stdin=StringIO(json.dumps(EXAMPLE)))
    assert json.loads(out)["completeness"]["answered"] == 3
    out, err = run_invalid("score", "-", stdin=StringIO(json.dumps(BAD)))
    assert (out, err.splitlines()) == ("", BAD_PROBLEMS)


def test_percent_questions_take_their_jumlah_inputs(tmp_path):
    answers = {"R5.ii.a": {"jml_pengaduan_harus_ditindaklanjuti": 0, "jml_pengaduan_selesai": 0}}
    out, _ = run("score", write(tmp_path, {"answers": answers}))
    assert json.loads(out)["areas"]["PW"]["reform"] == 3.0  # nothing to follow up gives 100 %


@pytest.mark.django_db
def test_load_prints_a_summary_of_a_valid_framework():
    out, err = run("load", str(FRAMEWORKS_DIR / "lke-zi-2021.yaml"))
    assert err == ""
    assert out.startswith("Kerangka kerja lke-zi-2021 versi 1 (2021), diterbitkan: ya")
    assert "110 pertanyaan (pemenuhan 87, reform 23)" in out
    assert "SHA-256 berkas: " in out
    assert "SHA-256 JSON kanonik: " in out


def test_load_refuses_an_invalid_framework_with_every_problem(tmp_path):
    text = (FRAMEWORKS_DIR / "lke-zi-2021.yaml").read_text(encoding="utf-8")
    text = text.replace("weight: 8\n", "weight: 9\n", 1).replace(
        "published: true", "published: maybe", 1
    )
    out, err = run_invalid("load", write(tmp_path, text, "bad.yaml"))
    assert out == ""
    problems = err.splitlines()
    assert len(problems) == 4
    assert any("MP.pemenuhan" in p for p in problems)
    assert any("published" in p for p in problems)


def subprocess_env():
    env = dict(os.environ)
    env.setdefault("INTEGRITAS_TESTING", "true")
    return env


def test_the_console_command_exits_2_with_nothing_on_stdout():
    completed = subprocess.run(
        [sys.executable, "-m", "integritas", "lke", "score", "-"],
        input=json.dumps(BAD),
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        env=subprocess_env(),
        timeout=120,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.splitlines() == BAD_PROBLEMS


def test_the_console_command_prints_only_the_json_object():
    completed = subprocess.run(
        [sys.executable, "-m", "integritas", "lke", "score", "-"],
        input=json.dumps(EXAMPLE),
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        env=subprocess_env(),
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["total"] == 34.8  # 33,50 hasil + 1,30 MP
    assert completed.stderr == ""


@pytest.mark.django_db
def test_load_stores_the_version_once_and_refuses_to_change_a_published_one(tmp_path):
    from integritas.evaluation.models import FrameworkVersion

    path = str(FRAMEWORKS_DIR / "lke-zi-2021.yaml")
    out, _ = run("load", path)
    assert "Penyimpanan: disimpan sebagai versi baru" in out
    stored = FrameworkVersion.objects.get(code="lke-zi-2021", version=1)
    assert stored.published
    out, _ = run("load", path)
    assert "tidak ada perubahan" in out
    changed = (FRAMEWORKS_DIR / "lke-zi-2021.yaml").read_text(encoding="utf-8")
    changed = changed.replace("Unit kerja telah membentuk tim", "Unit kerja sudah membentuk tim", 1)
    out, err = run_invalid("load", write(tmp_path, changed, "ubah.yaml"))
    assert out == ""
    assert "sudah diterbitkan dengan isi lain" in err
    assert FrameworkVersion.objects.get(pk=stored.pk).sha256 == stored.sha256


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"answers": {"R1.i.a": 1e999999999}}', "JSON tidak sah: angka 1e999999999 di luar jangkauan"),
        ('{"answers": {}, "hasil": {"ipak_index": 1e999999999}}', "JSON tidak sah: angka 1e999999999 di luar jangkauan"),
        ('{"answers": {"R1.i.a": ' + "9" * 5000 + "}}", "JSON tidak sah: angka 99999999999999999999… (5000 karakter) terlalu panjang"),
        ("[" * 100_000 + "]" * 100_000, "JSON tidak sah: susunan kurung terlalu dalam"),
    ],
)  # fmt: skip
def test_absurd_numbers_and_nesting_exit_2_with_one_line(text, message):
    completed = subprocess.run(
        [sys.executable, "-m", "integritas", "lke", "score", "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        env=subprocess_env(),
        timeout=120,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.splitlines() == [message]
