"""The one model the shared layer owns: a notification to one user.

It lives in `common`, the lowest layer, so that every app — however low — can raise one through
`common.notifications.notify(...)` from its own services without importing a higher app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something a user should act on or know, shown in the app and sent by the daily e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("pengguna"),
    )  # fmt: skip
    # A short key set by the raising app (e.g. "laporan.dikembalikan"); never shown to users.
    kind = models.CharField(_("jenis"), max_length=60)
    object_type = models.CharField(_("jenis objek"), max_length=80)
    object_id = models.PositiveBigIntegerField(_("id objek"))
    day = models.DateField(_("tanggal"))
    title = models.CharField(_("judul"), max_length=200)
    text = models.TextField(_("keterangan"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim surel"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        constraints = [
            # The same thing about the same object reaches a user at most once a day.
            models.UniqueConstraint(
                fields=["user", "kind", "object_type", "object_id", "day"],
                name="notification_once_per_user_kind_object_day",
            ),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
