import pytest
from django.core.management import call_command
from django.db import connection

from integritas.audit.models import AuditRecord
from integritas.audit.services import record, verify

pytestmark = pytest.mark.django_db


def _three_records():
    for i in range(3):
        record(
            actor=None,
            action="uji.tindakan",
            object_type="uji",
            object_id=str(i),
            changes={"n": [i, i + 1]},
        )


def test_a_fresh_chain_verifies():
    _three_records()
    result = verify()
    assert result.ok and result.checked == 3
    call_command("audit", "verify")


def test_each_record_links_to_the_previous_hash():
    _three_records()
    records = list(AuditRecord.objects.order_by("id"))
    assert records[1].prev_hash == records[0].hash
    assert records[2].prev_hash == records[1].hash


def test_it_refuses_to_update_or_delete_through_the_orm():
    _three_records()
    entry = AuditRecord.objects.first()
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_verify_names_the_record_altered_with_raw_sql():
    _three_records()
    target = AuditRecord.objects.order_by("id")[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditrecord SET action = %s WHERE id = %s", ["dipalsukan", target.pk]
        )
    result = verify()
    assert not result.ok and result.broken_id == target.pk
    with pytest.raises(SystemExit) as excinfo:
        call_command_exit("audit", "verify")
    assert excinfo.value.code == 1


def test_verify_detects_a_record_deleted_in_the_middle():
    _three_records()
    middle = AuditRecord.objects.order_by("id")[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [middle.pk])
    result = verify()
    assert not result.ok
    assert result.broken_id == middle.pk + 1


def test_verify_detects_the_last_record_deleted():
    _three_records()
    last = AuditRecord.objects.order_by("id").last()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [last.pk])
    assert not verify().ok


def call_command_exit(*args):
    """Run a command the way the console script does, so CommandError becomes an exit code."""
    from django.core.management import ManagementUtility

    ManagementUtility(["integritas", *args]).execute()
