"""The letterhead carries the unit's (or institution's) own emblem and contact data, never the
application's logo; the read models hold no doubled word."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from PIL import Image

from integritas.common import files
from integritas.documents import catalogue
from integritas.documents.render import letterhead
from integritas.documents.tests.sources import make_action_plan

pytestmark = pytest.mark.django_db


def _png(color: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), color).save(out, "PNG")
    return SimpleUploadedFile("lambang.png", out.getvalue(), content_type="image/png")


def test_without_an_uploaded_emblem_the_document_has_none(world):
    kop = letterhead(world.unit_a)
    assert kop["logo_bytes"] is None and kop["logo_data_uri"] == ""
    plan = make_action_plan(world)
    docx = catalogue.render(catalogue.get("rencana-aksi"), plan, "docx").data
    assert len(Document(io.BytesIO(docx)).inline_shapes) == 0


def test_the_units_own_emblem_and_contacts_are_used(world):
    institution = world.institution
    files.store(institution.logo, _png("red"))
    institution.save()
    assert letterhead(world.unit_a)["logo_bytes"] is not None  # the institution's, as fallback
    unit = world.unit_a
    files.store(unit.logo, _png("blue"))
    unit.phone, unit.address = "(0380) 821234", "Jl. Timor Raya No. 5, Kupang"
    unit.save()
    kop = letterhead(unit)
    assert Image.open(io.BytesIO(kop["logo_bytes"])).getpixel((1, 1)) == (0, 0, 255)
    plan = make_action_plan(world)
    rendered = catalogue.render(catalogue.get("rencana-aksi"), plan, "docx").data
    document = Document(io.BytesIO(rendered))
    assert len(document.inline_shapes) == 1
    text = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Jl. Timor Raya No. 5, Kupang" in text and "(0380) 821234" in text


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def test_no_read_model_doubles_a_word(all_sources):
    doubled = re.compile(r"\b([^\W\d]{3,})\s+\1\b", re.IGNORECASE)
    for code, obj in all_sources.items():
        read = catalogue.read_model(catalogue.get(code), obj)
        found = [s for s in _strings(read) if doubled.search(s)]
        assert found == [], (code, found)
