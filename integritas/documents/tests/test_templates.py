"""Templates an administrator replaces: checked fields, a demo preview, versions kept, the
shipped template as the fallback."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from integritas.documents import catalogue
from integritas.documents.models import DocumentTemplate
from integritas.documents.render import shipped
from integritas.documents.tests.sources import make_work_plan

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _template(extra: str) -> SimpleUploadedFile:
    document = Document(shipped(catalogue.get("keputusan-rencana-kerja")))
    document.add_paragraph(extra)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("keputusan.docx", out.getvalue(), content_type=DOCX)


def _text(data: bytes) -> str:
    return " ".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _upload(client, extra):
    url = reverse("documents:templates_type", args=["keputusan-rencana-kerja"])
    return client.post(url, {"file": _template(extra)}, follow=True)


def test_an_uploaded_template_is_used_and_the_shipped_one_stays_the_fallback(world, client_for):
    plan = make_work_plan(world)
    admin = client_for(world.admin)
    _upload(admin, "Tembusan: Sekretaris Daerah {{ unit_title }}")
    download = reverse("documents:download", args=["keputusan-rencana-kerja", plan.pk, "docx"])
    text = _text(client_for(world.kerja_a).get(download).content)
    assert "Tembusan: Sekretaris Daerah Dinas Kependudukan dan Pencatatan Sipil" in text
    _upload(admin, "Versi kedua")
    assert list(DocumentTemplate.objects.values_list("version", "is_active")) == [
        (2, True), (1, False),
    ]  # fmt: skip
    preview = admin.get(reverse("documents:template_preview_version",
                                args=["keputusan-rencana-kerja", 1]))  # fmt: skip
    assert "Tembusan: Sekretaris Daerah Dinas Contoh" in _text(preview.content)
    admin.post(reverse("documents:templates_type", args=["keputusan-rencana-kerja"]),
               {"action": "shipped"})  # fmt: skip
    text = _text(client_for(world.kerja_a).get(download).content)
    assert "Versi kedua" not in text and "RENCANA KERJA PEMBANGUNAN" in text
    assert DocumentTemplate.objects.count() == 2  # every version kept


def test_a_template_with_unknown_fields_is_refused_with_their_names(world, client_for):
    response = _upload(client_for(world.admin), "{{ nama_rahasia }} dan {{ gaji.pokok }}")
    html = response.content.decode()
    assert "isian yang tidak tersedia" in html
    assert "gaji" in html and "nama_rahasia" in html
    assert not DocumentTemplate.objects.exists()


def test_a_broken_template_is_refused(world, client_for):
    response = _upload(client_for(world.admin), "{{ unit_title ")
    assert "Templat tidak dapat dibaca" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_the_preview_fills_the_shipped_template_with_demo_data(world, client_for):
    for doc_type in catalogue.all_types():
        response = client_for(world.admin).get(
            reverse("documents:template_preview", args=[doc_type.code])
        )
        assert response.status_code == 200, doc_type.code
        assert "{{" not in _text(response.content)


def test_only_the_administrator_manages_templates(world, client_for):
    response = _upload(client_for(world.head_a), "x")
    assert response.status_code == 404 and not DocumentTemplate.objects.exists()


def test_the_shipped_templates_use_only_fields_their_type_provides():
    from integritas.documents.templates_store import template_fields

    for doc_type in catalogue.all_types():
        with open(shipped(doc_type), "rb") as handle:
            assert template_fields(handle.read()) <= doc_type.fields(), doc_type.code
