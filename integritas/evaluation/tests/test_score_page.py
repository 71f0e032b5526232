"""The score page: the six areas, the hasil components, both rule sets' verdicts, the gap analysis."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from integritas.evaluation import services

from .conftest import answer_all

pytestmark = pytest.mark.django_db


def _verdicts(body):
    return {
        (m[0], m[1]): m[2]
        for m in re.findall(
            r'data-rule-set="([^"]+)" data-predicate="([^"]+)" data-eligible="([^"]+)"', body
        )
    }


def test_a_final_assessment_shows_the_tpi_score_and_both_verdicts(world, client_for, final):
    response = client_for(world.pimpinan).get(reverse("evaluation:score", args=[final.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Menampilkan nilai TPI" in body
    assert 'id="score-total">97,81<' in body
    assert _verdicts(body) == {
        ("perwali-kupang-23-2025", "WBK"): "ya",
        ("perwali-kupang-23-2025", "WBBM"): "ya",
        ("permenpanrb-90-2021", "WBK"): "ya",
        ("permenpanrb-90-2021", "WBBM"): "ya",
    }
    assert "<svg" in body and "<script" not in body.split('class="chart"')[1].split("</div>")[0]


def test_a_failing_rule_is_explained_with_its_numbers_and_a_gap_list(
    world, client_for, assessment, lke
):
    answer_all(assessment, lke, world.kerja_a, skip=40)
    services.hasil_save(
        assessment=assessment, by=world.kerja_a, ipak_index=Decimal("3.0"),
        ipkp_index=Decimal("3.8"), capaian_kinerja="C", tlhp_percent=Decimal(50),
    )  # fmt: skip
    body = client_for(world.kerja_a).get(reverse("evaluation:score", args=[assessment.pk])).content
    body = body.decode()
    verdicts = _verdicts(body)
    assert verdicts[("perwali-kupang-23-2025", "WBK")] == "tidak"
    assert "TLHP 2,50 &lt; 3,50" in body
    assert "IPAK 13,13 &lt; 15,75" in body
    assert "Analisis kesenjangan" in body and "langkah" in body


def test_the_unit_can_switch_between_its_own_and_the_tpi_score_once_final(world, client_for, final):
    client = client_for(world.head_a)
    mine = client.get(reverse("evaluation:score", args=[final.pk]) + "?sumber=self")
    assert "Menampilkan nilai penilaian mandiri" in mine.content.decode()
    theirs = client.get(reverse("evaluation:score", args=[final.pk]) + "?sumber=tpi")
    assert "Menampilkan nilai TPI" in theirs.content.decode()


def test_the_unit_does_not_see_tpi_scores_during_review(world, client_for, submitted, ketua):
    services.review_save(
        assessment=submitted, question_code="P1.i.a", option_label="Tidak", by=world.tpi
    )
    body = (
        client_for(world.kerja_a)
        .get(reverse("evaluation:score", args=[submitted.pk]) + "?sumber=tpi")
        .content.decode()
    )
    assert "Menampilkan nilai penilaian mandiri" in body
