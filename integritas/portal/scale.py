# mypy: disable-error-code="union-attr,misc,attr-defined"
"""A large, realistic data set for benchmarks: `integritas demo --scale 200x5`.

Units × years of pacts, declarations, designations, plans, monthly reports, assessments with
answers, survey waves (closed, with results) and their responses. Rows are written in bulk,
straight to the tables: this is generated data for measuring pages, not a record of decisions.
"""

from __future__ import annotations

import random
import secrets
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from integritas.accounts.models import User
from integritas.commitment.models import (
    Declaration,
    DesignatedUnit,
    DesignationDecree,
    IntegrityPact,
    Occasion,
)
from integritas.evaluation import selectors as evaluation_selectors
from integritas.evaluation import services as evaluation_services
from integritas.evaluation.models import Answer, Assessment
from integritas.organization.models import Employee, Institution, Unit
from integritas.organization.testing import make_nip
from integritas.planning.models import MONTH_FIELDS, ActionPlan, ActionRow, MonthlyReport, WorkPlan
from integritas.planning.rules import months_due
from integritas.surveys import services as survey_services
from integritas.surveys.models import Answer as SurveyAnswer
from integritas.surveys.models import Response, SurveyWave, WaveService

KECAMATAN = ["Alak", "Kelapa Lima", "Kota Lama", "Kota Raja", "Maulafa", "Oebobo"]
OTHER_TYPES = [
    (Unit.Type.DINAS, "Dinas"), (Unit.Type.BADAN, "Badan"), (Unit.Type.PUSKESMAS, "Puskesmas"), (Unit.Type.SEKOLAH, "SMP Negeri"),
    (Unit.Type.UPT, "UPT"), (Unit.Type.BAGIAN, "Bagian"),
]  # fmt: skip
BATCH = 5000


def parse_scale(value: str) -> tuple[int, int]:
    """'200x5' → (200 units, 5 years)."""
    try:
        units, years = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise ValueError(f"skala harus berbentuk UNITxTAHUN, mis. 200x5, bukan {value!r}") from None
    if not (1 <= units <= 5000 and 1 <= years <= 20):
        raise ValueError("skala di luar batas: 1–5000 unit, 1–20 tahun")
    return units, years


def _units(count: int, rng: random.Random) -> list[Unit]:
    institution = Institution.objects.first() or Institution.objects.create(
        name="Pemerintah Kota Kupang", short_name="Pemkot Kupang"
    )
    kecamatan = [
        Unit.objects.create(
            institution=institution,
            code=f"SK-KEC-{i}",
            name=f"Kecamatan {name}",
            type=Unit.Type.KECAMATAN,
        )
        for i, name in enumerate(KECAMATAN[: max(1, min(6, count // 10))])
    ]
    units = list(kecamatan)
    kelurahan = max(0, count // 4)
    rows = [
        Unit(
            institution=institution,
            code=f"SK-KEL-{i}",
            name=f"Kelurahan Skala {i + 1:03d}",
            type=Unit.Type.KELURAHAN,
            parent=kecamatan[i % len(kecamatan)],
        )  # fmt: skip
        for i in range(min(kelurahan, count - len(units)))
    ]
    rest = count - len(units) - len(rows)
    rows += [
        Unit(
            institution=institution,
            code=f"SK-U-{i}",
            name=f"{OTHER_TYPES[i % len(OTHER_TYPES)][1]} Skala {i + 1:03d}",
            type=OTHER_TYPES[i % len(OTHER_TYPES)][0],
        )  # fmt: skip
        for i in range(rest)
    ]
    units += Unit.objects.bulk_create(rows)
    return list(Unit.objects.filter(code__startswith="SK-").order_by("pk"))


def _employees(units: list[Unit], per_unit: int, rng: random.Random) -> dict[int, list[Employee]]:
    used = set(Employee.objects.values_list("nip", flat=True))
    rows = []
    for unit in units:
        for i in range(per_unit):
            nip = make_nip(rng)
            while nip in used:
                nip = make_nip(rng)
            used.add(nip)
            rows.append(Employee(nip=nip, name=f"Pegawai {unit.pk}-{i + 1}", unit=unit))
    Employee.objects.bulk_create(rows, batch_size=BATCH)
    staff: dict[int, list[Employee]] = {}
    for employee in Employee.objects.filter(unit__in=units).order_by("pk"):
        staff.setdefault(employee.unit_id, []).append(employee)
    for unit in units:
        unit.head = staff[unit.pk][0]
    Unit.objects.bulk_update(units, ["head"], batch_size=BATCH)
    return staff


def _commitment(units, staff, first_year: int, years: int, rng) -> set[int]:
    pacts = []
    declared: set[int] = set()
    declarations = []
    for unit in units:
        share = rng.choice([0.6, 0.8, 0.95, 1.0, 1.0])
        for employee in staff[unit.pk]:
            if employee is staff[unit.pk][0] or rng.random() < share:
                pacts.append(
                    IntegrityPact(
                        employee=employee,
                        unit=unit,
                        occasion=Occasion.MASSAL,
                        signed_on=date(first_year, 1, rng.randint(2, 28)),
                    )  # fmt: skip
                )
        if rng.random() < 0.65:
            declared.add(unit.pk)
            declarations.append(
                Declaration(
                    scope=Declaration.Scope.UNIT,
                    unit=unit,
                    place=f"Aula {unit.name}",
                    declared_on=date(first_year, 2, rng.randint(1, 28)),
                    head_name=unit.head.name,
                    head_position=f"Kepala {unit.name}",
                    pact_signed=1,
                    pact_total=1,
                    head_signed=True,
                    min_share=Decimal("0.5"),
                )  # fmt: skip
            )
    IntegrityPact.objects.bulk_create(pacts, batch_size=BATCH)
    Declaration.objects.bulk_create(declarations, batch_size=BATCH)
    for offset in range(years):
        year = first_year + offset
        decree = DesignationDecree.objects.create(
            number=f"SKALA/{year}/{uuid.uuid4().hex[:6]}", decree_date=date(year, 1, 15),
            year=year, title=f"Penetapan unit pembangunan ZI tahun {year}",
        )  # fmt: skip
        DesignatedUnit.objects.bulk_create(
            [
                DesignatedUnit(
                    decree=decree,
                    unit_id=pk,
                    core_business=True,
                    high_risk=True,
                    wide_impact=True,
                    reasons="Layanan utama berisiko tinggi",
                )
                for pk in declared
                if rng.random() < 0.7
            ]  # fmt: skip
        )
    return declared


def _planning(units, declared, first_year, years, today, rng) -> None:
    work_plans, plans = [], []
    for offset in range(years):
        year = first_year + offset
        for unit in units:
            if unit.pk not in declared or rng.random() < 0.1:
                continue
            work_plans.append(
                WorkPlan(unit=unit, year=year, decree_number=f"SK-RK/{unit.pk}/{year}",
                         decree_date=date(year, 1, 20))
            )  # fmt: skip
            plans.append(ActionPlan(unit=unit, year=year, status=ActionPlan.Status.SET))
    WorkPlan.objects.bulk_create(work_plans, batch_size=BATCH)
    ActionPlan.objects.bulk_create(plans, batch_size=BATCH)
    plans = list(ActionPlan.objects.filter(unit__in=units))
    ramp = [Decimal(v) for v in (5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100)]
    rows, reports = [], []
    for plan in plans:
        for order, component in enumerate(("MP", "TT", "SDM", "AK", "PW", "PP"), start=1):
            rows.append(
                ActionRow(
                    plan=plan,
                    order=order,
                    component=component,
                    goal=f"Tujuan {component}",
                    indicator=f"Indikator {component}",
                    action=f"Aksi {component}",
                    pic_text="Sekretaris",
                    budget=Decimal(5_000_000),
                    **dict(zip(MONTH_FIELDS, ramp, strict=True)),
                )  # fmt: skip
            )
        for month in months_due(plan.year, today, 10):
            roll = rng.random()
            if roll < 0.08:
                continue  # never submitted: overdue
            status = MonthlyReport.Status.ACCEPTED if roll < 0.9 else MonthlyReport.Status.RETURNED
            reports.append(MonthlyReport(plan=plan, month=month, status=status, revision=1))
    ActionRow.objects.bulk_create(rows, batch_size=BATCH)
    MonthlyReport.objects.bulk_create(reports, batch_size=BATCH)


def _evaluation(units, declared, first_year, years, rng) -> None:
    version = evaluation_services.framework_current()
    questions = evaluation_selectors.engine_framework(version).questions
    assessments = []
    for offset in range(years):
        year = first_year + offset
        last = offset == years - 1
        for unit in units:
            if unit.pk not in declared:
                continue
            status = rng.choice(["draft", "submitted", "in_review", "final"]) if last else "final"
            assessments.append(
                Assessment(
                    unit=unit,
                    year=year,
                    framework=version,
                    status=status,
                    finalised_at=timezone.now() if status == "final" else None,
                )  # fmt: skip
            )
    Assessment.objects.bulk_create(assessments, batch_size=BATCH)
    answers = []
    for assessment in Assessment.objects.filter(unit__in=units).only("pk", "status"):
        quality = rng.random()
        for question in questions:
            row = Answer(assessment_id=assessment.pk, question_code=question.code)
            if question.is_percent:
                row.percent = Decimal(rng.choice([60, 75, 90, 100]))
            else:
                best = min(len(question.options) - 1, int(quality * len(question.options)))
                row.option_label = question.options[rng.randint(0, best)].label
            if assessment.status == "final":
                row.tpi_option_label, row.tpi_percent = row.option_label, row.percent
            answers.append(row)
            if len(answers) >= BATCH:
                Answer.objects.bulk_create(answers)
                answers = []
    Answer.objects.bulk_create(answers)


def _surveys(units, first_year, years, responses_per_wave, rng) -> int:
    """One closed SKM, SPAK and SPKP wave per unit and year, each with its responses."""
    # The instrument snapshot of each kind, taken the way the app takes it (then not kept).
    by = User.objects.order_by("pk").first() or User.objects.create_user("skala", is_active=False)
    templates = {}
    for kind in (SurveyWave.Kind.SKM, SurveyWave.Kind.SPAK, SurveyWave.Kind.SPKP):
        templates[kind] = survey_services.wave_create(
            unit=units[0], kind=kind, period_type=SurveyWave.PeriodType.YEAR, year=first_year,
            period_number=1, access_mode=SurveyWave.AccessMode.OPEN, by=by,
        )  # fmt: skip
    SurveyWave.objects.filter(pk__in=[w.pk for w in templates.values()]).delete()
    waves = []
    for offset in range(years):
        year = first_year + offset
        for unit in units:
            for kind, template in templates.items():
                ikm = Decimal(rng.uniform(68, 95)).quantize(Decimal("0.0001"))
                value = (
                    ikm if kind == SurveyWave.Kind.SKM else (ikm / 25).quantize(Decimal("0.0001"))
                )
                mutu = "A" if ikm >= Decimal("88.31") else "B" if ikm >= Decimal("76.61") else "C"
                waves.append(
                    SurveyWave(
                        unit=unit,
                        kind=kind,
                        instrument_code=template.instrument_code,
                        instrument=template.instrument,
                        scale=template.scale,
                        weight_denominator=template.weight_denominator,
                        conversion=template.conversion,
                        sample_method=template.sample_method,
                        period_type=SurveyWave.PeriodType.YEAR,
                        year=year,
                        period_number=1,
                        start_date=date(year, 1, 1),
                        end_date=date(year, 12, 31),
                        status=SurveyWave.Status.CLOSED,
                        access_mode=SurveyWave.AccessMode.OPEN,
                        token=secrets.token_urlsafe(16)[:24],
                        result_value=value,
                        result_mutu=mutu if kind == SurveyWave.Kind.SKM else "",
                        result_respondents=responses_per_wave or 100,
                        results={"overall": {"value": str(value.quantize(Decimal("0.01")))}},
                    )  # fmt: skip
                )
    SurveyWave.objects.bulk_create(waves, batch_size=BATCH)
    waves = list(SurveyWave.objects.filter(unit__in=units).order_by("pk"))
    WaveService.objects.bulk_create(
        [
            WaveService(wave=w, name="Layanan utama", population=5000, target_sample=357)
            for w in waves
        ],
        batch_size=BATCH,
    )
    if not responses_per_wave:
        return 0
    services = dict(WaveService.objects.filter(wave__in=waves).values_list("wave_id", "pk"))
    total = 0
    for wave in waves:
        codes = list(wave.item_codes)
        start = timezone.make_aware(datetime.combine(wave.start_date, time(8, 0)))
        responses = []
        for i in range(responses_per_wave):
            values = [rng.choice((3, 3, 4, 4, 4, 2)) for _code in codes]
            responses.append(
                Response(
                    wave=wave,
                    service_id=services[wave.pk],
                    channel=Response.Channel.PUBLIC,
                    status=Response.Status.ACCEPTED,
                    submitted_at=start + timedelta(minutes=47 * i),
                    idempotency_key=uuid.uuid4().hex,
                    answer_pattern="".join(map(str, values)),
                    weighted_total=sum(values),
                )  # fmt: skip
            )
        Response.objects.bulk_create(responses, batch_size=BATCH)
        SurveyAnswer.objects.bulk_create(
            [
                SurveyAnswer(response=r, item_code=code, value=int(r.answer_pattern[j]))
                for r in responses
                for j, code in enumerate(codes)
            ],
            batch_size=BATCH,
        )
        total += len(responses)
    return total


def build(*, units: int, years: int, employees_per_unit: int = 10, responses_per_wave: int = 0,
          seed: int = 2026, log: Any = print) -> dict[str, int]:  # fmt: skip
    """Generate the data set; returns counts of what was written."""
    rng = random.Random(seed)
    today = timezone.localdate()
    first_year = today.year - years + 1
    with transaction.atomic():
        unit_list = _units(units, rng)
        log(f"{len(unit_list)} unit")
        staff = _employees(unit_list, employees_per_unit, rng)
        declared = _commitment(unit_list, staff, first_year, years, rng)
        log(f"{len(declared)} unit mencanangkan")
        _planning(unit_list, declared, first_year, years, today, rng)
        log("rencana aksi dan laporan bulanan")
        _evaluation(unit_list, declared, first_year, years, rng)
        log("penilaian LKE")
    with transaction.atomic():
        responses = _surveys(unit_list, first_year, years, responses_per_wave, rng)
    log(f"{responses} respons survei")
    return {"units": len(unit_list), "declared": len(declared), "responses": responses}
