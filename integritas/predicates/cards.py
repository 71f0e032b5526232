"""Home-page cards and the public section of predicates: pending decisions, monitoring due, holders."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.accounts import access as accounts_access
from integritas.common.cards import Card, PublicRow, PublicSection
from integritas.common.formatting import tanggal
from integritas.evaluation import next_steps
from integritas.evaluation import selectors as evaluation_selectors
from integritas.evaluation.models import Assessment
from integritas.predicates import access, selectors
from integritas.predicates.models import Recommendation

MAX_ITEMS = 6
MAX_UNITS = 4


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


def next_step_cards(user) -> list[Card]:
    """A unit's own team: the way to the next predicate the register allows, or what keeps WBBM."""
    if accounts_access.can_administer(user):
        return []
    today = timezone.localdate()
    found: list[Card] = []
    for unit in accounts_access.writable_units_for_user(user).order_by("name")[:MAX_UNITS]:
        held = selectors.holding(unit, today)
        if held.level == next_steps.WBBM:
            url = reverse("predicates:predicate", args=[held.predicate_pk])
            found.append(_holding_card(unit.name, held, url))
            continue
        assessment = evaluation_selectors.assessment_for_unit_year(unit, today.year)
        if assessment is not None and assessment.is_final:
            found.extend(_next_step_cards(assessment, held))
    return found


def _holding_card(unit_name: str, held: selectors.Holding, url: str) -> Card:
    """Pasal 17 ayat (6): WBBM is kept by the TPI's internal assessment every two years."""
    text = _(
        "%(unit)s berpredikat Menuju WBBM. Predikat dijaga dengan penilaian internal TPI dan "
        "laporan kondisi ZI setiap 2 (dua) tahun sekali (Pasal 17 ayat 6)."
    ) % {"unit": unit_name}
    if held.monitoring_due is not None:
        text += " " + _("Monitoring berikutnya: %(due)s.") % {"due": tanggal(held.monitoring_due)}
    return Card(
        title=_("Berpredikat Menuju WBBM"), value="WBBM", text=text, url=url, tone="success"
    )


def _next_step_cards(assessment: Assessment, held: selectors.Holding) -> list[Card]:
    """After the TPI's final score: the few things that close the gap (Pasal 16 ayat 4)."""
    data = evaluation_selectors.assessment_data(assessment, with_links=False)
    side = evaluation_selectors.TPI if data.tpi_score is not None else evaluation_selectors.SELF
    chosen = data.tpi_input() if side == evaluation_selectors.TPI else data.self_input()
    verdicts = evaluation_selectors.verdicts(data.framework, chosen, with_gaps=True)
    steps = next_steps.build(
        data.framework, verdicts, assessment_pk=assessment.pk, unit_id=assessment.unit_id,
        final=True, held=held.level,
    )  # fmt: skip
    if steps is None:
        return []
    score_url = reverse("evaluation:score", args=[assessment.pk])
    if steps.eligible:
        return [
            Card(
                title=_("Siap diusulkan menuju %(p)s") % {"p": steps.predicate},
                value=steps.predicate,
                text=_("%(unit)s memenuhi syarat nilai Pasal 16 ayat (4).")
                % {"unit": assessment.unit.name},
                url=score_url,
                tone="success",
            )
        ]
    return [
        Card(
            title=_("Langkah berikutnya menuju %(p)s") % {"p": steps.predicate},
            value=str(len(steps.steps)),
            text=_("%(unit)s: hal yang menutup kesenjangan setelah penilaian TPI")
            % {"unit": assessment.unit.name},
            url=score_url,
            tone="warning",
            items=[(step.text, step.link) for step in steps.steps],
        )
    ]
