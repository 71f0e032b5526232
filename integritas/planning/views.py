from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.audit.services import record
from integritas.common import exports, files, staging
from integritas.common.formatting import BULAN
from integritas.common.numbers import query_int
from integritas.organization.models import Unit
from integritas.planning import access as planning_access
from integritas.planning import components, rules, selectors, services, xlsx
from integritas.planning.forms import (
    ActionPlanImportForm,
    ActionRowForm,
    EvidenceForm,
    ReportForm,
    ReturnForm,
    WorkPlanForm,
)
from integritas.planning.models import (
    ActionPlan,
    ActionRow,
    MonthlyReport,
    ReportEvidence,
)

PAGE_SIZE = 50


def _year(request) -> int:
    year = query_int(request.GET, "tahun", min_value=2000, max_value=2100)
    return year if year is not None else timezone.localdate().year


def _errors_to(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _mentors(user) -> bool:
    """The Tim Pendamping (and the administrator) receive monthly reports (Pasal 12 ayat 5)."""
    return access.is_pendamping(user) or access.can_administer(user)


# --- overview and unit page ----------------------------------------------------------------


def overview(request):
    """Units with their work plan, action plan and reports for a year."""
    year = _year(request)
    units = access.units_for_user(request.user).filter(is_active=True)
    query = request.GET.get("q", "").strip()
    if query:
        units = units.filter(Q(name__icontains=query) | Q(code__icontains=query))
    page = Paginator(units.order_by("name"), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [u.pk for u in page.object_list]
    plans = selectors.plans_by_unit(year, ids)
    work_plans = selectors.work_plans_by_unit(year, ids)
    counts = selectors.report_counts_by_plan([p.pk for p in plans.values()])
    rows = [
        {
            "unit": unit,
            "work_plan": work_plans.get(unit.pk),
            "plan": plans.get(unit.pk),
            "counts": counts.get(plans[unit.pk].pk, {}) if unit.pk in plans else {},
        }
        for unit in page.object_list
    ]
    city = access.can_read_city(request.user)
    return render(
        request,
        "planning/overview.html",
        {
            "page": page, "rows": rows, "year": year, "query": query, "city": city,
            "queue_count": selectors.review_queue().count() if _mentors(request.user) else None,
        },
    )  # fmt: skip


def unit_detail(request, pk):
    """One unit's building year: work plan, action plan, the twelve reports, the Pasal 9 logs."""
    unit = access.get_unit_for_user(request.user, pk)
    year = _year(request)
    today = timezone.localdate()
    plan = selectors.action_plan(unit, year)
    logs = selectors.unit_logs(unit)
    return render(
        request,
        "planning/unit_detail.html",
        {
            "unit": unit, "year": year, "work_plan": selectors.work_plan(unit, year),
            "plan": plan, "row_count": plan.rows.count() if plan else 0,
            "months": selectors.month_states(plan, today) if plan else [],
            "innovation_count": logs["innovations"].count(),
            "media_count": logs["media"].count(),
            "mentoring_open": logs["mentoring"].exclude(follow_up_status="done").count(),
            "mentoring_count": logs["mentoring"].count(),
            "can_write": access.can_write_unit(request.user, unit.pk),
        },
    )  # fmt: skip


# --- work plan -----------------------------------------------------------------------------


def work_plan(request, pk, year):
    unit = access.get_unit_for_user(request.user, pk)
    plan = selectors.work_plan(unit, year)
    targets = {t.component: t.targets for t in plan.targets.all()} if plan else {}
    return render(
        request,
        "planning/work_plan.html",
        {
            "unit": unit, "year": year, "plan": plan,
            "components": [(c, targets.get(c.code, "")) for c in components.COMPONENTS],
            "pengungkit_weight": components.group_weight(components.PENGUNGKIT),
            "hasil_weight": components.group_weight(components.HASIL),
            "can_write": access.can_write_unit(request.user, unit.pk),
        },
    )  # fmt: skip


def work_plan_edit(request, pk, year):
    """Pasal 11 ayat (4)–(9): write the work plan and the decree that sets it."""
    unit = access.get_unit_for_user(request.user, pk, write=True)
    plan = selectors.work_plan(unit, year)
    form = WorkPlanForm(request.POST or None, request.FILES or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.work_plan_save(
                unit=unit, year=year, decree_number=data["decree_number"],
                decree_date=data["decree_date"], socialisation=data["socialisation"],
                targets=form.targets(), decree_file=data.get("decree_upload"), by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            _errors_to(form, exc)
        else:
            messages.success(request, _("Rencana kerja tersimpan."))
            return redirect("planning:work_plan", pk=unit.pk, year=year)
    return render(
        request, "planning/work_plan_form.html", {"unit": unit, "year": year, "form": form}
    )


def work_plan_decree_file(request, pk, year):
    unit = access.get_unit_for_user(request.user, pk)
    plan = selectors.work_plan(unit, year)
    if plan is None or not plan.decree_file:
        raise Http404
    return files.serve(plan.decree_file, filename=f"sk-rencana-kerja-{unit.code}-{year}")


# --- action plan grid ----------------------------------------------------------------------


def action_plan(request, pk, year):
    """Lampiran C as an editable grid: a row form inline, add and remove rows (htmx)."""
    unit = access.get_unit_for_user(request.user, pk)
    plan = selectors.action_plan(unit, year)
    rows = list(selectors.action_rows(plan)) if plan else []
    return render(
        request,
        "planning/action_plan.html",
        {
            "unit": unit, "year": year, "plan": plan, "rows": rows,
            "groups": selectors.rows_by_group(rows),
            "summary_ctx": {"count": len(rows), "budget": sum((r.budget for r in rows), 0)},
            "month_codes": rules.MONTH_CODES,
            "can_write": access.can_write_unit(request.user, unit.pk),
            "can_head": access.can_head_unit(request.user, unit.pk),
        },
    )  # fmt: skip


@require_POST
def action_plan_create(request, pk, year):
    unit = access.get_unit_for_user(request.user, pk, write=True)
    if selectors.action_plan(unit, year) is None:
        services.action_plan_create(unit=unit, year=year, by=request.user)
        messages.success(request, _("Rencana aksi %(year)d dibuat.") % {"year": year})
    return redirect("planning:action_plan", pk=unit.pk, year=year)


@require_POST
def action_plan_set(request, plan_pk):
    plan = get_object_or_404(ActionPlan, pk=plan_pk)
    access.require(access.can_head_unit(request.user, plan.unit_id))
    try:
        services.action_plan_set(plan=plan, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Rencana aksi ditetapkan."))
    return redirect(plan)


def _row_response(request, row: ActionRow, *, can_write: bool):
    return render(
        request, "planning/_action_row.html", {"row": row, "can_write": can_write, "oob": True,
                                               "plan": row.plan, "summary": _summary(row.plan)},
    )  # fmt: skip


def _row_added_response(request, row: ActionRow):
    """The form row disappears; the new row joins its group (Lampiran C order) out of band."""
    group = components.BY_CODE[row.component].group
    in_group = [c.code for c in components.COMPONENTS if c.group == group]
    first = row.plan.rows.filter(component__in=in_group).count() == 1
    return render(
        request, "planning/_action_row_added.html",
        {"row": row, "can_write": True, "plan": row.plan, "summary": _summary(row.plan),
         "group": group, "first_in_group": first},
    )  # fmt: skip


def _summary(plan: ActionPlan) -> dict:
    rows = list(plan.rows.all())
    return {"count": len(rows), "budget": sum((r.budget for r in rows), 0)}


def action_row_new(request, plan_pk):
    """GET: a blank row form; POST: add the row, or show it again with its errors."""
    plan = planning_access.get_plan_for_user(request.user, plan_pk, write=True)
    form = ActionRowForm(request.POST or None, unit=plan.unit, instance=ActionRow(plan=plan))
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        try:
            services.action_row_save(row=row, by=request.user)
        except ValidationError as exc:
            _errors_to(form, exc)
        else:
            if request.htmx:
                return _row_added_response(request, row)
            messages.success(request, _("Baris rencana aksi ditambahkan."))
            return redirect(plan)
    template = "planning/_action_row_form.html" if request.htmx else "planning/action_row_page.html"
    return render(request, template, {"form": form, "plan": plan, "row": None})


def action_row(request, row_pk):
    """The display of one row (used to cancel an edit)."""
    row = planning_access.get_row_for_user(request.user, row_pk)
    return render(
        request, "planning/_action_row.html",
        {"row": row, "can_write": access.can_write_unit(request.user, row.plan.unit_id)},
    )  # fmt: skip


def action_row_edit(request, row_pk):
    row = planning_access.get_row_for_user(request.user, row_pk, write=True)
    form = ActionRowForm(request.POST or None, unit=row.plan.unit, instance=row)
    if request.method == "POST" and form.is_valid():
        row = form.save(commit=False)
        try:
            services.action_row_save(row=row, by=request.user)
        except ValidationError as exc:
            _errors_to(form, exc)
        else:
            if request.htmx:
                return _row_response(request, row, can_write=True)
            messages.success(request, _("Baris rencana aksi tersimpan."))
            return redirect(row.plan)
    template = "planning/_action_row_form.html" if request.htmx else "planning/action_row_page.html"
    return render(request, template, {"form": form, "plan": row.plan, "row": row})


@require_POST
def action_row_delete(request, row_pk):
    row = planning_access.get_row_for_user(request.user, row_pk, write=True)
    plan = row.plan
    try:
        services.action_row_delete(row=row, by=request.user)
    except ValidationError as exc:
        if request.htmx:
            return render(
                request, "planning/_action_row.html",
                {"row": row, "can_write": True, "error": " ".join(exc.messages)},
            )  # fmt: skip
        messages.error(request, " ".join(exc.messages))
        return redirect(plan)
    if request.htmx:
        return render(request, "planning/_plan_summary.html",
                      {"plan": plan, "summary": _summary(plan), "oob": True})  # fmt: skip
    messages.success(request, _("Baris dihapus."))
    return redirect(plan)


def action_plan_xlsx(request, plan_pk):
    plan = planning_access.get_plan_for_user(request.user, plan_pk)
    data = xlsx.export(plan, list(selectors.action_rows(plan)))
    record(actor=request.user, action="rencana_aksi.diekspor", obj=plan, unit_id=plan.unit_id)  # fmt: skip
    return exports.attachment(
        HttpResponse(data, content_type=exports.XLSX_MIME),
        f"rencana-aksi-{plan.unit.code}-{plan.year}.xlsx",
    )


def _import_purpose(plan: ActionPlan) -> str:
    return f"planning.action_plan.{plan.pk}"


def action_plan_import(request, plan_pk):
    """Step 1: upload, then see every problem by row and column, or a preview."""
    plan = planning_access.get_plan_for_user(request.user, plan_pk, write=True)
    form = ActionPlanImportForm(request.POST or None, request.FILES or None)
    context: dict = {"plan": plan, "form": form, "month_codes": rules.MONTH_CODES,
                     "refusal": services.action_plan_import_refusal(plan)}  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        result = xlsx.parse(data, plan=plan)
        context["result"] = result
        if result.ok:
            context["import_token"] = staging.stage(
                request, purpose=_import_purpose(plan), data=data
            )
    return render(request, "planning/action_plan_import.html", context)


@require_POST
def action_plan_import_commit(request, plan_pk):
    """Step 2: replace the plan's rows with the checked file, all or nothing."""
    plan = planning_access.get_plan_for_user(request.user, plan_pk, write=True)
    staged = staging.load(
        request, purpose=_import_purpose(plan), token=request.POST.get(staging.TOKEN_FIELD)
    )
    if staged is None:
        messages.error(request, _("Tidak ada impor yang menunggu. Unggah berkasnya lagi."))
        return redirect("planning:action_plan_import", plan_pk=plan.pk)
    result = xlsx.parse(staged.data, plan=plan)
    if not result.ok:
        return render(
            request, "planning/action_plan_import.html",
            {"plan": plan, "form": ActionPlanImportForm(), "result": result},
        )  # fmt: skip
    try:
        count = services.action_plan_import(plan=plan, rows=result.rows, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(plan)
    staging.discard(request, purpose=_import_purpose(plan))
    messages.success(request, _("Impor selesai: %(n)d baris rencana aksi.") % {"n": count})
    return redirect(plan)


# --- monthly reports -----------------------------------------------------------------------


@require_POST
def report_start(request, plan_pk, month):
    plan = planning_access.get_plan_for_user(request.user, plan_pk, write=True)
    if not 1 <= month <= 12:
        raise Http404
    report = MonthlyReport.objects.filter(plan=plan, month=month).first()
    if report is None:
        try:
            report = services.monthly_report_start(plan=plan, month=month, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("planning:unit_detail", pk=plan.unit_id)
    return redirect(report)


def report_detail(request, pk):
    """Pasal 12 ayat (4)–(5): fill in the realisation, submit; the Pendamping accepts or returns."""
    report = planning_access.get_report_for_user(request.user, pk)
    plan = report.plan
    unit_id = plan.unit_id
    can_write = access.can_write_unit(request.user, unit_id) and report.editable
    rows = list(selectors.action_rows(plan))
    existing = selectors.realisation_by_row(report)
    form = ReportForm(request.POST or None, rows=rows, existing=existing)
    if request.method == "POST":
        access.require(can_write)
        if form.is_valid():
            try:
                services.monthly_report_save(report=report, entries=form.entries(), by=request.user)
            except ValidationError as exc:
                _errors_to(form, exc)
            else:
                messages.success(request, _("Realisasi tersimpan."))
                return redirect(report)
    today = timezone.localdate()
    due = rules.due_date(plan.year, report.month, selectors.due_day())
    return render(
        request,
        "planning/report_detail.html",
        {
            "report": report, "plan": plan, "unit": plan.unit, "form": form,
            "lines": [(row, pct, nar, row.target(report.month), existing.get(row.pk))
                      for row, pct, nar in form.lines()],
            "evidence": report.evidence.select_related("action_row"),
            "events": report.events.select_related("by"),
            "evidence_form": EvidenceForm(plan=plan) if can_write else None,
            "return_form": ReturnForm(),
            "can_write": can_write,
            "can_review": access.can_mentor_unit(request.user, unit_id)
            and report.status == MonthlyReport.Status.SUBMITTED,
            "due": due,
            "overdue": rules.is_overdue(year=plan.year, month=report.month,
                                        submitted=report.revision > 0, today=today,
                                        due_day=selectors.due_day(),
                                        since=selectors.plan_made_on(plan)),
            "month_code": f"B{report.month:02d}",
            "month_name": BULAN[report.month - 1],
            "late": report.first_submitted_at is not None
            and timezone.localdate(report.first_submitted_at) > due,
        },
    )  # fmt: skip


@require_POST
def report_evidence_add(request, pk):
    report = planning_access.get_report_for_user(request.user, pk, write=True)
    form = EvidenceForm(request.POST, request.FILES, plan=report.plan)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.monthly_report_evidence_add(
                report=report, file=upload, action_row=form.cleaned_data.get("action_row"), by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Bukti ditambahkan."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(report)


def report_evidence_file(request, pk):
    evidence = get_object_or_404(ReportEvidence.objects.select_related("report__plan"), pk=pk)
    access.require(access.can_read_unit(request.user, evidence.report.plan.unit_id))
    return files.serve(evidence.file)


@require_POST
def report_submit(request, pk):
    report = planning_access.get_report_for_user(request.user, pk, write=True)
    try:
        services.monthly_report_submit(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Laporan diajukan kepada Tim Pendamping."))
    return redirect(report)


@require_POST
def report_accept(request, pk):
    report = planning_access.get_report_for_user(request.user, pk)
    access.require(access.can_mentor_unit(request.user, report.plan.unit_id))
    try:
        services.monthly_report_accept(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Laporan diterima."))
    return redirect(report)


@require_POST
def report_return(request, pk):
    report = planning_access.get_report_for_user(request.user, pk)
    access.require(access.can_mentor_unit(request.user, report.plan.unit_id))
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan catatan mengapa laporan dikembalikan."))
        return redirect(report)
    try:
        services.monthly_report_return(
            report=report, note=form.cleaned_data["note"], by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Laporan dikembalikan kepada Tim Kerja dengan catatan."))
    return redirect(report)


def review_queue(request):
    """Reports waiting for the Tim Pendamping."""
    access.require(access.can_read_city(request.user))
    page = Paginator(selectors.review_queue(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "planning/review_queue.html", {"page": page})


def overdue_list(request):
    """Pasal 12 ayat (4): reports past their due day, city-wide."""
    access.require(access.can_read_city(request.user))
    today = timezone.localdate()
    items = selectors.overdue_reports(today)
    return render(
        request,
        "planning/overdue_list.html",
        {"items": items, "today": today, "due_day": selectors.due_day()},
    )


def heat_map(request):
    """Units × months: planned against realised, coloured (Pasal 12 ayat 5)."""
    access.require(access.can_read_city(request.user))
    year = _year(request)
    units = Unit.objects.filter(is_active=True)
    show_all = request.GET.get("semua") == "1"
    if not show_all:
        units = units.filter(action_plans__year=year)
    rows = selectors.heat_map(year, timezone.localdate(), units)
    return render(
        request,
        "planning/heat_map.html",
        {"rows": rows, "year": year, "month_codes": rules.MONTH_CODES, "show_all": show_all},
    )
