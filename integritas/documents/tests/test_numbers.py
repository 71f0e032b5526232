"""The letter-number register: patterns, allocation only on finalising, no gaps or duplicates
under concurrent requests, cancelled numbers kept. Runs on SQLite and on PostgreSQL
(``DATABASE_URL=postgres://…``)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from integritas.audit.models import AuditRecord
from integritas.documents import services
from integritas.documents.models import LetterNumber, NumberPattern


@pytest.mark.parametrize(
    ("pattern", "number"),
    [
        ("800/{seq}/ORG/{year}", "800/7/ORG/2026"),
        ("{unit}.{seq}/{year}", "DUKCAPIL.7/2026"),
        ("  470/{seq}/DUKCAPIL/{year} ", "470/7/DUKCAPIL/2026"),
    ],
)
def test_a_pattern_gives_the_number(pattern, number):
    checked = services.pattern_check(pattern)
    assert services.format_number(checked, sequence=7, unit_code="DUKCAPIL", year=2026) == number


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("800/ORG/{year}", "{seq}"),
        ("800/{seq}/{seq}", "tepat satu kali"),
        ("800/{nomor}/{seq}", "{nomor}"),
    ],
)
def test_a_bad_pattern_is_refused_with_what_is_wrong(pattern, message):
    with pytest.raises(ValidationError) as error:
        services.pattern_check(pattern)
    assert message in error.value.messages[0]


@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=2000, max_value=2100))
def test_the_sequence_and_year_always_appear(sequence, year):
    number = services.format_number("800/{seq}/ORG/{year}", sequence=sequence, unit_code="X",
                                    year=year)  # fmt: skip
    assert number == f"800/{sequence}/ORG/{year}"


@pytest.mark.django_db
def test_numbers_follow_each_other_and_a_cancelled_one_is_kept(world):
    services.pattern_set(unit=world.unit_a, year=2026, pattern="800/{seq}/ORG/{year}",
                         by=world.admin)  # fmt: skip
    first = services.number_allocate(unit=world.unit_a, year=2026, by=world.head_a)
    second = services.number_allocate(unit=world.unit_a, year=2026, by=world.head_a)
    assert (first.number, second.number) == ("800/1/ORG/2026", "800/2/ORG/2026")
    services.number_cancel(number=first, reason="Salah ketik", by=world.head_a)
    third = services.number_allocate(unit=world.unit_a, year=2026, by=world.head_a)
    assert third.number == "800/3/ORG/2026"
    first.refresh_from_db()
    assert first.status == "cancelled" and first.cancel_reason == "Salah ketik"
    assert AuditRecord.objects.filter(action="nomor_surat.dibatalkan").count() == 1
    with pytest.raises(ValidationError):
        services.number_cancel(number=first, reason="lagi", by=world.head_a)


@pytest.mark.django_db
def test_no_pattern_no_number(world):
    with pytest.raises(ValidationError) as error:
        services.number_allocate(unit=world.unit_a, year=2026, by=world.head_a)
    assert "belum ditetapkan" in error.value.messages[0]
    assert not LetterNumber.objects.exists()


@pytest.mark.django_db
def test_a_rolled_back_allocation_leaves_no_gap(world):
    services.pattern_set(unit=world.unit_a, year=2026, pattern="{seq}/{year}", by=world.admin)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.number_allocate(unit=world.unit_a, year=2026, by=world.head_a)
        raise RuntimeError("the document failed to render")
    assert services.number_allocate(unit=world.unit_a, year=2026, by=world.head_a).sequence == 1


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_sequence(world):
    services.pattern_set(unit=world.unit_a, year=2026, pattern="{seq}/{year}", by=world.admin)
    number = services.number_allocate(unit=world.unit_a, year=2026, by=world.head_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        LetterNumber.objects.create(unit=world.unit_a, year=2026, sequence=number.sequence,
                                    number="lain", allocated_by=world.head_a)  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_never_share_or_skip_a_number(world):
    """Two transactions at once, each taking numbers: all distinct, 1…N without a gap."""
    services.pattern_set(unit=world.unit_a, year=2026, pattern="800/{seq}/ORG/{year}",
                         by=world.admin)  # fmt: skip
    per_thread, taken, errors = 6, [], []
    start = threading.Barrier(2)

    def work():
        try:
            start.wait()
            for _ in range(per_thread):
                taken.append(
                    services.retry_locked(
                        lambda: (
                            services.number_allocate(
                                unit=world.unit_a, year=2026, by=world.head_a
                            ).sequence
                        )  # fmt: skip
                    )
                )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(taken) == list(range(1, 2 * per_thread + 1))
    assert NumberPattern.objects.get().last_sequence == 2 * per_thread
    numbers = list(LetterNumber.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 2 * per_thread
