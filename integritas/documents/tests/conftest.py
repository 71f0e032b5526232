import pytest

from integritas.documents.tests import sources


@pytest.fixture
def all_sources(world):
    found = sources.make_all(world)
    found["piagam"] = found["deklarasi"]
    return found
