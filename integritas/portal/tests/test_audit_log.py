"""The audit log page shows recorded values as they were stored."""

import pytest
from django.urls import reverse

from integritas.audit.services import record

pytestmark = pytest.mark.django_db


def test_recorded_values_are_shown_unlocalised_and_without_python_none(world, client_for):
    record(actor=world.admin, action="uji.nilai", obj=world.unit_a, unit_id=world.unit_a.pk,
           changes={"year": [None, 2026], "results": [None, {"mean": None, "n": 1250}]})  # fmt: skip
    page = client_for(world.admin).get(reverse("portal:audit_log")).content.decode()
    assert "<code>year</code>: <span" in page and "2026" in page and "2.026" not in page
    assert "&quot;n&quot;: 1250" in page and "None" not in page


def test_an_impossible_filter_date_is_ignored_not_a_server_error(world, client_for):
    client = client_for(world.admin)
    response = client.get(reverse("portal:audit_log"), {"dari": "2025-13-45", "sampai": "x"})
    assert response.status_code == 200


def test_a_nul_character_in_a_search_is_a_bad_request_not_a_server_error(world, client_for):
    client = client_for(world.admin)
    for name in ("portal:audit_log", "organization:employee_list", "organization:unit_list"):
        response = client.get(reverse(name), {"q": "a\x00b", "tindakan": "a\x00b"})
        assert response.status_code == 400, name
