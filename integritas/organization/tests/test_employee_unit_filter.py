"""The employee list is filtered by unit from a picker on the page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_administrator_filters_employees_by_unit(world, client_for):
    client = client_for(world.admin)
    url = reverse("organization:employee_list")
    everyone = client.get(url).content.decode()
    assert 'id="unit-filter"' in everyone and "Semua unit" in everyone
    assert "Staff A" in everyone and "Staff B" in everyone
    page = client.get(url, {"unit": world.unit_a.pk}).content.decode()
    assert "Staff A" in page and "Staff B" not in page
    assert f'value="{world.unit_a.pk}" selected' in page


def test_a_unit_user_is_offered_only_the_units_he_may_read(world, client_for):
    page = (
        client_for(world.head_a)
        .get(reverse("organization:employee_list"), {"unit": world.unit_a.pk})
        .content.decode()
    )
    assert world.unit_a.name in page and world.unit_b.name not in page
    assert "Semua unit" not in page
    response = client_for(world.head_a).get(
        reverse("organization:employee_list"), {"unit": world.unit_b.pk}
    )
    assert response.status_code == 404
