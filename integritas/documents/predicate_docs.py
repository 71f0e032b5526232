"""Documents of the proposal and monitoring (Perwali 23/2025 Pasal 16 ayat 5–7, Pasal 17 ayat 7).

The cover letter to the Menteri PANRB, the SPTJM of each unit (Pasal 16 ayat 6, Lampiran) and of
the institution (PermenPANRB 5/2024: three statements), the submission package for portalrb.id,
and the Surat Penyampaian Hasil Monitoring (Lampiran). PDF through WeasyPrint with letterheads.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header

from integritas.accounts import access as accounts_access
from integritas.common import exports, files
from integritas.common.formatting import tanggal
from integritas.documents import predicate_docx
from integritas.documents.render import DOCX_MIME, PDF_MIME, file_response, letterhead, render_pdf
from integritas.evaluation import excel
from integritas.evaluation import pages as evaluation_pages
from integritas.evaluation import selectors as evaluation_selectors
from integritas.evaluation.models import EvidenceLink
from integritas.predicates import access
from integritas.predicates.models import Monitoring, Recommendation


def approved_for_year(year: int) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(year=year, decision=Recommendation.Decision.APPROVED)
        .select_related("unit", "unit__head", "assessment")
        .order_by("unit__name")
    )


def _common(year: int) -> dict[str, Any]:
    return {
        "year": year,
        "today": tanggal(timezone.localdate()),
        "portal_url": getattr(settings, "PREDICATES_PORTAL_URL", "https://www.portalrb.id"),
        "mayor": getattr(settings, "PREDICATES_PIMPINAN_NAME", ""),
    }


def cover_letter_context(year: int) -> dict[str, Any]:
    return {**_common(year), "items": approved_for_year(year), "kop": letterhead()}


def sptjm_unit_context(item: Recommendation) -> dict[str, Any]:
    return {
        **_common(item.year),
        "item": item,
        "head": item.unit.head,
        "kop": letterhead(item.unit),
    }


def sptjm_institution_context(year: int) -> dict[str, Any]:
    return {**_common(year), "items": approved_for_year(year), "kop": letterhead()}


def monitoring_context(monitoring: Monitoring) -> dict[str, Any]:
    return {
        **_common(monitoring.done_on.year), "monitoring": monitoring, "predicate": monitoring.predicate,
        "done_on": tanggal(monitoring.done_on), "kop": letterhead(), "findings": monitoring.findings.splitlines(),
    }  # fmt: skip


# document: (PDF template, .docx builder)
DOCUMENTS = {
    "cover_letter": ("documents/predicates/surat_pengajuan.html", predicate_docx.cover_letter),
    "sptjm_unit": ("documents/predicates/sptjm_unit.html", predicate_docx.sptjm_unit),
    "sptjm_institution": (
        "documents/predicates/sptjm_instansi.html",
        predicate_docx.sptjm_institution,
    ),
    "monitoring": ("documents/predicates/surat_monitoring.html", predicate_docx.monitoring_letter),
    "internal_report": (
        "documents/predicates/laporan_evaluasi_internal.html",
        predicate_docx.internal_report,
    ),
}


def render(document: str, context: dict[str, Any], fmt: str) -> bytes:
    template, builder = DOCUMENTS[document]
    if fmt == "docx":
        return builder(context)
    return render_pdf(
        template, {**context, "kop": {k: v for k, v in context["kop"].items() if k != "logo_bytes"}}
    )


def respond(document: str, context: dict[str, Any], fmt: str, name: str):
    if fmt not in ("pdf", "docx"):
        raise Http404
    data = render(document, context, fmt)
    mime = PDF_MIME if fmt == "pdf" else DOCX_MIME
    return file_response(data, filename=f"{name}.{fmt}", content_type=mime, inline=fmt == "pdf")


def cover_letter_pdf(year: int) -> bytes:
    return render("cover_letter", cover_letter_context(year), "pdf")


def sptjm_unit_pdf(item: Recommendation) -> bytes:
    return render("sptjm_unit", sptjm_unit_context(item), "pdf")


def sptjm_institution_pdf(year: int) -> bytes:
    return render("sptjm_institution", sptjm_institution_context(year), "pdf")


def evidence_index_csv(item: Recommendation) -> bytes:
    """Question code, file name, SHA-256, uploaded by, date — of every evidence linked to the LKE.

    Written through ``common.exports``: a name typed as a formula stays text.
    """
    rows: list[list[Any]] = [
        ["kode_pertanyaan", "nama_berkas", "sha256", "diunggah_oleh", "tanggal"]
    ]
    links = (
        EvidenceLink.objects.filter(assessment=item.assessment)
        .select_related("document")
        .prefetch_related("document__revisions__uploaded_by")
        .order_by("item_code")
    )
    for link in links:
        revision = link.document.revisions.order_by("-number").first()
        if revision is None:
            continue
        who = revision.uploaded_by.get_full_name() if revision.uploaded_by else ""
        when = tanggal(timezone.localtime(revision.uploaded_at).date())
        rows.append([link.item_code, revision.original_name, revision.sha256, who, when])
    return exports.csv_bytes(rows)


def write_package(year: int, target: Any) -> None:
    """Write the zip for portalrb.id into `target`, one member at a time (no file kept whole twice)."""
    items = approved_for_year(year)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for fmt in ("pdf", "docx"):
            archive.writestr(
                f"00-surat-pengajuan-{year}.{fmt}",
                render("cover_letter", cover_letter_context(year), fmt),
            )
        for fmt in ("pdf", "docx"):
            archive.writestr(
                f"01-sptjm-instansi-{year}.{fmt}",
                render("sptjm_institution", sptjm_institution_context(year), fmt),
            )
        for number, item in enumerate(items, start=1):
            folder = f"{number:02d}-{item.unit.code}"
            for fmt in ("pdf", "docx"):
                archive.writestr(
                    f"{folder}/sptjm-{item.unit.code}.{fmt}",
                    render("sptjm_unit", sptjm_unit_context(item), fmt),
                )
            data = evaluation_selectors.assessment_data(item.assessment)
            archive.writestr(
                f"{folder}/LKE-{item.unit.code}-{year}.xlsx", excel.export_workbook(data)
            )
            archive.writestr(f"{folder}/indeks-data-dukung.csv", evidence_index_csv(item))


def internal_report_context(year: int) -> dict[str, Any]:
    """Laporan Hasil Evaluasi Internal (Pasal 19–20): every evaluated unit from its frozen snapshot."""
    recommendations = {
        r.unit_id: r
        for r in Recommendation.objects.filter(year=year)
        .prefetch_related("follow_ups")
        .select_related("unit")
    }
    rows = [
        {
            "unit": row.assessment.unit,
            "total": row.totals.total,
            "pengungkit": row.totals.pengungkit,
            "hasil": row.totals.hasil,
            "recommendation": recommendations.get(row.assessment.unit_id),
        }
        for row in evaluation_pages.final_totals(year)
    ]
    return {**_common(year), "rows": rows, "kop": letterhead()}


def internal_report(request, year: int, fmt: str):
    user = request.user
    accounts_access.require(
        access.can_administer(user) or access.can_decide(user) or access.is_tpi(user)
    )
    return respond(
        "internal_report", internal_report_context(year), fmt, f"laporan-evaluasi-internal-{year}"
    )


def _require_city_writer(user: Any) -> None:
    accounts_access.require(access.can_administer(user) or access.can_decide(user))


def cover_letter(request, year: int, fmt: str):
    _require_city_writer(request.user)
    return respond("cover_letter", cover_letter_context(year), fmt, f"surat-pengajuan-{year}")


def sptjm_institution(request, year: int, fmt: str):
    _require_city_writer(request.user)
    return respond(
        "sptjm_institution", sptjm_institution_context(year), fmt, f"sptjm-instansi-{year}"
    )


def sptjm_unit(request, pk: int, fmt: str):
    item = access.get_recommendation_for_user(request.user, pk)
    if item.decision != Recommendation.Decision.APPROVED:
        raise Http404
    return respond(
        "sptjm_unit", sptjm_unit_context(item), fmt, f"sptjm-{item.unit.code}-{item.year}"
    )


def package(request, year: int):
    """One .zip of every approved unit of the year, spooled to a temporary file."""
    _require_city_writer(request.user)
    if not approved_for_year(year):
        raise Http404
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - closed with the response
    write_package(year, spool)
    spool.seek(0)
    response = StreamingHttpResponse(_Blocks(spool), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(
        True, f"paket-usulan-zi-{year}.zip"
    )
    files.protect(response)
    return response


class _Blocks:
    """A spooled file streamed in blocks; closed when the response is closed."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __iter__(self) -> Iterator[bytes]:
        return iter(lambda: self.handle.read(64 * 1024), b"")

    def close(self) -> None:
        self.handle.close()


def monitoring_letter(request, pk: int, fmt: str):
    monitoring = Monitoring.objects.select_related("predicate__unit").filter(pk=pk).first()
    if monitoring is None:
        raise Http404
    access.get_predicate_for_user(request.user, monitoring.predicate_id)
    name = f"surat-monitoring-{monitoring.predicate.unit.code}-{monitoring.done_on:%Y%m%d}"
    return respond("monitoring", monitoring_context(monitoring), fmt, name)


urlpatterns = [
    path(
        "predikat/<int:year>/surat-pengajuan.<str:fmt>",
        cover_letter,
        name="predicates_cover_letter",
    ),
    path(
        "predikat/<int:year>/sptjm-instansi.<str:fmt>",
        sptjm_institution,
        name="predicates_sptjm_institution",
    ),
    path("predikat/rekomendasi/<int:pk>/sptjm.<str:fmt>", sptjm_unit, name="predicates_sptjm_unit"),
    path("predikat/<int:year>/paket.zip", package, name="predicates_package"),
    path(
        "predikat/<int:year>/laporan-evaluasi-internal.<str:fmt>",
        internal_report,
        name="predicates_internal_report",
    ),
    path(
        "predikat/monitoring/<int:pk>/surat.<str:fmt>",
        monitoring_letter,
        name="predicates_monitoring_letter",
    ),
]
