"""Complaint cards on the home page (counts only) and the public section."""

import pytest
import time_machine
from django.urls import reverse

from integritas.complaints.models import ComplaintOfficer
from integritas.complaints.tests.factories import file_public

pytestmark = pytest.mark.django_db


def test_an_officer_sees_open_and_late_complaints_without_contents(world, client_for):
    ComplaintOfficer.objects.create(unit=world.unit_b, user=world.staff_b)
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        file_public(world.unit_b, what="Isi rahasia pengaduan")
    with time_machine.travel("2026-03-10 09:00 +08:00", tick=False):
        body = client_for(world.staff_b).get(reverse("portal:home")).content.decode()
    assert "Pengaduan yang ditangani" in body and "Pengaduan melewati batas waktu" in body
    assert "Isi rahasia pengaduan" not in body


def test_someone_who_handles_no_complaint_gets_no_card(world, client_for):
    file_public(world.unit_b)
    body = client_for(world.staff_a).get(reverse("portal:home")).content.decode()
    assert "Pengaduan yang ditangani" not in body


def test_the_public_page_says_how_to_complain(client):
    response = client.get(reverse("portal:public_home"))
    assert response.status_code == 200
    assert reverse("complaints_public:intake") in response.content.decode()
