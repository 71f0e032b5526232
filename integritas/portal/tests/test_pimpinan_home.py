"""The Wali Kota's home shows the city declaration (Pasal 5 ayat 1), not a unit pact to sign."""

from datetime import date

from django.urls import reverse

from integritas.commitment.models import Declaration


def _home(client_for, user):
    return client_for(user).get(reverse("portal:home")).content.decode()


def test_the_wali_kota_is_not_asked_to_sign_a_pact_with_a_tim_kerja(world, client_for):
    page = _home(client_for, world.pimpinan)
    assert "Tim Kerja unit" not in page
    assert "Pakta integritas Anda" not in page
    assert "Pencanangan ZI tingkat kota" in page and "Belum" in page


def test_the_wali_kota_sees_when_the_city_declared(world, client_for):
    Declaration.objects.create(scope="city", declared_on=date(2025, 1, 6), place="Balai Kota",
                               head_name="Wali Kota", head_position="Wali Kota Kupang")  # fmt: skip
    page = _home(client_for, world.pimpinan)
    assert "Pencanangan ZI tingkat kota" in page and "6 Januari 2025" in page


def test_an_employee_is_still_asked_for_his_own_pact(world, client_for):
    page = _home(client_for, world.staff_a)
    assert "Pakta integritas Anda" in page
    assert "Pencanangan ZI tingkat kota" not in page
