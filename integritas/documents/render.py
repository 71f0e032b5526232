"""Render official documents (Lampiran of the Perwali) as PDF (WeasyPrint) and .docx (docxtpl)."""

import base64
import io
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

from integritas.common import files

DOCX_TEMPLATES = Path(__file__).resolve().parent / "docx"
PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LOGO_TYPES = {"image/png", "image/jpeg"}  # the stored (sniffed) types a letterhead may embed


def letterhead(unit=None) -> dict[str, Any]:
    """The kop surat of a unit (or of the city): names, address and the logo as a data URI.

    The emblem is the one the administrator uploaded for the unit (or else the institution's);
    a document never carries the application's own logo, so with none uploaded it has none.
    """
    from integritas.organization.models import Institution

    institution = Institution.objects.first()
    logo_bytes = None
    logo_type = "image/png"
    owner = unit if unit is not None and unit.logo else institution
    if owner is not None and owner.logo and owner.logo_content_type in LOGO_TYPES:
        with owner.logo.open("rb") as handle:
            logo_bytes = handle.read()
        logo_type = owner.logo_content_type
    return {
        "government": "PEMERINTAH KOTA KUPANG",
        "unit_name": (unit.name if unit else (institution.name if institution else "")).upper(),
        "address": (
            unit.address if unit and unit.address else (institution.address if institution else "")
        ),
        "phone": (
            unit.phone if unit and unit.phone else (institution.phone if institution else "")
        ),
        "email": (
            unit.email if unit and unit.email else (institution.email if institution else "")
        ),
        "website": (
            unit.website if unit and unit.website else (institution.website if institution else "")
        ),
        "logo_data_uri": (f"data:{logo_type};base64," + base64.b64encode(logo_bytes).decode())
        if logo_bytes
        else "",
        "logo_bytes": logo_bytes,
    }


def kop_context(unit) -> tuple[dict[str, Any], bytes | None]:
    """The letterhead as display strings (with one address line) and the emblem's bytes."""
    kop = letterhead(unit)
    logo = kop.pop("logo_bytes")
    parts = [kop["address"]]
    if kop["phone"]:
        parts.append(f"Telp. {kop['phone']}")
    if kop["email"]:
        parts.append(f"Surel: {kop['email']}")
    if kop["website"]:
        parts.append(kop["website"])
    kop["address_line"] = " · ".join(p for p in parts if p)
    return kop, logo


def shipped(doc_type) -> str:
    """The path of the .docx template shipped with the application for a type."""
    return str(DOCX_TEMPLATES / doc_type.docx_template)


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render an HTML template to PDF bytes; fonts are local, nothing is fetched."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def render_docx(
    template_file: str | IO[bytes],
    context: dict[str, Any],
    *,
    images: dict[str, tuple[bytes, int]] | None = None,
) -> bytes:
    """Render a docxtpl template (a name in documents/docx/, a path or a file) to .docx bytes.

    Values are autoescaped: user text stays text.
    """
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    if isinstance(template_file, str) and "/" not in template_file:
        template_file = str(DOCX_TEMPLATES / template_file)
    document = DocxTemplate(template_file)
    context = dict(context)
    for key, (data, width_mm) in (images or {}).items():
        context[key] = InlineImage(document, io.BytesIO(data), width=Mm(width_mm))
    document.render(context, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def file_response(
    data: bytes, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """A generated document, with the download headers of the file store (nosniff, no-store)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename) or (
        "inline" if inline else "attachment"
    )
    files.protect(response)
    return response
