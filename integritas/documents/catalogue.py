"""The catalogue of official document types (the Lampiran of the Perwali and the reports).

Every document the product renders is one :class:`DocumentType`: a code, a title, the read model
it needs from the app that owns the data (``context``, display strings only), its .docx template,
its PDF template and the page that offers it. The download view, the template tag that puts
"Unduh .docx / PDF" on a page, the ``integritas documents`` command, the number register and the
signed-return record all go through this one table, so a type is added in one place.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class DocumentType:
    """One official document type and where its data comes from."""

    code: str
    title: str
    owner: str  # the app whose selectors give the read model
    docx_template: str  # file in documents/docx/
    pdf_template: str  # Django template
    offered_on: str  # the URL name of the page that offers the download
    what: str  # Indonesian: the data the type needs ("rencana aksi"), used in messages
    # the source object of a unit for a year (None: the latest), or None when it has none
    find: Callable[[Any, int | None], Any]
    # the source object a user asked for by pk, access checked (raises 404/403)
    fetch: Callable[[Any, int], Any]
    # the read model: display strings, lists and dicts of them (the same for .docx and PDF)
    context: Callable[[Any], dict[str, Any]]
    unit_of: Callable[[Any], Any]
    year_of: Callable[[Any], int]
    filename: Callable[[Any], str]
    demo: Callable[[], dict[str, Any]]  # a read model with made-up data, for previews
    pdf_extra: Callable[[Any], dict[str, Any]] = field(default=lambda obj: {})
    # whose letterhead it carries, when not the unit's own (the TPI's report: the Inspektorat)
    letterhead_of: Callable[[Any], Any] | None = None
    logo_mm: int = 22
    numbered: bool = True  # finalising allocates a letter number from the register

    def letterhead_unit(self, obj: models.Model) -> Any:
        return (self.letterhead_of or self.unit_of)(obj)

    def fields(self) -> set[str]:
        """The top-level names a .docx template of this type may use."""
        return set(self.demo()) | {"kop", "logo", "nomor"}


_TYPES: dict[str, DocumentType] = {}


ORDER = ("deklarasi", "piagam", "keputusan-rencana-kerja", "rencana-aksi", "laporan-skm",
         "rekap-lke")  # fmt: skip


def register(doc_type: DocumentType) -> DocumentType:
    _TYPES[doc_type.code] = doc_type
    return doc_type


def _load() -> None:
    from integritas.documents import (  # noqa: F401  (each module registers its types)
        evaluation_docs,
        planning_docs,
        survey_docs,
    )


def all_types() -> list[DocumentType]:
    _load()
    rank = {code: i for i, code in enumerate(ORDER)}
    return sorted(_TYPES.values(), key=lambda t: (rank.get(t.code, len(rank)), t.code))


def get(code: str) -> DocumentType | None:
    _load()
    return _TYPES.get(code)


# --- the data a document was rendered from ----------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | date | datetime):
        return str(value)
    if isinstance(value, models.Model):
        return f"{value._meta.label}:{value.pk}"
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return repr(value)


def data_sha256(context: dict[str, Any]) -> str:
    """The SHA-256 of the read model a document is rendered from (stable across runs)."""
    text = json.dumps(context, default=_plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


# --- rendering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    data: bytes
    filename: str
    content_type: str


def read_model(doc_type: DocumentType, obj: models.Model) -> dict[str, Any]:
    """The type's read model plus the letterhead of the unit (without the logo bytes)."""
    from integritas.documents.render import kop_context

    kop, _logo = kop_context(doc_type.letterhead_unit(obj))
    return {**doc_type.context(obj), "kop": kop}


def render(
    doc_type: DocumentType,
    obj: models.Model,
    fmt: str,
    *,
    number: str = "",
    context: dict[str, Any] | None = None,
) -> Rendered:
    """Render one document of a type, with the letter number when it has been finalised."""
    from integritas.documents import render as engine
    from integritas.documents.templates_store import active_docx_template

    if fmt not in FORMATS:
        raise ValueError(fmt)
    base = dict(context) if context is not None else read_model(doc_type, obj)
    if number:
        base["nomor"] = number
    base.setdefault("nomor", "")
    stem = doc_type.filename(obj)
    if fmt == "pdf":
        data = engine.render_pdf(doc_type.pdf_template, {**base, **doc_type.pdf_extra(obj)})
        return Rendered(data, f"{stem}.pdf", engine.PDF_MIME)
    _kop, logo = engine.kop_context(doc_type.letterhead_unit(obj))
    images = {"logo": (logo, doc_type.logo_mm)} if logo else {}
    if not logo:
        base["logo"] = ""
    data = engine.render_docx(active_docx_template(doc_type), base, images=images)
    return Rendered(data, f"{stem}.docx", engine.DOCX_MIME)


def render_demo(doc_type: DocumentType, template: bytes | None = None) -> bytes:
    """A .docx of the type filled with made-up data (the preview of an uploaded template)."""
    from integritas.documents import render as engine

    context = {**doc_type.demo(), "kop": demo_kop(), "logo": "", "nomor": "800/1/ORG/2026"}
    source = io.BytesIO(template) if template is not None else engine.shipped(doc_type)
    return engine.render_docx(source, context)


def demo_kop() -> dict[str, str]:
    return {
        "government": "PEMERINTAH KOTA KUPANG",
        "unit_name": "DINAS CONTOH KOTA KUPANG",
        "address": "Jl. Contoh No. 1, Kupang",
        "phone": "(0380) 123456",
        "email": "contoh@kupangkota.go.id",
        "website": "contoh.kupangkota.go.id",
        "address_line": "Jl. Contoh No. 1, Kupang · Telp. (0380) 123456",
        "logo_data_uri": "",
    }
