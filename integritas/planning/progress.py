"""Pasal 9: the seven things a unit building ZI does, each with a state read from the data.

It lives in portal because it reads several parts (commitment, planning, surveys), which may not
read each other. A fixed number of queries whatever the size of the unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from integritas.commitment import selectors as commitment
from integritas.commitment.models import Declaration
from integritas.common.formatting import angka, tanggal
from integritas.organization.models import Unit
from integritas.planning import components, rules
from integritas.planning import selectors as planning
from integritas.planning.models import (
    ActionPlan,
    Innovation,
    MediaEntry,
    MentoringEntry,
    MonthlyReport,
    WorkPlan,
)

DONE = "done"
PARTIAL = "partial"
TODO = "todo"
STATE_LABELS = {DONE: _("Terpenuhi"), PARTIAL: _("Sebagian"), TODO: _("Belum dimulai")}
PENGUNGKIT_CODES = [c.code for c in components.COMPONENTS if c.group == components.PENGUNGKIT]
PUBLIC_SERVICE_CODES = ["PP", "pelayanan"]


@dataclass
class Step:
    number: int
    text: str
    state: str
    detail: str
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (label, url)

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def _state(done: bool, started: bool) -> str:
    return DONE if done else (PARTIAL if started else TODO)


class SurveyFact(Protocol):
    """What Pasal 9 angka 3 needs to know of one survey wave (given by the surveys app)."""

    kind: str  # skm, spak, spkp
    label: str
    status_label: str
    closed: bool
    url: str


def unit_progress(
    unit: Unit, year: int, today: date, *, surveys: Sequence[SurveyFact] = ()
) -> list[Step]:
    """Pasal 9 angka 1–7 for one unit and year, each step's state derived from records."""
    coverage = commitment.coverage_for(unit)
    declaration = Declaration.objects.filter(unit=unit).first()
    work_plan = WorkPlan.objects.filter(unit=unit, year=year).first()
    plan = ActionPlan.objects.filter(unit=unit, year=year).first()
    row_components = (
        set(plan.rows.values_list("component", flat=True).distinct()) if plan else set()
    )
    waves = list(surveys)
    innovations = Innovation.objects.filter(unit=unit).aggregate(
        total=Count("pk"),
        with_evidence=Count("pk", filter=~Q(evidence_url="") | ~Q(evidence_file="")),
    )
    media = MediaEntry.objects.filter(unit=unit, published_on__year=year).aggregate(
        events=Count("pk", filter=Q(channel=MediaEntry.Channel.EVENT)),
        publications=Count("pk", filter=~Q(channel=MediaEntry.Channel.EVENT)),
    )
    reports = (
        dict(MonthlyReport.objects.filter(plan=plan).values_list("month", "status")) if plan else {}
    )
    mentoring = MentoringEntry.objects.filter(unit=unit, held_on__year=year).aggregate(
        total=Count("pk"), open=Count("pk", filter=~Q(follow_up_status="done"))
    )

    planning_url = reverse("planning:unit_detail", args=[unit.pk]) + f"?tahun={year}"
    steps = []

    # 1. Commitment between the head and the employees (Pasal 5–6).
    declared = declaration is not None
    detail = _("%(s)d dari %(t)d pegawai aktif (%(p)s %%) menandatangani pakta integritas") % {
        "s": coverage.signed, "t": coverage.total, "p": angka(coverage.percent, 2)
    }  # fmt: skip
    detail += "; " + (
        _("dicanangkan %(d)s") % {"d": tanggal(declaration.declared_on)}
        if declaration
        else _("belum dicanangkan")
    )
    evidence = [(_("Pakta & pencanangan"), reverse("commitment:unit_detail", args=[unit.pk]))]
    if declaration:
        evidence.append((_("Pencanangan"), declaration.get_absolute_url()))
    steps.append(
        Step(1, _("Membangun komitmen antara pimpinan dan pegawai dalam pembangunan zona integritas"),
             _state(declared and coverage.complete, declared or coverage.signed > 0), detail, evidence)
    )  # fmt: skip

    # 2. The pengungkit elements: the work plan and an action plan over the six areas.
    covered = [c for c in PENGUNGKIT_CODES if c in row_components]
    detail = (
        _("rencana kerja ditetapkan dengan keputusan %(n)s") % {"n": work_plan.decree_number}
        if work_plan
        else _("belum ada rencana kerja")
    )
    detail += "; " + _("rencana aksi mencakup %(k)d dari 6 area pengungkit%(list)s") % {
        "k": len(covered), "list": f" ({', '.join(covered)})" if covered else "",
    }  # fmt: skip
    evidence = []
    if work_plan:
        evidence.append((_("Rencana kerja"), work_plan.get_absolute_url()))
    if plan:
        evidence.append((_("Rencana aksi"), plan.get_absolute_url()))
    steps.append(
        Step(2, _("Memperhatikan dan melengkapi unsur-unsur pembangunan zona integritas seperti dijelaskan pada unsur pengungkit"),
             _state(work_plan is not None and len(covered) == 6, work_plan is not None or bool(covered)),
             detail, evidence or [(_("Rencana & laporan"), planning_url)])
    )  # fmt: skip

    # 3. Self-run surveys: anti-corruption perception and public service (SPAK + SPKP/SKM).
    closed = {wave.kind for wave in waves if wave.closed}
    anti_corruption = "spak" in closed
    service = bool(closed & {"spkp", "skm"})
    if waves:
        detail = _("gelombang survei %(y)d: %(list)s") % {
            "y": year,
            "list": ", ".join(
                f"{wave.label} ({wave.status_label.lower()})" for wave in waves
            ),
        }  # fmt: skip
    else:
        detail = _("belum ada data survei tahun %(y)d") % {"y": year}
    steps.append(
        Step(3, _("Melaksanakan survei mandiri terkait pelayanan publik dan persepsi anti korupsi pada perangkat daerah/unit kerja yang diusulkan"),
             _state(anti_corruption and service, bool(waves)), detail,
             [(wave.label, wave.url) for wave in waves[:6]])
    )  # fmt: skip

    # 4. Innovations (register).
    detail = _("%(n)d inovasi tercatat, %(e)d dengan bukti") % {
        "n": innovations["total"], "e": innovations["with_evidence"]
    }  # fmt: skip
    steps.append(
        Step(4, _("Membuat berbagai inovasi dalam upaya perbaikan pelayanan publik dan pencegahan korupsi"),
             _state(innovations["with_evidence"] > 0, innovations["total"] > 0), detail,
             [(_("Register inovasi"), reverse("planning:log_list", args=[unit.pk, "inovasi"]))])
    )  # fmt: skip

    # 5. Programmes touching the public: public-service actions and face-to-face activities.
    service_actions = bool(row_components & set(PUBLIC_SERVICE_CODES))
    detail = _("%(e)d kegiatan tatap muka dengan masyarakat/pemangku kepentingan tercatat tahun %(y)d; %(a)s") % {
        "e": media["events"], "y": year,
        "a": _("ada rencana aksi pelayanan publik") if service_actions else _("belum ada rencana aksi pelayanan publik"),
    }  # fmt: skip
    steps.append(
        Step(5, _("Melaksanakan program atau kegiatan yang sifatnya bersinggungan langsung dengan masyarakat atau stakeholder"),
             _state(media["events"] > 0 and service_actions, media["events"] > 0 or service_actions),
             detail, [(_("Log media dan kegiatan"), reverse("planning:log_list", args=[unit.pk, "media"]))])
    )  # fmt: skip

    # 6. Communication strategy / media management (Pasal 11 ayat 5 socialisation + media log).
    strategy = bool(work_plan and work_plan.socialisation.strip())
    detail = _("%(n)d publikasi tercatat tahun %(y)d; %(s)s") % {
        "n": media["publications"], "y": year,
        "s": _("strategi sosialisasi ada dalam rencana kerja") if strategy else _("strategi sosialisasi belum ditulis dalam rencana kerja"),
    }  # fmt: skip
    steps.append(
        Step(6, _("Membuat strategi komunikasi/manajemen media dalam rangka menginformasikan semua perubahan yang dilakukan oleh perangkat daerah/unit kerja ke masyarakat"),
             _state(strategy and media["publications"] > 0, strategy or media["publications"] > 0),
             detail, [(_("Log media"), reverse("planning:log_list", args=[unit.pk, "media"]))])
    )  # fmt: skip

    # 7. Regular monitoring and evaluation: the monthly reports (and the mentoring).
    due_months = rules.months_due(
        year, today, planning.due_day(), planning.plan_made_on(plan) if plan else None
    )
    accepted = [m for m in due_months if reports.get(m) == MonthlyReport.Status.ACCEPTED]
    sent = [m for m, s in reports.items() if s != MonthlyReport.Status.DRAFT]
    detail = _("%(a)d dari %(d)d laporan bulanan yang jatuh tempo telah diterima Tim Pendamping") % {
        "a": len(accepted), "d": len(due_months)
    }  # fmt: skip
    detail += "; " + _("%(n)d pendampingan tahun ini (%(o)d tindak lanjut terbuka)") % {
        "n": mentoring["total"], "o": mentoring["open"]
    }  # fmt: skip
    steps.append(
        Step(7, _("Melakukan monitoring dan evaluasi secara berkala atas kemajuan yang dilakukan oleh perangkat daerah/unit kerja yang diusulkan"),
             _state(bool(due_months) and len(accepted) == len(due_months), bool(sent) or mentoring["total"] > 0),
             detail, [(_("Laporan bulanan"), planning_url),
                      (_("Log pendampingan"), reverse("planning:log_list", args=[unit.pk, "pendampingan"]))])
    )  # fmt: skip
    return steps
