"""Staff pages around the register: SP4N-LAPOR! import, settings, figures (counts only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts.access import (
    can_administer,
    can_read_city,
    require,
    writable_units_for_user,
)
from integritas.accounts.models import User
from integritas.common import exports, staging
from integritas.common.tabular import TableError, read_table
from integritas.common.uploads import CSV, SPREADSHEET, check_upload
from integritas.complaints import access, config, lapor, lke, selectors, services, workdays
from integritas.complaints.forms import HolidayForm, LaporImportForm, add_service_error
from integritas.complaints.models import ComplaintOfficer, ExtraHoliday, TimeLimit
from integritas.organization.models import Unit

IMPORT_PURPOSE = "complaints.lapor"


def _import_page(request, context, *, status=200):
    context.setdefault("columns", lapor.COLUMNS)
    return render(request, "complaints/lapor_import.html", context, status=status)


def lapor_upload(request):
    """Step 1: upload the export; see every bad row and every duplicate, or the preview."""
    require(access.can_record(request.user))
    form = LaporImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _import_page(request, {"form": form}, status=400 if form.errors else 200)
    uploaded = form.cleaned_data["berkas"]
    unit = form.cleaned_data["unit"]
    if unit is not None and not access.can_record_for_unit(request.user, unit.pk):
        form.add_error("unit", _("Anda hanya dapat mengimpor pengaduan untuk unit Anda."))
        return _import_page(request, {"form": form}, status=400)
    try:
        sniffed = check_upload(uploaded, families={CSV, SPREADSHEET})
    except ValidationError as exc:
        form.add_error("berkas", exc.messages)
        return _import_page(request, {"form": form}, status=400)
    uploaded.seek(0)
    data = uploaded.read()
    ext = "xlsx" if sniffed.family == SPREADSHEET else "csv"
    try:
        table = read_table(data, kind=ext, limits=lapor.IMPORT_FORMAT)
    except TableError as exc:
        # The capped reader's refusal (too big, not a plain workbook): the page with its
        # message, answered like every other staged import.
        form.add_error("berkas", str(exc))
        return _import_page(request, {"form": form})
    result = lapor.check(table, default_unit=unit)
    result.problems += _foreign_units(request.user, result)
    context = {"form": form, "check": result}
    if result.ok and result.rows:
        context["import_token"] = staging.stage(
            request, purpose=IMPORT_PURPOSE, data=data,
            meta={"ext": ext, "unit": unit.pk if unit else None},
        )  # fmt: skip
        context["preview"] = result.rows[:50]
    return _import_page(request, context, status=200 if result.ok else 400)


def _foreign_units(user, result) -> list[lapor.RowProblem]:
    """A unit officer imports only rows of his or her own units."""
    return [
        lapor.RowProblem(item["row"], "kode_unit", _("Anda tidak menangani pengaduan unit ini."))
        for item in result.rows
        if not access.can_record_for_unit(user, item["unit"].pk)
    ]


@require_POST
def lapor_commit(request):
    """Step 2: write every new row in one transaction, or nothing."""
    require(access.can_record(request.user))
    staged = staging.load(
        request, purpose=IMPORT_PURPOSE, token=request.POST.get(staging.TOKEN_FIELD)
    )
    if staged is None:
        messages.error(request, _("Tidak ada impor yang menunggu. Unggah berkasnya lagi."))
        return redirect("complaints:lapor_import")
    pending = staged.meta
    try:
        table = read_table(staged.data, kind=pending["ext"], limits=lapor.IMPORT_FORMAT)
    except TableError:
        messages.error(request, _("Berkas impor tidak ditemukan lagi. Unggah berkasnya lagi."))
        return redirect("complaints:lapor_import")
    unit = Unit.objects.filter(pk=pending["unit"]).first() if pending["unit"] else None
    checked = lapor.check(table, default_unit=unit)
    foreign = _foreign_units(request.user, checked)
    try:
        if foreign:
            checked.problems += foreign
            raise lapor.ImportRejected(checked)
        result = lapor.lapor_import(table=table, default_unit=unit, by=request.user)
    except lapor.ImportRejected as exc:
        return _import_page(request, {"form": LaporImportForm(), "check": exc.check}, status=400)
    staging.discard(request, purpose=IMPORT_PURPOSE)
    messages.success(
        request,
        _("Impor selesai: %(n)d pengaduan baru, %(d)d nomor tracking sudah ada dan dilewati.")
        % {"n": len(result.rows), "d": len(result.duplicates)},
    )
    return redirect("complaints:register")


def lapor_template(request):
    """A blank CSV with the expected columns."""
    require(access.can_record(request.user))
    response = HttpResponse(
        exports.csv_bytes([lapor.COLUMNS], bom=False), content_type=exports.CSV_MIME
    )
    return exports.attachment(response, "impor-sp4n-lapor.csv")


def settings_page(request):
    """Cuti bersama and local holidays, time limits, unit complaint officers (administrator)."""
    require(can_administer(request.user))
    holiday_form = (
        HolidayForm(request.POST or None) if request.POST.get("aksi") == "libur" else HolidayForm()
    )
    if request.method == "POST":
        try:
            done = _apply_setting(request, holiday_form)
        except ValidationError as exc:
            if request.POST.get("aksi") == "libur":
                add_service_error(holiday_form, exc)
            else:
                messages.error(request, " ".join(exc.messages))
        else:
            if done:
                messages.success(request, _("Pengaturan tersimpan."))
                return redirect("complaints:settings")
    limits = {limit.key: limit for limit in TimeLimit.objects.all()}
    return render(
        request, "complaints/settings.html",
        {"holiday_form": holiday_form, "holidays": ExtraHoliday.objects.all(),
         "limits": [(key, label, limits.get(key)) for key, label in TimeLimit.Key.choices],
         "current": services.current_limits(),
         "national": workdays.national_holidays(timezone.localdate().year),
         "year": timezone.localdate().year,
         "officers": ComplaintOfficer.objects.select_related("unit", "user").order_by("unit__name"),
         "units": Unit.objects.filter(is_active=True).order_by("name"),
         "users": User.objects.filter(is_active=True).order_by("username")},
        status=400 if holiday_form.errors else 200,
    )  # fmt: skip


def _apply_setting(request, holiday_form) -> bool:
    action = request.POST.get("aksi", "")
    user = request.user
    if action == "libur":
        if not holiday_form.is_valid():
            return False
        config.holiday_add(by=user, **holiday_form.cleaned_data)
    elif action == "hapus_libur":
        config.holiday_remove(holiday=_pick(ExtraHoliday, request.POST.get("id")), by=user)
    elif action == "batas":
        key = request.POST.get("key", "")
        raw = request.POST.get("working_days", "")
        if key not in TimeLimit.Key.values or not raw.isdigit():
            raise ValidationError(_("Isi jumlah hari kerja dengan bilangan bulat 1–365."))
        config.time_limit_set(key=key, working_days=int(raw), by=user)
    elif action == "petugas":
        config.officer_add(
            unit=_pick(Unit, request.POST.get("unit")), user=_pick(User, request.POST.get("user")),
            by=user,
        )  # fmt: skip
    elif action == "hapus_petugas":
        config.officer_remove(officer=_pick(ComplaintOfficer, request.POST.get("id")), by=user)
    else:
        raise ValidationError(_("Tindakan tidak dikenal."))
    return True


def _pick(model, raw):
    if not (raw or "").isdigit():
        raise ValidationError(_("Pilih data dari daftar."))
    return get_object_or_404(model, pk=int(raw))


def figures_page(request):
    """Counts, time-limit figures and LKE R5.ii.a per unit: never contents (pimpinan see this)."""
    user = request.user
    if access.can_see_figures(user):
        unit_ids = None
        if not (can_administer(user) or can_read_city(user)):
            unit_ids = access.officer_unit_ids(user)
    else:
        unit_ids = set(writable_units_for_user(user).values_list("id", flat=True))
        require(bool(unit_ids))
    today = timezone.localdate()
    year = today.year
    chosen = request.GET.get("tahun", "")
    if chosen.isdigit() and 2000 <= int(chosen) <= year:
        year = int(chosen)
    # The unit side never learns of whistle-blowing reports about it, not even as a count.
    city_view = can_administer(user) or can_read_city(user) or access.is_tpi(user)
    rows = selectors.unit_figures(
        year=year, today=today, unit_ids=unit_ids, include_whistleblowing=city_view
    )
    kinds = selectors.kind_counts(year=year, unit_ids=unit_ids, include_whistleblowing=city_view)
    return render(
        request, "complaints/figures.html",
        {"rows": rows, "kinds": kinds, "year": year,
         "years": range(today.year, today.year - 5, -1),
         "handles_register": access.handles_register(user),
         "writable": set(writable_units_for_user(user).values_list("id", flat=True))},
    )  # fmt: skip


@require_POST
def lke_adopt(request, unit_id: int, year: int):
    """A unit writer takes the register's R5.ii.a figures into the self-assessment."""
    from integritas.accounts.access import can_write_unit

    require(can_write_unit(request.user, unit_id))
    unit = get_object_or_404(Unit, pk=unit_id)
    try:
        lke.suggestion_adopt(unit=unit, year=year, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Angka pengaduan dimasukkan ke jawaban LKE R5.ii.a; periksa di penilaian.")
        )
    return redirect(f"{reverse('complaints:figures')}?tahun={year}")
