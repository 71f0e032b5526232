"""Login throttling per account and client address.

Failures from one address lock that address for that user name for ``LOGIN_LOCKOUT_MINUTES``
after ``LOGIN_FAILURE_LIMIT`` wrong passwords. The account as a whole is never locked: once it
has collected that many failures from anywhere, every address that has not logged into it
successfully before waits a growing delay (2, 4, 8 … up to ``LOGIN_SLOWDOWN_MAX_SECONDS``
seconds) between tries. A guesser spread over many addresses is slowed to a crawl, and the owner
still logs in from his usual address.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from integritas.accounts.models import LoginThrottle, User
from integritas.audit.services import record

# An address that logged into an account within this many days is its owner's, not slowed down.
KNOWN_ADDRESS_DAYS = 90
USERNAME_AUDIT_CHARS = 150


@dataclass(frozen=True)
class Refusal:
    """Why a login is refused before its password is even checked."""

    locked: bool  # True: this address is locked; False: the account is only slowed down
    seconds: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


def client_address(request) -> str:
    """The client address; behind N trusted proxies, the Nth address from the right of XFF."""
    if request is None:
        return ""
    hops = int(getattr(settings, "PUBLIC_TRUSTED_PROXY_HOPS", 0) or 0)
    if hops > 0:
        forwarded = [
            p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops][:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


def refusal(*, username: str, address: str) -> Refusal | None:
    """A lock of this address, or a wait for this account, still running now; else None."""
    now = timezone.now()
    rows = {
        row.address: row
        for row in LoginThrottle.objects.filter(
            username=_key(username), address__in=[address, LoginThrottle.ACCOUNT]
        )
    }
    own = rows.get(address)
    if own and own.blocked_until and own.blocked_until > now:
        return Refusal(locked=True, seconds=_seconds_until(own.blocked_until, now))
    account = rows.get(LoginThrottle.ACCOUNT)
    known = bool(
        own
        and own.last_success_at
        and own.last_success_at > now - timedelta(days=KNOWN_ADDRESS_DAYS)
    )
    if account and not known and account.blocked_until and account.blocked_until > now:
        return Refusal(locked=False, seconds=_seconds_until(account.blocked_until, now))
    return None


def _row(username: str, address: str) -> LoginThrottle:
    try:
        with transaction.atomic():
            row, _ = LoginThrottle.objects.get_or_create(username=username, address=address)
    except IntegrityError:  # created by a concurrent request
        pass
    return LoginThrottle.objects.select_for_update().get(username=username, address=address)


def _count(row: LoginThrottle, now: datetime) -> None:
    if row.last_failure_at is None or row.last_failure_at < now - _window():
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now


@transaction.atomic
def login_failed(*, username: str, address: str) -> None:
    """Count a wrong password for the name as typed; lock this address or slow the account."""
    now = timezone.now()
    key = _key(username)
    user = User.objects.filter(username__iexact=key).first()
    record(
        actor=None, action="masuk.gagal", object_type="accounts.user",
        object_id=str(user.pk) if user else "", object_repr=username[:USERNAME_AUDIT_CHARS],
        changes={"username": username[:USERNAME_AUDIT_CHARS], "address": address},
    )  # fmt: skip
    limit = settings.LOGIN_FAILURE_LIMIT
    own = _row(key, address)
    _count(own, now)
    locked = own.failures >= limit
    if locked:
        own.blocked_until = now + _window()
        own.failures = 0
    own.save()
    account = _row(key, LoginThrottle.ACCOUNT)
    _count(account, now)
    if account.failures >= limit:
        wait = min(settings.LOGIN_SLOWDOWN_MAX_SECONDS, 2 ** (account.failures - limit + 1))
        account.blocked_until = now + timedelta(seconds=wait)
    account.save()
    if locked and user is not None:
        User.objects.filter(pk=user.pk).update(locked_until=own.blocked_until)
    if locked:
        record(
            actor=None, action="akun.dikunci", object_type="accounts.user",
            object_id=str(user.pk) if user else "", object_repr=username[:USERNAME_AUDIT_CHARS],
            changes={"locked_until": [None, own.blocked_until], "address": address},
        )  # fmt: skip
    LoginThrottle.objects.filter(
        Q(blocked_until__isnull=True) | Q(blocked_until__lt=now),
        last_failure_at__lt=now - _window(),
        last_success_at__isnull=True,
    ).delete()


@transaction.atomic
def login_succeeded(*, user: User, address: str) -> None:
    """A right password from this address: it becomes a known address of the account."""
    now = timezone.now()
    key = _key(user.get_username())
    own = _row(key, address)
    own.failures, own.blocked_until, own.last_success_at = 0, None, now
    own.save()
    LoginThrottle.objects.filter(username=key, address=LoginThrottle.ACCOUNT).update(
        failures=0, blocked_until=None
    )
    record(actor=user, action="masuk", obj=user, changes={"address": address})


def unlock(*, user: User) -> None:
    """Lift every lock and wait of the account (the administrator's *Buka kunci*)."""
    LoginThrottle.objects.filter(username=_key(user.get_username())).update(
        failures=0, blocked_until=None
    )
    User.objects.filter(pk=user.pk).update(locked_until=None)
