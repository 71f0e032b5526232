"""The named world every test stands in (docs/style.md: a small named world in one base fixture).

- admin: city administrator (Bagian Organisasi)
- pimpinan: Sekda, reads everything
- tpi: TPI member who works in the Inspektorat
- tpi_in_a: TPI member who works in unit A (must never review unit A)
- pendamping: Tim Pendamping member
- head_a: head of unit A;  kerja_a: Tim Kerja member of unit A;  staff_a: employee of unit A
- staff_b: employee of unit B
- anonymous: the public (the unauthenticated client)
"""

import os
import random
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import settings as hypothesis_settings

# Property tests check behaviour, never speed: no per-example deadline on a loaded 2-core machine.
hypothesis_settings.register_profile("integritas", deadline=None)
hypothesis_settings.load_profile("integritas")

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("INTEGRITAS_TESTING", "true")

PASSWORD = "Rahasia-Kupang-2025"

# Every test runs on this clock (ticking from here), never the machine's: a test must give the
# same answer in January, at New Year's midnight in WITA and in December. A test that needs
# another moment travels there itself (`time_machine.travel(...)`).
FROZEN_NOW = datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Asia/Makassar"))


@pytest.fixture(autouse=True)
def _fixed_clock(request):
    """Freeze the clock for every test but the browser journeys (a real browser keeps real time:
    session cookies made on a frozen server clock would already have expired for it)."""
    if request.node.get_closest_marker("browser"):
        yield
        return
    with time_machine.travel(FROZEN_NOW, tick=True):
        yield


@dataclass
class World:
    institution: object
    unit_a: object
    unit_b: object
    inspektorat: object
    users: dict

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


def _make_world():
    from integritas.accounts.models import Role, RoleAssignment, User
    from integritas.organization.models import Employee, Institution, Unit
    from integritas.organization.testing import make_nip

    rng = random.Random(7)
    institution = Institution.objects.create(
        name="Pemerintah Kota Kupang", short_name="Pemkot Kupang"
    )
    inspektorat = Unit.objects.create(
        institution=institution, code="INSP", name="Inspektorat Daerah", type="inspectorate"
    )
    unit_a = Unit.objects.create(
        institution=institution,
        code="DUKCAPIL",
        name="Dinas Kependudukan dan Pencatatan Sipil",
        type="department",
        is_stranas_pk=True,
    )
    unit_b = Unit.objects.create(
        institution=institution,
        code="DPMPTSP",
        name="Dinas Penanaman Modal dan PTSP",
        type="department",
        is_stranas_pk=True,
    )
    spec = [
        ("admin", inspektorat, Role.ADMIN, None),
        ("pimpinan", inspektorat, Role.PIMPINAN, None),
        ("tpi", inspektorat, Role.TPI, None),
        ("tpi_in_a", unit_a, Role.TPI, None),
        ("pendamping", inspektorat, Role.PENDAMPING, None),
        ("head_a", unit_a, Role.UNIT_HEAD, unit_a),
        ("kerja_a", unit_a, Role.TIM_KERJA, unit_a),
        ("staff_a", unit_a, Role.EMPLOYEE, unit_a),
        ("staff_b", unit_b, Role.EMPLOYEE, unit_b),
    ]
    users = {}
    for username, unit, role, scope in spec:
        employee = Employee.objects.create(
            nip=make_nip(rng), name=username.replace("_", " ").title(), unit=unit, position="Staf"
        )
        user = User.objects.create_user(
            username=username, password=PASSWORD, employee=employee, first_name=username
        )
        RoleAssignment.objects.create(user=user, role=role, unit=scope)
        users[username] = user
    unit_a.head = users["head_a"].employee
    unit_a.save(update_fields=["head"])
    return World(
        institution=institution, unit_a=unit_a, unit_b=unit_b, inspektorat=inspektorat, users=users
    )


@pytest.fixture
def world(db):
    return _make_world()


@pytest.fixture
def client_for(client):
    """Return a logged-in test client for a user (or the anonymous client for None)."""
    from django.test import Client

    def make(user):
        if user is None:
            return Client()
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


# Rows a denied request may touch without changing anything the product owns: the session
# (the test client's login) and the per-address login throttle.
_VOLATILE = {"sessions.Session", "accounts.LoginThrottle"}


def _database_state():
    from django.apps import apps

    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.label not in _VOLATILE and model._meta.managed
    }


@pytest.fixture
def unchanged(db):
    """A context manager asserting that no row of any model (audit records included) changed."""
    from contextlib import contextmanager

    from integritas.audit.models import AuditRecord

    @contextmanager
    def check():
        before, audits = _database_state(), AuditRecord.objects.count()
        yield
        after = _database_state()
        changed = sorted(label for label in before if before[label] != after[label])
        assert not changed, f"a refused request changed the database: {changed}"
        assert AuditRecord.objects.count() == audits, "a refused request wrote an audit record"

    return check
