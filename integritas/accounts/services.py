"""Role assignment and user writes; login throttling lives in accounts/lockout.py."""

from django.db import transaction

from integritas.accounts import lockout
from integritas.accounts.models import RoleAssignment, User
from integritas.audit.services import record
from integritas.organization.models import Employee, Unit


@transaction.atomic
def user_logged_out(*, user: User, address: str) -> None:
    record(actor=user, action="keluar", obj=user, changes={"address": address})


@transaction.atomic
def user_password_changed(*, user: User, address: str) -> None:
    """The user changed his own password (the form already checked the old one)."""
    record(actor=user, action="pengguna.sandi_diganti", obj=user, changes={"address": address})


@transaction.atomic
def role_assign(
    *, user: User, role: str, unit: Unit | None = None, include_subunits: bool = False, by: User
) -> RoleAssignment:
    """Give a user a role, city-wide or in one unit."""
    assignment = RoleAssignment(user=user, role=role, unit=unit, include_subunits=include_subunits)
    assignment.full_clean()
    assignment.save()
    record(
        actor=by, action="peran.diberikan", obj=assignment, unit_id=unit.pk if unit else None,
        changes={"role": [None, role], "user": [None, user.username]},
    )  # fmt: skip
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, by: User) -> None:
    record(
        actor=by, action="peran.dicabut", obj=assignment, unit_id=assignment.unit_id,
        changes={"role": [assignment.role, None], "user": [assignment.user.username, None]},
    )  # fmt: skip
    assignment.delete()


@transaction.atomic
def user_create(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    employee: Employee | None,
    password: str,
    by: User,
) -> User:
    """Create a login for a person; the password passes Django's validators."""
    from django.contrib.auth.password_validation import validate_password

    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        employee=employee,
        must_change_password=True,  # a password an administrator typed is known to two people
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    record(
        actor=by, action="pengguna.dibuat", obj=user, unit_id=employee.unit_id if employee else None,
        changes={"username": [None, username], "employee": [None, employee.nip if employee else None]},
    )  # fmt: skip
    return user


@transaction.atomic
def user_set_active(*, user: User, active: bool, by: User) -> User:
    """Disable or re-enable a login (accounts are never deleted: the audit trail points to them)."""
    before = user.is_active
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(actor=by, action="pengguna.diaktifkan" if active else "pengguna.dinonaktifkan", obj=user,
           changes={"is_active": [before, active]})  # fmt: skip
    return user


@transaction.atomic
def user_unlock(*, user: User, by: User) -> User:
    """Lift every login lock and wait of the account, from every address."""
    before = user.locked_until
    lockout.unlock(user=user)
    record(actor=by, action="akun.dibuka", obj=user, changes={"locked_until": [before, None]})
    user.refresh_from_db(fields=["locked_until"])
    return user


@transaction.atomic
def user_reset_password(*, user: User, password: str, by: User) -> User:
    from django.contrib.auth.password_validation import validate_password

    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    record(actor=by, action="pengguna.sandi_direset", obj=user,
           changes={"must_change_password": [False, True]})  # fmt: skip
    return user


def password_changed(*, user: User) -> None:
    """The owner chose his or her own password: the administrator's one no longer counts."""
    if user.must_change_password:
        User.objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False
