"""Decisive steps ask first: every irreversible form says in plain words what becomes locked.

The pages run under a strict Content-Security-Policy, so the question lives in a ``data-confirm``
attribute that ``static/integritas/app.js`` turns into a confirmation before the form is sent.
"""

import html
import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.planning.models import MONTH_FIELDS, ActionPlan, ActionRow, MonthlyReport

FORM_TAG = re.compile(r"<form\b[^>]*>", re.S)
ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def confirm_text(page: str, action: str | None) -> str:
    """The data-confirm of the POST form sent to `action` (None: the form without an action)."""
    for tag in FORM_TAG.findall(page):
        attrs = {k: html.unescape(v) for k, v in ATTR.findall(tag)}
        if attrs.get("method") != "post":
            continue
        if attrs.get("action") == action or (action is None and "action" not in attrs):
            return attrs.get("data-confirm", "")
    raise AssertionError(f"no POST form to {action} on the page")


def _plan(world, *, rows=True):
    plan = ActionPlan.objects.create(unit=world.unit_a, year=2025)
    if rows:
        ActionRow.objects.create(
            plan=plan, order=1, component="MP", goal="Tujuan", indicator="Indikator",
            action="Aksi", pic_text="Sekretaris", budget=Decimal(1500000),
            **dict.fromkeys(MONTH_FIELDS, Decimal(50)),
        )  # fmt: skip
    return plan


def _report(world, status):
    report = MonthlyReport.objects.create(plan=_plan(world), month=2)
    MonthlyReport.objects.filter(pk=report.pk).update(status=status, revision=1)
    return report


def _assessment(world, status=None):
    from integritas.evaluation import engine, services
    from integritas.evaluation.models import Assessment, ReviewerAssignment

    services.framework_load(path=engine.published_frameworks()[0].source)
    assessment = services.assessment_create(unit=world.unit_a, year=2025, by=world.kerja_a)
    ReviewerAssignment.objects.create(unit=world.unit_a, year=2025, user=world.tpi, is_ketua=True)
    if status:
        Assessment.objects.filter(pk=assessment.pk).update(status=status)
    return assessment


def _wave(world, *, open_):
    from integritas.surveys import services
    from integritas.surveys.models import WaveService

    wave = services.wave_create(
        unit=world.unit_a, kind="skm", period_type="quarter", year=2025, period_number=1,
        access_mode="link", by=world.kerja_a,
    )  # fmt: skip
    services.service_save(
        service=WaveService(wave=wave, name="KTP-el", population=100), by=world.kerja_a
    )
    if open_:
        wave = services.wave_open(wave=wave, by=world.kerja_a)
    return wave


def case_action_plan_set(world):
    plan = _plan(world)
    page = reverse("planning:action_plan", args=[world.unit_a.pk, 2025])
    return world.head_a, page, reverse("planning:action_plan_set", args=[plan.pk])


def case_report_submit(world):
    report = _report(world, MonthlyReport.Status.DRAFT)
    page = reverse("planning:report_detail", args=[report.pk])
    return world.kerja_a, page, reverse("planning:report_submit", args=[report.pk])


def case_report_accept(world):
    report = _report(world, MonthlyReport.Status.SUBMITTED)
    page = reverse("planning:report_detail", args=[report.pk])
    return world.pendamping, page, reverse("planning:report_accept", args=[report.pk])


def case_assessment_submit(world):
    assessment = _assessment(world)
    return world.head_a, reverse("evaluation:assessment_submit", args=[assessment.pk]), None


def case_assessment_finalise_on_review(world):
    assessment = _assessment(world, "in_review")
    page = reverse("evaluation:review_area", args=[assessment.pk, "MP"])
    return world.tpi, page, reverse("evaluation:assessment_finalise", args=[assessment.pk])


def case_assessment_finalise_on_detail(world):
    assessment = _assessment(world, "in_review")
    page = reverse("evaluation:assessment_detail", args=[assessment.pk])
    return world.tpi, page, reverse("evaluation:assessment_finalise", args=[assessment.pk])


def case_assessment_supersede(world):
    assessment = _assessment(world, "final")
    page = reverse("evaluation:assessment_detail", args=[assessment.pk])
    return world.admin, page, reverse("evaluation:assessment_supersede", args=[assessment.pk])


def case_wave_open(world):
    wave = _wave(world, open_=False)
    page = reverse("surveys:wave_detail", args=[wave.pk])
    return world.kerja_a, page, reverse("surveys:wave_open", args=[wave.pk])


def case_wave_close(world):
    wave = _wave(world, open_=True)
    return world.kerja_a, reverse("surveys:wave_close", args=[wave.pk]), None


def case_declaration(world):
    return world.head_a, reverse("commitment:declaration_create", args=[world.unit_a.pk]), None


DECISIVE = [
    (case_action_plan_set, "tidak dapat dibatalkan"),
    (case_report_submit, "terkunci"),
    (case_report_accept, "terkunci"),
    (case_assessment_submit, "terkunci"),
    (case_assessment_finalise_on_review, "dibekukan"),
    (case_assessment_finalise_on_detail, "dibekukan"),
    (case_assessment_supersede, "tidak berlaku lagi"),
    (case_wave_open, "terkunci"),
    (case_wave_close, "dibekukan"),
    (case_declaration, "tidak dapat dihapus"),
]


@pytest.mark.parametrize(("make", "locked"), DECISIVE, ids=[c.__name__[5:] for c, _ in DECISIVE])
@time_machine.travel("2025-03-10 09:00 +0800", tick=False)
def test_each_decisive_form_asks_first_and_says_what_becomes_locked(
    world, client_for, make, locked
):
    user, page, action = make(world)
    response = client_for(user).get(page)
    assert response.status_code == 200
    text = confirm_text(response.content.decode(), action)
    assert text.endswith(".") and "?" in text
    assert locked in text


def test_no_page_carries_an_inline_handler_the_security_policy_would_block():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if re.search(r"\son(submit|click|change|input)=|javascript:", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@time_machine.travel("2025-03-10 09:00 +0800", tick=False)
def test_the_import_preview_of_a_reported_plan_says_it_will_be_refused(world, client_for):
    from integritas.planning.models import RealisationRow

    plan = _plan(world)
    report = MonthlyReport.objects.create(plan=plan, month=date(2025, 2, 1).month)
    RealisationRow.objects.create(report=report, action_row=plan.rows.get(), percent=Decimal(40))
    client = client_for(world.kerja_a)
    workbook = client.get(reverse("planning:action_plan_xlsx", args=[plan.pk]))
    upload = SimpleUploadedFile("rencana.xlsx", workbook.content)
    response = client.post(reverse("planning:action_plan_import", args=[plan.pk]), {"file": upload})
    assert response.status_code == 200
    assert response.context["result"].ok
    body = response.content.decode()
    assert 'id="import-preview"' in body
    assert "Berkas ini tidak dapat disimpan." in body and "sudah dilaporkan" in body
    assert reverse("planning:action_plan_import_commit", args=[plan.pk]) not in body


@time_machine.travel("2025-03-10 09:00 +0800", tick=False)
def test_the_import_preview_of_an_unreported_plan_offers_to_save(world, client_for):
    plan = _plan(world)
    client = client_for(world.kerja_a)
    workbook = client.get(reverse("planning:action_plan_xlsx", args=[plan.pk]))
    upload = SimpleUploadedFile("rencana.xlsx", workbook.content)
    response = client.post(reverse("planning:action_plan_import", args=[plan.pk]), {"file": upload})
    body = response.content.decode()
    assert "tidak dapat disimpan" not in body
    commit = reverse("planning:action_plan_import_commit", args=[plan.pk])
    assert "diganti" in confirm_text(body, commit)
