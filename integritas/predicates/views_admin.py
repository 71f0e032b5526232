"""Predicates pages for recording facts: instansi and unit prerequisites, the wajib-lapor register."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access as accounts_access
from integritas.common import staging
from integritas.common.tabular import TableError, read_table
from integritas.organization.models import Institution
from integritas.predicates import access, imports, selectors, services
from integritas.predicates.forms import DutyImportForm, InstitutionFactsForm, UnitFactsForm
from integritas.predicates.models import InstitutionFacts, ReportingDuty

IMPORT_PURPOSE = "predicates.duties"


def _check_year(year: int) -> None:
    if not 2020 <= year <= 2100:
        raise Http404


def institution_facts(request, year: int):
    """The administrator records the instansi's prerequisites of a year, each with its source."""
    accounts_access.require(access.can_administer(request.user))
    _check_year(year)
    institution = Institution.objects.first()
    if institution is None:
        raise Http404
    facts = selectors.institution_facts(institution, year) or InstitutionFacts(
        institution=institution, year=year
    )
    form = InstitutionFactsForm(request.POST or None, request.FILES or None, instance=facts)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.institution_facts_save(
                institution=institution,
                year=year,
                values=values,
                files=form.files_to_attach(),
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Persyaratan instansi tersimpan."))
            return redirect("predicates:overview")
    title = _("Persyaratan tingkat instansi %(year)d") % {"year": year}
    return render(
        request, "predicates/form.html", {"form": form, "title": title, "multipart": True}
    )


def unit_facts(request, unit_pk: int, year: int):
    """The administrator or an independent TPI member records a unit's prerequisites of a year."""
    _check_year(year)
    facts = access.get_unit_facts_for_user(request.user, unit_pk, year, write=True)
    form = UnitFactsForm(request.POST or None, instance=facts)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_facts_save(
                unit=facts.unit, year=year, values=form.values(), by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Persyaratan unit tersimpan."))
            return redirect("predicates:unit_detail", facts.unit_id, year)
    title = _("Persyaratan unit %(unit)s %(year)d") % {"unit": facts.unit.name, "year": year}
    return render(request, "predicates/form.html", {"form": form, "title": title})


def duties(request, year: int):
    """The wajib-lapor register of a year: % per unit, every employee, import and ticks."""
    accounts_access.require(access.can_administer(request.user))
    _check_year(year)
    kind = request.GET.get("laporan", ReportingDuty.Kind.LHKPN)
    if kind not in ReportingDuty.Kind.values:
        kind = ReportingDuty.Kind.LHKPN
    rows = ReportingDuty.objects.filter(year=year, kind=kind).select_related("unit")
    per_unit: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for duty in rows:
        counts = per_unit.setdefault(duty.unit_id, [0, 0])
        counts[1] += 1
        counts[0] += int(duty.reported)
        names[duty.unit_id] = duty.unit.name
    summary = [
        {"unit": names[uid], "compliance": selectors.Compliance(kind, reported, total)}
        for uid, (reported, total) in sorted(per_unit.items(), key=lambda kv: names[kv[0]])
    ]
    context = {
        "year": year, "kind": kind, "kinds": ReportingDuty.Kind.choices, "rows": rows, "summary": summary,
        "form": DutyImportForm(initial={"kind": kind}), "columns": imports.DUTY_COLUMNS,
    }  # fmt: skip
    return render(request, "predicates/duties.html", context)


def duties_import(request, year: int):
    """Step 1: upload, see every bad row or a preview of what will be written."""
    accounts_access.require(access.can_administer(request.user))
    _check_year(year)
    form = DutyImportForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form, "year": year, "columns": imports.DUTY_COLUMNS}
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        data = uploaded.read()
        ext = "xlsx" if form.sniffed.family == "spreadsheet" else "csv"
        try:
            table = read_table(data, kind=ext, limits=imports.DUTY_FORMAT)
        except TableError as exc:
            form.add_error("file", str(exc))
            return render(request, "predicates/duties_import.html", context)
        check = imports.check_duties(table, year=year, kind=kind)
        context.update({"check": check, "kind": kind, "filename": uploaded.name})
        if check.ok:
            context["import_token"] = staging.stage(
                request, purpose=IMPORT_PURPOSE, data=data,
                meta={"ext": ext, "kind": kind, "year": year, "filename": uploaded.name},
            )  # fmt: skip
            context["preview"] = check.parsed[:20]
    return render(request, "predicates/duties_import.html", context)


@require_POST
def duties_import_commit(request, year: int):
    """Step 2: write every row in one transaction, or nothing."""
    accounts_access.require(access.can_administer(request.user))
    staged = staging.load(
        request, purpose=IMPORT_PURPOSE, token=request.POST.get(staging.TOKEN_FIELD)
    )
    if staged is None or staged.meta.get("year") != year:
        messages.error(request, _("Tidak ada impor yang menunggu. Unggah berkasnya lagi."))
        return redirect("predicates:duties_import", year)
    pending = staged.meta
    try:
        table = read_table(staged.data, kind=pending["ext"], limits=imports.DUTY_FORMAT)
    except TableError:
        messages.error(request, _("Berkas impor tidak ditemukan lagi. Unggah berkasnya lagi."))
        return redirect("predicates:duties_import", year)
    try:
        check = services.duties_import(
            table=table, year=year, kind=pending["kind"], by=request.user
        )
    except services.ImportRejected as exc:
        context = {
            "form": DutyImportForm(),
            "year": year,
            "check": exc.check,
            "columns": imports.DUTY_COLUMNS,
        }
        return render(request, "predicates/duties_import.html", context)
    staging.discard(request, purpose=IMPORT_PURPOSE)
    messages.success(
        request,
        _("Impor selesai: %(c)d baris baru, %(u)d baris diperbarui.")
        % {"c": check.creates, "u": check.updates},
    )
    return redirect(f"{reverse('predicates:duties', args=[year])}?laporan={pending['kind']}")


@require_POST
def duty_mark(request, pk: int):
    accounts_access.require(access.can_administer(request.user))
    duty = ReportingDuty.objects.filter(pk=pk).first()
    if duty is None:
        raise Http404
    try:
        services.duty_mark(
            duty=duty, reported=request.POST.get("reported") == "ya", by=request.user
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(f"{reverse('predicates:duties', args=[duty.year])}?laporan={duty.kind}")
