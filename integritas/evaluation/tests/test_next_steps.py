"""Langkah berikutnya: the few things that close the gap to WBK/WBBM, in words, with links."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from integritas.evaluation import services

from .conftest import answer_all

pytestmark = pytest.mark.django_db


def _steps(body: str) -> list[str]:
    block = body.split('id="next-steps"')[1].split("</ol>")[0]
    return [re.sub(r"<[^>]+>", "", s).strip() for s in re.findall(r"<strong>(.*?)</strong>", block)]


@pytest.mark.parametrize(
    ("ipkp", "expected"),
    [
        (Decimal("3.20"), "Naikkan IPKP ke ≥ 3,66 (sekarang 3,20)"),  # 16 poin × 4 / 17,5
        (Decimal("3.65"), "Naikkan IPKP ke ≥ 3,66 (sekarang 3,65)"),
    ],
)
def test_a_low_ipkp_becomes_one_plain_step_linked_to_the_next_spkp_survey(
    world, client_for, assessment, lke, ipkp, expected
):
    answer_all(assessment, lke, world.kerja_a)
    services.hasil_save(
        assessment=assessment, by=world.kerja_a, ipak_index=Decimal("3.9"), ipkp_index=ipkp,
        capaian_kinerja="A", tlhp_percent=Decimal(100),
    )  # fmt: skip
    body = client_for(world.head_a).get(reverse("evaluation:score", args=[assessment.pk]))
    body = body.content.decode()
    assert "Langkah berikutnya menuju WBK" in body
    assert _steps(body) == [expected]
    assert reverse("surveys:wave_list") + "?jenis=spkp" in body
    assert "Pasal 16 ayat (4) huruf c" in body
    assert "hasil_pelayanan" not in body.split('id="next-steps"')[1].split("</ol>")[0]


def test_unanswered_questions_become_steps_that_link_to_the_question(
    world, client_for, assessment, lke
):
    answer_all(assessment, lke, world.kerja_a, skip=70)
    services.hasil_save(
        assessment=assessment, by=world.kerja_a, ipak_index=Decimal("3.9"),
        ipkp_index=Decimal("3.9"), capaian_kinerja="A", tlhp_percent=Decimal(30),
    )  # fmt: skip
    body = client_for(world.kerja_a).get(reverse("evaluation:score", args=[assessment.pk]))
    body = body.content.decode()
    steps = _steps(body)
    assert steps[0] == "Tuntaskan tindak lanjut hasil pemeriksaan hingga ≥ 70 %"
    question_steps = [s for s in steps if s.startswith("Perbaiki jawaban")]
    assert 1 <= len(question_steps) <= 5
    fill = reverse("evaluation:assessment_fill", args=[assessment.pk, "X"]).rsplit("X", 1)[0]
    links = re.findall(r'href="([^"]+)">buka pertanyaan', body)
    assert len(links) == len(question_steps)
    assert all(link.startswith(fill) and "/#q-" in link for link in links), links


def test_a_percent_target_reads_as_the_percentage_the_gap_analysis_gives(lke):
    from integritas.evaluation.next_steps import _target_text

    question = next(q for q in lke.questions if q.is_percent)
    assert _target_text(question, Decimal(100)) == "100 %"
    assert _target_text(question, Decimal("87.5")) == "87,5 %"  # never rounded


def test_after_the_final_score_the_steps_speak_of_the_next_assessment(world, client_for, final):
    from integritas.evaluation import next_steps, selectors

    data = selectors.assessment_data(final, with_links=False)
    # Ask for WBK under a weakened copy of the answers so that steps exist.
    verdicts = selectors.verdicts(data.framework, type(data.self_input())(), with_gaps=True)
    steps = next_steps.build(
        data.framework, verdicts, assessment_pk=final.pk, unit_id=final.unit_id, final=True
    )
    assert steps.steps and all(
        s.text.startswith("Pada penilaian berikutnya") or not s.text.startswith("Perbaiki")
        for s in steps.steps
    )
