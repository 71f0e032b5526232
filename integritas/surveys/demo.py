# mypy: disable-error-code="union-attr"
"""Demo surveys for DUKCAPIL: two closed SKM waves, open SPAK/SPKP waves in code mode."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from integritas.surveys import services
from integritas.surveys.models import SurveyWave, WaveService

SERVICES = [("Perekaman KTP-el", 75), ("Akta Kelahiran", 50)]
GOOD = [2, 3, 3, 3, 4, 4, 4]  # a satisfied but not perfect public
FAIR = [2, 2, 3, 3, 3, 3, 4]  # the quarter before: room to improve


def _quarter(today) -> tuple[int, int]:
    return today.year, (today.month - 1) // 3 + 1


def _previous(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def _wave(unit, kind: str, year: int, quarter: int, by, **extra: Any) -> SurveyWave:
    wave = services.wave_create(
        unit=unit, kind=kind, period_type=SurveyWave.PeriodType.QUARTER, year=year,
        period_number=quarter, access_mode=extra.pop("access_mode", SurveyWave.AccessMode.CODE),
        by=by, **extra,
    )  # fmt: skip
    for name, population in SERVICES:
        services.service_save(
            service=WaveService(wave=wave, name=name, population=population), by=by
        )
    return services.wave_open(wave=wave, by=by)


def _answer(rng: random.Random, wave: SurveyWave, pool: list[int] = GOOD) -> dict[str, int]:
    return {code: rng.choice(pool) for code in wave.item_codes}


def _profile(rng: random.Random, wave: SurveyWave) -> dict[str, str]:
    return {
        field.code: rng.choice([c.code for c in field.choices])
        for field in wave.instrument_obj.profile
        if field.choices
    }


def _respond(wave: SurveyWave, rng: random.Random, count: int, when: datetime, pool: list[int]):
    service_list = list(wave.services.all())
    for i in range(count):
        service = service_list[0] if i % 12 < 7 else service_list[1]
        services.response_submit_public(
            wave=wave, service=service, answers=_answer(rng, wave, pool),
            profile=_profile(rng, wave), idempotency_key=uuid.uuid4().hex,
            ip=f"10.20.{i // 200}.{i % 200}", browser_id=f"demo-{wave.pk}-{i:04d}-browser",
            duration=rng.randint(60, 300), now=when + timedelta(minutes=37 * i),
        )  # fmt: skip


def seed(world: dict) -> None:
    """DUKCAPIL: closed SKM waves (trend), open SPAK and SPKP waves with codes and held answers."""
    unit = world["units"].get("DUKCAPIL")
    by = world["users"].get("timkerja.dukcapil")
    if unit is None or by is None or SurveyWave.objects.filter(unit=unit).exists():
        return
    rng = random.Random(14)
    today = timezone.localdate()
    year, quarter = _quarter(today)
    past = _previous(year, quarter)
    older = _previous(*past)

    for (y, q), count, pool in ((older, 60, FAIR), (past, 120, GOOD)):
        wave = _wave(unit, SurveyWave.Kind.SKM, y, q, by, access_mode=SurveyWave.AccessMode.OPEN)
        start = timezone.make_aware(datetime.combine(wave.start_date, time(8, 0)))
        _respond(wave, rng, count, start, pool)
        if (y, q) == past:
            services.wave_update(
                wave=wave,
                changes={"report_analysis": (
                    "Unsur waktu penyelesaian dan penanganan pengaduan memperoleh nilai terendah. "
                    "Antrean perekaman KTP-el pada jam sibuk masih panjang dan kanal pengaduan "
                    "belum dikenal luas oleh penerima layanan."
                )},
                by=by,
            )  # fmt: skip
            for code, action, timeline, who in (
                ("U3", "Menambah satu loket perekaman KTP-el pada Senin–Selasa pukul 08.00–12.00",
                 "Triwulan berikutnya", "Kepala Bidang Pendaftaran Penduduk"),
                ("U8", "Memasang papan informasi kanal pengaduan SP4N-LAPOR! di ruang tunggu",
                 "1 bulan", "Sekretaris Dinas"),
            ):  # fmt: skip
                from integritas.surveys.models import FollowUp

                services.follow_up_save(
                    follow_up=FollowUp(wave=wave, item_code=code, action=action,
                                       timeline=timeline, responsible=who),
                    by=by,
                )  # fmt: skip
        services.wave_close(wave=wave, by=by)

    for kind in (SurveyWave.Kind.SPAK, SurveyWave.Kind.SPKP):
        wave = _wave(unit, kind, year, quarter, by)
        for service in wave.services.all():
            batch = services.codes_issue(
                wave=wave, service=service, count=24, validity_days=14, by=by
            )
            for i, response_code in enumerate(batch.codes.order_by("id")[:9]):
                fast = i >= 7  # two answered in a few seconds: held for review
                services.response_submit_public(
                    wave=wave, service=None, answers=_answer(rng, wave), profile={},
                    idempotency_key=uuid.uuid4().hex, code=response_code.code,
                    ip=f"10.30.{service.pk % 200}.{i}", duration=4 if fast else rng.randint(40, 200),
                )  # fmt: skip
