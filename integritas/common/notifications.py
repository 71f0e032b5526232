"""Raise, read and e-mail notifications (the model is `common.models.Notification`).

The owning app's service calls `notify(...)` inside its own transaction: the notification is
written, or rolled back, with the decision it reports. It is not an audit record (the decision
itself is audited by its service), and reading one changes nothing but the reader's own list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.common.models import Notification


def _object_type(obj: Any) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def notify(
    *,
    users: Iterable[Any],
    kind: str,
    obj: Any,
    title: str,
    text: str = "",
    url: str = "",
    day: date | None = None,
) -> int:
    """Raise one notification per user about `obj`; the same one again that day adds nothing.

    Returns how many were new.
    """
    day = day or timezone.localdate()
    recipients = {u.pk: u for u in users if u is not None and getattr(u, "is_active", True)}
    if not recipients:
        return 0
    object_type, object_id = _object_type(obj), obj.pk
    existing = set(
        Notification.objects.filter(
            user_id__in=list(recipients), kind=kind, object_type=object_type,
            object_id=object_id, day=day,
        ).values_list("user_id", flat=True)
    )  # fmt: skip
    rows = []
    for user_id in recipients:
        if user_id in existing:
            continue
        row = Notification(
            user_id=user_id, kind=kind, object_type=object_type, object_id=object_id, day=day,
            title=title[:200], text=text, url=url[:300],
        )  # fmt: skip
        row.full_clean(validate_unique=False, validate_constraints=False)
        rows.append(row)
    # ignore_conflicts: a concurrent run raising the same one the same day is not an error.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def for_user(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("read_at", "-created_at", "-id")


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: AbstractBaseUser) -> Notification:
    """The user marks one of his or her own notifications as read."""
    if notification.user_id != by.pk:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, by: AbstractBaseUser) -> int:
    return Notification.objects.filter(user_id=by.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _address(user: Any) -> str:
    employee = getattr(user, "employee", None)
    return user.email or (employee.email if employee is not None else "")


@transaction.atomic
def send_pending(*, base_url: str = "") -> int:
    """E-mail every user his or her notifications not yet sent, one message each.

    Each notification is e-mailed once (emailed_at is set in the same transaction), so running
    the daily command twice sends nothing twice. Returns the number of e-mails sent.
    """
    pending = list(
        Notification.objects.select_for_update(of=("self",))
        .filter(emailed_at__isnull=True)
        .select_related("user", "user__employee")
        .order_by("user_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for item in pending:
        by_user[item.user_id].append(item)
    sent = 0
    now = timezone.now()
    for items in by_user.values():
        user = items[0].user
        address = _address(user)
        if address:
            lines = []
            for item in items:
                lines.append(f"- {item.title}")
                if item.text:
                    lines.append(f"  {item.text}")
                if item.url:
                    lines.append(f"  {base_url}{item.url}")
            body = "\n".join(
                [
                    _("Yth. %(name)s,") % {"name": user.get_full_name() or user.username},
                    "",
                    _("Hal berikut menunggu perhatian Anda di Integritas:"),
                    "",
                    *lines,
                ]
            )
            send_mail(
                subject=_("[Integritas] %(n)d pemberitahuan baru") % {"n": len(items)},
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[address],
            )
            sent += 1
        # Without an address the notification stays in the app only; it is not retried daily.
        Notification.objects.filter(pk__in=[i.pk for i in items]).update(emailed_at=now)
    return sent
