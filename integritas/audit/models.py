from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditRecord(models.Model):
    """One append-only entry of the keyed hash chain of the audit trail (see audit/chain.py)."""

    created_at = models.DateTimeField(_("waktu"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    actor_label = models.CharField(_("nama pelaku"), max_length=200)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=100, db_index=True)
    object_id = models.CharField(_("ID objek"), max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    unit_id = models.BigIntegerField(_("unit"), null=True, blank=True, db_index=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # How `hash` was computed (audit.chain): 1 = HMAC-SHA256 with the key named by key_id.
    version = models.PositiveSmallIntegerField(default=1)
    key_id = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit records are append-only.")


class AuditHead(models.Model):
    """A single row locked while appending, so the chain stays linear under concurrency."""

    last_hash = models.CharField(max_length=64)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.count} records, last {self.last_hash[:12]}"
