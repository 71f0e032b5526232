"""Who may open and change the portal pages: one row per URL over the named world."""

import pytest

from tests.access import Row, check, covered, ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world):
    """An unread notification of unit A's head."""
    from integritas.common import notifications
    from integritas.common.models import Notification

    notifications.notify(users=[world.head_a], kind="uji", obj=world.unit_a,
                         title="Laporan B01 DUKCAPIL dikembalikan")  # fmt: skip
    return {"notification": Notification.objects.get().pk,
            "title": "Laporan B01 DUKCAPIL dikembalikan"}  # fmt: skip


# One row per URL: a notification is its recipient's alone; the dashboard is the city's.
ROWS = [
    Row("portal:home", allowed="staff_a", denied=None),
    Row("portal:city_dashboard", allowed="pendamping", denied="head_a"),
    Row("portal:city_dashboard_xlsx", allowed="pimpinan", denied="head_a"),
    Row("portal:notification_list", allowed="head_a", absent=lambda o: o["title"]),
    Row("portal:notification_read", lambda o: [o["notification"]], "head_a", method="post"),
    Row("portal:notification_read", lambda o: [o["notification"]], "head_a", "kerja_a",
        method="post", label="not-a-colleague"),
    # everyone may mark his or her own notifications read: another's stay unread
    Row("portal:notification_read_all", allowed="head_a", method="post", denied_status=302),
]  # fmt: skip
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, objects, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=objects, unchanged=unchanged)
