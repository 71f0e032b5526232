"""Small builders for complaint tests (files with metadata, a filed case)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_TAG = 0x8825
MAKE_TAG = 0x010F


def jpeg_with_gps(name: str = "IMG_20260105_Jl_Soekarno.jpg") -> SimpleUploadedFile:
    """A JPEG carrying a camera make and a GPS position, as a phone photo does."""
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[MAKE_TAG] = "KameraPelapor"
    exif[GPS_TAG] = {1: "S", 2: (10.0, 10.0, 0.0), 3: "E", 4: (123.0, 35.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(name: str = "bukti.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 0, 255)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf(name: str = "surat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def disguised(name: str = "foto.jpg") -> SimpleUploadedFile:
    """An HTML page named like a photo."""
    return SimpleUploadedFile(
        name, b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )


def file_public(unit, **overrides):
    from integritas.complaints import services

    fields = {"unit": unit, "what": "Petugas meminta uang tambahan untuk KTP.", "service": "KTP-el"}
    fields.update(overrides)
    return services.complaint_submit_public(**fields)


def designate(unit) -> None:
    """Name the unit in a designation decree: it is building a zone (Pasal 8)."""
    from datetime import date

    from integritas.commitment.models import DesignatedUnit, DesignationDecree

    decree, _created = DesignationDecree.objects.get_or_create(
        number="100.3.3.2/KEP/01/2026", defaults={"decree_date": date(2026, 1, 10), "year": 2026}
    )
    DesignatedUnit.objects.create(
        decree=decree, unit=unit, core_business=True, high_risk=False, wide_impact=True,
        reasons="Layanan utama kependudukan",
    )  # fmt: skip
