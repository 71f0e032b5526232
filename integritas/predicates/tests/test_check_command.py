"""`integritas predicates check FILE|-`: the output contract, exit status 2 with every problem."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

PROJECT_DIR = Path(__file__).resolve().parents[3]
EXAMPLE = {
    "level": "wbk", "as_of": "2026-05-31",
    "institution": {"kind": "pemda", "opini_bpk": "WTP", "sakip": "B", "indeks_rb": "CC", "spip_level": 3},
    "unit": {"stranas_pk": False, "core_service": True, "significant_impact": True, "tlhp_percent": 100,
             "lhkpn_percent": 100, "lhkasn_percent": 100, "building_since": "2025-05-31", "sakip_internal": "B"},
    "predicates": [],
}  # fmt: skip
BAD = {"level": "wbm", "as_of": "2026-02-30", "unit": {"tlhp_percent": 100.5}}
BAD_PROBLEMS = [
    "level: tingkat 'wbm' tidak dikenal (boleh: wbk, wbbm)",
    "as_of: tanggal '2026-02-30' tidak sah (format YYYY-MM-DD)",
    "unit.tlhp_percent: 100.5 di luar rentang 0-100",
]


def run(*args, stdin=None):
    out, err = StringIO(), StringIO()
    call_command("predicates", *args, stdout=out, stderr=err, stdin=stdin)
    return out.getvalue(), err.getvalue()


def run_invalid(*args, stdin=None):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("predicates", *args, stdout=out, stderr=err, stdin=stdin)
    assert caught.value.returncode == 2
    return out.getvalue(), err.getvalue()


def write(tmp_path, data):
    path = tmp_path / "input.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_check_prints_one_json_object_with_the_contract_keys(tmp_path):
    out, err = run("check", write(tmp_path, EXAMPLE))
    assert err == ""
    assert json.loads(out) == {
        "level": "wbk", "eligible": True, "affirmation": False, "failures": [], "proposable_from": None,
    }  # fmt: skip


def test_the_issue_example_already_holds_wbk(tmp_path):
    data = dict(
        EXAMPLE, predicates=[{"level": "wbk", "granted_on": "2024-12-10", "revoked_on": None}]
    )
    out, _ = run("check", write(tmp_path, data))
    assert json.loads(out) == {
        "level": "wbk", "eligible": False, "affirmation": False, "proposable_from": None,
        "failures": [{"rule": "already_holds", "blocking": True,
                      "message": "Unit sudah berpredikat Menuju WBK sejak 10 Desember 2024"}],
    }  # fmt: skip


def test_the_two_year_bar_after_revocation_names_the_date(tmp_path):
    data = dict(
        EXAMPLE,
        predicates=[{"level": "wbk", "granted_on": "2022-12-10", "revoked_on": "2024-06-15"}],
    )
    result = json.loads(run("check", write(tmp_path, data))[0])
    assert result["eligible"] is False
    assert [f["rule"] for f in result["failures"]] == ["revocation_bar"]
    assert result["proposable_from"] == "2026-06-15"
    assert "dapat diusulkan mulai 15 Juni 2026" in result["failures"][0]["message"]
    on_the_day = json.loads(run("check", write(tmp_path, dict(data, as_of="2026-06-15")))[0])
    assert on_the_day["eligible"] is True


def test_wbbm_without_wbk_and_with_wbbm_held(tmp_path):
    wbbm = dict(EXAMPLE, level="wbbm")
    wbbm["institution"] = dict(EXAMPLE["institution"], sakip="BB", indeks_rb="B")
    wbbm["unit"] = dict(EXAMPLE["unit"], sakip_internal="BB")
    result = json.loads(run("check", write(tmp_path, wbbm))[0])
    assert [f["rule"] for f in result["failures"]] == ["standing_wbk"]
    held = dict(wbbm, predicates=[{"level": "wbk", "granted_on": "2023-12-10"},
                                  {"level": "wbbm", "granted_on": "2025-12-10", "revoked_on": None}])  # fmt: skip
    result = json.loads(run("check", write(tmp_path, held))[0])
    assert [f["rule"] for f in result["failures"]] == ["already_holds"]
    asked_wbk = dict(held, level="wbk")
    result = json.loads(run("check", write(tmp_path, asked_wbk))[0])
    assert (
        result["failures"][0]["message"]
        == "Unit sudah berpredikat Menuju WBBM sejak 10 Desember 2025"
    )


def test_a_dash_reads_stdin():
    out, _ = run("check", "-", stdin=StringIO(json.dumps(EXAMPLE)))
    assert json.loads(out)["eligible"] is True
    out, err = run_invalid("check", "-", stdin=StringIO(json.dumps(BAD)))
    assert (out, err.splitlines()) == ("", BAD_PROBLEMS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", "JSON tidak sah: Expecting property name enclosed in double quotes (baris 1, kolom 2)"),
        ("", "JSON tidak sah: Expecting value (baris 1, kolom 1)"),
        ('{"level": "wbk", "as_of": "2026-05-31", "unit": {"tlhp_percent": NaN}}', "JSON tidak sah: NaN bukan angka JSON yang sah"),
        ('{"level": "wbk", "level": "wbbm", "as_of": "2026-05-31"}', "level: kunci ganda dalam JSON"),
        ("[1]", "masukan harus berupa satu objek JSON, bukan [1]"),
    ],
)  # fmt: skip
def test_text_that_is_not_one_json_object_exits_2(tmp_path, text, expected):
    out, err = run_invalid("check", write(tmp_path, text))
    assert out == ""
    assert err.splitlines() == [expected]


def test_a_missing_file_exits_2(tmp_path):
    out, err = run_invalid("check", str(tmp_path / "missing.json"))
    assert out == ""
    assert "tidak dapat dibaca" in err


def subprocess_env():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.pop("INTEGRITAS_TESTING", None)
    env["DEBUG"] = "false"
    return env


def console(text):
    return subprocess.run(
        [sys.executable, "-m", "integritas", "predicates", "check", "-"],
        input=text, capture_output=True, text=True, cwd=PROJECT_DIR, env=subprocess_env(), timeout=120,
    )  # fmt: skip


def test_the_console_command_exits_2_with_nothing_on_stdout():
    completed = console(json.dumps(BAD))
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.splitlines() == BAD_PROBLEMS


def test_the_console_command_needs_no_secret_key_and_exits_0():
    data = dict(EXAMPLE, unit=dict(EXAMPLE["unit"], stranas_pk=True, tlhp_percent=98))
    completed = console(json.dumps(data))
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert json.loads(completed.stdout) == {
        "level": "wbk", "eligible": True, "affirmation": True, "proposable_from": None,
        "failures": [{"rule": "tlhp", "blocking": False,
                      "message": "TLHP 98,00 % — harus 100 % (boleh diusulkan; syarat masih dalam pemenuhan)"}],
    }  # fmt: skip
