"""Langkah berikutnya as the register knows the unit: WBK held aims at WBBM, WBBM held is kept."""

import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from integritas.evaluation import services
from integritas.evaluation.tests import conftest as lke_tests
from integritas.evaluation.tests.conftest import YEAR, answer_all
from integritas.predicates import cards

pytestmark = pytest.mark.django_db

# The LKE tests' fixtures: unit A's assessment, submitted and made final by its TPI ketua.
framework, lke, assessment = lke_tests.framework, lke_tests.lke, lke_tests.assessment
submitted, ketua, final = lke_tests.submitted, lke_tests.ketua, lke_tests.final


def _steps(body: str) -> list[str]:
    block = body.split('id="next-steps"')[1].split("</ol>")[0]
    return [re.sub(r"<[^>]+>", "", s).strip() for s in re.findall(r"<strong>(.*?)</strong>", block)]


def _holds(unit, level: str):
    """Record a standing predicate in the register (what the TPN result would leave)."""
    from integritas.predicates.models import Predicate

    return Predicate.objects.create(
        unit=unit, level=level, granted_on=date(YEAR - 1, 12, 1), decree_number="KEP/1/2024"
    )


def _next_steps_block(body: str) -> str:
    return body.split('id="next-steps"')[1].split("</div></div>")[0]


def test_a_unit_without_a_predicate_that_meets_wbk_is_told_it_is_ready_for_wbk(
    world, client_for, final
):
    body = client_for(world.head_a).get(reverse("evaluation:score", args=[final.pk]))
    assert "Nilai sudah memenuhi syarat menuju WBK<" in body.content.decode()


def test_a_unit_holding_wbk_that_meets_wbbm_is_told_it_is_ready_for_wbbm(world, client_for, final):
    _holds(world.unit_a, "wbk")
    body = client_for(world.head_a).get(reverse("evaluation:score", args=[final.pk]))
    assert "Nilai sudah memenuhi syarat menuju WBBM" in body.content.decode()


def test_a_unit_holding_wbk_is_shown_the_steps_towards_wbbm_not_wbk(
    world, client_for, assessment, lke
):
    answer_all(assessment, lke, world.kerja_a)
    services.hasil_save(
        assessment=assessment, by=world.kerja_a, ipak_index=Decimal("3.9"),
        ipkp_index=Decimal("3.20"), capaian_kinerja="A", tlhp_percent=Decimal(100),
    )  # fmt: skip
    _holds(world.unit_a, "wbk")
    body = client_for(world.head_a).get(reverse("evaluation:score", args=[assessment.pk]))
    block = _next_steps_block(body.content.decode())
    assert "Langkah berikutnya menuju WBBM" in block
    assert "menuju WBK" not in block
    assert _steps(body.content.decode())  # what the WBBM minimums still ask


def test_a_revoked_wbk_no_longer_counts_and_the_steps_aim_at_wbk_again(
    world, client_for, assessment, lke
):
    answer_all(assessment, lke, world.kerja_a)
    services.hasil_save(
        assessment=assessment, by=world.kerja_a, ipak_index=Decimal("3.9"),
        ipkp_index=Decimal("3.20"), capaian_kinerja="A", tlhp_percent=Decimal(100),
    )  # fmt: skip
    wbk = _holds(world.unit_a, "wbk")
    wbk.status, wbk.revoked_on = "revoked", date(YEAR, 1, 5)
    wbk.save(update_fields=["status", "revoked_on"])
    body = client_for(world.head_a).get(reverse("evaluation:score", args=[assessment.pk]))
    assert "Langkah berikutnya menuju WBK<" in _next_steps_block(body.content.decode())


def test_a_unit_holding_wbbm_is_told_it_holds_it_and_what_keeps_it(world, client_for, final):
    _holds(world.unit_a, "wbbm")
    body = client_for(world.head_a).get(reverse("evaluation:score", args=[final.pk]))
    block = _next_steps_block(body.content.decode())
    assert "Unit ini berpredikat Menuju WBBM" in block
    assert "setiap 2 (dua) tahun sekali (Pasal 17 ayat 6)" in block
    assert "Monitoring TPI berikutnya: 1 Desember " in block  # two years after the grant
    assert "Langkah berikutnya" not in block and "memenuhi syarat" not in block


def _home_cards(user, year: int) -> dict:
    with time_machine.travel(date(year, 11, 20), tick=False):
        return {c.title: c for c in cards.next_step_cards(user)}


def test_after_the_final_score_the_head_is_told_the_unit_is_ready_for_wbk(world, final):
    card = _home_cards(world.head_a, final.year)["Siap diusulkan menuju WBK"]
    assert card.tone == "success" and world.unit_a.name in card.text
    assert card.url == reverse("evaluation:score", args=[final.pk])


def test_the_home_card_of_a_unit_holding_wbk_points_to_wbbm(world, final):
    _holds(world.unit_a, "wbk")
    titles = _home_cards(world.head_a, final.year)
    assert "Siap diusulkan menuju WBBM" in titles
    assert "Siap diusulkan menuju WBK" not in titles


def test_the_home_card_of_a_unit_holding_wbbm_says_what_keeps_it(world, final):
    predicate = _holds(world.unit_a, "wbbm")
    card = _home_cards(world.head_a, final.year)["Berpredikat Menuju WBBM"]
    assert "setiap 2 (dua) tahun sekali (Pasal 17 ayat 6)" in card.text
    assert "Monitoring berikutnya: 1 Desember 2026." in card.text
    assert card.url == reverse("predicates:predicate", args=[predicate.pk])
