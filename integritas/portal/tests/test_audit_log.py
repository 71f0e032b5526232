"""The audit log page shows recorded values as they were stored."""

import pytest
from django.urls import reverse

from integritas.audit.services import record

pytestmark = pytest.mark.django_db


def test_recorded_values_are_shown_in_indonesian_and_without_python_none(world, client_for):
    record(actor=world.admin, action="uji.nilai", obj=world.unit_a, unit_id=world.unit_a.pk,
           changes={"year": [None, 2026], "results": [None, {"mean": None, "n": 1250}]})  # fmt: skip
    page = client_for(world.admin).get(reverse("portal:audit_log")).content.decode()
    assert "<strong>Tahun</strong>: <span" in page and "2026" in page and "2.026" not in page
    assert "N: 1250" in page and "None" not in page


def test_labels_values_times_and_actions_are_words_not_codes(world, client_for):
    from integritas.planning.models import ActionPlan

    plan = ActionPlan.objects.create(unit=world.unit_a, year=2025)
    record(actor=world.head_a, action="rencana_aksi.ditetapkan", obj=plan, unit_id=world.unit_a.pk,
           changes={"status": ["draft", "set"], "set_by_id": [None, world.head_a.pk],
                    "set_at": [None, "2026-12-02T03:42:00+00:00"], "score": ["80.00", "83.33"]})  # fmt: skip
    page = client_for(world.admin).get(reverse("portal:audit_log")).content.decode()
    assert "Rencana aksi ditetapkan" in page and "rencana_aksi.ditetapkan" not in page
    assert "set_by_id" not in page and "set_at" not in page
    assert "Ditetapkan oleh" in page and "Ditetapkan pada" in page
    assert str(world.head_a) in page
    assert "2 Desember 2026 11.42 WITA" in page and "2026-12-02T" not in page
    assert "80,00" in page and "83,33" in page and "83.33" not in page
    assert str(ActionPlan.Status.SET.label) in page


def test_values_recorded_before_they_became_english_still_read_in_words(world, client_for):
    from integritas.surveys.models import SurveyWave
    from integritas.surveys.tests.conftest import make_wave

    wave = make_wave(world)
    # The chain keeps what was hashed: "dibuka"/"ditutup" from before, "open"/"closed" after.
    record(actor=world.admin, action="survei.ditutup", obj=wave, unit_id=world.unit_a.pk,
           changes={"status": ["dibuka", "ditutup"]})  # fmt: skip
    record(actor=world.admin, action="survei.ditutup", obj=wave, unit_id=world.unit_a.pk,
           changes={"status": [SurveyWave.Status.OPEN, SurveyWave.Status.CLOSED]})  # fmt: skip
    page = client_for(world.admin).get(reverse("portal:audit_log")).content.decode()
    before, after = SurveyWave.Status.OPEN.label, SurveyWave.Status.CLOSED.label
    pair = f'<span title="{before}">{before}</span> → <span title="{after}">{after}</span>'
    assert page.count(pair) == 2
    assert "dibuka</span>" not in page and "open</span>" not in page


def test_an_impossible_filter_date_is_ignored_not_a_server_error(world, client_for):
    client = client_for(world.admin)
    response = client.get(reverse("portal:audit_log"), {"dari": "2025-13-45", "sampai": "x"})
    assert response.status_code == 200


def test_a_nul_character_in_a_search_is_a_bad_request_not_a_server_error(world, client_for):
    client = client_for(world.admin)
    for name in ("portal:audit_log", "organization:employee_list", "organization:unit_list"):
        response = client.get(reverse(name), {"q": "a\x00b", "tindakan": "a\x00b"})
        assert response.status_code == 400, name


def test_the_new_apps_actions_read_as_words_and_file_companions_are_not_shown():
    from integritas.portal import audit_display

    assert audit_display.action_words("complaint.record") == "Pengaduan dicatat"
    assert audit_display.action_words("predikat.dicabut") == "Predikat dicabut"
    pairs = list(audit_display._pairs({"file_content_type": [None, "application/pdf"],
                                       "signed_sha256": [None, "ab" * 32], "note": [None, "x"]}))  # fmt: skip
    assert [key for key, _before, _after in pairs] == ["note"]
