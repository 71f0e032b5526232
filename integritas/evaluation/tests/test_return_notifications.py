"""Pasal 19: a question the TPI returns reaches the unit's head and Tim Kerja as a notification."""

import pytest

from integritas.common.models import Notification
from integritas.evaluation import services

pytestmark = pytest.mark.django_db


def test_returned_questions_notify_the_unit_team(world, submitted, ketua):
    services.assessment_return(
        assessment=submitted, question_codes=["P1.i.b", "P1.i.a"], note="Lampirkan SK.",
        by=world.tpi,
    )  # fmt: skip
    rows = Notification.objects.filter(kind="lke.pertanyaan_dikembalikan")
    assert {n.user for n in rows} == {world.head_a, world.kerja_a}
    assert all(n.title.startswith("2 pertanyaan") and n.text == "Lampirkan SK." for n in rows)


def test_a_refused_return_raises_none(world, submitted, ketua):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.assessment_return(assessment=submitted, question_codes=[], note="x", by=world.tpi)
    assert not Notification.objects.exists()
