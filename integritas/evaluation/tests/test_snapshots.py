"""The typed reader of a final snapshot: the JSON read once, into frozen dataclasses."""

import copy
import dataclasses
from datetime import datetime
from decimal import Decimal

import pytest

from integritas.evaluation import pages, services, snapshots
from integritas.evaluation.models import Assessment, AssessmentSnapshot

from .conftest import YEAR, answer_all, bulk_answer, fill_hasil

pytestmark = pytest.mark.django_db


def _stored(final) -> AssessmentSnapshot:
    return AssessmentSnapshot.objects.select_related("assessment").get(assessment=final)


# Each row: what the reader gives, and the raw JSON it was read from (text → Decimal, as written).
TABLE = [
    ("tpi total", lambda s: s.scores.tpi.total, lambda d: d["scores"]["tpi"]["total"]),
    ("self total", lambda s: s.scores.own.total, lambda d: d["scores"]["self"]["total"]),
    ("tpi pengungkit", lambda s: s.scores.tpi.pengungkit, lambda d: d["scores"]["tpi"]["pengungkit"]),
    ("tpi hasil", lambda s: s.scores.tpi.hasil, lambda d: d["scores"]["tpi"]["hasil"]),
    ("area MP total", lambda s: s.scores.tpi.area("MP").total, lambda d: d["scores"]["tpi"]["areas"]["MP"]["total"]),
    ("area MP reform", lambda s: s.scores.own.area("MP").reform, lambda d: d["scores"]["self"]["areas"]["MP"]["reform"]),
    ("ipak points", lambda s: s.scores.tpi.component("ipak").points, lambda d: d["scores"]["tpi"]["hasil_components"]["ipak"]["points"]),
    ("sub weight", lambda s: s.answer("P1.i.b").sub_weight, lambda d: d["answers"]["P1.i.b"]["sub_weight"]),
    ("tpi value", lambda s: s.answer("P1.i.b").tpi.value, lambda d: d["answers"]["P1.i.b"]["tpi"]["value"]),
    ("self value", lambda s: s.answer("P1.i.a").own.value, lambda d: d["answers"]["P1.i.a"]["self"]["value"]),
    ("ipak index", lambda s: s.hasil.ipak_index, lambda d: d["hasil"]["ipak_index"]),
    ("tlhp", lambda s: s.hasil.tlhp_percent, lambda d: d["hasil"]["tlhp_percent"]),
]  # fmt: skip


@pytest.mark.parametrize(("what", "typed", "raw"), TABLE, ids=[row[0] for row in TABLE])
def test_each_number_reads_as_the_decimal_it_was_written_as(final, what, typed, raw):
    stored = _stored(final)
    value = typed(snapshots.read_snapshot(stored))
    assert isinstance(value, Decimal)
    assert value == Decimal(raw(stored.data))


def test_a_real_snapshot_reads_whole(world, final, lke):
    stored = _stored(final)
    read = snapshots.read_snapshot(stored)
    assert read.sha256 == stored.sha256
    assert read.assessment.id == final.pk and read.assessment.unit_code == world.unit_a.code
    assert (read.assessment.year, read.assessment.revision) == (YEAR, final.revision)
    assert read.assessment.framework_sha256 == final.framework.sha256
    # PostgreSQL keeps JSON objects without their key order: compare the codes, not their order.
    assert sorted(read.answers) == sorted(q.code for q in lke.questions)
    assert str(read.scores.tpi.total).startswith("97.81")
    assert read.scores.tpi.questions == len(lke.questions) == read.scores.tpi.answered
    assert read.answer("P1.i.b").sub_weight == Decimal("0.5")
    assert read.answer("P1.i.b").tpi.by == world.tpi.pk
    assert isinstance(read.answer("P1.i.b").tpi.at, datetime)
    assert read.hasil.capaian_kinerja == "A"
    assert read.finalised_at == final.finalised_at and read.finalised_at.tzinfo is not None
    assert read.finalised_by == world.tpi.pk and read.finalised_name == str(world.tpi)
    assert read.submitted_by == world.head_a.pk and read.submitted_at == final.submitted_at
    assert [r.ketua for r in read.reviewers] == [True]
    assert "perwali-kupang-23-2025" in {v.rule_set for v in read.verdicts}
    assert [v.rule_set for v in read.verdicts] == list(stored.data["verdicts"])
    for verdict in read.verdicts:
        names = [p.name for p in verdict.known_predicates()]
        assert names == [n for n in ("WBK", "WBBM") if n in verdict.predicates]
    assert read.evidence_for("P1.i.a") == ()


def test_the_read_model_is_frozen(final):
    read = snapshots.read_snapshot(_stored(final))
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.finalised_name = "someone else"  # type: ignore[misc]
    with pytest.raises(TypeError):
        read.answers["P1.i.a"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        read.scores.tpi.areas["MP"] = None  # type: ignore[index]


def test_evidence_of_the_time_is_read_with_its_hash(world, assessment, lke, ketua):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("sk.pdf", b"%PDF-1.4\nSK tim kerja\n%%EOF\n")
    (document,) = services.evidence_upload(
        assessment=assessment, item_code="P1.i.a", files=[pdf], by=world.kerja_a, title="SK Tim"
    )
    bulk_answer(assessment, lke, world.kerja_a)
    fill_hasil(assessment, world.kerja_a)
    services.assessment_submit(assessment=assessment, by=world.head_a)
    bulk_answer(assessment, lke, world.tpi, review=True)
    services.assessment_finalise(assessment=assessment, by=world.tpi)
    (item,) = snapshots.read_snapshot(_stored(assessment)).evidence_for("P1.i.a")
    revision = document.revisions.get()
    assert (item.title, item.number, item.sha256) == ("SK Tim", 1, revision.sha256)


def _drop(path):
    def change(data):
        *parents, last = path
        for key in parents:
            data = data[key]
        del data[last]

    return change


def _set(path, value):
    def change(data):
        *parents, last = path
        for key in parents:
            data = data[key]
        data[last] = value

    return change


MALFORMED = [
    ("no tpi score", _drop(["scores", "tpi"]), "scores.tpi: missing"),
    ("a total not a number", _set(["scores", "self", "total"], "banyak"), "scores.self.total"),
    ("an infinite total", _set(["scores", "tpi", "total"], "Infinity"), "scores.tpi.total"),
    ("answers as a list", _set(["answers"], []), "answers: expected an object"),
    ("no finalisation time", _drop(["finalised", "at"]), "finalised.at: missing"),
    ("a finalisation time in words", _set(["finalised", "at"], "kemarin"), "finalised.at"),
    ("a broken completeness", _set(["scores", "tpi", "completeness"], [1]), "completeness"),
    ("an evidence size in words", _set(["evidence", "P1.i.a"], [{"size": "besar"}]), "evidence.P1.i.a[0]"),
    ("no verdicts", _drop(["verdicts"]), "verdicts: missing"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "change", "where"), MALFORMED, ids=[r[0] for r in MALFORMED])
def test_a_malformed_snapshot_raises_a_clear_error(final, what, change, where):
    stored = _stored(final)
    stored.data = copy.deepcopy(stored.data)
    stored.data.setdefault("evidence", {})
    change(stored.data)
    with pytest.raises(snapshots.MalformedSnapshot) as error:
        snapshots.read_snapshot(stored)
    assert where in str(error.value)
    assert f"assessment {final.pk}" in str(error.value)


def test_the_totals_reader_needs_only_the_final_totals(final):
    stored = _stored(final)
    stored.data = {"scores": {"tpi": {"total": "91.25", "pengungkit": "55.5", "hasil": "35.75"}}}
    totals = snapshots.read_totals(stored)
    assert totals == snapshots.SnapshotTotals(Decimal("91.25"), Decimal("55.5"), Decimal("35.75"))
    stored.data = {"scores": {"tpi": {"total": "x", "pengungkit": None, "hasil": None}}}
    with pytest.raises(snapshots.MalformedSnapshot, match="scores.tpi.total"):
        snapshots.read_totals(stored)


def test_an_unreadable_snapshot_keeps_its_unit_in_the_year_list(world, final):
    AssessmentSnapshot.objects.filter(assessment=final).update(data={"scores": "rusak"})
    (row,) = pages.final_totals(YEAR)
    assert row.assessment == final and row.totals.total is None


# --------------------------------------------------------------------------- query counts


def _finalise(world, assessment, lke, *, answered):
    answer_all(assessment, lke, world.kerja_a, skip=len(lke.questions) - answered)
    fill_hasil(assessment, world.kerja_a)
    services.assessment_submit(assessment=assessment, by=world.head_a, confirm_incomplete=True)
    bulk_answer(assessment, lke, world.tpi, review=True)
    services.assessment_finalise(assessment=assessment, by=world.tpi)


def test_reading_a_snapshot_costs_the_same_for_five_or_every_answer(
    world, framework, lke, ketua, django_assert_num_queries
):
    from integritas.evaluation.models import ReviewerAssignment

    few = services.assessment_create(unit=world.unit_a, year=YEAR, by=world.kerja_a)
    _finalise(world, few, lke, answered=5)
    many = services.assessment_create(unit=world.unit_a, year=YEAR + 1, by=world.kerja_a)
    ReviewerAssignment.objects.create(
        unit=world.unit_a, year=YEAR + 1, user=world.tpi, is_ketua=True
    )
    _finalise(world, many, lke, answered=len(lke.questions))
    assert Assessment.objects.filter(status=Assessment.Status.FINAL).count() == 2
    read = {}
    for assessment in (few, many):
        # the assessment, its snapshot, the viewer's grants: whatever the number of answers
        with django_assert_num_queries(3):
            read[assessment.pk] = snapshots.read_snapshot(
                pages.snapshot_for_user(world.head_a, assessment.pk)
            )
    assert read[few.pk].scores.own.answered == 5
    assert read[many.pk].scores.own.answered == len(lke.questions)
    stored = _stored(many)
    with django_assert_num_queries(0):  # parsing alone reads nothing
        snapshots.read_snapshot(stored)
    for year in (YEAR, YEAR + 1):
        with django_assert_num_queries(1):
            pages.final_totals(year)
