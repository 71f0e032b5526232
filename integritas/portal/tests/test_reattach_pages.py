"""A refused form with a file field says which file to attach again."""

from django.urls import reverse


def test_a_refused_decree_form_asks_to_attach_the_pdf_again(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "sk-penetapan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
    )
    response = client_for(world.admin).post(
        reverse("commitment:decree_create"),
        {"number": "", "decree_date": "2025-02-03", "year": "2025", "title": "x", "upload": upload},
    )
    assert response.status_code == 200
    assert "sk-penetapan.pdf pada isian «Berkas keputusan (PDF)»" in response.content.decode()
