"""The one private file store and the one guarded way to serve a stored upload.

Every uploaded file of every app is kept in a :class:`PrivateFileField` and written with
:func:`store`; every download of one is answered by :func:`serve`. A test enumerates every
``FileField`` of every installed model and fails if one is not a ``PrivateFileField``, and a
source scan fails if an app builds a ``FileResponse`` itself.

Declaring a field::

    class Attachment(models.Model):
        file = PrivateFileField(
            _("berkas"), folder="complaints/attachments", families={PDF, IMAGE},
            content_type_field="content_type", sha256_field="sha256", size_field="size",
            original_name_field="original_name",
        )
        content_type = models.CharField(max_length=120, blank=True)  # declared after the file
        ...

Writing, inside the service's ``transaction.atomic``::

    stored = files.store(attachment.file, upload)   # raises ValidationError in Indonesian
    attachment.full_clean()
    attachment.save()
    record(..., changes={"sha256": [None, stored.sha256]})

:func:`store` reads the content (never the name) to decide the type, refuses a family the field
does not accept and a file over the size limit, computes the SHA-256, writes under a name that
reveals nothing (``<folder>/<random hex>``, no suffix; the user's name is never part of
it) and sets the content type, hash, size and original name on the instance.
A file written inside a transaction that is rolled back is deleted again; a field declared
``append_only=True`` (evidence revisions) refuses to replace a file once stored.

Serving, after the app's access check::

    def attachment_download(request, pk):
        attachment = get_object_or_404(Attachment, pk=pk)
        access.require(access.can_read_unit(request.user, attachment.unit_id))
        return files.serve(attachment.file)

:func:`serve` answers with the content type stored at upload (an unknown one becomes
``application/octet-stream``), ``X-Content-Type-Options: nosniff``, a sandboxing
``Content-Security-Policy``, ``Cache-Control: no-store`` and ``Content-Disposition``: inline
only for PDF and PNG/JPEG/GIF/WebP images, an attachment otherwise, with a safe file name
(RFC 5987) whose suffix comes from the stored type. :func:`protect` adds the same headers to
a generated document.
"""

import re
import unicodedata
import uuid
import weakref
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django import forms
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from integritas.common.uploads import (
    CONTENT_TYPES,
    EVIDENCE_FAMILIES,
    Sniffed,
    check_upload,
    sha256_of,
    sniff,
)

OCTET_STREAM = "application/octet-stream"
# The stored types a browser may show in the page; everything else is downloaded.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})
KNOWN_TYPES = frozenset(CONTENT_TYPES.values())
_SUFFIXES = {content_type: kind for kind, content_type in CONTENT_TYPES.items()}
_SUFFIXES["image/jpeg"] = "jpg"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "private, no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass(frozen=True)
class Stored:
    """What :func:`store` wrote: the storage name and what the content turned out to be."""

    name: str
    content_type: str
    sha256: str
    size: int
    original_name: str


# --- the field -----------------------------------------------------------------------------


class PrivateFieldFile(FieldFile):
    """A stored upload; saving new content always goes through :func:`store`."""

    def save(self, name, content, save=True):
        store(self, content, original_name=name)
        if save:
            self.instance.save()


class PrivateFileField(models.FileField):
    """A file field of the private store; see the module docstring."""

    attr_class = PrivateFieldFile

    def __init__(
        self,
        verbose_name=None,
        name=None,
        *,
        folder: str = "private",
        families: set[str] | frozenset[str] = frozenset(EVIDENCE_FAMILIES),
        kinds: set[str] | frozenset[str] | None = None,
        max_bytes: int | None = None,
        content_type_field: str = "",
        sha256_field: str = "",
        size_field: str = "",
        original_name_field: str = "",
        append_only: bool = False,
        **kwargs,
    ):
        self.folder = folder.strip("/")
        self.families = frozenset(families)
        self.kinds = frozenset(kinds) if kinds else None
        self.max_bytes = max_bytes
        self.content_type_field = content_type_field
        self.sha256_field = sha256_field
        self.size_field = size_field
        self.original_name_field = original_name_field
        self.append_only = append_only
        kwargs.pop("upload_to", None)  # names come from storage_name(), never from the user
        kwargs.setdefault("max_length", 200)
        super().__init__(verbose_name, name, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("upload_to", None)
        if self.max_length == 200:
            kwargs.pop("max_length", None)
        kwargs["folder"] = self.folder
        # Families, limits and the names of the companion fields are behaviour, not schema:
        # they are left out so that changing them needs no migration.
        return name, path, args, kwargs

    def generate_filename(self, instance, filename):
        """A write that bypasses :func:`store` still gets a name that reveals nothing."""
        return storage_name(_folder_for(self, instance))

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if not self.content_type_field:
            errors.append(
                checks.Error(
                    "A PrivateFileField needs content_type_field.", obj=self, id="files.E001"
                )
            )
            return errors
        names = [f.name for f in self.model._meta.concrete_fields]
        for companion in self._companions():
            if companion not in names:
                errors.append(
                    checks.Error(f"No field {companion!r} on the model.", obj=self, id="files.E002")
                )
            elif names.index(companion) < names.index(self.name):
                errors.append(
                    checks.Error(
                        f"Declare {companion!r} after {self.name!r} so the stored value is saved.",
                        obj=self,
                        id="files.E003",
                    )
                )
        return errors

    def _companions(self) -> list[str]:
        return [
            n
            for n in (
                self.content_type_field,
                self.sha256_field,
                self.size_field,
                self.original_name_field,
            )
            if n
        ]

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value and not getattr(value, "_committed", True):
            _check(self, value.file)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": CheckedFileField, "families": self.families, **kwargs}
        )


class CheckedFileField(forms.FileField):
    """A form file field whose content type is checked by content (``check_upload``)."""

    def __init__(self, *args, families: set[str] | frozenset[str], **kwargs):
        self.families = set(families)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and hasattr(uploaded, "size") and not isinstance(uploaded, FieldFile):
            sniffed = check_upload(uploaded, families=self.families)
            uploaded.sniffed_content_type = sniffed.content_type
        return uploaded


# --- writing -------------------------------------------------------------------------------


def _check(field: PrivateFileField, upload: Any) -> Sniffed:
    sniffed = check_upload(upload, families=set(field.families), max_bytes=field.max_bytes)
    if field.kinds is not None and sniffed.kind not in field.kinds:
        raise ValidationError(
            _("Jenis berkas tidak diterima. Isi berkas harus berupa: %(kinds)s.")
            % {"kinds": ", ".join(sorted(k.upper() for k in field.kinds))},
            code="bad_type",
        )
    return sniffed


def storage_name(folder: str) -> str:
    """A name that reveals nothing: the folder and a random hex, no suffix at all.

    The type lives in the record (``content_type_field``), never in the name, so neither a
    user-chosen suffix nor a web server guessing from one can change how the file is served.
    """
    return f"{folder.strip('/')}/{uuid.uuid4().hex}"


_PLACEHOLDER = re.compile(r"\{([\w.]+)\}")


def _folder_for(field: "PrivateFileField", instance: Any) -> str:
    """The field's folder with ``{attribute.path}`` placeholders read from the instance."""

    def value(match: re.Match[str]) -> str:
        current = instance
        for part in match.group(1).split("."):
            current = getattr(current, part)
        return re.sub(r"[^\w-]", "_", str(current))

    return _PLACEHOLDER.sub(value, field.folder)


def store(field_file: FieldFile, upload: Any, *, original_name: str | None = None) -> Stored:
    """Check an upload by its content, write it privately and fill in the instance's record.

    Raises ``ValidationError`` (Indonesian) for a refused type or size, or when an
    append-only field already holds a file. The file is deleted again if the surrounding
    transaction rolls back.
    """
    field = field_file.field
    if not isinstance(field, PrivateFileField):
        raise TypeError(f"{field!r} is not a PrivateFileField")
    instance = field_file.instance
    if field.append_only and getattr(field_file, "_committed", True) and field_file.name:
        raise ValidationError(_("Berkas yang sudah tersimpan tidak dapat diganti."))
    sniffed = _check(field, upload)
    digest = sha256_of(upload)
    upload.seek(0)
    name = field_file.storage.save(
        storage_name(_folder_for(field, instance)), upload, max_length=field.max_length
    )
    _delete_on_rollback(field_file.storage, name)
    field_file.name = name
    field_file._committed = True  # type: ignore[attr-defined]
    instance.__dict__[field.attname] = field_file
    given = original_name if original_name is not None else getattr(upload, "name", "") or ""
    result = Stored(
        name=name,
        content_type=sniffed.content_type,
        sha256=digest,
        size=int(getattr(upload, "size", 0) or 0),
        original_name=PurePath(str(given)).name[:255],
    )
    for attribute, value in (
        (field.content_type_field, result.content_type),
        (field.sha256_field, result.sha256),
        (field.size_field, result.size),
        (field.original_name_field, result.original_name),
    ):
        if attribute:
            setattr(instance, attribute, value)
    return result


class _Pending:
    """An on-commit callback; dropped uncalled (the transaction rolled back) it deletes."""

    def __init__(self, state: dict[str, bool]) -> None:
        self.state = state

    def __call__(self) -> None:
        self.state["committed"] = True


def _delete_unless_committed(storage: Any, name: str, state: dict[str, bool]) -> None:
    if not state["committed"]:
        storage.delete(name)


def _delete_on_rollback(storage: Any, name: str) -> None:
    """Delete ``name`` if the transaction it was written in does not commit.

    Django drops the on-commit callbacks of a rolled-back transaction or savepoint; the
    callback registered here deletes the file when it is dropped without having run.
    Outside a transaction the callback runs at once, so the file stays.
    """
    state = {"committed": False}
    pending = _Pending(state)
    weakref.finalize(pending, _delete_unless_committed, storage, name, state)
    transaction.on_commit(pending)
    del pending


# --- serving -------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^\w.\- ()+,]", re.UNICODE)


def download_name(original: str, content_type: str) -> str:
    """A safe download name: the user's stem, cleaned, with the suffix of the stored type.

    An unknown type gets ``.bin``, so no name a user chose (``x.html``) survives as a suffix.
    """
    stem = PurePath(unicodedata.normalize("NFC", original or "").replace("\\", "/")).stem
    stem = _UNSAFE.sub("_", stem).strip(" ._")[:120] or _("berkas")
    return f"{stem}.{_SUFFIXES.get(content_type, 'bin')}"


def protect(response: HttpResponseBase) -> HttpResponseBase:
    """Add the download headers (nosniff, sandbox CSP, no-store) to any file response."""
    for header, value in SECURITY_HEADERS.items():
        response[header] = value
    return response


def served_type(field_file: FieldFile) -> str:
    """The content type stored with the file at upload, or octet-stream if unknown."""
    field = field_file.field
    stored = getattr(field_file.instance, getattr(field, "content_type_field", "") or "", "")
    return stored if stored in KNOWN_TYPES else OCTET_STREAM


def serve(
    field_file: FieldFile, *, filename: str = "", as_attachment: bool = False
) -> FileResponse:
    """Answer a download of a stored upload with the strictest headers (call after access)."""
    if not field_file or not isinstance(field_file.field, PrivateFileField):
        raise Http404
    field = field_file.field
    content_type = served_type(field_file)
    original = filename or (
        getattr(field_file.instance, field.original_name_field, "")
        if field.original_name_field
        else ""
    )
    try:
        handle = field_file.storage.open(field_file.name or "", "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    inline = content_type in INLINE_TYPES and not as_attachment
    response["Content-Disposition"] = content_disposition_header(
        not inline, download_name(original, content_type)
    ) or ("inline" if inline else "attachment")
    protect(response)
    return response


def sniff_stored(storage: Any, name: str) -> str:
    """The content type of a file already stored, read from its content ('' if unknown)."""
    try:
        with storage.open(name, "rb") as handle:
            head = handle.read(2048)
            handle.seek(0)
            found = sniff(head, handle)
    except (FileNotFoundError, OSError):
        return ""
    return found.content_type if found is not None and found.family != "csv" else ""


def migrate_stored(model: Any, field_name: str, content_type_field: str, folder: str) -> None:
    """Data migration: sniff each stored file, record its type, drop any suffix in its name.

    A file whose content is not recognised keeps an empty type and is then served as
    ``application/octet-stream`` attachment. A renamed file's old name is deleted after
    the migration commits.
    """
    old_names: list[tuple[Any, str]] = []
    for row in model.objects.exclude(**{field_name: ""}).iterator():
        field_file = getattr(row, field_name)
        storage = field_file.storage
        content_type = sniff_stored(storage, field_file.name)
        updates = {content_type_field: content_type}
        if PurePath(field_file.name).suffix and storage.exists(field_file.name):
            with storage.open(field_file.name, "rb") as handle:
                new_name = storage.save(storage_name(folder), handle)
            old_names.append((storage, field_file.name))
            updates[field_name] = new_name
        model.objects.filter(pk=row.pk).update(**updates)

    def delete_old() -> None:
        for storage, name in old_names:
            storage.delete(name)

    if old_names:
        transaction.on_commit(delete_old)
