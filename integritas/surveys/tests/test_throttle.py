"""The per-address rate limit counts atomically and forgets old minutes."""

import threading

import pytest
from django.db import connection
from django.test import RequestFactory

from integritas.surveys import throttle
from integritas.surveys.models import RateCounter


@pytest.mark.django_db
def test_hits_count_per_key_and_minute():
    assert [throttle.hit("a", now=600.0) for _ in range(3)] == [1, 2, 3]
    assert throttle.hit("b", now=601.0) == 1
    assert throttle.hit("a", now=660.0) == 1  # the next minute starts again


@pytest.mark.django_db
def test_old_minutes_are_swept(settings):
    throttle.hit("a", now=0.0)
    throttle.hit("b", now=60.0 * 30)
    assert list(RateCounter.objects.values_list("bucket", flat=True)) == ["b"]


@pytest.mark.django_db
def test_the_client_address_comes_from_the_trusted_proxy_hop_only(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4"
    )
    assert throttle.client_ip(request) == "10.0.0.1"  # no trusted proxy: XFF is ignored
    settings.PUBLIC_TRUSTED_PROXY_HOPS = 1
    assert throttle.client_ip(request) == "198.51.100.4"  # a forged left-most entry is ignored


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_are_never_lost():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers anyway; the race matters on PostgreSQL")
    results: list[int] = []
    lock = threading.Lock()

    def worker():
        from django.db import connections

        try:
            for _ in range(25):
                value = throttle.hit("shared", now=1200.0)
                with lock:
                    results.append(value)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, 201))
    assert RateCounter.objects.get(bucket="shared").hits == 200
