"""Home-page cards and the public section of predicates: pending decisions, monitoring due, holders."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.common.cards import Card, PublicRow, PublicSection
from integritas.common.formatting import tanggal
from integritas.predicates import access, selectors
from integritas.predicates.models import Recommendation

MAX_ITEMS = 6


def cards(user) -> list:
    """Pimpinan: proposals awaiting a decision. TPI and admin: monitoring due or overdue (Pasal 17)."""
    found: list = []
    url = reverse("predicates:overview")
    if access.can_decide(user):
        pending = list(
            Recommendation.objects.filter(decision=Recommendation.Decision.PENDING).select_related(
                "unit"
            )[:MAX_ITEMS]
        )
        if pending:
            found.append(
                Card(
                    title=_("Usulan WBK/WBBM menunggu keputusan"),
                    value=str(len(pending)),
                    url=url,
                    tone="warning",
                    items=[
                        (
                            f"{r.unit.name} — {r.get_level_display()}",
                            reverse("predicates:recommendation", args=[r.pk]),
                        )
                        for r in pending
                    ],
                )  # fmt: skip
            )
    if access.is_tpi(user) or access.can_administer(user):
        today = timezone.localdate()
        rows = [r for r in selectors.monitoring_rows(today) if r.overdue or r.due_soon]
        if rows:
            overdue = any(r.overdue for r in rows)
            found.append(
                Card(
                    title=_("Monitoring predikat jatuh tempo"),
                    value=str(len(rows)),
                    url=url,
                    tone="danger" if overdue else "warning",
                    text=_("Pasal 17 ayat 5–6: monitoring TPI setiap dua tahun"),
                    items=[
                        (
                            f"{r.predicate.unit.name} — {tanggal(r.due_on)}"
                            + (f" ({_('terlambat')})" if r.overdue else ""),
                            reverse("predicates:predicate", args=[r.predicate.pk]),
                        )
                        for r in rows[:MAX_ITEMS]
                    ],
                )  # fmt: skip
            )
    return found


def predicate_sections() -> list[PublicSection]:
    """The units that hold a predicate now (only standing predicates are public)."""
    rows = [
        PublicRow(label=p.unit.name, detail=f"{p.get_level_display()} · {tanggal(p.granted_on)}")
        for p in selectors.public_predicates()
    ]
    if not rows:
        return []
    return [
        PublicSection(
            title=_("Unit berpredikat Menuju WBK/WBBM"),
            text=_("Ditetapkan oleh Menteri PANRB atas rekomendasi Tim Penilai Nasional."),
            rows=rows,
        )
    ]
