"""The store's pure helpers: download names, storage names, markup is never text, headers."""

import re

import pytest
from django.http import HttpResponse
from hypothesis import given
from hypothesis import strategies as st

from integritas.common import files
from integritas.common.uploads import sniff


@pytest.mark.parametrize(
    ("original", "content_type", "expected"),
    [
        ("scan.html", "application/pdf", "scan.pdf"),
        ("x.html", "image/gif", "x.gif"),
        ("foto.JPEG", "image/jpeg", "foto.jpg"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ('a"b;c.pdf', "application/pdf", "a_b_c.pdf"),
        ("C:\\Users\\sk tim.docx", files.OCTET_STREAM, "sk tim.bin"),
        ("halaman.html", files.OCTET_STREAM, "halaman.bin"),
        ("", "image/png", "berkas.png"),
        ("...", "application/pdf", "berkas.pdf"),
        ("Surat Keputusan Kepala Dinas.pdf", "application/pdf", "Surat Keputusan Kepala Dinas.pdf"),
    ],
)
def test_the_download_name_takes_its_suffix_from_the_stored_type(original, content_type, expected):
    assert files.download_name(original, content_type) == expected


@given(st.text(max_size=300), st.sampled_from(sorted(files.KNOWN_TYPES | {files.OCTET_STREAM})))
def test_a_download_name_is_always_safe(original, content_type):
    name = files.download_name(original, content_type)
    assert name and len(name) <= 130
    assert not re.search(r"[\\/\"';\r\n\x00<>]", name)
    assert not name.lower().endswith((".html", ".htm", ".svg", ".js", ".xml"))
    assert name.rsplit(".", 1)[1] in set(files._SUFFIXES.values()) | {"bin"}


def test_a_storage_name_reveals_nothing():
    first, second = files.storage_name("commitment/pacts"), files.storage_name("commitment/pacts/")
    assert re.fullmatch(r"commitment/pacts/[0-9a-f]{32}", first)
    assert first != second and "." not in first


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><p>x",
        b"  <html><script>alert(1)</script>",
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        b'\xef\xbb\xbf<?xml version="1.0"?><svg/>',
        b"nama,nilai\nBudi,<script>alert(1)</script>\n",
    ],
)
def test_markup_is_never_taken_for_text(head):
    assert sniff(head) is None


def test_plain_csv_is_still_text():
    found = sniff(b"nip,nama\n199001012020011001,Budi\n")
    assert found is not None and found.content_type == "text/csv"


def test_protect_sets_the_download_headers():
    response = files.protect(HttpResponse(b"%PDF-1.4", content_type="application/pdf"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
    assert "no-store" in response["Cache-Control"]
