"""Who may open and change the documents pages: one row per URL over the named world."""

import pytest

from tests.access import Row, check, covered, ids

pytestmark = pytest.mark.django_db

ROWS: list = []
COVERED = covered(ROWS, __file__)
