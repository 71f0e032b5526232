"""The access matrix of every predicates page and action over the named world (unit A is the subject)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.evaluation.models import Assessment
from integritas.organization.models import Unit
from integritas.predicates import services
from integritas.predicates.models import (
    Monitoring,
    Predicate,
    Recommendation,
    ReportingDuty,
    UnitFacts,
)
from tests.access import Row, check, covered, ids

from .conftest import YEAR, make_final, record_facts

USERS = ["admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a", "staff_b"]  # fmt: skip
READ_A = {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a"}
FACTS_A = {"admin", "tpi"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def subject(world, framework, clock):
    Unit.objects.filter(pk=world.unit_a.pk).update(is_stranas_pk=False)
    world.unit_a.refresh_from_db()
    record_facts(world, world.unit_a)
    make_final(world.unit_a, framework)
    return world.unit_a


@pytest.fixture
def proposal(world, subject):
    return services.recommendation_record(unit=subject, year=YEAR, outcome="proposed", by=world.tpi)


@pytest.fixture
def predicate(world, proposal):
    services.decision_record_paper(
        recommendation=proposal, approve=True, by=world.admin,
        scan=SimpleUploadedFile("k.pdf", PDF, content_type="application/pdf"),
    )  # fmt: skip
    return services.tpn_result_record(
        recommendation=proposal, granted=True, decree_number="KEP/1/2026", granted_on=date(2026, 5, 15),
        scan=SimpleUploadedFile("d.pdf", PDF, content_type="application/pdf"), by=world.admin,
    )  # fmt: skip


@pytest.mark.parametrize("username", USERS)
def test_pages_follow_the_matrix(world, client_for, predicate, username):
    client = client_for(world.users[username])
    unit = world.unit_a
    read = 200 if username in READ_A else 404
    for name, args in [
        ("predicates:unit_detail", [unit.pk, YEAR]),
        ("predicates:recommendation", [predicate.recommendation_id]),
        ("predicates:predicate", [predicate.pk]),
        ("predicates:scan", ["kepmenpanrb", predicate.pk]),
        ("predicates:scan", ["keputusan-walikota", predicate.recommendation_id]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == read, name
    for name in ("predicates:overview", "predicates:register", "predicates:public"):
        assert client.get(reverse(name)).status_code == 200, name
    facts = 200 if username in FACTS_A else 404
    assert client.get(reverse("predicates:unit_facts", args=[unit.pk, YEAR])).status_code == facts
    admin = 200 if username == "admin" else 404
    for name in ("predicates:institution_facts", "predicates:duties", "predicates:duties_import"):
        assert client.get(reverse(name, args=[YEAR])).status_code == admin, name


@pytest.mark.parametrize("username", USERS)
def test_a_unit_sees_only_its_own_rows(world, client_for, predicate, username):
    body = client_for(world.users[username]).get(reverse("predicates:register")).content.decode()
    assert (world.unit_a.name in body) is (username in READ_A)


def test_the_public_sees_only_standing_predicates_and_nothing_else(world, client_for, predicate):
    anonymous = client_for(None)
    assert world.unit_a.name in anonymous.get(reverse("predicates:public")).content.decode()
    for name, args in [("predicates:overview", []), ("predicates:register", []), ("predicates:predicate", [predicate.pk]),
                       ("predicates:scan", ["kepmenpanrb", predicate.pk])]:  # fmt: skip
        assert anonymous.get(reverse(name, args=args)).status_code == 302, name
    services.revocation_record(
        predicate=predicate, tpn_note="x", tpn_on=date(2026, 5, 18), revoked_on=date(2026, 5, 19), number="R/1",
        by=world.admin,
    )  # fmt: skip
    assert world.unit_a.name not in anonymous.get(reverse("predicates:public")).content.decode()


@pytest.mark.parametrize("username", USERS)
def test_only_an_independent_tpi_member_recommends(world, client_for, subject, username):
    response = client_for(world.users[username]).post(
        reverse("predicates:recommend", args=[subject.pk, YEAR]), {"outcome": "proposed"}
    )
    allowed = username == "tpi"
    assert response.status_code == (302 if allowed else 404)
    assert Recommendation.objects.exists() is allowed


@pytest.mark.parametrize("username", USERS)
def test_only_pimpinan_decides(world, client_for, proposal, username):
    response = client_for(world.users[username]).post(
        reverse("predicates:decide", args=[proposal.pk]), {"approve": "ya"}
    )
    allowed = username == "pimpinan"
    assert response.status_code == (302 if allowed else 404)
    proposal.refresh_from_db()
    assert (proposal.decision == "approved") is allowed


@pytest.mark.parametrize("username", USERS)
def test_only_the_administrator_records_the_tpn_result(world, client_for, proposal, username):
    services.recommendation_decide(recommendation=proposal, approve=True, by=world.pimpinan)
    response = client_for(world.users[username]).post(
        reverse("predicates:tpn_result", args=[proposal.pk]),
        {"granted": "ya", "decree_number": "KEP/2/2026", "granted_on": "2026-05-15"},
    )
    allowed = username == "admin"
    assert response.status_code == (302 if allowed else 404)
    assert Predicate.objects.exists() is allowed


@pytest.mark.parametrize("username", USERS)
def test_only_an_independent_tpi_member_monitors_and_only_the_admin_revokes(
    world, client_for, predicate, username
):
    client = client_for(world.users[username])
    response = client.post(
        reverse("predicates:monitor", args=[predicate.pk]),
        {"done_on": "2026-05-20", "still_meets": "ya", "findings": "Baik"},
    )
    assert response.status_code == (302 if username == "tpi" else 404)
    assert Monitoring.objects.exists() is (username == "tpi")
    response = client.post(
        reverse("predicates:revoke", args=[predicate.pk]),
        {"tpn_note": "x", "tpn_on": "2026-05-18", "revoked_on": "2026-05-19", "number": "R/1"},
    )
    assert response.status_code == (302 if username == "admin" else 404)
    predicate.refresh_from_db()
    assert (predicate.status == "revoked") is (username == "admin")


@pytest.mark.parametrize("username", USERS)
def test_only_admin_and_an_independent_tpi_member_edit_unit_facts(
    world, client_for, subject, username
):
    response = client_for(world.users[username]).post(
        reverse("predicates:unit_facts", args=[subject.pk, YEAR]),
        {
            "core_service_choice": "ya",
            "core_service_reason": "ubah",
            "tlhp_percent": "90",
            "tlhp_source": "LHP",
            "sakip_internal": "BB",
            "sakip_internal_source": "LHE",
        },
    )
    allowed = username in FACTS_A
    assert response.status_code == (302 if allowed else 404)
    assert UnitFacts.objects.get(unit=subject).tlhp_percent == (90 if allowed else 100)


def test_a_refused_proposal_shows_why_and_writes_nothing(world, client_for, subject):
    UnitFacts.objects.filter(unit=subject).update(tlhp_percent=98)
    client = client_for(world.tpi)
    response = client.post(
        reverse("predicates:recommend", args=[subject.pk, YEAR]),
        {"outcome": "proposed"},
        follow=True,
    )
    assert "TLHP 98,00 % — harus 100 %" in response.content.decode()
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize("username", USERS)
def test_follow_ups_by_admin_an_independent_tpi_member_or_the_unit_head(
    world, client_for, proposal, username
):
    from integritas.predicates.models import FollowUp

    client = client_for(world.users[username])
    response = client.post(
        reverse("predicates:follow_up_add", args=[proposal.pk]),
        {"action": "Lengkapi SOP", "responsible": "Sekretaris", "due_on": "2026-08-31"},
    )
    allowed = username in {"admin", "tpi", "head_a"}
    assert response.status_code == (302 if allowed else 404)
    assert FollowUp.objects.exists() is allowed
    follow_up = services.follow_up_add(
        recommendation=proposal,
        action="x",
        responsible="y",
        due_on=date(2026, 8, 31),
        by=world.admin,
    )
    response = client.post(reverse("predicates:follow_up_done", args=[follow_up.pk]))
    assert response.status_code == (302 if allowed else 404)
    follow_up.refresh_from_db()
    assert (follow_up.done_on is not None) is allowed


@pytest.fixture
def objects(world, framework, proposal):
    """Unit A's proposal and reporting duty, and an open self-assessment of the next year."""
    record_facts(world, world.unit_a, year=YEAR + 1)
    Assessment.objects.create(unit=world.unit_a, year=YEAR + 1, framework=framework)
    duty = ReportingDuty.objects.filter(unit=world.unit_a, year=YEAR).first()
    return {"a": world.unit_a.pk, "proposal": proposal.pk, "duty": duty.pk}


def _scan():
    return SimpleUploadedFile("k.pdf", PDF, content_type="application/pdf")


# One row per URL: unit A's object, the role that may use it, a user it must refuse.
ROWS = [
    Row("predicates:decide_paper", lambda o: [o["proposal"]], "admin", method="post",
        data=lambda o: {"approve": "ya", "scan": _scan()}),
    Row("predicates:decide_paper", lambda o: [o["proposal"]], "admin", "tpi", method="post",
        data=lambda o: {"approve": "ya", "scan": _scan()}, label="not-the-tpi"),
    Row("predicates:institution_facts", lambda o: [YEAR], "admin", "head_a"),
    Row("predicates:duties", lambda o: [YEAR], "admin", "head_a"),
    Row("predicates:duties_import", lambda o: [YEAR], "admin", "head_a"),
    Row("predicates:duties_import_commit", lambda o: [YEAR], "admin", "head_a", method="post"),
    Row("predicates:duty_mark", lambda o: [o["duty"]], "admin", "head_a", method="post",
        data=lambda o: {"reported": "tidak"}),
    Row("predicates:lke_accept", lambda o: [o["a"], YEAR + 1, "R5.iii.a"], "kerja_a",
        method="post"),
    Row("predicates:lke_accept", lambda o: [o["a"], YEAR + 1, "R5.iii.a"], "kerja_a", "staff_a",
        method="post", label="readers-do-not-answer"),
]  # fmt: skip
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, objects, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=objects, unchanged=unchanged)
