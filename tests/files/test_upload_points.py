"""Every upload point refuses markup and serves a polyglot only as what its content is.

The attack: a file whose content starts ``%PDF-1.4`` (or ``GIF89a``) but is named ``scan.html``
was stored as ``.html`` and served ``text/html`` inline without CSP; a script in it, opened
by the administrator, made its author administrator.
"""

import os
import zipfile
from io import BytesIO
from pathlib import Path, PurePath

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from integritas.common import files
from integritas.common.uploads import sniff

from .upload_points import NOT_SERVED, UPLOAD_POINTS

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>fetch('/akun/').then(r=>r.text()).then(alert)</script>"
PDF_POLYGLOT = ("scan.html", b"%PDF-1.4\n" + SCRIPT + b"\n%%EOF\n", "application/pdf")
GIF_POLYGLOT = ("x.html", b"GIF89a\x01\x00\x01\x00" + SCRIPT, "image/gif")
MARKUP = {
    "html": ("scan.html", b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>"),
    "svg": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg">' + SCRIPT + b"</svg>"),
    "xml-svg": ("logo.png", b'<?xml version="1.0"?><svg>' + SCRIPT + b"</svg>"),
    "script-in-text": ("catatan.pdf", b"Laporan bulan Maret\n" + SCRIPT),
}
POINTS = sorted(UPLOAD_POINTS)


def _id(key):
    return ".".join(key)


def _private_files() -> set[str]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _field(key):
    from django.apps import apps

    app, model, field = key
    return apps.get_model(app, model)._meta.get_field(field)


def _accepts(field, body: bytes) -> bool:
    found = sniff(body[:2048], BytesIO(body))
    return (
        found is not None
        and found.family in field.families
        and (field.kinds is None or found.kind in field.kinds)
    )


def assert_guarded(response, content_type: str, *, inline: bool, suffix: str) -> None:
    """The headers every download of a stored upload carries."""
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "sandbox" in csp.split(";")[0] and "default-src 'none'" in csp
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;" if inline else "attachment;")
    assert ".html" not in disposition and ".svg" not in disposition
    assert f'.{suffix}"' in disposition or f".{suffix}" in disposition.rsplit("''", 1)[-1]


def _download(client_for, uploaded):
    field_file = getattr(uploaded.instance, uploaded.field)
    if uploaded.url is None:  # no download of its own (the city logo goes into documents)
        return files.serve(field_file)
    response = client_for(uploaded.reader).get(uploaded.url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("attack", [PDF_POLYGLOT, GIF_POLYGLOT], ids=["pdf", "gif"])
@pytest.mark.parametrize("key", POINTS, ids=_id)
def test_a_polyglot_named_html_is_refused_or_served_as_its_content(world, client_for, key, attack):
    name, body, content_type = attack
    upload = SimpleUploadedFile(name, body, content_type="text/html")
    before = _private_files()
    if not _accepts(_field(key), body):
        with pytest.raises(ValidationError):
            UPLOAD_POINTS[key](world, upload)
        assert _private_files() == before
        return
    uploaded = UPLOAD_POINTS[key](world, upload)
    instance = type(uploaded.instance).objects.get(pk=uploaded.instance.pk)
    field_file = getattr(instance, uploaded.field)
    assert PurePath(field_file.name).suffix == ""  # no user suffix, no suffix at all
    assert "scan" not in field_file.name and "x.html" not in field_file.name
    assert files.served_type(field_file) == content_type
    response = _download(client_for, uploaded)
    assert_guarded(response, content_type, inline=True, suffix=content_type.split("/")[1])
    assert b"".join(response.streaming_content) == body


@pytest.mark.parametrize("kind", sorted(MARKUP))
@pytest.mark.parametrize("key", POINTS, ids=_id)
def test_markup_is_refused_at_every_upload_point(world, key, kind):
    name, body = MARKUP[kind]
    before = _private_files()
    with pytest.raises(ValidationError):
        UPLOAD_POINTS[key](world, SimpleUploadedFile(name, body, content_type="image/png"))
    assert _private_files() == before


def _docx() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    "key", [k for k in POINTS if "office" in _field(k).families and k not in NOT_SERVED], ids=_id
)
def test_an_office_document_is_always_downloaded_never_shown(world, client_for, key):
    body = _docx()
    uploaded = UPLOAD_POINTS[key](world, SimpleUploadedFile("laporan.html", body))
    response = _download(client_for, uploaded)
    assert_guarded(
        response, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        inline=False, suffix="docx",
    )  # fmt: skip


def test_the_store_leaves_nothing_outside_its_private_root(world):
    from .upload_points import integrity_pact

    uploaded = integrity_pact(world, SimpleUploadedFile(*PDF_POLYGLOT[:2]))
    path = Path(uploaded.instance.document.path).resolve()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert os.sep + "commitment" + os.sep + "pacts" + os.sep in str(path)


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize("key", [k for k in POINTS if k not in NOT_SERVED], ids=_id)
def test_every_download_carries_the_guard_headers(world, client_for, key):
    body, content_type, suffix = (
        (PDF_POLYGLOT[1], "application/pdf", "pdf")
        if "pdf" in _field(key).families
        else (PNG, "image/png", "png")
    )
    uploaded = UPLOAD_POINTS[key](world, SimpleUploadedFile("Berkas Unit A.bin", body))
    response = _download(client_for, uploaded)
    assert_guarded(response, content_type, inline=True, suffix=suffix)
    assert b"".join(response.streaming_content) == body
