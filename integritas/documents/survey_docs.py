"""Survey documents: QR posters, code slips and the SKM result report (PermenPANRB 14/2017)."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from integritas.accounts import access
from integritas.common.formatting import angka, tanggal
from integritas.documents.catalogue import DocumentType, register
from integritas.documents.render import PDF_MIME, file_response, letterhead, render_pdf
from integritas.surveys import charts, indices, selectors
from integritas.surveys.models import CodeBatch, SurveyWave, WaveService

KIND_TITLES = {
    SurveyWave.Kind.SKM: "Survei Kepuasan Masyarakat",
    SurveyWave.Kind.SPAK: "Survei Persepsi Anti Korupsi",
    SurveyWave.Kind.SPKP: "Survei Persepsi Kualitas Pelayanan",
}


def _wave(request, pk: int, *, write: bool = False) -> SurveyWave:
    wave = SurveyWave.objects.select_related("unit", "unit__head").filter(pk=pk).first()
    if wave is None:
        raise Http404
    allowed = (
        access.can_write_unit(request.user, wave.unit_id)
        if write
        else access.can_read_unit(request.user, wave.unit_id)
    )
    access.require(allowed)
    return wave


def _public_url(request, wave: SurveyWave, query: str = "") -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    path_ = wave.public_path() + (f"?{query}" if query else "")
    return f"{base}{path_}" if base else request.build_absolute_uri(path_)


def _short(url: str) -> str:
    return url.split("://", 1)[-1]


def _qr(url: str, *, scale: int) -> str:
    return segno.make(url, error="m").png_data_uri(scale=scale, border=2)


# --- QR poster ----------------------------------------------------------------------------------


def survey_poster(request, pk: int, service_pk: int):
    """An A4 poster for one service counter: the QR code of the wave's public form."""
    wave = _wave(request, pk)
    service = get_object_or_404(WaveService, pk=service_pk, wave=wave)
    url = _public_url(request, wave, "" if wave.uses_codes else f"l={service.pk}")
    pdf = render_pdf(
        "documents/surveys/poster.html",
        {
            "kop": letterhead(wave.unit), "wave": wave, "service": service,
            "kind_title": KIND_TITLES[SurveyWave.Kind(wave.kind)], "qr": _qr(url, scale=12),
            "url": url, "short_url": _short(url),
        },
    )  # fmt: skip
    name = slugify(f"poster-{wave.kind}-{wave.unit.code}-{service.name}")
    return file_response(pdf, filename=f"{name}.pdf", content_type=PDF_MIME, inline=True)


# --- code slips --------------------------------------------------------------------------------


def survey_code_slips(request, pk: int, batch_pk: int):
    """Slips to cut and hand out (or print on queue tickets): one single-use code each."""
    wave = _wave(request, pk, write=True)
    batch = get_object_or_404(CodeBatch.objects.select_related("service"), pk=batch_pk, wave=wave)
    slips = [
        {
            "code": code.display,
            "qr": _qr(_public_url(request, wave, f"kode={code.code}"), scale=3),
            "used": code.used_at is not None,
        }
        for code in batch.codes.order_by("id")
    ]
    pdf = render_pdf(
        "documents/surveys/code_slips.html",
        {
            "wave": wave, "batch": batch, "slips": slips, "unit": wave.unit,
            "kind_title": KIND_TITLES[SurveyWave.Kind(wave.kind)],
            "short_url": _short(_public_url(request, wave)),
            "expires": timezone.localtime(batch.expires_at),
        },
    )  # fmt: skip
    name = slugify(f"kode-{wave.kind}-{wave.unit.code}-{batch.pk}")
    return file_response(pdf, filename=f"{name}.pdf", content_type=PDF_MIME, inline=True)


# --- SKM report ----------------------------------------------------------------------------------


def _profile_rows(wave: SurveyWave, results: selectors.WaveResults) -> list[dict[str, Any]]:
    """Respondent profile tables: jenis kelamin, usia, pendidikan, pekerjaan, jenis layanan."""
    counts = selectors.profile_counts(wave)
    total = results.respondents or 1
    sections = []
    for field in wave.instrument_obj.profile:
        if field.choices_from:
            rows = [(group.label, group.respondents) for group in results.services]
        else:
            found = dict(counts.get(field.code, []))
            rows = [(choice.label, found.pop(choice.code, 0)) for choice in field.choices]
            if found.get("", 0):
                rows.append((_("Tidak diisi"), found[""]))
        sections.append(
            {
                "label": field.label,
                "rows": [
                    {"label": label, "n": str(n), "percent": angka(100 * n / total, 1)}
                    for label, n in rows
                ],
            }
        )
    return sections


def skm_report_context(wave: SurveyWave, results: selectors.WaveResults) -> dict[str, Any]:
    """Everything the SKM report shows, as display strings (shared by .docx and PDF)."""
    overall = results.overall
    weights = wave.weights()
    items = []
    for item in overall.items:
        per_unsur = indices.classify_ikm(indices.round_half_up(item.mean * 25, 2))
        items.append(
            {
                "code": item.code, "name": item.name, "count": str(item.count),
                "nrr": angka(item.mean3, 3), "weight": str(weights[item.code]),
                "weighted": angka(indices.round_half_up(item.mean * weights[item.code], 3), 3),
                "mutu": per_unsur.mutu, "kinerja": per_unsur.kinerja,
            }
        )  # fmt: skip
    ranked = sorted(overall.items, key=lambda i: i.mean)
    head = wave.unit.head
    return {
        "unit_name": wave.unit.name,
        "title": "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT",
        "period": wave.period_label,
        "year": str(wave.year),
        "start": tanggal(wave.start_date),
        "end": tanggal(wave.end_date),
        "regulation": wave.instrument.get("regulation", ""),
        "respondents": angka(overall.respondents, 0),
        "target": angka(overall.target, 0),
        "population": angka(overall.population, 0),
        "sample_method": str(wave.get_sample_method_display()),
        "below_target": overall.below_target,
        "services": [
            {
                "name": g.label,
                "population": angka(g.population, 0),
                "target": angka(g.target, 0),
                "respondents": angka(g.respondents, 0),
                "ikm": angka(g.value, 2) if g.value is not None else "–",
                "mutu": g.mutu or "–",
                "kinerja": g.kinerja or "–",
            }
            for g in results.services
        ],  # fmt: skip
        "items": items,
        "interval": angka(overall.interval3, 3) if overall.value_exact is not None else "–",
        "ikm": angka(overall.value, 2) if overall.value is not None else "–",
        "mutu": overall.mutu or "–",
        "kinerja": overall.kinerja or "–",
        "ci": f"{angka(overall.ci[0], 2)} – {angka(overall.ci[1], 2)}" if overall.ci else "–",
        "weakest": [f"{i.code} {i.name} ({angka(i.mean3, 3)})" for i in ranked[:3]],
        "strongest": [f"{i.code} {i.name} ({angka(i.mean3, 3)})" for i in ranked[::-1][:3]],
        "analysis": wave.report_analysis,
        "follow_ups": [
            {
                "code": f.item_code,
                "action": f.action,
                "timeline": f.timeline,
                "responsible": f.responsible,
            }
            for f in wave.follow_ups.all()
        ],  # fmt: skip
        "profile": _profile_rows(wave, results),
        "warnings": list(results.warnings),
        "status_note": "" if wave.is_closed else _("Hasil sementara: gelombang belum ditutup."),
        "place_date": f"Kupang, {tanggal(timezone.localdate() if not wave.closed_at else timezone.localtime(wave.closed_at).date())}",
        "head_title": _("Kepala %(unit)s") % {"unit": wave.unit.name},
        "head_name": head.full_name if head else "",
        "head_nip": head.nip if head else "",
    }


def _skm_context(wave: SurveyWave) -> dict[str, Any]:
    return skm_report_context(wave, selectors.wave_results(wave))


def _skm_chart(wave: SurveyWave) -> dict[str, Any]:
    """NRR per unsur for the printed report: every unsur named in full (no label cut off)."""
    import pygal
    from django.utils.safestring import mark_safe

    items = list(reversed(selectors.wave_results(wave).overall.items))
    if not items:
        return {"chart": ""}
    chart = pygal.HorizontalBar(
        js=[], style=charts.STYLE, width=760, height=70 + 34 * len(items), show_legend=False,
        range=(0, wave.scale), print_values=True, margin=8, truncate_label=-1,
        value_formatter=lambda v: angka(v, 2), title=_("NRR per unsur"),
    )  # fmt: skip
    chart.x_labels = [f"{item.code} {item.name}" for item in items]
    chart.add("", [float(item.mean2) for item in items])
    # pygal escapes labels; the SVG is built from our own numbers and instrument texts.
    return {"chart": mark_safe(chart.render(is_unicode=True))}  # noqa: S308


def _skm_for_user(user, pk: int) -> SurveyWave:
    wave = SurveyWave.objects.select_related("unit", "unit__head").filter(pk=pk).first()
    if wave is None or wave.kind != SurveyWave.Kind.SKM:
        raise Http404
    access.require(access.can_read_unit(user, wave.unit_id))
    return wave


def _find_skm(unit, year: int | None) -> SurveyWave | None:
    found = SurveyWave.objects.select_related("unit", "unit__head").filter(
        unit=unit, kind=SurveyWave.Kind.SKM
    )
    if year is not None:
        found = found.filter(year=year)
    return found.order_by("-year", "-end_date", "-pk").first()


def _demo_skm() -> dict[str, Any]:
    return {
        "unit_name": "Dinas Contoh", "title": "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT",
        "period": "Semester I 2026", "year": "2026", "start": "1 Januari 2026", "end": "30 Juni 2026",
        "regulation": "PermenPANRB 14/2017", "respondents": "420", "target": "417", "population": "12.000",
        "sample_method": "Krejcie dan Morgan", "below_target": False,
        "services": [{"name": "Layanan KTP", "population": "6.000", "target": "200", "respondents": "210",
                      "ikm": "85,10", "mutu": "B", "kinerja": "Baik"}],
        "items": [{"code": "U1", "name": "Persyaratan", "count": "420", "nrr": "3,400", "weight": "1",
                   "weighted": "0,309", "mutu": "B", "kinerja": "Baik"}],
        "interval": "3,400", "ikm": "85,10", "mutu": "B", "kinerja": "Baik", "ci": "84,00 – 86,20",
        "weakest": ["U1 Persyaratan (3,400)"], "strongest": ["U2 Prosedur (3,500)"], "analysis": "Analisis.",
        "follow_ups": [{"code": "U1", "action": "Sederhanakan persyaratan", "timeline": "Juli 2026",
                        "responsible": "Sekretaris"}],
        "profile": [{"label": "Jenis kelamin", "rows": [{"label": "Laki-laki", "n": "200", "percent": "47,6"}]}],
        "warnings": [], "status_note": "", "place_date": "Kupang, 1 Juli 2026",
        "head_title": "Kepala Dinas Contoh", "head_name": "Drs. Nama Kepala", "head_nip": "197001012000031001",
    }  # fmt: skip


register(
    DocumentType(
        code="laporan-skm", title="Laporan hasil Survei Kepuasan Masyarakat", owner="surveys",
        docx_template="skm_report.docx", pdf_template="documents/surveys/skm_report.html",
        offered_on="surveys:results", what="gelombang SKM", find=_find_skm, fetch=_skm_for_user,
        context=_skm_context, unit_of=lambda w: w.unit, year_of=lambda w: w.year,
        filename=lambda w: slugify(f"laporan-skm-{w.unit.code}-{w.period_label}"), demo=_demo_skm,
        pdf_extra=_skm_chart, logo_mm=20,
    )
)  # fmt: skip


urlpatterns = [
    path("survei/<int:pk>/poster/<int:service_pk>.pdf", survey_poster, name="survey_poster"),
    path("survei/<int:pk>/kode/<int:batch_pk>.pdf", survey_code_slips, name="survey_code_slips"),
]
