"""Home cards and the public section of the complaints part (Pasal 17 ayat 8)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.common.cards import Card, PublicRow, PublicSection
from integritas.complaints import access, selectors, services
from integritas.complaints.models import Complaint


def cards(user) -> list:
    """Handlers: open cases and those past a time limit. Counts only, never contents."""
    if not access.handles_register(user):
        return []
    open_cases = list(access.complaints_for_user(user).exclude(status=Complaint.Status.CLOSED))
    if not open_cases:
        return []
    today = timezone.localdate()
    holidays = services.extra_holidays()
    late = sum(
        1 for c in open_cases if selectors.standing(c, today=today, holidays=holidays).breached
    )
    url = reverse("complaints:register")
    found = [
        Card(
            title=_("Pengaduan yang ditangani"),
            value=str(len(open_cases)),
            text=_("pengaduan belum selesai"),
            url=url,
            tone="primary",
        )
    ]
    if late:
        found.append(
            Card(
                title=_("Pengaduan melewati batas waktu"),
                value=str(late),
                text=_("tanggapan atau penyelesaian terlambat (hari kerja)"),
                url=url,
                tone="danger",
            )
        )
    return found


def public_sections() -> list:
    """How to complain, and the per-unit figures page (no contents)."""
    return [
        PublicSection(
            title=_("Layanan pengaduan"),
            text=_(
                "Sampaikan pengaduan tanpa perlu menyebutkan nama, lalu lacak jawabannya dengan "
                "kode tanda terima."
            ),
            rows=[
                PublicRow(label=_("Buat pengaduan"), url=reverse("complaints_public:intake")),
                PublicRow(label=_("Lacak dengan kode"), url=reverse("complaints_public:track")),
                PublicRow(
                    label=_("Angka pengaduan per unit"), url=reverse("complaints_public:figures")
                ),
            ],
        )
    ]
