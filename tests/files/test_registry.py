"""Every file field of every project model is a field of the private store.

A new ``FileField`` (or ``ImageField``) added without the store, or without an upload point in
``upload_points.UPLOAD_POINTS`` (so without the attack regression), fails here.
"""

import pytest
from django.apps import apps
from django.db import models

from integritas.common.files import PrivateFileField
from integritas.common.uploads import CSV

from .upload_points import GENERATED, UPLOAD_POINTS


def project_file_fields():
    for model in apps.get_models():
        if not model.__module__.startswith("integritas."):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


FIELDS = list(project_file_fields())


def test_the_project_has_file_fields_to_check():
    assert len(FIELDS) >= 11


@pytest.mark.parametrize(
    ("model", "field"), FIELDS, ids=[f"{m._meta.label}.{f.name}" for m, f in FIELDS]
)
def test_every_file_field_uses_the_private_store(model, field):
    assert isinstance(field, PrivateFileField), f"{model._meta.label}.{field.name}"
    assert field.content_type_field, "the sniffed type must be kept with the record"
    stored_type = model._meta.get_field(field.content_type_field)
    assert isinstance(stored_type, models.CharField) and stored_type.max_length >= 50
    assert field.families and CSV not in field.families  # text could be markup
    assert field.check() == []


def test_every_file_field_has_an_upload_point():
    found = {(m._meta.app_label, m._meta.model_name, f.name) for m, f in FIELDS}
    assert found == set(UPLOAD_POINTS) | GENERATED
    assert not GENERATED & set(UPLOAD_POINTS)
