"""Who may open and change the documents pages: one row per URL over the named world."""

import pytest

from tests.access import Row, check, covered, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world):
    """Unit A's declaration and final assessment (the sources of the catalogue documents)."""
    from integritas.documents.tests import sources

    return {"declaration": sources.make_declaration(world).pk,
            "assessment": sources.make_final_assessment(world).pk}  # fmt: skip


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
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, objects, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=objects, unchanged=unchanged)
