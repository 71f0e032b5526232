"""The register's LHKPN/LHKASN % as a suggested LKE answer (R5.iii.a/b): the unit accepts it."""

from decimal import Decimal

from django.urls import reverse

from integritas.evaluation import services as evaluation_services
from integritas.evaluation.models import Answer
from integritas.predicates.models import ReportingDuty

from .conftest import YEAR


def test_the_unit_accepts_the_register_percent_and_nothing_changes_before(
    world, client_for, framework, clock
):
    assessment = evaluation_services.assessment_create(
        unit=world.unit_a, year=YEAR, by=world.kerja_a
    )
    for index, user in enumerate((world.head_a, world.kerja_a, world.staff_a)):
        ReportingDuty.objects.create(
            year=YEAR,
            kind="lhkpn",
            unit=world.unit_a,
            nip=user.employee.nip,
            name=user.username,
            reported=index < 2,
        )
    page = client_for(world.kerja_a).get(
        reverse("predicates:unit_detail", args=[world.unit_a.pk, YEAR])
    )
    body = page.content.decode()
    assert "Saran jawaban LKE dari register wajib lapor" in body and "66,67 %" in body
    assert not Answer.objects.filter(assessment=assessment).exists()  # shown, not written
    # a reader who cannot write the unit is not offered it, and cannot post it
    assert (
        "Pakai nilai register"
        not in client_for(world.staff_a).get(page.request["PATH_INFO"]).content.decode()
    )
    url = reverse("predicates:lke_accept", args=[world.unit_a.pk, YEAR, "R5.iii.a"])
    assert client_for(world.tpi).post(url).status_code == 404
    assert not Answer.objects.filter(assessment=assessment).exists()
    client_for(world.kerja_a).post(url)
    answer = Answer.objects.get(assessment=assessment, question_code="R5.iii.a")
    assert answer.percent == Decimal("66.67")
    assert "2 dari 3 pegawai" in answer.note
    assert (
        client_for(world.kerja_a)
        .post(reverse("predicates:lke_accept", args=[world.unit_a.pk, YEAR, "R5.iii.b"]))
        .status_code
        == 404
    )  # no LHKASN register: nothing to suggest
