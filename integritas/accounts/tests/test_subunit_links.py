"""A unit's page links only the sub-units the viewer may open: no link answers 404."""

import re

import pytest
from django.urls import reverse

from integritas.accounts.models import Role, RoleAssignment
from integritas.organization.models import Unit


@pytest.fixture
def puskesmas(world):
    return [
        Unit.objects.create(
            institution=world.institution,
            code=f"PKM-{i}",
            name=f"Puskesmas {i}",
            type="puskesmas",
            parent=world.unit_a,
        )  # fmt: skip
        for i in range(1, 7)
    ]


def _unit_links(page: str) -> list[str]:
    return sorted(set(re.findall(r'href="(/organisasi/unit/\d+/)"', page)))


def test_every_sub_unit_link_a_unit_head_sees_opens(world, client_for, puskesmas):
    client = client_for(world.head_a)
    page = client.get(world.unit_a.get_absolute_url()).content.decode()
    for p in puskesmas:
        assert p.name in page  # still listed, by name
    for link in _unit_links(page):
        assert client.get(link).status_code == 200, link
    assert "administrator dapat memberikan peran yang mencakup sub-unit" in page


def test_a_head_granted_the_sub_units_gets_them_as_links(world, client_for, puskesmas):
    RoleAssignment.objects.filter(user=world.head_a, role=Role.UNIT_HEAD).update(
        include_subunits=True
    )
    client = client_for(world.head_a)
    page = client.get(world.unit_a.get_absolute_url()).content.decode()
    links = _unit_links(page)
    assert all(p.get_absolute_url() in links for p in puskesmas)
    assert all(client.get(link).status_code == 200 for link in links)
    assert "administrator dapat memberikan" not in page


def test_the_administrator_opens_every_sub_unit(world, client_for, puskesmas):
    page = client_for(world.admin).get(world.unit_a.get_absolute_url()).content.decode()
    assert all(p.get_absolute_url() in page for p in puskesmas)
    assert reverse("organization:unit_detail", args=[puskesmas[0].pk]) in page
