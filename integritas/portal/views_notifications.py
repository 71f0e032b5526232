"""A user's own notifications: the list, and marking them read (htmx or plain form)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from integritas.common import notifications
from integritas.common.models import Notification


def notification_list(request):
    """Every notification of the signed-in user, unread first."""
    page = Paginator(notifications.for_user(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/notifications.html",
        {"page": page, "unread": notifications.unread_count(request.user)},
    )


@require_POST
def notification_read(request, pk: int):
    """Mark one of my notifications read; another user's answers 404."""
    try:
        item = Notification.objects.get(pk=pk, user=request.user)
    except Notification.DoesNotExist:
        raise Http404 from None
    notifications.notification_mark_read(notification=item, by=request.user)
    if request.htmx:
        return render(request, "portal/_notification.html", {"item": item})
    return redirect("portal:notification_list")


@require_POST
def notification_read_all(request):
    notifications.notifications_mark_all_read(by=request.user)
    return redirect("portal:notification_list")
