"""The monthly report (Pasal 12 ayat 4–5): fill, submit, return with notes, resubmit, accept."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.planning import services
from integritas.planning.models import MonthlyReport, ReportEvent

pytestmark = pytest.mark.django_db


def _fill(client, report, plan, percent="40"):
    data = {}
    for row in plan.rows.all():
        data[f"percent_{row.pk}"] = percent
        data[f"narrative_{row.pk}"] = f"Capaian {row.component}"
    return client.post(report.get_absolute_url(), data)


@pytest.fixture
def report(world, plan):
    return services.monthly_report_start(
        plan=plan, month=3, by=world.kerja_a, today=date(2025, 3, 5)
    )


def test_the_full_workflow_submit_return_resubmit_accept(world, client_for, plan, report):
    kerja, pendamping = client_for(world.kerja_a), client_for(world.pendamping)
    assert _fill(kerja, report, plan).status_code == 302
    assert kerja.post(reverse("planning:report_submit", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.revision, report.submitted_by) == ("submitted", 1, world.kerja_a)

    # The Tim Kerja cannot change a submitted report; the Pendamping returns it with a note.
    assert _fill(kerja, report, plan, "99").status_code == 404
    assert (
        pendamping.post(
            reverse("planning:report_return", args=[report.pk]), {"note": ""}
        ).status_code
        == 302
    )
    report.refresh_from_db()
    assert report.status == "submitted"
    pendamping.post(
        reverse("planning:report_return", args=[report.pk]), {"note": "Lengkapi bukti kampanye"}
    )
    report.refresh_from_db()
    assert report.status == "returned" and report.return_note == "Lengkapi bukti kampanye"
    assert report.reviewed_by == world.pendamping

    # Revise and resubmit.
    assert _fill(kerja, report, plan, "45").status_code == 302
    kerja.post(reverse("planning:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert (report.status, report.revision) == ("submitted", 2)
    assert set(report.rows.values_list("percent", flat=True)) == {45}

    pendamping.post(reverse("planning:report_accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "accepted"
    assert list(ReportEvent.objects.filter(report=report).values_list("kind", flat=True)) == [
        "submitted", "returned", "submitted", "accepted"
    ]  # fmt: skip
    actions = list(
        AuditRecord.objects.filter(object_type="planning.monthlyreport", object_id=str(report.pk))
        .order_by("id").values_list("action", flat=True)
    )  # fmt: skip
    assert actions == ["laporan.dibuat", "laporan.disimpan", "laporan.diajukan", "laporan.dikembalikan",
                       "laporan.disimpan", "laporan.diajukan", "laporan.diterima"]  # fmt: skip


def test_a_report_with_an_action_left_blank_cannot_be_submitted(world, client_for, plan, report):
    first = plan.rows.order_by("order").first()
    kerja = client_for(world.kerja_a)
    kerja.post(report.get_absolute_url(), {f"percent_{first.pk}": "10"})
    kerja.post(reverse("planning:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "draft" and report.revision == 0


def test_a_percent_above_100_is_refused_and_kept_on_the_form(world, client_for, plan, report):
    first = plan.rows.order_by("order").first()
    response = client_for(world.kerja_a).post(
        report.get_absolute_url(), {f"percent_{first.pk}": "120"}
    )
    assert response.status_code == 200 and 'value="120"' in response.content.decode()
    assert not report.rows.exists()


def test_only_the_pendamping_or_administrator_accepts(world, client_for, plan, report):
    _fill(client_for(world.kerja_a), report, plan)
    client_for(world.kerja_a).post(reverse("planning:report_submit", args=[report.pk]))
    for user in (world.head_a, world.kerja_a, world.tpi, world.pimpinan, world.staff_a):
        assert (
            client_for(user).post(reverse("planning:report_accept", args=[report.pk])).status_code
            == 404
        )
    report.refresh_from_db()
    assert report.status == "submitted"


def test_accepting_twice_is_refused(world, plan, report):
    from django.core.exceptions import ValidationError

    services.monthly_report_save(
        report=report, entries={r.pk: services.Realisation(percent=50) for r in plan.rows.all()},
        by=world.kerja_a,
    )  # fmt: skip
    services.monthly_report_submit(report=report, by=world.kerja_a)
    services.monthly_report_accept(report=report, by=world.pendamping)
    with pytest.raises(ValidationError):
        services.monthly_report_accept(report=report, by=world.pendamping)
    with pytest.raises(ValidationError):
        services.monthly_report_submit(report=report, by=world.kerja_a)


def test_evidence_is_checked_by_content_and_served_only_to_readers(world, client_for, report):
    kerja = client_for(world.kerja_a)
    url = reverse("planning:report_evidence_add", args=[report.pk])
    kerja.post(url, {"file": SimpleUploadedFile("bukti.pdf", b"bukan pdf \x00\x01")})
    assert not report.evidence.exists()
    kerja.post(url, {"file": SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%%EOF\n")})
    evidence = report.evidence.get()
    assert evidence.content_type == "application/pdf" and len(evidence.sha256) == 64
    file_url = reverse("planning:report_evidence_file", args=[evidence.pk])
    assert client_for(world.pendamping).get(file_url).status_code == 200
    assert client_for(world.staff_b).get(file_url).status_code == 404


def test_a_month_that_has_not_begun_cannot_be_reported(world, plan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.monthly_report_start(plan=plan, month=7, by=world.kerja_a, today=date(2025, 6, 30))
    assert not MonthlyReport.objects.filter(month=7).exists()
