"""The cycle from a final LKE to a predicate and back (Pasal 14–17), through the services."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from integritas.audit.models import AuditRecord
from integritas.organization.models import Unit
from integritas.predicates import selectors, services
from integritas.predicates.models import Predicate, Recommendation

from .conftest import TODAY, YEAR, make_final, record_facts

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def scan(name="keputusan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def ready(world, framework, clock):
    """Unit A (not Stranas-PK here) with a strong final LKE and every prerequisite met."""
    Unit.objects.filter(pk=world.unit_a.pk).update(is_stranas_pk=False)
    world.unit_a.refresh_from_db()
    record_facts(world, world.unit_a)
    return make_final(world.unit_a, framework)


def propose(world, outcome="proposed", note=""):
    return services.recommendation_record(
        unit=world.unit_a, year=YEAR, outcome=outcome, note=note, by=world.tpi
    )


def test_the_candidate_list_ranks_units_with_both_verdicts_and_prerequisites(
    world, framework, ready
):
    make_final(world.unit_b, framework, strong=False)
    rows = selectors.candidates(YEAR, TODAY)
    assert [r.unit for r in rows] == [world.unit_a, world.unit_b]
    strong, weak = rows
    assert strong.level == "wbk" and strong.local.eligible and strong.national.eligible
    assert strong.check.eligible and strong.proposable
    assert not weak.local.eligible and not weak.proposable
    assert weak.holds_back  # says what holds it back, with numbers
    assert any("<" in reason for reason in weak.holds_back)


def test_the_tpi_proposes_an_eligible_unit_and_the_decision_is_audited(world, ready):
    item = propose(world)
    assert (item.outcome, item.level, item.decision) == ("proposed", "wbk", "pending")
    assert item.check_result["eligible"] is True
    assert item.verdicts["local"]["eligible"] is True
    assert AuditRecord.objects.filter(action="rekomendasi.dicatat", object_id=str(item.pk)).exists()
    services.recommendation_decide(recommendation=item, approve=True, by=world.pimpinan)
    item.refresh_from_db()
    assert item.decision == "approved" and item.decided_by == world.pimpinan
    with pytest.raises(ValidationError, match="sudah diputuskan"):
        services.recommendation_decide(
            recommendation=item, approve=False, note="x", by=world.pimpinan
        )


def test_a_unit_failing_the_local_rule_cannot_be_proposed_but_gets_improvement_items(
    world, framework, clock
):
    record_facts(world, world.unit_a)
    make_final(world.unit_a, framework, strong=False)
    with pytest.raises(ValidationError) as caught:
        propose(world)
    assert "Unit belum dapat diusulkan:" in caught.value.messages
    assert not Recommendation.objects.exists()
    item = propose(world, "improve")
    assert item.decision == "not_needed"
    codes = [i["code"] for i in item.improvements if i["code"]]
    assert codes and all(c[0] in "PR" for c in codes)  # LKE codes to copy into next year's plan


def test_a_missing_prerequisite_blocks_the_proposal_with_its_rule(world, ready):
    from integritas.predicates.models import UnitFacts

    UnitFacts.objects.filter(unit=world.unit_a).update(tlhp_percent=Decimal("98"))
    with pytest.raises(ValidationError) as caught:
        propose(world)
    assert "TLHP 98,00 % — harus 100 %" in caught.value.messages


def test_a_stranas_pk_unit_is_proposed_as_an_affirmation(world, framework, clock):
    make_final(world.unit_a, framework)  # unit A is Dukcapil (Stranas-PK) and has no facts recorded
    item = propose(world)
    assert item.affirmation is True
    assert all(f["blocking"] is False for f in item.check_result["failures"])


def test_a_tpi_member_never_recommends_his_own_unit_or_its_relatives(world, framework, ready):
    child = Unit.objects.create(
        institution=world.institution, code="UPT", name="UPT", type="upt", parent=world.unit_a
    )
    for unit in (world.unit_a, child):
        with pytest.raises(PermissionDenied):
            services.recommendation_record(
                unit=unit, year=YEAR, outcome="improve", by=world.tpi_in_a
            )
    for user in (world.admin, world.pimpinan, world.head_a):
        with pytest.raises(PermissionDenied):
            services.recommendation_record(unit=world.unit_a, year=YEAR, outcome="improve", by=user)
    assert not Recommendation.objects.exists()


def test_only_pimpinan_decides_and_a_paper_decision_needs_its_scan(world, ready):
    item = propose(world)
    for user in (world.admin, world.tpi, world.head_a):
        with pytest.raises(PermissionDenied):
            services.recommendation_decide(recommendation=item, approve=True, by=user)
    with pytest.raises(ValidationError):
        services.recommendation_decide(
            recommendation=item, approve=False, note="", by=world.pimpinan
        )
    with pytest.raises(ValidationError):
        services.decision_record_paper(recommendation=item, approve=True, scan=None, by=world.admin)
    with pytest.raises(PermissionDenied):
        services.decision_record_paper(
            recommendation=item, approve=True, scan=scan(), by=world.pimpinan
        )
    item.refresh_from_db()
    assert item.decision == "pending"
    services.decision_record_paper(recommendation=item, approve=True, scan=scan(), by=world.admin)
    item.refresh_from_db()
    assert item.decision == "approved" and item.decision_on_paper and item.decision_scan


def approved(world):
    item = propose(world)
    services.recommendation_decide(recommendation=item, approve=True, by=world.pimpinan)
    return item


def test_the_tpn_result_enters_the_register_and_a_wbbm_supersedes_the_wbk(
    world, framework, ready, clock
):
    item = approved(world)
    with pytest.raises(ValidationError):
        services.tpn_result_record(
            recommendation=item, granted=True, decree_number="", by=world.admin
        )
    wbk = services.tpn_result_record(
        recommendation=item, granted=True, decree_number="KEP/10/2026", granted_on=date(2026, 5, 15),
        scan=scan(), by=world.admin,
    )  # fmt: skip
    assert wbk.status == "standing" and wbk.level == "wbk"
    assert [p.unit for p in selectors.public_predicates()] == [world.unit_a]
    with pytest.raises(ValidationError, match="sudah dicatat"):
        services.tpn_result_record(recommendation=item, granted=False, notes="x", by=world.admin)
    # two years later the unit builds toward WBBM and is granted it
    clock.move_to("2028-05-20 10:00+08:00")
    record_facts(world, world.unit_a, year=2028)
    make_final(world.unit_a, framework, year=2028)
    next_item = services.recommendation_record(
        unit=world.unit_a, year=2028, outcome="proposed", by=world.tpi
    )
    assert next_item.level == "wbbm"
    services.recommendation_decide(recommendation=next_item, approve=True, by=world.pimpinan)
    wbbm = services.tpn_result_record(
        recommendation=next_item,
        granted=True,
        decree_number="KEP/20/2028",
        granted_on=date(2028, 5, 19),
        by=world.admin,
    )
    wbk.refresh_from_db()
    assert wbk.status == "superseded" and wbk.superseded_by == wbbm


def test_not_granted_needs_the_tpn_notes(world, ready):
    item = approved(world)
    with pytest.raises(ValidationError):
        services.tpn_result_record(recommendation=item, granted=False, notes="", by=world.admin)
    assert (
        services.tpn_result_record(
            recommendation=item, granted=False, notes="Nilai IPKP kurang", by=world.admin
        )
        is None
    )
    item.refresh_from_db()
    assert item.tpn_result == "not_granted"
    assert not Predicate.objects.exists()


def test_monitoring_falls_due_two_years_after_the_grant(world, ready, clock):
    item = approved(world)
    predicate = services.tpn_result_record(
        recommendation=item,
        granted=True,
        decree_number="KEP/10/2026",
        granted_on=date(2026, 5, 15),
        by=world.admin,
    )
    (row,) = selectors.monitoring_rows(TODAY)
    assert row.due_on == date(2028, 5, 15) and not row.overdue and not row.due_soon
    (row,) = selectors.monitoring_rows(date(2028, 5, 16))
    assert row.overdue
    clock.move_to("2028-05-16 10:00+08:00")
    with pytest.raises(PermissionDenied):
        services.monitoring_record(
            predicate=predicate,
            done_on=date(2028, 5, 16),
            still_meets=True,
            findings="-",
            by=world.tpi_in_a,
        )
    services.monitoring_record(
        predicate=predicate,
        done_on=date(2028, 5, 16),
        still_meets=True,
        findings="Baik",
        by=world.tpi,
    )
    (row,) = selectors.monitoring_rows(date(2028, 5, 16))
    assert row.due_on == date(2030, 5, 16) and not row.overdue


def test_a_revocation_ends_the_predicate_and_bars_a_proposal_for_two_years(
    world, framework, ready, clock
):
    item = approved(world)
    predicate = services.tpn_result_record(
        recommendation=item,
        granted=True,
        decree_number="KEP/10/2026",
        granted_on=date(2026, 5, 15),
        by=world.admin,
    )
    clock.move_to("2027-03-01 10:00+08:00")
    with pytest.raises(PermissionDenied):
        services.revocation_record(
            predicate=predicate,
            tpn_note="x",
            tpn_on=date(2027, 2, 1),
            revoked_on=date(2027, 3, 1),
            number="1",
            by=world.tpi,
        )
    services.revocation_record(
        predicate=predicate, tpn_note="Maladministrasi terbukti", tpn_on=date(2027, 2, 1), revoked_on=date(2027, 3, 1),
        number="KEP/99/2027", scan=scan(), by=world.admin,
    )  # fmt: skip
    predicate.refresh_from_db()
    assert predicate.status == "revoked"
    assert selectors.public_predicates() == []
    assert (
        selectors.building_since(world.unit_a, 2027, "wbbm").day is None
    )  # a revoked WBK starts nothing
    clock.move_to("2028-05-20 10:00+08:00")
    record_facts(world, world.unit_a, year=2028)
    make_final(world.unit_a, framework, year=2028)
    check = selectors.prerequisites(world.unit_a, 2028, "wbk", date(2028, 5, 20))
    assert [f.rule for f in check.failures] == ["revocation_bar"]
    assert check.proposable_from == date(2029, 3, 1)
    with pytest.raises(ValidationError) as caught:
        services.recommendation_record(
            unit=world.unit_a, year=2028, outcome="proposed", by=world.tpi
        )
    assert any("dapat diusulkan mulai 1 Maret 2029" in m for m in caught.value.messages)
    with pytest.raises(ValidationError):
        services.revocation_record(
            predicate=predicate,
            tpn_note="x",
            tpn_on=date(2028, 1, 1),
            revoked_on=date(2028, 1, 2),
            number="2",
            by=world.admin,
        )


def test_building_since_comes_from_the_declaration_or_an_override_with_reason(world, ready):
    assert selectors.building_since(world.unit_a, YEAR, "wbk").day == date(2025, 3, 1)
    with pytest.raises(ValidationError):
        services.unit_facts_save(
            unit=world.unit_a, year=YEAR, values={"wbk_since": date(2025, 1, 1)}, by=world.admin
        )
    services.unit_facts_save(
        unit=world.unit_a,
        year=YEAR,
        values={"wbk_since": date(2025, 1, 1), "wbk_since_reason": "SK tim 2025"},
        by=world.admin,
    )
    assert selectors.building_since(world.unit_a, YEAR, "wbk").day == date(2025, 1, 1)
    assert AuditRecord.objects.filter(action="persyaratan_unit.disimpan").exists()


def test_institution_facts_need_their_source_and_only_the_admin_records_them(world, clock):
    with pytest.raises(ValidationError) as caught:
        services.institution_facts_save(
            institution=world.institution, year=YEAR, values={"opini_bpk": "WTP"}, by=world.admin
        )
    assert "opini_source" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.institution_facts_save(
            institution=world.institution, year=YEAR, values={}, by=world.tpi
        )
    facts = services.institution_facts_save(
        institution=world.institution, year=YEAR, values={"opini_bpk": "WTP", "opini_source": "LHP BPK No. 1"},
        files={"opini_file": scan("lhp.pdf")}, by=world.admin,
    )  # fmt: skip
    assert facts.opini_file


def test_follow_ups_are_recorded_by_admin_tpi_or_the_unit_head_and_done_once(
    world, framework, clock
):
    record_facts(world, world.unit_a)
    make_final(world.unit_a, framework, strong=False)
    item = propose(world, "improve")
    for user in (world.pimpinan, world.kerja_a, world.staff_b, world.tpi_in_a):
        with pytest.raises(PermissionDenied):
            services.follow_up_add(
                recommendation=item, action="x", responsible="y", due_on=TODAY, by=user
            )
    follow_up = services.follow_up_add(
        recommendation=item, action="Lengkapi SOP layanan", responsible="Sekretaris Dinas", due_on=date(2026, 8, 31),
        by=world.head_a,
    )  # fmt: skip
    services.follow_up_done(follow_up=follow_up, done_on=TODAY, by=world.tpi)
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.follow_up_done(follow_up=follow_up, done_on=TODAY, by=world.tpi)
    assert AuditRecord.objects.filter(action="tindak_lanjut.selesai").count() == 1
