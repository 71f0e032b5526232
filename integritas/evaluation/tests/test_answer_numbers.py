"""LKE answers typed the Indonesian way (htmx fill and TPI review): read as meant or refused."""

from decimal import Decimal

import pytest
from django.urls import reverse

from integritas.evaluation.models import Answer

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _save(client, assessment, data, code="R1.i.a"):
    return client.post(reverse("evaluation:answer_save", args=[assessment.pk, code]), data, **HTMX)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("66,7", Decimal("66.7")), ("87.5", Decimal("87.5")), ("8,5", Decimal("8.5")),
     ("100", Decimal(100)), (" 12,3456 ", Decimal("12.3456"))],
)  # fmt: skip
def test_a_percentage_is_read_as_typed(world, client_for, assessment, typed, stored):
    response = _save(client_for(world.kerja_a), assessment, {"percent": typed})
    assert "tersimpan" in response.content.decode()
    assert Answer.objects.get(question_code="R1.i.a").percent == stored


@pytest.mark.parametrize(
    ("data", "words"),
    [({"percent": "1.250"}, "1,25"), ({"percent": "66,75555"}, "paling banyak 4"),
     ({"percent": "1,250.5"}, "Inggris"), ({"percent": "²"}, "bukan angka"),
     ({"in_jml_agen_perubahan": "2,5"}, "bukan bilangan bulat"),
     ({"in_jml_agen_perubahan": "1e3"}, "bukan angka"),
     ({"note": "catatan\x00tersembunyi", "percent": "50"}, "NUL")],
)  # fmt: skip
def test_an_unreadable_number_or_a_nul_is_refused_inline(
    world, client_for, assessment, data, words
):
    response = _save(client_for(world.kerja_a), assessment, data)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Answer.objects.exists()


def test_whole_inputs_accept_thousands_dots(world, client_for, assessment):
    client = client_for(world.kerja_a)
    _save(
        client,
        assessment,
        {"in_jml_agen_perubahan": "1.250", "in_jml_perubahan_dibuat": "1.000"},
    )
    answer = Answer.objects.get(question_code="R1.i.a")
    assert answer.inputs == {"jml_agen_perubahan": 1250, "jml_perubahan_dibuat": 1000}


def test_a_saved_percentage_is_shown_back_indonesian(world, client_for, assessment):
    client = client_for(world.kerja_a)
    _save(client, assessment, {"percent": "87,5"})
    area = reverse("evaluation:assessment_fill", args=[assessment.pk, "MP"])
    page = client.get(area).content.decode()
    assert 'value="87,5"' in page and "87.5000" not in page
