"""Complaint files: content checks, image metadata stripping, and the one guarded download.

`prepare` checks and cleans an upload (images re-saved from their pixels only); `store` writes
the cleaned bytes through the common private store; `serve` answers a download through
``common.files.serve`` under the case's display label, never the complainant's file name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import HttpResponseBase
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from integritas.common import files
from integritas.common.uploads import IMAGE, PDF, check_upload, sha256_of

FAMILIES = {IMAGE, PDF}
MAX_FILES = 5


@dataclass(frozen=True)
class Prepared:
    data: bytes
    content_type: str
    suffix: str
    sha256: str


def max_bytes() -> int:
    return int(getattr(settings, "COMPLAINTS_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def strip_image(data: bytes, kind: str) -> tuple[bytes, str, str]:
    """Re-save an image from its pixels only: EXIF (with GPS), XMP and comments are dropped."""
    try:
        with Image.open(io.BytesIO(data)) as original:
            original.load()
            upright = ImageOps.exif_transpose(original)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Gambar tidak dapat dibaca; kirim foto JPEG atau PNG yang utuh.")
        ) from None
    out = io.BytesIO()
    if kind == "jpeg":
        clean = Image.new(upright.mode if upright.mode in {"RGB", "L"} else "RGB", upright.size)
        clean.paste(upright.convert(clean.mode))
        clean.save(out, format="JPEG", quality=88)
        return out.getvalue(), "image/jpeg", ".jpg"
    mode = upright.mode if upright.mode in {"RGB", "RGBA", "L", "LA"} else "RGBA"
    clean = Image.new(mode, upright.size)
    clean.paste(upright.convert(mode))
    clean.save(out, format="PNG")
    return out.getvalue(), "image/png", ".png"


def prepare(uploaded) -> Prepared:
    """Check an uploaded file by its content and size; return the bytes to store."""
    sniffed = check_upload(uploaded, families=FAMILIES, max_bytes=max_bytes())
    uploaded.seek(0)
    data = uploaded.read()
    if sniffed.family == IMAGE:
        data, content_type, suffix = strip_image(data, sniffed.kind)
    else:
        content_type, suffix = "application/pdf", ".pdf"
    buffer = io.BytesIO(data)
    return Prepared(data=data, content_type=content_type, suffix=suffix, sha256=sha256_of(buffer))


def check_many(files: list) -> list[Prepared]:
    """Prepare every file or raise one ValidationError naming each refused file by position."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            _("Paling banyak %(n)s berkas sekali kirim.") % {"n": MAX_FILES}, code="too_many"
        )
    prepared, problems = [], []
    for position, uploaded in enumerate(files, start=1):
        try:
            prepared.append(prepare(uploaded))
        except ValidationError as exc:
            problems.append(
                _("Berkas ke-%(n)s: %(msg)s") % {"n": position, "msg": " ".join(exc.messages)}
            )
    if problems:
        raise ValidationError(problems)
    return prepared


def store(attachment, prepared: Prepared) -> files.Stored:
    """Write the cleaned bytes to the private store; no file name of the sender is kept."""
    return files.store(attachment.file, ContentFile(prepared.data), original_name="")


def serve(attachment, *, as_attachment: bool = False) -> HttpResponseBase:
    """Answer a download (after the access check) under the case's label, with the store's headers."""
    return files.serve(attachment.file, filename=attachment.label, as_attachment=as_attachment)
