"""Key the audit chain: every existing record is re-hashed with HMAC-SHA256 and AUDIT_KEY.

The rows written before this migration carry a plain SHA-256 chain that anyone with database
access could have recomputed, so the migration first checks that chain, then re-keys it in
order and appends one record saying how many rows it re-keyed and whether their plain chain
was intact — the trail itself tells what was vouched for before the key existed.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from integritas.audit import chain


def _legacy_problem(rows) -> str:
    prev = chain.GENESIS
    for row in rows:
        if row.prev_hash != prev:
            return f"record #{row.pk}: prev_hash does not match the previous record"
        if chain.plain_sha256(chain.content(row), row.prev_hash) != row.hash:
            return f"record #{row.pk}: content does not match its hash"
        prev = row.hash
    return ""


def rekey(apps, schema_editor):
    AuditRecord = apps.get_model("audit", "AuditRecord")
    AuditHead = apps.get_model("audit", "AuditHead")
    rows = list(AuditRecord.objects.order_by("id"))
    if not rows:
        return
    key = str(settings.AUDIT_KEY).encode("utf-8")
    kid = chain.key_id(key)
    problem = _legacy_problem(rows)
    prev = chain.GENESIS
    for row in rows:
        digest = chain.digest(version=1, key=key, fields=chain.content(row), prev_hash=prev)
        AuditRecord.objects.filter(pk=row.pk).update(
            prev_hash=prev, hash=digest, version=1, key_id=kid
        )
        prev = digest
    note = AuditRecord(
        created_at=timezone.now(),
        actor_label="sistem",
        action="audit.rantai_dikunci",
        object_type="audit.auditrecord",
        object_repr="rantai audit",
        changes={
            "rekeyed_records": [None, len(rows)],
            "plain_chain_intact": [None, not problem],
            "plain_chain_problem": [None, problem],
        },
        prev_hash=prev,
        version=1,
        key_id=kid,
    )
    note.hash = chain.digest(version=1, key=key, fields=chain.content(note), prev_hash=prev)
    note.save()
    AuditHead.objects.update_or_create(
        pk=1, defaults={"last_hash": note.hash, "count": len(rows) + 1}
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="auditrecord",
            name="version",
            field=models.PositiveSmallIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditrecord",
            name="key_id",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AlterField(
            model_name="auditrecord",
            name="version",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
