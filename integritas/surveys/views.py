"""Staff pages of the surveys part: waves, services, codes, paper entry, review, results, exports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.audit.services import record
from integritas.common.numbers import query_int
from integritas.surveys import charts, exports, oversight, permissions, selectors, services
from integritas.surveys.forms import (
    CodeIssueForm,
    FollowUpForm,
    ItemAddForm,
    PaperForm,
    ReviewForm,
    ServiceForm,
    WaveCreateForm,
    WaveEditForm,
    WeightsForm,
)
from integritas.surveys.instruments import bundled_instrument
from integritas.surveys.models import CodeBatch, FollowUp, Response, SurveyWave, WaveService
from integritas.surveys.policy import policy_for, rules_text

PAGE_SIZE = 25


def _wave_for_user(user, pk: int, *, write: bool = False) -> SurveyWave:
    """The wave if the user may read (or write) its unit; 404 otherwise."""
    wave = SurveyWave.objects.select_related("unit", "closed_by").filter(pk=pk).first()
    if wave is None:
        raise Http404
    allowed = (
        access.can_write_unit(user, wave.unit_id)
        if write
        else access.can_read_unit(user, wave.unit_id)
    )
    access.require(allowed)
    return wave


def _error(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def wave_list(request):
    """Pasal 11 ayat 10–14: the survey waves of the units the user may read."""
    waves = selectors.wave_list(
        units=access.units_for_user(request.user),
        kind=request.GET.get("jenis", ""),
        status=request.GET.get("status", ""),
        year=query_int(request.GET, "tahun", min_value=2000, max_value=2100),
    )
    page = Paginator(waves, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/wave_list.html",
        {
            "page": page,
            "kinds": SurveyWave.Kind.choices,
            "statuses": SurveyWave.Status.choices,
            "can_create": access.writable_units_for_user(request.user).exists(),
        },
    )


def wave_create(request):
    units = access.writable_units_for_user(request.user).order_by("name")
    access.require(units.exists())
    form = WaveCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wave = services.wave_create(
                unit=data["unit"], kind=data["kind"], period_type=data["period_type"],
                year=data["year"], period_number=data["period_number"],
                access_mode=data["access_mode"], code_validity_days=data["code_validity_days"],
                scale=data["scale"], conversion=data["conversion"],
                sample_method=data["sample_method"], by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Gelombang %(title)s dibuat. Tambahkan jenis layanannya.")
                % {"title": wave.title},
            )
            return redirect(wave)
    return render(request, "surveys/form.html", {"form": form, "title": _("Gelombang survei baru")})


def wave_detail(request, pk):
    wave = _wave_for_user(request.user, pk)
    service_rows = list(selectors.service_progress(wave))
    can_write = access.can_write_unit(request.user, wave.unit_id)
    own_codes = set(bundled_instrument(services.BUNDLED_BY_KIND[wave.kind]).codes)
    return render(
        request,
        "surveys/wave_detail.html",
        {
            "wave": wave,
            "service_rows": service_rows,
            "totals": {
                "population": sum(s.population for s in service_rows),
                "target": sum(s.target_sample for s in service_rows),
                "accepted": sum(s.accepted_count for s in service_rows),
                "held": sum(s.held_count for s in service_rows),
            },
            "batches": wave.code_batches.select_related("service", "issued_by")[:20],
            "can_write": can_write,
            "public_url": request.build_absolute_uri(wave.public_path()),
            "items": wave.instrument_obj.items,
            "added_codes": [c for c in wave.item_codes if c not in own_codes],
            "service_form": ServiceForm() if can_write and wave.is_draft else None,
            "can_decide": permissions.can_decide_responses(request.user, wave),
            "can_see_queue": permissions.can_see_review_queue(request.user, wave),
            "can_run_kiosk": permissions.can_run_kiosk(request.user, wave),
            "can_set_policy": permissions.can_set_policy(request.user, wave),
            "feeds_lke": permissions.feeds_lke(wave),
            "kiosks": wave.kiosks.filter(locked_at__isnull=True).select_related("unlocked_by"),
            "policy_rules": rules_text(policy_for(wave)),
        },
    )


def wave_edit(request, pk):
    wave = _wave_for_user(request.user, pk, write=True)
    form = WaveEditForm(request.POST or None, instance=wave)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.wave_update(
                wave=SurveyWave.objects.get(pk=pk), changes=changes, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Pengaturan gelombang tersimpan."))
            return redirect(wave)
    return render(
        request,
        "surveys/form.html",
        {"form": form, "title": _("Ubah %(title)s") % {"title": wave.title}, "wave": wave},
    )


def service_edit(request, pk, service_pk=None):
    wave = _wave_for_user(request.user, pk, write=True)
    service = (
        get_object_or_404(WaveService, pk=service_pk, wave=wave)
        if service_pk
        else WaveService(wave=wave)
    )
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_save(service=form.instance, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Layanan %(name)s tersimpan; target sampel %(n)d.")
                % {"name": service.name, "n": service.target_sample},
            )
            return redirect(wave)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "title": _("Jenis layanan — %(title)s") % {"title": wave.title},
            "wave": wave,
        },
    )


@require_POST
def service_remove(request, pk, service_pk):
    wave = _wave_for_user(request.user, pk, write=True)
    service = get_object_or_404(WaveService, pk=service_pk, wave=wave)
    try:
        services.service_remove(service=service, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Layanan dihapus."))
    return redirect(wave)


def item_add(request, pk):
    wave = _wave_for_user(request.user, pk, write=True)
    access.require(wave.is_draft)
    form = ItemAddForm(request.POST or None, scale=wave.scale)
    if request.method == "POST" and form.is_valid():
        try:
            services.wave_item_add(
                wave=wave, name=form.cleaned_data["name"], text=form.cleaned_data["text"],
                answers=form.answers(), by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Butir ditambahkan; semua butir kini berbobot sama. Atur bobot bila perlu."),
            )
            return redirect(wave)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "title": _("Tambah unsur/butir — %(title)s") % {"title": wave.title},
            "wave": wave,
        },
    )


@require_POST
def item_remove(request, pk, code):
    wave = _wave_for_user(request.user, pk, write=True)
    try:
        services.wave_item_remove(wave=wave, code=code, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Butir %(code)s dihapus.") % {"code": code})
    return redirect(wave)


def weights_edit(request, pk):
    wave = _wave_for_user(request.user, pk, write=True)
    access.require(wave.is_draft)
    form = WeightsForm(request.POST or None, wave=wave)
    if request.method == "POST" and form.is_valid():
        try:
            services.wave_weights_set(
                wave=wave, weights=form.cleaned_data["weights"], by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Bobot tersimpan."))
            return redirect(wave)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "title": _("Bobot unsur/butir — %(title)s") % {"title": wave.title},
            "wave": wave,
            "intro": _(
                "Jumlah seluruh bobot harus tepat 1 (PermenPANRB 14/2017). Tulis pecahan seperti 1/10 atau desimal seperti 0,1."
            ),
        },
    )


@require_POST
def wave_open(request, pk):
    wave = _wave_for_user(request.user, pk, write=True)
    try:
        services.wave_open(wave=wave, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Gelombang dibuka; tautan dan kode kini dapat dipakai."))
    return redirect(wave)


def wave_close(request, pk):
    wave = _wave_for_user(request.user, pk, write=True)
    access.require(wave.is_open)
    results = selectors.wave_results(wave)
    if request.method == "POST":
        try:
            closed = services.wave_close(wave=wave, by=request.user)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Gelombang ditutup; hasilnya dibekukan."))
            lke = closed.results.get("lke")
            if lke and lke["fed"]:
                messages.success(
                    request,
                    _("Indeks ini kini menjadi isian %(field)s LKE unit tahun %(year)d.")
                    % {
                        "field": "IPAK" if lke["field"] == "ipak_index" else "IPKP",
                        "year": closed.year,
                    },
                )
            elif lke:
                messages.warning(
                    request,
                    _("Indeks tidak dimasukkan ke LKE: %(why)s") % {"why": lke["message"]},
                )
            return redirect("surveys:results", pk=wave.pk)
    return render(request, "surveys/wave_close.html", {"wave": wave, "results": results})


def codes_issue(request, pk):
    wave = _wave_for_user(request.user, pk, write=True)
    access.require(wave.uses_codes and not wave.is_closed)
    form = CodeIssueForm(request.POST or None, wave=wave)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.codes_issue(
                wave=wave, service=form.cleaned_data["service"], count=form.cleaned_data["count"],
                validity_days=form.cleaned_data["validity_days"], by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("%(n)d kode diterbitkan. Cetak lembar kodenya.") % {"n": batch.count}
            )
            return redirect("surveys:code_batch", pk=wave.pk, batch_pk=batch.pk)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "title": _("Terbitkan kode survei — %(title)s") % {"title": wave.title},
            "wave": wave,
            "intro": _(
                "Setiap kode berlaku untuk satu kali pengisian. Berikan satu kode kepada setiap penerima layanan yang sudah selesai dilayani (cetak pada karcis antrean atau struk)."
            ),
        },
    )


def code_batch(request, pk, batch_pk):
    wave = _wave_for_user(request.user, pk, write=True)
    batch = get_object_or_404(CodeBatch.objects.select_related("service"), pk=batch_pk, wave=wave)
    codes = batch.codes.order_by("id")
    return render(
        request,
        "surveys/code_batch.html",
        {
            "wave": wave,
            "batch": batch,
            "codes": codes,
            "used": codes.filter(used_at__isnull=False).count(),
        },
    )


def paper_entry(request, pk):
    """Paper sheets; for an SPAK/SPKP wave typed in by someone outside the unit."""
    wave = _wave_for_user(request.user, pk)
    access.require(permissions.can_decide_responses(request.user, wave) and wave.is_open)
    form = PaperForm(request.POST or None, wave=wave)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_enter_paper(
                wave=wave, service=form.chosen_service(), answers=form.answers(),
                profile=form.profile(), sheet_number=form.cleaned_data["sheet_number"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Lembar %(n)s tersimpan. Masukkan lembar berikutnya.")
                % {"n": form.cleaned_data["sheet_number"]},
            )
            return redirect("surveys:paper_entry", pk=wave.pk)
    recent = Response.objects.filter(wave=wave, channel=Response.Channel.PAPER).count()
    return render(
        request, "surveys/paper_entry.html", {"wave": wave, "form": form, "paper_count": recent}
    )


def review_queue(request, pk):
    """Pasal 11 ayat 10–14: held responses are approved or rejected, never deleted.

    For an SPAK/SPKP wave the unit sees its queue but only the TPI or an administrator outside
    the unit decides (permissions.can_decide_responses).
    """
    wave = _wave_for_user(request.user, pk)
    access.require(permissions.can_see_review_queue(request.user, wave))
    can_decide = permissions.can_decide_responses(request.user, wave)
    status = request.GET.get("status", Response.Status.HELD)
    if status not in Response.Status.values:
        status = Response.Status.HELD
    rows = selectors.review_queue(wave, status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    form = None
    if request.method == "POST":
        access.require(wave.is_open and can_decide)
        form = ReviewForm(request.POST, response_ids=[r.pk for r in page])
        if form.is_valid():
            accept = form.cleaned_data["decision"] == "terima"
            try:
                count = services.responses_review(
                    wave=wave, response_ids=form.cleaned_data["responses"], accept=accept,
                    note=form.cleaned_data["note"], by=request.user,
                )  # fmt: skip
            except ValidationError as exc:
                _error(request, exc)
            else:
                messages.success(
                    request,
                    (_("%(n)d jawaban diterima.") if accept else _("%(n)d jawaban ditolak."))
                    % {"n": count},
                )
                return redirect(f"{request.path}?status={status}")
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
    return render(
        request,
        "surveys/review_queue.html",
        {
            "wave": wave,
            "page": page,
            "status": status,
            "statuses": Response.Status.choices,
            "items": wave.instrument_obj.items,
            "policy_rules": rules_text(policy_for(wave)),
            "can_decide": can_decide,
            "feeds_lke": permissions.feeds_lke(wave),
        },
    )


def results(request, pk):
    """Pasal 11 ayat 10–14: indices per service and wave, CI, warnings, charts and the trend."""
    wave = _wave_for_user(request.user, pk)
    result = selectors.wave_results(wave)
    history = selectors.trend(wave)
    follow_ups = wave.follow_ups.all()
    can_write = access.can_write_unit(request.user, wave.unit_id)
    return render(
        request,
        "surveys/results.html",
        {
            "wave": wave,
            "results": result,
            "chart": charts.items_chart(wave, result.overall),
            "trend_chart": charts.trend_chart(history) if len(history) > 1 else "",
            "history": history,
            "follow_ups": follow_ups,
            "can_write": can_write,
            "follow_up_form": FollowUpForm(instance=FollowUp(wave=wave)) if can_write else None,
            "profile": selectors.profile_counts(wave) if wave.kind == SurveyWave.Kind.SKM else None,
            "profile_labels": _profile_labels(wave),
            "oversight": oversight.wave_oversight(wave),
            "feeds_lke": permissions.feeds_lke(wave),
        },
    )


def _profile_labels(wave: SurveyWave) -> dict[str, dict[str, str]]:
    return {
        field.code: {"": _("Tidak diisi"), **{c.code: c.label for c in field.choices}}
        for field in wave.instrument_obj.profile
    }


def follow_up_edit(request, pk, follow_up_pk=None):
    wave = _wave_for_user(request.user, pk, write=True)
    follow_up = (
        get_object_or_404(FollowUp, pk=follow_up_pk, wave=wave)
        if follow_up_pk
        else FollowUp(wave=wave)
    )
    form = FollowUpForm(request.POST or None, instance=follow_up)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_save(follow_up=form.instance, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Rencana tindak lanjut tersimpan."))
            return redirect("surveys:results", pk=wave.pk)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "title": _("Rencana tindak lanjut — %(title)s") % {"title": wave.title},
            "wave": wave,
        },
    )


@require_POST
def follow_up_remove(request, pk, follow_up_pk):
    wave = _wave_for_user(request.user, pk, write=True)
    follow_up = get_object_or_404(FollowUp, pk=follow_up_pk, wave=wave)
    services.follow_up_remove(follow_up=follow_up, by=request.user)
    messages.success(request, _("Baris rencana tindak lanjut dihapus."))
    return redirect("surveys:results", pk=wave.pk)


def export(request, pk, what, fmt):
    """CSV/XLSX of the responses or of the results (Pasal 11 ayat 10–14)."""
    wave = _wave_for_user(request.user, pk)
    if what not in ("jawaban", "hasil") or fmt not in ("csv", "xlsx"):
        raise Http404
    if what == "jawaban":
        # The respondents' profiles are personal data: who took them out is on the record.
        record(actor=request.user, action="survei.jawaban_diekspor", obj=wave,
               unit_id=wave.unit_id, changes={"format": fmt})  # fmt: skip
        return exports.responses_response(wave, fmt)
    return exports.results_response(wave, selectors.wave_results(wave), fmt)
