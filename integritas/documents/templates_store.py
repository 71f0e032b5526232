"""Which .docx template a type renders with: the administrator's latest upload, or the shipped one.

An uploaded template may use only the fields its type provides; its variables are read with
docxtpl (``get_undeclared_template_variables``) before it is kept.
"""

from __future__ import annotations

import io
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from integritas.documents import catalogue
from integritas.documents.models import DocumentTemplate
from integritas.documents.render import shipped


def active_template(doc_type: catalogue.DocumentType) -> DocumentTemplate | None:
    return (
        DocumentTemplate.objects.filter(type_code=doc_type.code, is_active=True)
        .order_by("-version")
        .first()
    )


def active_docx_template(doc_type: catalogue.DocumentType) -> str | IO[bytes]:
    """The uploaded template in use for the type, or the path of the shipped one."""
    uploaded = active_template(doc_type)
    if uploaded is None or not uploaded.file:
        return shipped(doc_type)
    with uploaded.file.open("rb") as handle:
        return io.BytesIO(handle.read())


def template_fields(content: bytes) -> set[str]:
    """The top-level variables a .docx template uses; ``ValidationError`` if it cannot be read."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    try:
        return set(DocxTemplate(io.BytesIO(content)).get_undeclared_template_variables())
    except TemplateSyntaxError as exc:
        raise ValidationError(
            _("Templat tidak dapat dibaca: tanda isian salah pada baris %(line)s (%(message)s).")
            % {"line": exc.lineno, "message": exc.message}
        ) from exc
    except Exception as exc:  # a broken or non-Word file
        raise ValidationError(_("Berkas ini bukan templat .docx yang dapat dibaca.")) from exc


def check_template(doc_type: catalogue.DocumentType, content: bytes) -> None:
    """Refuse a template that uses a field the type does not provide, naming the fields."""
    unknown = sorted(template_fields(content) - doc_type.fields())
    if unknown:
        raise ValidationError(
            _("Templat memakai isian yang tidak tersedia untuk %(type)s: %(names)s.")
            % {"type": doc_type.title, "names": ", ".join(unknown)}
        )
    try:
        catalogue.render_demo(doc_type, content)
    except Exception as exc:
        raise ValidationError(
            _("Templat tidak dapat diisi dengan data contoh: %(error)s") % {"error": exc}
        ) from exc


def stored_content(template: DocumentTemplate) -> bytes:
    """The bytes of a kept template version (read through the storage, never served)."""
    with template.file.storage.open(str(template.file.name), "rb") as handle:
        return handle.read()
