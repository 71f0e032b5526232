"""Upload checks: the type is read from the file's content, never from its name."""

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Content families accepted as evidence or decree scans.
PDF = "pdf"
IMAGE = "image"
OFFICE = "office"
SPREADSHEET = "spreadsheet"
CSV = "csv"

_OOXML_MAIN = {
    "word/document.xml": ("docx", OFFICE),
    "xl/workbook.xml": ("xlsx", SPREADSHEET),
    "ppt/presentation.xml": ("pptx", OFFICE),
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ("odt", OFFICE),
    b"application/vnd.oasis.opendocument.spreadsheet": ("ods", SPREADSHEET),
    b"application/vnd.oasis.opendocument.presentation": ("odp", OFFICE),
}


@dataclass(frozen=True)
class Sniffed:
    kind: str  # pdf, png, jpeg, docx, ...
    family: str  # PDF, IMAGE, OFFICE, SPREADSHEET, CSV
    content_type: str


_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "csv": "text/csv",
}


CONTENT_TYPES = _CONTENT_TYPES  # kind -> the content type recorded for it


def _make(kind: str, family: str) -> Sniffed:
    return Sniffed(kind=kind, family=family, content_type=_CONTENT_TYPES[kind])


def sniff(head: bytes, stream: IO[bytes] | None = None) -> Sniffed | None:
    """Identify a file from its first bytes (and, for zip containers, its directory)."""
    if head.startswith(b"%PDF-"):
        return _make("pdf", PDF)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _make("png", IMAGE)
    if head.startswith(b"\xff\xd8\xff"):
        return _make("jpeg", IMAGE)
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return _make("gif", IMAGE)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _make("webp", IMAGE)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # Legacy OLE compound file (doc/xls); the exact flavour needs a full parse.
        return _make("doc", OFFICE)
    if head.startswith(b"PK\x03\x04") and stream is not None:
        try:
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
                for member, (kind, family) in _OOXML_MAIN.items():
                    if member in names:
                        return _make(kind, family)
                if "mimetype" in names:
                    found = _ODF_MIMETYPES.get(archive.read("mimetype").strip())
                    if found:
                        return _make(*found)
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
        finally:
            stream.seek(0)
        return None
    if _looks_like_text(head):
        return _make("csv", CSV)
    return None


# Markup that a browser would run if it were ever shown as a page: never "text".
_MARKUP = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<body", b"<head", b"<iframe")


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_MARKUP) or b"<script" in head.lower():
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def check_upload(uploaded, *, families: set[str], max_bytes: int | None = None) -> Sniffed:
    """Validate an uploaded file's size and content type; raise ValidationError in Indonesian."""
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    if uploaded.size == 0:
        raise ValidationError(_("Berkas kosong."), code="empty")
    if uploaded.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s); batasnya %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    stream = uploaded.file if hasattr(uploaded, "file") else io.BytesIO(uploaded.read())
    found = sniff(head, stream)
    uploaded.seek(0)
    if found is None or found.family not in families:
        raise ValidationError(
            _("Jenis berkas tidak diterima. Isi berkas harus berupa: %(kinds)s.")
            % {"kinds": ", ".join(sorted(FAMILY_LABELS[f] for f in families))},
            code="bad_type",
        )
    return found


FAMILY_LABELS = {
    PDF: "PDF",
    IMAGE: "gambar (PNG/JPEG)",
    OFFICE: "dokumen perkantoran (DOCX/PPTX/ODT)",
    SPREADSHEET: "lembar kerja (XLSX/ODS)",
    CSV: "CSV",
}

EVIDENCE_FAMILIES = {PDF, IMAGE, OFFICE, SPREADSHEET}


def private_name(folder: str, filename: str) -> str:
    """A private storage name: an unguessable file name that keeps nothing of the user's name.

    Kept for the upload_to of old migrations; new files are named by ``common.files.store``.
    """
    return f"{folder}/{uuid.uuid4().hex}"


def sha256_of(uploaded) -> str:
    """Return the hex SHA-256 of an uploaded file, reading it in chunks."""
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in (
        uploaded.chunks()
        if hasattr(uploaded, "chunks")
        else iter(lambda: uploaded.read(65536), b"")
    ):
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()
