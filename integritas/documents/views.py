"""The one download view of every catalogue type, and the old addresses that lead to it."""

from django.http import Http404
from django.urls import path

from integritas.documents import catalogue
from integritas.documents.render import file_response


def document_download(request, code: str, pk: int, fmt: str):
    """Render one document of a catalogue type for the object the user may read."""
    doc_type = catalogue.get(code)
    if doc_type is None or fmt not in catalogue.FORMATS:
        raise Http404
    obj = doc_type.fetch(request.user, pk)
    rendered = catalogue.render(doc_type, obj, fmt)
    return file_response(
        rendered.data,
        filename=rendered.filename,
        content_type=rendered.content_type,
        inline=fmt == "pdf",
    )


def _declaration_doc(request, pk: int, kind: str, fmt: str):
    if kind not in ("deklarasi", "piagam"):
        raise Http404
    return document_download(request, kind, pk, fmt)


urlpatterns = [
    path("jenis/<slug:code>/<int:pk>.<str:fmt>", document_download, name="download"),
    # addresses printed or bookmarked before the catalogue; they serve the same documents
    path("pencanangan/<int:pk>/<str:kind>.<str:fmt>", _declaration_doc, name="declaration_doc"),
    path(
        "rencana-kerja/<int:pk>/keputusan.<str:fmt>",
        lambda r, pk, fmt: document_download(r, "keputusan-rencana-kerja", pk, fmt),
        name="workplan_decree",
    ),
    path(
        "rencana-aksi/<int:pk>/lampiran-c.pdf",
        lambda r, pk: document_download(r, "rencana-aksi", pk, "pdf"),
        name="actionplan_pdf",
    ),
    path(
        "lke/<int:pk>/rekap.pdf",
        lambda r, pk: document_download(r, "rekap-lke", pk, "pdf"),
        name="lke_report",
    ),
    path(
        "survei/<int:pk>/laporan-skm.<str:fmt>",
        lambda r, pk, fmt: document_download(r, "laporan-skm", pk, fmt),
        name="survey_skm_report",
    ),
]
