"""``{% document_links "rencana-aksi" plan.pk %}``: the catalogue's download buttons on a page."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.common.formatting import tanggal
from integritas.documents import catalogue

register = template.Library()


@register.inclusion_tag("documents/_links.html")
def document_links(code: str, pk: int, label: str = "") -> dict:
    doc_type = catalogue.get(code)
    if doc_type is None:
        return {"links": []}
    return {
        "label": label or doc_type.title,
        "links": [
            {
                "fmt": ".docx" if fmt == "docx" else "PDF",
                "url": reverse("documents:download", args=[code, pk, fmt]),
            }
            for fmt in catalogue.FORMATS
        ],  # fmt: skip
        "register_url": reverse("documents:register", args=[code, pk]),
        "register_label": _("Nomor & tanda tangan"),
        "numbered": doc_type.numbered,
    }


@register.filter
def waktu(value) -> str:
    """A moment as officials write it: ``2 Desember 2026 11.42 WITA``."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{tanggal(local.date())} {local:%H.%M} WITA"
