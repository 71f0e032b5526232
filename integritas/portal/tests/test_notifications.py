"""Notifications: the user's own list, marking read, and the daily `integritas remind` e-mail."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from integritas.common.models import Notification
from integritas.common.notifications import notify
from integritas.surveys import services as survey_services
from integritas.surveys.models import SurveyWave, WaveService

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def _notice(user, obj, **kw):
    notify(users=[user], kind="uji.pemberitahuan", obj=obj, title="Laporan Maret diterima", **kw)
    return Notification.objects.filter(user=user).order_by("-id").first()


def test_the_list_shows_only_my_notifications_unread_first(world, client_for):
    mine = _notice(world.head_a, world.unit_a, url="/rencana/")
    _notice(world.staff_b, world.unit_b)
    response = client_for(world.head_a).get(reverse("portal:notification_list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == [mine]
    assert "Baru" in response.content.decode() and response.context["unread"] == 1


def test_marking_read_with_htmx_swaps_the_row(world, client_for):
    item = _notice(world.head_a, world.unit_a)
    response = client_for(world.head_a).post(
        reverse("portal:notification_read", args=[item.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Sudah dibaca" in response.content.decode()
    assert f'id="notification-{item.pk}"' in response.content.decode()
    item.refresh_from_db()
    assert item.read_at is not None


def test_nobody_marks_another_users_notification(world, client_for):
    item = _notice(world.head_a, world.unit_a)
    response = client_for(world.staff_b).post(reverse("portal:notification_read", args=[item.pk]))
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_mark_all_read(world, client_for):
    _notice(world.head_a, world.unit_a)
    _notice(world.head_a, world.unit_b)
    client_for(world.head_a).post(reverse("portal:notification_read_all"))
    assert not Notification.objects.filter(user=world.head_a, read_at__isnull=True).exists()


def test_the_same_notice_the_same_day_is_raised_once(world):
    assert notify(users=[world.head_a], kind="k", obj=world.unit_a, title="t") == 1
    assert notify(users=[world.head_a], kind="k", obj=world.unit_a, title="t") == 0
    assert Notification.objects.count() == 1


def _short_wave(world):
    """An open SKM wave of unit A ending 30 June 2026 with a target of 80 and no response."""
    wave = survey_services.wave_create(
        unit=world.unit_a, kind="skm", period_type="quarter", year=2026, period_number=2,
        access_mode="link", by=world.kerja_a,
    )  # fmt: skip
    survey_services.service_save(
        service=WaveService(wave=wave, name="KTP-el", population=100), by=world.kerja_a
    )
    return survey_services.wave_open(wave=wave, by=world.kerja_a)


def test_remind_raises_and_mails_once_a_day_on_a_fixed_clock(world):
    world.head_a.email = "kepala@dukcapil.test"
    world.head_a.save(update_fields=["email"])
    wave = _short_wave(world)
    with time_machine.travel(datetime(2026, 6, 25, 6, 0, tzinfo=WITA), tick=False):
        call_command("remind")
        assert Notification.objects.filter(kind="survei.sampel_kurang").count() == 2
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["kepala@dukcapil.test"]
        assert "target" in mail.outbox[0].body and wave.unit.name in mail.outbox[0].body
        call_command("remind")  # the same day again: nothing new, nothing sent twice
        assert Notification.objects.count() == 2
        assert len(mail.outbox) == 1
    call_command("remind", today="2026-06-26")  # the next day: reminded again
    assert Notification.objects.count() == 4
    assert len(mail.outbox) == 2


def test_remind_leaves_waves_far_from_their_end_or_on_target(world):
    _short_wave(world)
    call_command("remind", today="2026-06-01")  # a month before the end
    assert not Notification.objects.exists()
    SurveyWave.objects.update(status=SurveyWave.Status.CLOSED)
    call_command("remind", today="2026-06-29")
    assert not Notification.objects.exists()


def test_remind_rejects_a_bad_date(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind", today="25-06-2026")
