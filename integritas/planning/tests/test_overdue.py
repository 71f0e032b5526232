"""Overdue monthly reports on a fixed clock: the list, the page, the command and its e-mail."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from integritas.planning import selectors
from integritas.planning.models import MonthlyReport

pytestmark = pytest.mark.django_db


def _submitted(plan, month):
    return MonthlyReport.objects.create(plan=plan, month=month, status="submitted", revision=1)


def test_reports_are_overdue_after_day_10_of_the_next_month(plan):
    _submitted(plan, 1)
    MonthlyReport.objects.create(plan=plan, month=2, status="returned", revision=1)
    draft = MonthlyReport.objects.create(plan=plan, month=3)
    items = selectors.overdue_reports(date(2025, 4, 11))
    assert [(i.plan, i.month, i.report_id) for i in items] == [(plan, 3, draft.pk)]
    assert selectors.overdue_reports(date(2025, 4, 10)) == []
    later = selectors.overdue_reports(date(2025, 6, 11))
    assert [i.month for i in later] == [3, 4, 5]
    assert later[0].due == date(2025, 4, 10)


def test_the_due_day_comes_from_the_setting(plan, settings):
    settings.MONTHLY_REPORT_DUE_DAY = 5
    assert [i.month for i in selectors.overdue_reports(date(2025, 2, 6))] == [1]


def test_december_of_last_year_is_still_checked_in_january(plan):
    for month in range(1, 12):
        _submitted(plan, month)
    assert [(i.plan.year, i.month) for i in selectors.overdue_reports(date(2026, 1, 11))] == [
        (2025, 12)
    ]


def test_the_command_lists_and_emails_the_late_units(world, plan, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.head_a.email = "kadis@dukcapil.example"
    world.head_a.save(update_fields=["email"])
    world.pendamping.email = "pendamping@kupangkota.example"
    world.pendamping.save(update_fields=["email"])
    world.staff_a.email = "staf@dukcapil.example"  # an employee: not a recipient
    world.staff_a.save(update_fields=["email"])
    out = StringIO()
    call_command("reports", "overdue", "--today", "2025-03-15", "--email", stdout=out)
    text = out.getvalue()
    assert "DUKCAPIL\tB01/2025\tbatas 2025-02-10" in text
    assert "DUKCAPIL\tB02/2025\tbatas 2025-03-10" in text
    assert "Surel terkirim ke 1 unit." in text
    (message,) = mail.outbox
    assert message.to == ["kadis@dukcapil.example", "pendamping@kupangkota.example"]
    assert "B01/2025" in message.body and "Pasal 12 ayat 4" in message.body


def test_the_command_rejects_a_bad_date(plan):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("reports", "overdue", "--today", "15-03-2025")


def test_the_overdue_page_is_for_city_readers(world, client_for, plan):
    url = reverse("planning:overdue_list")
    assert client_for(world.head_a).get(url).status_code == 404
    page = client_for(world.pendamping).get(url)
    assert page.status_code == 200 and world.unit_a.name in page.content.decode()


def test_a_submitted_report_is_never_overdue_again(plan):
    report = _submitted(plan, 1)
    report.status = "accepted"
    report.save()
    for month in range(2, 13):
        MonthlyReport.objects.create(plan=plan, month=month, status="accepted", revision=1)
    assert selectors.overdue_reports(date(2026, 1, 20)) == []
