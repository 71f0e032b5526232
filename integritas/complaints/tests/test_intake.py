"""Public and staff intake: receipt codes, anonymity, files, replays."""

import io
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from PIL import Image

from integritas.audit.models import AuditRecord
from integritas.complaints import receipt, services
from integritas.complaints.models import Attachment, Channel, Complaint, Message
from integritas.complaints.tests.factories import disguised, file_public, jpeg_with_gps, pdf

pytestmark = pytest.mark.django_db
FROZEN = "2026-03-02 09:00 +08:00"  # a Monday in Kupang

CODE_SHAPE = re.compile(r"^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$")


@time_machine.travel(FROZEN, tick=False)
def test_a_public_complaint_gets_a_code_and_only_its_hash_is_stored(world):
    complaint, code = file_public(world.unit_a)
    assert CODE_SHAPE.match(code)
    assert not {"0", "O", "1", "I"} & set(code.replace("-", ""))
    complaint.refresh_from_db()
    assert complaint.receipt_hash == receipt.code_hash(code)
    assert complaint.channel == Channel.WEB
    assert complaint.acknowledge_by.isoformat() == "2026-03-05"
    raw = code.replace("-", "")
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row)
                assert code not in text and raw not in text, table


def test_codes_carry_80_bits_and_do_not_repeat():
    codes = {receipt.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert len(receipt.ALPHABET) ** receipt.LENGTH >= 2**80


def test_a_typed_code_is_found_with_spaces_or_lower_case(world):
    complaint, code = file_public(world.unit_a)
    typed = code.replace("-", " ").lower()
    assert services.find_by_receipt(typed) == complaint


def test_a_wrong_code_and_another_cases_code_open_nothing_else(world):
    first, first_code = file_public(world.unit_a)
    second, second_code = file_public(world.unit_b)
    assert services.find_by_receipt("7KQ2-M9XD-4TPA-W3HC") is None
    assert services.find_by_receipt("") is None
    assert services.find_by_receipt(second_code) == second != first


def test_no_table_has_a_column_for_an_address_or_a_browser():
    names = {
        column.name
        for model in (Complaint, Message, Attachment)
        for column in connection.introspection.get_table_description(
            connection.cursor(), model._meta.db_table
        )
    }
    suspicious = [
        n
        for n in names
        if re.search(r"(^|_)(ip|addr|address|agent|browser|cookie|session)(_|$)", n)
    ]
    assert suspicious == []


def test_a_stored_photo_has_no_exif_and_no_original_name(world):
    upload = jpeg_with_gps()
    assert Image.open(io.BytesIO(upload.read())).getexif()  # the test photo does carry EXIF
    upload.seek(0)
    complaint, _code = file_public(world.unit_a, uploads=[upload])
    attachment = complaint.attachments.get()
    with attachment.file.open("rb") as handle:
        data = handle.read()
    stored = Image.open(io.BytesIO(data))
    assert not stored.getexif()
    assert b"KameraPelapor" not in data
    assert "Soekarno" not in attachment.file.name and "IMG_" not in attachment.file.name
    assert attachment.label == "lampiran-1.jpg"
    assert attachment.from_complainant


def test_a_disguised_file_is_refused_and_nothing_is_written(world):
    with pytest.raises(ValidationError) as caught:
        file_public(world.unit_a, uploads=[pdf(), disguised()])
    assert "Berkas ke-2" in " ".join(caught.value.messages)
    assert Complaint.objects.count() == 0 and Attachment.objects.count() == 0


def test_an_oversize_file_is_refused(world, settings):
    settings.COMPLAINTS_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        file_public(world.unit_a, uploads=[jpeg_with_gps()])
    assert "terlalu besar" in " ".join(caught.value.messages)
    assert Complaint.objects.count() == 0


def test_an_empty_complaint_is_refused(world):
    with pytest.raises(ValidationError):
        file_public(world.unit_a, what="   ")
    assert Complaint.objects.count() == 0


def test_a_replayed_form_writes_nothing_new(world):
    file_public(world.unit_a, form_key="kunci-formulir-1")
    with pytest.raises(services.Replayed):
        file_public(world.unit_a, form_key="kunci-formulir-1")
    assert Complaint.objects.count() == 1


def test_identity_consent_needs_an_identity(world):
    complaint, _code = file_public(world.unit_a, identity_shared=True)
    assert complaint.identity_shared is False


def test_the_audit_record_names_the_case_only(world):
    complaint, _code = file_public(
        world.unit_a, reporter_name="Yohanes Pelapor", reporter_contact="0812-3456"
    )
    entry = AuditRecord.objects.get(action="complaint.receive")
    text = f"{entry.object_repr} {entry.changes} {entry.actor_label}"
    assert complaint.number in text
    assert "Yohanes" not in text and "0812" not in text and "uang" not in text


def test_a_whistleblowing_report_goes_to_the_tpi(world):
    complaint, _code = file_public(world.unit_b, whistleblowing=True)
    assert complaint.route == Complaint.Route.TPI


def test_a_complaint_about_a_unit_outside_the_zone_goes_to_the_unit(world):
    complaint, _code = file_public(world.unit_b)
    assert complaint.route == Complaint.Route.UNIT


def test_a_lapor_complaint_needs_its_tracking_number_and_keeps_it_unique(world):
    with pytest.raises(ValidationError):
        services.complaint_record(
            channel=Channel.LAPOR, unit=world.unit_a, what="x", by=world.admin
        )
    services.complaint_record(
        channel=Channel.LAPOR, unit=world.unit_a, what="x", by=world.admin, lapor_tracking="LPR123"
    )
    with pytest.raises(ValidationError):
        services.complaint_record(
            channel=Channel.LAPOR, unit=world.unit_a, what="y", by=world.admin,
            lapor_tracking="LPR123",
        )  # fmt: skip
    assert Complaint.objects.count() == 1


def test_a_letter_may_get_a_receipt_code_for_the_complainant(world):
    complaint, code = services.complaint_record(
        channel=Channel.LETTER, unit=world.unit_a, what="Surat keluhan", by=world.admin,
        with_receipt=True,
    )  # fmt: skip
    assert services.find_by_receipt(code) == complaint
    assert complaint.recorded_by == world.admin
