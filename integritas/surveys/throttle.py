"""Per-address rate limit for the public survey pages (Pasal 11 ayat 10–14).

One counter row per hashed client address and minute, incremented with a single
``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement (SQLite ≥ 3.35 and PostgreSQL). That is
atomic on both engines. Django's cache API was the first idea, but `DatabaseCache.incr` is a
read-then-write (two concurrent requests both read 5 and both write 6) and the cache culls
entries at `MAX_ENTRIES`, which could reset a live counter; a dedicated table has neither problem.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection

from integritas.surveys.models import RateCounter

KEEP_MINUTES = 10


def client_ip(request) -> str:
    """The client address; behind N trusted proxies, the Nth address from the right of XFF."""
    hops = int(getattr(settings, "PUBLIC_TRUSTED_PROXY_HOPS", 0) or 0)
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def limit_per_minute() -> int:
    return int(getattr(settings, "PUBLIC_RATE_LIMIT_PER_MINUTE", 20))


def hit(key: str, *, now: float | None = None) -> int:
    """Count one request for `key` in the current minute and return the count so far."""
    window = int((now if now is not None else time.time()) // 60)
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, minute, hits) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (bucket, minute) DO UPDATE SET hits = {table}.hits + 1 "
            "RETURNING hits",
            [key, window],
        )
        count = int(cursor.fetchone()[0])
        if count == 1:
            # First request of this address this minute: sweep the old windows (cheap, indexed).
            cursor.execute(f"DELETE FROM {table} WHERE minute < %s", [window - KEEP_MINUTES])  # noqa: S608
    return count


def allow(request, *, scope: str) -> bool:
    """True while the client's address stays within the per-minute limit of this scope."""
    from integritas.surveys.services import keyed_hash

    limit = limit_per_minute()
    if limit <= 0:
        return True
    return hit(keyed_hash("rate", scope, client_ip(request))) <= limit
