"""Predicates pages: candidates and recommendations, decisions, TPN results, register, monitoring."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access as accounts_access
from integritas.common import files
from integritas.evaluation import selectors as evaluation_selectors
from integritas.evaluation import services as evaluation_services
from integritas.predicates import access, selectors, services
from integritas.predicates.engine import LEVELS
from integritas.predicates.forms import (
    DecisionForm,
    FollowUpForm,
    MonitoringForm,
    PaperDecisionForm,
    RecommendForm,
    RevocationForm,
    TpnResultForm,
)
from integritas.predicates.models import FollowUp, Predicate, Recommendation


def _year(request) -> int:
    raw = request.GET.get("tahun", "")
    return int(raw) if raw.isdigit() and 2020 <= int(raw) <= 2100 else timezone.localdate().year


def _years() -> list[int]:
    this = timezone.localdate().year
    return list(range(this + 1, this - 5, -1))


def _flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def overview(request):
    """The TPI's candidate list (Pasal 15), decisions, monitoring and the register of a year."""
    user = request.user
    access_required = access.can_see_predicates(user)
    accounts_access.require(access_required)
    year = _year(request)
    today = timezone.localdate()
    unit_ids = access.readable_unit_ids(user)
    rows = [
        c for c in selectors.candidates(year, today) if unit_ids is None or c.unit.pk in unit_ids
    ]
    recommendations = access.recommendations_for_user(user).filter(year=year)
    context: dict[str, Any] = {
        "year": year,
        "years": _years(),
        "rows": [{"c": c, "may_recommend": access.can_assess_unit(user, c.unit.pk)} for c in rows],
        "recommendations": recommendations,
        "pending": recommendations.filter(decision=Recommendation.Decision.PENDING)
        if access.can_decide(user)
        else [],
        "monitoring": selectors.monitoring_rows(today, unit_ids=unit_ids),
        "is_admin": access.can_administer(user),
        "deadline": _deadline(today),
        "may_package": access.can_administer(user) or access.can_decide(user),
        "may_report": access.can_administer(user) or access.can_decide(user) or access.is_tpi(user),
        "approved_count": recommendations.filter(decision=Recommendation.Decision.APPROVED).count(),
    }
    return render(request, "predicates/overview.html", context)


def _deadline(today: date) -> dict[str, Any]:
    """The national submission deadline (31 May, or as set by the TPN) and a warning a month before."""
    from django.conf import settings

    month, day = getattr(settings, "PREDICATES_DEADLINE", (5, 31))
    deadline = date(today.year, month, day)
    days = (deadline - today).days
    return {"date": deadline, "days": days, "warn": 0 <= days <= 31, "passed": days < 0}


def unit_detail(request, unit_pk: int, year: int):
    """A unit's prerequisites of a year, both levels, its final LKE verdicts and the TPI's action."""
    unit = accounts_access.get_unit_for_user(request.user, unit_pk)
    today = timezone.localdate()
    checks = [(level, selectors.prerequisites(unit, year, level, today)) for level in LEVELS]
    candidate = selectors.candidate(unit, year, today)
    context = {
        "unit": unit,
        "year": year,
        "checks": checks,
        "candidate": candidate,
        "facts": selectors.unit_facts(unit, year),
        "institution": selectors.institution_facts(unit.institution, year),
        "compliance": [selectors.compliance(unit, year, kind) for kind in ("lhkpn", "lhkasn")],
        "building": {level: selectors.building_since(unit, year, level) for level in LEVELS},
        "recommendation": Recommendation.objects.filter(unit=unit, year=year).first(),
        "may_recommend": access.can_assess_unit(request.user, unit.pk),
        "may_edit_facts": access.can_administer(request.user)
        or access.can_assess_unit(request.user, unit.pk),
        "form": RecommendForm(),
        "gap": candidate.scored.gaps(candidate.level) if candidate else None,
        **_lke_context(request.user, unit, year),
    }
    return render(request, "predicates/unit_detail.html", context)


def _lke_context(user: Any, unit: Any, year: int) -> dict[str, Any]:
    """The register's LHKPN/LHKASN % offered to the unit's writers for its open self-assessment."""
    if not accounts_access.can_write_unit(user, unit.pk):
        return {"lke": None}
    assessment = evaluation_selectors.assessment_for_unit_year(unit, year)
    if assessment is None or not assessment.unit_may_edit:
        return {"lke": None}
    return {
        "lke": {
            "assessment": assessment,
            "suggestions": selectors.lke_suggestions(unit, year, assessment),
        }
    }


@require_POST
def lke_accept(request, unit_pk: int, year: int, code: str):
    """The unit accepts the register's % as its answer to R5.iii.a or R5.iii.b."""
    unit = accounts_access.get_unit_for_user(request.user, unit_pk, write=True)
    context = _lke_context(request.user, unit, year)["lke"]
    suggestion = (
        next((s for s in context["suggestions"] if s.code == code), None) if context else None
    )
    if suggestion is None:
        raise Http404
    try:
        evaluation_services.answer_save(
            assessment=context["assessment"], question_code=code, percent=suggestion.value, by=request.user,
            note=_("Dari register wajib lapor %(kind)s %(year)d: %(r)d dari %(t)d pegawai.")
            % {"kind": suggestion.compliance.kind.upper(), "year": year, "r": suggestion.compliance.reported,
               "t": suggestion.compliance.total},
        )  # fmt: skip
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, _("Jawaban %(code)s diisi dari register.") % {"code": code})
    return redirect("predicates:unit_detail", unit.pk, year)


@require_POST
def recommend(request, unit_pk: int, year: int):
    unit = accounts_access.get_unit_for_user(request.user, unit_pk)
    accounts_access.require(access.can_assess_unit(request.user, unit.pk))
    form = RecommendForm(request.POST)
    if form.is_valid():
        try:
            item = services.recommendation_record(
                unit=unit, year=year, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            _flash_errors(request, exc)
        else:
            messages.success(request, _("Rekomendasi dicatat."))
            return redirect("predicates:recommendation", item.pk)
    else:
        messages.error(request, _("Pilih rekomendasinya."))
    return redirect("predicates:unit_detail", unit.pk, year)


def recommendation_detail(request, pk: int):
    item = access.get_recommendation_for_user(request.user, pk)
    user = request.user
    context = {
        "item": item,
        "predicate": Predicate.objects.filter(recommendation=item).first(),
        "may_decide": access.can_decide(user) and item.decision == Recommendation.Decision.PENDING,
        "may_record_paper": access.can_administer(user)
        and item.decision == Recommendation.Decision.PENDING,
        "may_record_tpn": access.can_administer(user)
        and item.decision == Recommendation.Decision.APPROVED
        and item.tpn_result == Recommendation.TpnResult.PENDING,
        "decision_form": DecisionForm(),
        "paper_form": PaperDecisionForm(),
        "tpn_form": TpnResultForm(),
        "follow_ups": item.follow_ups.all(),
        "may_follow_up": access.can_follow_up(user, item.unit_id),
        "follow_up_form": FollowUpForm(),
    }
    return render(request, "predicates/recommendation_detail.html", context)


def _act(request, pk: int, form_class, action, *, write: bool = True) -> Any:
    item = access.get_recommendation_for_user(request.user, pk, write=write)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("predicates:recommendation", item.pk)
    try:
        action(item, form.cleaned_data)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, _("Tersimpan."))
    return redirect("predicates:recommendation", item.pk)


@require_POST
def decide(request, pk: int):
    return _act(
        request, pk, DecisionForm,
        lambda item, d: services.recommendation_decide(
            recommendation=item, approve=d["approve"], note=d["note"], by=request.user
        ),
    )  # fmt: skip


@require_POST
def decide_paper(request, pk: int):
    return _act(
        request, pk, PaperDecisionForm,
        lambda item, d: services.decision_record_paper(
            recommendation=item, approve=d["approve"], note=d["note"], scan=d["scan"], by=request.user
        ),
    )  # fmt: skip


@require_POST
def tpn_result(request, pk: int):
    return _act(
        request, pk, TpnResultForm,
        lambda item, d: services.tpn_result_record(
            recommendation=item, granted=d["granted"], decree_number=d["decree_number"],
            granted_on=d["granted_on"], scan=d["scan"], notes=d["notes"], by=request.user,
        ),
    )  # fmt: skip


@require_POST
def follow_up_add(request, pk: int):
    item = access.get_recommendation_for_user(request.user, pk)
    accounts_access.require(access.can_follow_up(request.user, item.unit_id))
    return _act(
        request, pk, FollowUpForm,
        lambda item, d: services.follow_up_add(
            recommendation=item, action=d["action"], responsible=d["responsible"], due_on=d["due_on"], by=request.user
        ),
        write=False,
    )  # fmt: skip


@require_POST
def follow_up_done(request, pk: int):
    follow_up = FollowUp.objects.select_related("recommendation").filter(pk=pk).first()
    if follow_up is None:
        raise Http404
    item = access.get_recommendation_for_user(request.user, follow_up.recommendation_id)
    accounts_access.require(access.can_follow_up(request.user, item.unit_id))
    try:
        services.follow_up_done(follow_up=follow_up, done_on=timezone.localdate(), by=request.user)
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, _("Tindak lanjut ditandai selesai."))
    return redirect("predicates:recommendation", item.pk)


def register(request):
    """The predicate register with its history (Pasal 16 ayat 8, Pasal 17)."""
    accounts_access.require(access.can_see_predicates(request.user))
    items = access.predicates_for_user(request.user).select_related("superseded_by")
    return render(request, "predicates/register.html", {"items": items})


def predicate_detail(request, pk: int):
    item = access.get_predicate_for_user(request.user, pk)
    today = timezone.localdate()
    due = next(
        (
            r
            for r in selectors.monitoring_rows(today, unit_ids={item.unit_id})
            if r.predicate.pk == item.pk
        ),
        None,
    )
    standing = item.status == Predicate.Status.STANDING
    context = {
        "item": item,
        "due": due,
        "monitorings": item.monitorings.select_related("recorded_by"),
        "may_monitor": standing and access.can_assess_unit(request.user, item.unit_id),
        "may_revoke": standing and access.can_administer(request.user),
        "monitoring_form": MonitoringForm(initial={"done_on": today}),
        "revocation_form": RevocationForm(),
    }
    return render(request, "predicates/predicate_detail.html", context)


def _predicate_act(request, pk: int, form_class, action) -> Any:
    item = access.get_predicate_for_user(request.user, pk, write=True)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("predicates:predicate", item.pk)
    try:
        action(item, form.cleaned_data)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        _flash_errors(request, exc)
    else:
        messages.success(request, _("Tersimpan."))
    return redirect("predicates:predicate", item.pk)


@require_POST
def monitor(request, pk: int):
    return _predicate_act(
        request, pk, MonitoringForm,
        lambda item, d: services.monitoring_record(
            predicate=item, done_on=d["done_on"], still_meets=d["still_meets"], findings=d["findings"],
            by=request.user,
        ),
    )  # fmt: skip


@require_POST
def revoke(request, pk: int):
    return _predicate_act(
        request, pk, RevocationForm,
        lambda item, d: services.revocation_record(
            predicate=item, tpn_note=d["tpn_note"], tpn_on=d["tpn_on"], revoked_on=d["revoked_on"],
            number=d["number"], scan=d["scan"], by=request.user,
        ),
    )  # fmt: skip


SCAN_FIELDS = {
    "keputusan-walikota": (Recommendation, "decision_scan"),
    "kepmenpanrb": (Predicate, "decree_scan"),
    "pencabutan": (Predicate, "revocation_scan"),
}


def scan(request, kind: str, pk: int):
    """A stored scan, for whoever reads the unit (never public)."""
    if kind not in SCAN_FIELDS:
        raise Http404
    model, field = SCAN_FIELDS[kind]
    obj: Any = model._default_manager.filter(pk=pk).first()
    if obj is None or not accounts_access.can_read_unit(request.user, obj.unit_id):
        raise Http404
    field_file = getattr(obj, field)
    if not field_file:
        raise Http404
    return files.serve(field_file, filename=f"{kind}-{pk}")


@login_not_required
def public(request):
    """The units that hold a predicate now (only standing predicates are public)."""
    return render(request, "predicates/public.html", {"items": selectors.public_predicates()})
