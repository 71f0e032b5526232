"""Staff intake from other channels, classification, settings — through the pages."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from integritas.complaints import services
from integritas.complaints.formkeys import form_key
from integritas.complaints.models import (
    Channel,
    Complaint,
    ComplaintOfficer,
    ExtraHoliday,
    TimeLimit,
)
from integritas.complaints.tests.factories import designate, file_public

pytestmark = pytest.mark.django_db


def _record_data(unit, **extra):
    data = {"channel": Channel.WHATSAPP, "received_on": "2026-03-02", "unit": unit.pk,
            "what": "Pesan WhatsApp: petugas kasar", "kind": "unclassified", "formulir": form_key()}  # fmt: skip
    data.update(extra)
    return data


@time_machine.travel("2026-03-02 09:00 +08:00", tick=False)
def test_an_officer_records_a_whatsapp_complaint_with_a_receipt(world, client_for):
    ComplaintOfficer.objects.create(unit=world.unit_b, user=world.staff_b)
    response = client_for(world.staff_b).post(
        reverse("complaints:record"), _record_data(world.unit_b, with_receipt="on")
    )
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.WHATSAPP and complaint.recorded_by == world.staff_b
    code = response.content.decode().split('id="receipt-code">')[1].split("<")[0].strip()
    assert services.find_by_receipt(code) == complaint


def test_an_officer_cannot_record_for_another_unit(world, client_for):
    ComplaintOfficer.objects.create(unit=world.unit_b, user=world.staff_b)
    response = client_for(world.staff_b).post(
        reverse("complaints:record"), _record_data(world.unit_a)
    )
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


def test_a_lapor_complaint_without_tracking_number_gets_a_message(world, client_for):
    response = client_for(world.admin).post(
        reverse("complaints:record"), _record_data(world.unit_a, channel=Channel.LAPOR)
    )
    assert response.status_code == 400
    assert "Nomor tracking SP4N-LAPOR! wajib diisi." in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_future_receipt_date_is_refused(world, client_for):
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        response = client_for(world.admin).post(
            reverse("complaints:record"), _record_data(world.unit_a, received_on="2026-03-09")
        )
    assert response.status_code == 400 and Complaint.objects.count() == 0


def test_classifying_sets_the_class_due_date(world, client_for):
    designate(world.unit_a)
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        complaint, _code = file_public(world.unit_a)
        response = client_for(world.tpi).post(
            reverse("complaints:classify", args=[complaint.pk]),
            {"kind": "undue_delay", "severity": "non_supervisory", "route": "tpi"},
        )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.resolve_by == date(2026, 3, 23)


def test_a_step_out_of_order_gets_a_message_and_changes_nothing(world, client_for):
    designate(world.unit_a)
    complaint, _code = file_public(world.unit_a)
    response = client_for(world.tpi).post(
        reverse("complaints:step", args=[complaint.pk, "identify"]), {"body": "x"}
    )
    assert response.status_code == 400
    assert "Klasifikasikan pengaduan terlebih dahulu." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RECEIVED and not complaint.messages.exists()


def test_the_administrator_adds_a_cuti_bersama_and_later_cases_count_around_it(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        reverse("complaints:settings"),
        {
            "aksi": "libur",
            "day": "2026-01-02",
            "kind": "collective_leave",
            "name": "Cuti bersama Tahun Baru",
        },
    )
    assert response.status_code == 302
    assert ExtraHoliday.objects.get().day == date(2026, 1, 2)
    with time_machine.travel("2025-12-31 09:00 +08:00", tick=False):
        complaint, _code = file_public(world.unit_b)
    assert complaint.acknowledge_by == date(2026, 1, 7)  # skips 1 Jan, the cuti bersama, a weekend


def test_the_administrator_changes_a_time_limit_and_a_bad_value_is_refused(world, client_for):
    client = client_for(world.admin)
    assert (
        client.post(
            reverse("complaints:settings"),
            {"aksi": "batas", "key": "acknowledge", "working_days": "2"},
        ).status_code
        == 302
    )
    assert TimeLimit.objects.get(key="acknowledge").working_days == 2
    refused = client.post(
        reverse("complaints:settings"), {"aksi": "batas", "key": "acknowledge", "working_days": "0"}
    )
    assert refused.status_code == 200 and TimeLimit.objects.get(key="acknowledge").working_days == 2


def test_the_default_limits_are_loaded_as_data():
    assert dict(TimeLimit.objects.values_list("key", "working_days")) == {
        "acknowledge": 3, "minor": 2, "normative": 5, "non_supervisory": 14, "supervisory": 60,
    }  # fmt: skip


def test_the_administrator_names_a_unit_complaint_officer(world, client_for):
    response = client_for(world.admin).post(
        reverse("complaints:settings"),
        {"aksi": "petugas", "unit": world.unit_b.pk, "user": world.staff_b.pk},
    )
    assert response.status_code == 302
    assert ComplaintOfficer.objects.filter(unit=world.unit_b, user=world.staff_b).exists()


@time_machine.travel("2026-03-02 09:00 +08:00", tick=False)
def test_a_replayed_or_forged_staff_form_writes_nothing(world, client_for):
    client = client_for(world.admin)
    data = _record_data(world.unit_a)
    assert client.post(reverse("complaints:record"), data).status_code == 200
    replay = client.post(reverse("complaints:record"), data)
    assert replay.status_code == 302 and Complaint.objects.count() == 1
    forged = client.post(reverse("complaints:record"), {**data, "formulir": "palsu"})
    assert forged.status_code == 400 and "kedaluwarsa atau tidak sah" in forged.content.decode()
    assert Complaint.objects.count() == 1


def test_a_message_sent_twice_is_stored_once(world, client_for):
    complaint, _code = file_public(world.unit_b)
    client = client_for(world.admin)
    data = {"body": "Mohon kirim foto tambahan.", "formulir": form_key()}
    url = reverse("complaints:message", args=[complaint.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert complaint.messages.count() == 1


def test_the_register_marks_a_late_acknowledgement_on_a_fixed_clock(world, client_for):
    ComplaintOfficer.objects.create(unit=world.unit_b, user=world.staff_b)
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        file_public(world.unit_b)
    client = client_for(world.staff_b)
    with time_machine.travel("2026-03-05 16:00 +08:00", tick=False):  # the due day itself
        on_time = client.get(reverse("complaints:register")).content.decode()
    with time_machine.travel("2026-03-06 08:00 +08:00", tick=False):
        late = client.get(reverse("complaints:register")).content.decode()
    assert "terlambat" not in on_time and "0 pengaduan melewati" in on_time
    assert "terlambat" in late and "1 pengaduan melewati" in late


def test_a_staff_download_is_audited(world, client_for):
    from integritas.audit.models import AuditRecord
    from integritas.complaints.tests.factories import pdf

    complaint, _code = file_public(world.unit_b, uploads=[pdf()])
    attachment = complaint.attachments.get()
    response = client_for(world.admin).get(
        reverse("complaints:download", args=[complaint.pk, attachment.pk])
    )
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert response["Content-Disposition"] == 'inline; filename="lampiran-1.pdf"'
    assert AuditRecord.objects.filter(action="complaint.download", actor=world.admin).exists()
