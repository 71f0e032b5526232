"""Predicates fixtures: a stored LKE, final assessments made directly, recorded prerequisite facts."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from integritas.commitment.models import Declaration
from integritas.evaluation import engine
from integritas.evaluation import services as evaluation_services
from integritas.evaluation.models import Answer, Assessment, HasilInput
from integritas.evaluation.selectors import engine_framework
from integritas.predicates.models import InstitutionFacts, ReportingDuty, UnitFacts

YEAR = 2026
TODAY = date(2026, 5, 20)


@pytest.fixture
def clock():
    """Freeze the clock at 20 May 2026, 10:00 in Kupang (before the 31 May deadline)."""
    with time_machine.travel(
        datetime(2026, 5, 20, 10, 0, tzinfo=ZoneInfo("Asia/Makassar")), tick=False
    ) as t:
        yield t


@pytest.fixture
def framework(db):
    return evaluation_services.framework_load(path=engine.published_frameworks()[0].source)


def make_final(unit, framework, *, year=YEAR, strong=True, ipak="3.8"):
    """A final assessment of `unit`: every TPI answer best (strong) or worst, and the hasil inputs."""
    lke = engine_framework(framework)
    assessment = Assessment.objects.create(
        unit=unit, year=year, framework=framework, status=Assessment.Status.FINAL,
        finalised_at=datetime(2026, 4, 30, 9, 0, tzinfo=ZoneInfo("Asia/Makassar")),
    )  # fmt: skip
    rows = []
    for question in lke.questions:
        row = Answer(assessment=assessment, question_code=question.code)
        if question.is_percent:
            row.percent = row.tpi_percent = Decimal(100 if strong else 0)
        else:
            option = (
                question.best_option if strong else min(question.options, key=lambda o: o.value)
            )
            row.option_label = row.tpi_option_label = option.label
        rows.append(row)
    Answer.objects.bulk_create(rows)
    HasilInput.objects.create(
        assessment=assessment, ipak_index=Decimal(ipak), ipkp_index=Decimal("3.7"), capaian_kinerja="A",
        tlhp_percent=Decimal(100),
    )  # fmt: skip
    return assessment


def record_facts(world, unit, *, year=YEAR, declared_on=date(2025, 3, 1), reported=True):
    """Every prerequisite of Menuju WBK met for `unit` (pemda, WTP, B, CC, SPIP 3, 100 %)."""
    InstitutionFacts.objects.update_or_create(
        institution=world.institution, year=year,
        defaults={"kind": "pemda", "opini_bpk": "WTP", "opini_source": "LHP BPK 2025", "sakip": "BB",
                      "sakip_source": "LHE SAKIP 2025", "indeks_rb": "B", "indeks_rb_source": "LHE RB 2025",
                      "spip_level": 3, "spip_source": "BPKP 2025"},
    )  # fmt: skip
    UnitFacts.objects.update_or_create(
        unit=unit, year=year,
        defaults={"core_service": True, "core_service_reason": "layanan inti", "significant_impact": True,
                      "significant_impact_reason": "layanan publik langsung", "tlhp_percent": Decimal(100),
                      "tlhp_source": "LHP Inspektorat", "sakip_internal": "BB", "sakip_internal_source": "LHE internal"},
    )  # fmt: skip
    Declaration.objects.get_or_create(
        unit=unit,
        defaults={"scope": "unit", "declared_on": declared_on, "place": "Kupang", "head_name": "Kepala",
                      "head_position": "Kepala Dinas"},
    )  # fmt: skip
    for kind in ("lhkpn", "lhkasn"):
        ReportingDuty.objects.get_or_create(
            year=year, kind=kind, nip=f"19800101200501{unit.pk % 10000:04d}",
            defaults={"unit": unit, "name": "Pejabat", "reported": reported},
        )  # fmt: skip
