"""Who may open and change the documents pages: one row per URL over the named world."""

import pytest

from tests.access import Row, check, covered, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world):
    """Unit A's declaration and final assessment (the sources of the catalogue documents)."""
    from integritas.documents.tests import sources

    return {"declaration": sources.make_declaration(world).pk,
            "assessment": sources.make_final_assessment(world).assessment_id}  # fmt: skip


# One row per URL: unit A's documents are read by unit A, the registers and templates are the
# administrator's (even a unit head is refused), the city's predicate letters the city's.
ROWS = [
    Row("documents:download", lambda o: ["deklarasi", o["declaration"], "docx"], "staff_a"),
    Row("documents:register", lambda o: ["deklarasi", o["declaration"]], "staff_a"),
    Row("documents:lke_report", lambda o: [o["assessment"]], "staff_a"),
    Row("documents:number_patterns", allowed="admin", denied="head_a"),
    Row("documents:templates", allowed="admin", denied="head_a"),
    Row("documents:templates_type", lambda o: ["deklarasi"], "admin", "head_a"),
    Row("documents:template_preview", lambda o: ["deklarasi"], "admin", "head_a"),
    Row("documents:predicates_cover_letter", lambda o: [2026, "docx"], "admin", "head_a"),
    Row("documents:predicates_sptjm_institution", lambda o: [2026, "docx"], "admin", "head_a"),
    Row("documents:predicates_internal_report", lambda o: [2026, "docx"], "admin", "head_a"),
]  # fmt: skip


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, objects, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=objects, unchanged=unchanged)


@pytest.fixture
def issued(world):
    """Unit A's action plan finalised into a numbered document, and a replaced template."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from integritas.documents import catalogue, services
    from integritas.documents.tests.sources import make_action_plan
    from integritas.documents.tests.test_templates import _template

    services.pattern_set(unit=world.unit_a, year=2025, pattern="800/{seq}/ORG/{year}",
                         by=world.admin)  # fmt: skip
    plan = make_action_plan(world)
    doc_type = catalogue.get("rencana-aksi")
    document = services.document_draft(doc_type=doc_type, obj=plan, by=world.kerja_a)
    services.document_finalise(document=document, obj=plan, by=world.kerja_a)
    upload = _template("Versi satu")
    assert isinstance(upload, SimpleUploadedFile)
    services.template_upload(doc_type=catalogue.get("keputusan-rencana-kerja"), upload=upload,
                             by=world.admin)  # fmt: skip
    return {"document": document.pk}


@pytest.fixture
def proposed(world):
    """Unit A approved for WBK, granted, and monitored (the predicates letters and package)."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from integritas.evaluation import engine
    from integritas.evaluation import services as evaluation_services
    from integritas.organization.models import Unit
    from integritas.predicates import services
    from integritas.predicates.tests.conftest import YEAR, make_final, record_facts

    with time_machine.travel(
        datetime(2026, 5, 20, 10, 0, tzinfo=ZoneInfo("Asia/Makassar")), tick=False
    ):
        version = evaluation_services.framework_load(path=engine.published_frameworks()[0].source)
        Unit.objects.filter(pk=world.unit_a.pk).update(is_stranas_pk=False)
        world.unit_a.refresh_from_db()
        record_facts(world, world.unit_a)
        make_final(world.unit_a, version)
        item = services.recommendation_record(
            unit=world.unit_a, year=YEAR, outcome="proposed", by=world.tpi
        )
        services.recommendation_decide(recommendation=item, approve=True, by=world.pimpinan)
        predicate = services.tpn_result_record(
            recommendation=item, granted=True, decree_number="KEP/1/2026",
            granted_on=date(2026, 5, 15), by=world.admin,
        )  # fmt: skip
        monitoring = services.monitoring_record(
            predicate=predicate, done_on=date(2026, 5, 20), still_meets=True,
            findings="Baik", by=world.tpi,
        )  # fmt: skip
    return {"recommendation": item.pk, "monitoring": monitoring.pk, "year": YEAR}


# Documents that exist only after a step of their own: an issued (numbered) document is read by
# its unit, a template version by the administrator; the proposal letters are the city's (a unit
# of another unit never reads unit A's statement).
ISSUED = [
    Row("documents:issued_file", lambda o: [o["document"], "pdf"], "staff_a"),
    Row("documents:template_preview_version", lambda o: ["keputusan-rencana-kerja", 1], "admin",
        "head_a"),
]  # fmt: skip
PROPOSED = [
    Row("documents:predicates_package", lambda o: [o["year"]], "admin", "head_a"),
    Row("documents:predicates_sptjm_unit", lambda o: [o["recommendation"], "pdf"], "head_a"),
    Row("documents:predicates_monitoring_letter", lambda o: [o["monitoring"], "pdf"], "tpi"),
]  # fmt: skip
COVERED = covered(ROWS + ISSUED + PROPOSED, __file__)


@pytest.mark.parametrize("row", ISSUED, ids=ids(ISSUED))
def test_issued_documents_and_template_versions_are_read_only_by_their_owners(
    world, client_for, issued, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=issued, unchanged=unchanged)


@pytest.mark.parametrize("row", PROPOSED, ids=ids(PROPOSED))
def test_the_proposal_documents_are_read_only_by_the_city_and_the_unit(
    world, client_for, proposed, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=proposed, unchanged=unchanged)
