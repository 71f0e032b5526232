"""Attacks on the audit trail by someone who can write to the database but has no AUDIT_KEY."""

import hashlib
import hmac
import importlib
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from integritas.audit import chain
from integritas.audit.models import AuditHead, AuditRecord
from integritas.audit.services import anchor_head, record, verify

pytestmark = pytest.mark.django_db


def _records(n=4, start=0):
    for i in range(start, start + n):
        record(actor=None, action="uji.tindakan", object_type="uji", object_id=str(i),
               changes={"n": [i, i + 1]})  # fmt: skip


def _rows():
    return list(AuditRecord.objects.order_by("id"))


def _rewrite(row, *, prev_hash, digest, version=None, key_id=None):
    sets, params = ["prev_hash = %s", "hash = %s"], [prev_hash, digest]
    if version is not None:
        sets.append("version = %s")
        params.append(version)
    if key_id is not None:
        sets.append("key_id = %s")
        params.append(key_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE audit_auditrecord SET {', '.join(sets)} WHERE id = %s",  # noqa: S608
            [*params, row.pk],
        )


def _set_head(last_hash, count):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_audithead SET last_hash = %s, count = %s", [last_hash, count])


def _alter_and_rechain(sign, **rewrite):
    """UPDATE one record's content, then recompute every hash after it with `sign` and fix the head."""
    target = _rows()[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditrecord SET action = %s WHERE id = %s", ["dipalsukan", target.pk]
        )
    prev = chain.GENESIS
    for row in _rows():
        digest = sign(chain.content(row), prev)
        _rewrite(row, prev_hash=prev, digest=digest, **rewrite)
        prev = digest
    _set_head(prev, len(_rows()))
    return target


def _run(*args):
    """Run the command in-process; its exit code as the console script would return it.

    (ManagementUtility would close the test's database connection; the real console script is
    exercised in test_the_console_script_exit_codes.)
    """
    try:
        call_command(*args)
    except CommandError as exc:
        sys.stderr.write(f"CommandError: {exc}\n")
        return exc.returncode
    return 0


def test_a_keyed_chain_verifies_and_names_its_key():
    _records()
    assert verify().ok and verify().checked == 4
    rows = _rows()
    assert {r.version for r in rows} == {chain.CURRENT_VERSION}
    assert {r.key_id for r in rows} == {
        chain.key_id(
            b"development-audit-key:" + b"insecure-development-key-only-for-debug-and-tests"
        )
    }


def test_a_record_altered_and_rechained_with_plain_sha256_is_detected():
    _records()
    target = _alter_and_rechain(chain.plain_sha256)
    result = verify()
    assert not result.ok and result.broken_id == _rows()[0].pk
    assert "keyed hash" in result.reason
    assert _run("audit", "verify") == 1
    assert target.pk


def test_a_rechain_downgraded_to_the_unkeyed_version_is_detected():
    _records()
    _alter_and_rechain(chain.plain_sha256, version=0)
    result = verify()
    assert not result.ok and "not keyed" in result.reason


def test_a_rechain_forged_with_a_wrong_key_is_detected():
    _records()
    wrong = b"a-key-the-attacker-made-up-himself-0123456789"

    def sign(fields, prev):
        return chain.digest(version=1, key=wrong, fields=fields, prev_hash=prev)

    _alter_and_rechain(sign)  # keeps the real key_id on every row
    assert not verify().ok
    assert "keyed hash" in verify().reason


def test_a_rechain_under_the_forgers_own_key_id_is_an_unknown_key():
    _records()
    wrong = b"a-key-the-attacker-made-up-himself-0123456789"

    def sign(fields, prev):
        return chain.digest(version=1, key=wrong, fields=fields, prev_hash=prev)

    _alter_and_rechain(sign, key_id=chain.key_id(wrong))
    result = verify()
    assert not result.ok and "key this server does not have" in result.reason


def test_a_tail_cut_with_the_head_fixed_fails_against_the_anchor():
    _records()
    anchor = anchor_head()
    rows = _rows()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [rows[-1].pk])
    _set_head(rows[-2].hash, 3)
    assert verify().ok  # the chain alone cannot know it was longer
    result = verify(anchor=anchor)
    assert not result.ok
    assert "has 3 records but the anchor" in result.reason and "recorded 4" in result.reason


def test_emptied_tables_fail_against_the_anchor(tmp_path, capsys):
    _records()
    path = tmp_path / "anchor.json"
    assert _run("audit", "anchor", "--output", str(path)) == 0
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord")
        cursor.execute("DELETE FROM audit_audithead")
    assert verify().ok
    capsys.readouterr()
    assert _run("audit", "verify", "--anchor", str(path)) == 1
    err = capsys.readouterr().err
    assert "has 0 records but the anchor" in err
    assert "Traceback" not in err


def test_a_whole_chain_rebuilt_after_the_anchor_does_not_reach_it():
    _records()
    anchor = anchor_head()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord")
        cursor.execute("DELETE FROM audit_audithead")
    _records(n=5, start=100)  # even a "valid" chain (written with the key) of other records
    result = verify(anchor=anchor)
    assert not result.ok and "record number 4 differs from the anchor" in result.reason


def test_the_anchor_round_trip(tmp_path, capsys):
    _records()
    capsys.readouterr()
    assert _run("audit", "anchor") == 0
    printed = json.loads(capsys.readouterr().out)
    head = AuditHead.objects.get()
    assert printed["count"] == 4 and printed["hash"] == head.last_hash
    assert printed["last_id"] == _rows()[-1].pk and printed["anchored_at"]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(printed))
    _records(n=2, start=10)  # the trail grows after the anchor: it still reaches it
    assert _run("audit", "verify", "--anchor", str(path)) == 0
    assert "still reaches the anchor" in capsys.readouterr().out


def test_verify_exit_codes(tmp_path, capsys):
    _records()
    assert _run("audit", "verify") == 0
    assert "Audit chain OK: 4 records verified." in capsys.readouterr().out
    missing = tmp_path / "tidak-ada.json"
    assert _run("audit", "verify", "--anchor", str(missing)) == 2
    assert "Cannot read the anchor" in capsys.readouterr().err
    garbage = tmp_path / "rusak.json"
    garbage.write_text("{bukan json")
    assert _run("audit", "verify", "--anchor", str(garbage)) == 2
    other = tmp_path / "lain.json"
    other.write_text(json.dumps({"count": 1}))
    assert _run("audit", "verify", "--anchor", str(other)) == 2
    assert "not an Integritas audit anchor" in capsys.readouterr().err
    assert _run("audit", "anchor", "--output", str(tmp_path / "no" / "dir.json")) == 2
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET action = 'x' WHERE id = %s", [_rows()[0].pk])
    assert _run("audit", "verify") == 1
    assert _run("audit", "anchor") == 1  # a broken chain is never anchored


def test_a_rotated_key_starts_a_new_segment_that_verifies_with_the_old_key_listed(settings):
    old_key = settings.AUDIT_KEY
    _records(n=2)
    settings.AUDIT_KEY = "a-brand-new-audit-key-after-rotation-0123456789"
    _records(n=2, start=2)
    kids = [r.key_id for r in _rows()]
    assert kids[0] == kids[1] != kids[2] == kids[3]
    result = verify()
    assert not result.ok and "AUDIT_PREVIOUS_KEYS" in result.reason
    settings.AUDIT_PREVIOUS_KEYS = [old_key]
    assert verify().ok


def test_the_migration_rekeys_old_plain_rows_and_says_so(settings):
    prev = chain.GENESIS
    for i in range(3):  # rows as the first release wrote them: plain SHA-256
        row = AuditRecord(created_at=timezone.now(),
                          actor_label="sistem", action="lama", object_type="uji", object_id=str(i),
                          changes={}, prev_hash=prev, version=0, key_id="")  # fmt: skip
        row.hash = chain.plain_sha256(chain.content(row), prev)
        row.save()
        prev = row.hash
    AuditHead.objects.create(pk=1, last_hash=prev, count=3)
    assert not verify().ok  # plain rows are not trusted
    migration = importlib.import_module("integritas.audit.migrations.0002_keyed_chain")
    migration.rekey(apps, None)
    assert verify().ok and verify().checked == 4
    note = _rows()[-1]
    assert note.action == "audit.rantai_dikunci"
    assert note.changes["rekeyed_records"] == [None, 3]
    assert note.changes["plain_chain_intact"] == [None, True]


def test_key_id_reveals_nothing_of_the_key():
    key = b"k" * 40
    assert (
        chain.key_id(key)
        == hmac.new(key, b"integritas-audit-key-id", hashlib.sha256).hexdigest()[:16]
    )
    assert key.decode() not in chain.key_id(key)


@pytest.mark.django_db(transaction=False)
def test_the_console_script_exit_codes(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("INTEGRITAS_TESTING", "DATABASE_URL")}
    env.update({"DEBUG": "true", "INTEGRITAS_DATA_DIR": str(tmp_path), "AUDIT_KEY": "c" * 40})

    def run(*args):
        return subprocess.run([sys.executable, "-m", "integritas", *args], env=env,
                              capture_output=True, text=True, timeout=180)  # fmt: skip

    assert run("migrate", "audit", "-v", "0").returncode == 0  # only what the audit needs
    key = b"c" * 40
    fields = {"created_at": "2026-01-01T00:00:00.000000+00:00", "actor_id": None,
              "actor_label": "sistem", "action": "uji", "object_type": "uji", "object_id": "",
              "object_repr": "", "unit_id": None, "changes": {}}  # fmt: skip
    digest = chain.digest(version=1, key=key, fields=fields, prev_hash=chain.GENESIS)
    database = tmp_path / "integritas.sqlite3"
    with sqlite3.connect(database) as db:  # one record written with the key, as the app would
        db.execute(
            "INSERT INTO audit_auditrecord (created_at, actor_label, action, object_type,"
            " object_id, object_repr, changes, prev_hash, hash, version, key_id) VALUES"
            " ('2026-01-01 00:00:00', 'sistem', 'uji', 'uji', '', '', '{}', ?, ?, 1, ?)",
            [chain.GENESIS, digest, chain.key_id(key)],
        )
        db.execute("INSERT INTO audit_audithead (id, last_hash, count) VALUES (1, ?, 1)", [digest])
    anchor = tmp_path / "anchor.json"
    assert run("audit", "anchor", "--output", str(anchor)).returncode == 0
    assert json.loads(anchor.read_text())["count"] == 1
    ok = run("audit", "verify", "--anchor", str(anchor))
    assert ok.returncode == 0 and "1 records verified" in ok.stdout, ok.stderr
    assert run("audit", "verify", "--anchor", str(tmp_path / "none.json")).returncode == 2
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM audit_auditrecord")
        db.execute("DELETE FROM audit_audithead")
    cut = run("audit", "verify", "--anchor", str(anchor))
    assert cut.returncode == 1 and "has 0 records but the anchor" in cut.stderr
    assert len(cut.stderr.strip().splitlines()) == 1 and "Traceback" not in cut.stderr
