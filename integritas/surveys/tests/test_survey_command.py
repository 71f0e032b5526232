"""`integritas survey skm|index|sample-size`: the CLI contract (JSON on stdout, exit 2 on bad input)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from integritas.surveys.management.commands.survey import SurveyInputError

REPO = Path(__file__).resolve().parents[3]
UNSUR = ",".join(f"U{number}" for number in range(1, 10))

# Three respondents and one blank row: NRR U1..U8 = 11/3, U9 = 7/2; IKM 4925/54 = 91,2037…
SKM_CSV = (
    f"nama,{UNSUR},catatan\n"
    "Ani,4,4,4,4,4,4,4,4,4,baik\n"
    "Budi,3,3,3,3,3,3,3,3,3,\n"
    "Citra,4,4,4,4,4,4,4,4,,\n"
    "Dedi,,,,,,,,,,tidak menjawab\n"
)
SKM_RESULT = {
    "respondents": 3,
    "nrr": {**{f"U{number}": 3.67 for number in range(1, 9)}, "U9": 3.5},
    "ikm": 91.2,
    "mutu": "A",
    "kinerja": "Sangat Baik",
}
SPAK_CSV = "Q1,Q2,Q3,Q4,Q5\n4,4,4,3,3\n3,3,4,4,2\n4,,3,4,4\n"
SPAK_SIX_CSV = "Q1;Q2;Q3;Q4;Q5\n6;6;5;5;4\n5;4;6;3;6\n"


def survey(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """Run the real console entry point, as an operator would."""
    env = {**os.environ, "DEBUG": "true", "PYTHONIOENCODING": "utf-8"}
    completed = subprocess.run(
        [sys.executable, "-m", "integritas", "survey", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8"),
        completed.stderr.decode("utf-8"),
    )


def call(*args: str, stdin: bytes | None = None) -> dict:
    out = io.StringIO()
    options = {} if stdin is None else {"stdin": io.BytesIO(stdin)}
    call_command("survey", *args, stdout=out, **options)
    return json.loads(out.getvalue())


def refused(*args: str, stdin: bytes | None = None) -> list[str]:
    options = {} if stdin is None else {"stdin": io.BytesIO(stdin)}
    with pytest.raises(SurveyInputError) as caught:
        call_command("survey", *args, stdout=io.StringIO(), **options)
    assert caught.value.returncode == 2
    return caught.value.errors


@pytest.fixture
def skm_file(tmp_path: Path) -> Path:
    path = tmp_path / "skm.csv"
    path.write_text(SKM_CSV, encoding="utf-8")
    return path


# --- skm ---------------------------------------------------------------------------------------


def test_skm_prints_respondents_nrr_ikm_mutu_and_kinerja(skm_file: Path):
    completed = survey("skm", str(skm_file))
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    result = json.loads(completed.stdout)
    assert list(result) == ["respondents", "nrr", "ikm", "mutu", "kinerja"]
    assert result == SKM_RESULT
    assert list(result["nrr"]) == [f"U{number}" for number in range(1, 10)]


def test_skm_computes_at_full_precision_not_from_rounded_nrr(skm_file: Path):
    # Rounded NRR (3,67 × 8 + 3,50) would give 91,28.
    assert call("skm", str(skm_file))["ikm"] == 91.2


def test_skm_all_answers_4_give_100_and_a():
    rows = "\n".join([UNSUR, *([",".join(["4"] * 9)] * 29)]) + "\n"
    result = call("skm", "-", stdin=rows.encode())
    assert result == {
        "respondents": 29,
        "nrr": {f"U{number}": 4.0 for number in range(1, 10)},
        "ikm": 100.0,
        "mutu": "A",
        "kinerja": "Sangat Baik",
    }


def test_skm_reads_semicolons_and_a_utf8_bom_from_stdin():
    data = "\ufeff" + SKM_CSV.replace(",", ";")
    completed = survey("skm", "-", stdin=data.encode("utf-8"))
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == SKM_RESULT


def test_skm_matches_column_names_without_regard_to_case_or_spaces():
    header = ", ".join(f"u{number} " for number in range(1, 10))
    result = call("skm", "-", stdin=f"{header}\n4,4,4,4,4,4,4,4,3\n".encode())
    assert result["nrr"]["U9"] == 3.0


# --- bad input ---------------------------------------------------------------------------------


def test_bad_rows_are_all_named_with_their_column_exit_2_and_nothing_on_stdout(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text(
        f"{UNSUR}\n"
        "4,4,4,4,4,4,4,4,4\n"
        "4,4,5,4,4,4,4,4,4\n"  # data row 2: out of scale
        "4,4,4,4,4,4,4,4,4\n"
        "4,4,4,4,4,4,4,4,4\n"
        "x,4,4,4,4,4,4,4,3.5\n",  # data row 5: a non-number and a fraction
        encoding="utf-8",
    )
    completed = survey("skm", str(path))
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "baris data" in completed.stderr and "baris judul" in completed.stderr
    assert "baris data 2, kolom U3" in completed.stderr
    assert "baris data 5, kolom U1" in completed.stderr
    assert "baris data 5, kolom U9" in completed.stderr
    assert "baris data 1" not in completed.stderr
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "di luar skala 1–4"),
        ("5", "di luar skala 1–4"),
        ("ya", "bukan angka"),
        ("2,5", "bukan bilangan bulat"),
    ],
)
def test_each_kind_of_bad_value_is_explained(value, message):
    row = ",".join(["4"] * 8 + [f'"{value}"'])
    errors = refused("skm", "-", stdin=f"{UNSUR}\n{row}\n".encode())
    assert any("baris data 1, kolom U9" in line and message in line for line in errors)


def test_a_missing_column_is_named():
    header = ",".join(f"U{number}" for number in range(1, 9))
    errors = refused("skm", "-", stdin=f"{header}\n4,4,4,4,4,4,4,4\n".encode())
    assert any("kolom U9 tidak ada" in line for line in errors)


def test_a_column_without_any_answer_is_named():
    errors = refused("skm", "-", stdin=f"{UNSUR}\n4,4,4,4,,4,4,4,4\n".encode())
    assert any("kolom U5" in line for line in errors)


def test_a_file_without_respondents_is_refused():
    completed = survey("skm", "-", stdin=f"{UNSUR}\n,,,,,,,,\n".encode())
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "tidak ada responden" in completed.stderr


def test_an_empty_file_is_refused():
    assert refused("skm", "-", stdin=b"")


def test_an_unreadable_file_is_refused(tmp_path: Path):
    completed = survey("skm", str(tmp_path / "tidak-ada.csv"))
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "tidak dapat dibaca" in completed.stderr


def test_a_file_that_is_not_utf8_is_refused():
    errors = refused("skm", "-", stdin=f"{UNSUR}\n4,4,4,4,4,4,4,4,4\n".encode() + b"\xff\xfe\n")
    assert any("UTF-8" in line for line in errors)


# --- index -------------------------------------------------------------------------------------


def test_index_prints_the_spak_index_and_its_lke_points():
    completed = survey("index", "--instrument", "spak", "-", stdin=SPAK_CSV.encode())
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert list(result) == ["instrument", "respondents", "items", "raw_mean", "index", "points"]
    assert result == {
        "instrument": "spak",
        "respondents": 3,
        "items": {"Q1": 3.67, "Q2": 3.5, "Q3": 3.67, "Q4": 3.67, "Q5": 3.0},
        "raw_mean": 3.5,
        "index": 3.5,
        "points": 15.31,
    }


def test_index_reads_the_eight_spkp_columns():
    header = ",".join(f"Q{number}" for number in range(1, 9))
    result = call(
        "index", "--instrument", "spkp", "-", stdin=f"{header}\n{','.join(['4'] * 8)}\n".encode()
    )
    assert result["instrument"] == "spkp"
    assert list(result["items"]) == [f"Q{number}" for number in range(1, 9)]
    assert (result["index"], result["points"]) == (4.0, 17.5)


def test_index_on_spkp_needs_all_eight_columns():
    errors = refused("index", "--instrument", "spkp", "-", stdin=SPAK_CSV.encode())
    assert [line for line in errors if "tidak ada pada baris judul" in line] == [
        "  kolom Q6 tidak ada pada baris judul.",
        "  kolom Q7 tidak ada pada baris judul.",
        "  kolom Q8 tidak ada pada baris judul.",
    ]


@pytest.mark.parametrize(
    ("conversion", "index", "points"),
    [("proportional", 3.33, 14.58), ("range-1-4", 3.4, 14.88), ("range-0-4", 3.2, 14.0)],
)
def test_index_on_a_1_to_6_scale_uses_the_named_conversion(conversion, index, points):
    result = call(
        "index", "--instrument", "spak", "--scale", "6", "--conversion", conversion, "-",
        stdin=SPAK_SIX_CSV.encode(),
    )  # fmt: skip
    assert (result["raw_mean"], result["index"], result["points"]) == (5.0, index, points)


def test_index_on_a_1_to_6_scale_without_a_conversion_exits_2():
    completed = survey(
        "index", "--instrument", "spak", "--scale", "6", "-", stdin=SPAK_SIX_CSV.encode()
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "--conversion wajib" in completed.stderr


def test_answers_above_4_are_refused_on_the_default_scale():
    errors = refused("index", "--instrument", "spak", "-", stdin=SPAK_SIX_CSV.encode())
    assert any("baris data 1, kolom Q1" in line and "1–4" in line for line in errors)


@pytest.mark.parametrize(
    "args",
    [
        ["--instrument", "skm"],
        [],
        ["--instrument", "spak", "--scale", "5"],
        ["--instrument", "spak", "--scale", "6", "--conversion", "halve"],
        ["--instrument", "spak", "--conversion", "proportional"],
    ],
)
def test_index_options_are_checked(args):
    completed = survey("index", *args, "-", stdin=SPAK_CSV.encode())
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.strip()


# --- sample-size -------------------------------------------------------------------------------


@pytest.mark.parametrize(("population", "sample"), [("100", 80), ("105", 83), ("1000000", 384)])
def test_sample_size_prints_population_and_sample(population, sample):
    completed = survey("sample-size", population)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == {"population": int(population), "sample": sample}


def test_sample_size_can_use_the_next_table_row():
    assert call("sample-size", "105", "--method", "table-next-row") == {
        "population": 105,
        "sample": 86,
    }


@pytest.mark.parametrize("population", ["0", "-5", "1.000", "abc", "2,5"])
def test_sample_size_refuses_what_is_not_a_positive_whole_number(population):
    completed = survey("sample-size", "--", population)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "bilangan bulat positif" in completed.stderr


def test_sample_size_refuses_a_5000_digit_number_in_one_line():
    completed = survey("sample-size", "9" * 5000)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.splitlines() == ["N terlalu besar: 5000 angka (paling banyak 18)."]


def test_a_5000_digit_answer_is_refused_not_a_traceback():
    header = ",".join(f"U{i}" for i in range(1, 10))
    row = ",".join(["9" * 5000] + ["1"] * 8)
    completed = survey("skm", "-", stdin=f"{header}\n{row}\n".encode())
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    # Refused by the capped reader before any number is parsed (the cell is over 4.000 characters).
    assert "terlalu panjang" in completed.stderr and "baris 2" in completed.stderr
