from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integritas.organization.models import Employee, Unit


class User(AbstractUser):
    """A person who logs in; usually linked to an employee record."""

    employee = models.OneToOneField(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="user",
        verbose_name=_("pegawai"),
    )  # fmt: skip
    # The latest lock of a login from some address (shown to administrators, cleared by unlock);
    # the locks themselves are per account and address, in LoginThrottle.
    locked_until = models.DateTimeField(null=True, blank=True)
    must_change_password = models.BooleanField(
        _("wajib mengganti kata sandi"), default=False,
        help_text=_("Kata sandi dibuat atau direset administrator; diganti pemiliknya saat masuk."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator Kota (Bagian Organisasi)")
    PIMPINAN = "leadership", _("Pimpinan (Wali Kota/Sekda)")
    TPI = "tpi", _("Anggota TPI")
    PENDAMPING = "mentor", _("Anggota Tim Pendamping")
    UNIT_HEAD = "unit_head", _("Kepala Unit")
    TIM_KERJA = "work_team", _("Anggota Tim Kerja")
    EMPLOYEE = "employee", _("Pegawai")


CITY_ROLES = {Role.ADMIN, Role.PIMPINAN, Role.TPI, Role.PENDAMPING}
UNIT_ROLES = {Role.UNIT_HEAD, Role.TIM_KERJA, Role.EMPLOYEE}


class RoleAssignment(models.Model):
    """A role held by a user, city-wide or scoped to one unit (and optionally its sub-units)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments",
        verbose_name=_("unit"),
    )  # fmt: skip
    include_subunits = models.BooleanField(_("termasuk sub-unit"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=["admin", "leadership", "tpi", "mentor"]) & Q(unit__isnull=True)
                )
                | (Q(role__in=["unit_head", "work_team", "employee"]) & Q(unit__isnull=False)),
                name="role_scope_matches_role",
            ),
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_once"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(unit__isnull=True), name="city_role_once"
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit.name if self.unit is not None else _("se-kota")
        return f"{self.user} — {self.get_role_display()} ({scope})"


class LoginThrottle(models.Model):
    """Failed logins of one typed user name from one client address (or, on the row whose
    address is ``ACCOUNT``, from every address together).

    An address row locks that address for that name (``blocked_until``); the account row only
    slows the name down for the other addresses (``blocked_until`` = earliest next try), so
    nobody can lock an owner out of his own account from elsewhere.
    """

    ACCOUNT = "*"

    username = models.CharField(max_length=150)
    address = models.CharField(max_length=64)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True, db_index=True)
    blocked_until = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["username", "address"], name="login_throttle_once")
        ]

    def __str__(self) -> str:
        return f"{self.username} @ {self.address}: {self.failures}"
