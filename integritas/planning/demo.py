"""Demo planning records: DUKCAPIL's work plan, action plan and reports; logs; DPMPTSP behind."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from integritas.planning import services
from integritas.planning.models import (
    MONTH_FIELDS,
    ActionPlan,
    ActionRow,
    Innovation,
    MediaEntry,
    MentoringEntry,
)

D = Decimal

ROWS = [
    # component, goal, indicator, action, budget, source note, LKE codes, final month of 100 %
    ("MP", "Membangun komitmen seluruh pegawai", "Agen perubahan ditetapkan dan aktif",
     "Menetapkan agen perubahan dan rapat evaluasi bulanan", 5_000_000, ["P1.iv.b", "R1.i.a"], 6),
    ("TT", "Layanan adminduk terdigitalisasi", "SOP layanan direviu dan diterapkan",
     "Reviu 12 SOP layanan utama dan publikasi di loket", 7_500_000, ["P2.i.c"], 9),
    ("SDM", "Pegawai kompeten melayani", "Seluruh petugas loket mengikuti pelatihan layanan prima",
     "Pelatihan layanan prima untuk petugas loket", 15_000_000, ["P3.iii.e"], 8),
    ("AK", "Kinerja terukur setiap bulan", "Capaian IKU dipantau pimpinan tiap bulan",
     "Rapat monitoring capaian kinerja bulanan dipimpin kepala dinas", 2_000_000, ["P4.i.c"], 12),
    ("PW", "Mencegah gratifikasi dan pungli", "Kampanye anti gratifikasi di seluruh ruang layanan",
     "Pemasangan banner dan sosialisasi pengendalian gratifikasi", 4_000_000, ["P5.i.a", "P5.i.b"], 4),
    ("PP", "Pelayanan cepat dan ramah", "Standar pelayanan dimaklumatkan dan dievaluasi",
     "Maklumat pelayanan dan Survei Kepuasan Masyarakat tiap triwulan", 6_000_000, ["P6.i.b", "P6.iv.a"], 12),
    ("bersih", "Persepsi anti korupsi meningkat", "IPAK ≥ 3,60",
     "Survei persepsi anti korupsi oleh pihak independen", 10_000_000, [], 11),
    ("pelayanan", "Kualitas pelayanan meningkat", "IPKP ≥ 3,60",
     "Survei persepsi kualitas pelayanan dan tindak lanjut hasilnya", 10_000_000, [], 11),
]  # fmt: skip


def _targets(full_by: int) -> dict[str, Decimal]:
    """A steady cumulative ramp reaching 100 % in month `full_by`."""
    return {
        field: min(D(100), (D(100) * month / full_by).quantize(D("1")))
        for month, field in enumerate(MONTH_FIELDS, start=1)
    }


def _on(year: int, month: int, day: int, today: date) -> date:
    return min(date(year, month, day), today)


@transaction.atomic
def seed(world: dict) -> None:
    if ActionPlan.objects.exists():
        return
    units, users = world["units"], world["users"]
    today = timezone.localdate()
    year = today.year
    dukcapil, dpmptsp = units["DUKCAPIL"], units["DPMPTSP"]
    kerja, head, pendamping = (
        users["timkerja.dukcapil"],
        users["kadis.dukcapil"],
        users["pendamping"],
    )
    services.work_plan_save(
        unit=dukcapil, year=year, decree_number=f"800/DUKCAPIL/ZI/{year}/02",
        decree_date=_on(year, 1, 25, today),
        socialisation="Laman resmi dan media sosial Dinas\nApel pagi setiap Senin\n"
                      "Banner dan maklumat di ruang tunggu layanan\nForum konsultasi publik triwulanan",
        targets={code: f"{goal}: {indicator}" for code, goal, indicator, *_rest in ROWS},
        by=kerja,
    )  # fmt: skip
    plan = services.action_plan_create(unit=dukcapil, year=year, by=kerja)
    pic = users["timkerja.dukcapil"].employee
    for order, (code, goal, indicator, action, budget, codes, full_by) in enumerate(ROWS, start=1):
        row = ActionRow(
            plan=plan, component=code, goal=goal, indicator=indicator, action=action,
            pic_employee=pic if order % 2 else None, pic_text="" if order % 2 else "Sekretaris Dinas",
            budget=D(budget), budget_source=ActionRow.BudgetSource.APBD if order != 7 else ActionRow.BudgetSource.LAINNYA,
            budget_source_note="DPA Dinas" if order != 7 else "Hibah CSR Bank NTT (tidak mengikat)",
            lke_question_codes=codes, **_targets(full_by),
        )  # fmt: skip
        services.action_row_save(row=row, by=kerja)
    services.action_plan_set(plan=plan, by=head)

    last = today.month - 1  # the months that have ended
    rows = list(plan.rows.all())
    for month in range(1, last + 1):
        report = services.monthly_report_start(plan=plan, month=month, by=kerja, today=today)
        entries = {
            r.pk: services.Realisation(
                percent=max(
                    D(0), r.target(month) - (D(5) if r.component == "TT" and month > 2 else 0)
                ),
                narrative=f"Kegiatan bulan ke-{month} terlaksana sesuai rencana.",
            )
            for r in rows
        }
        services.monthly_report_save(report=report, entries=entries, by=kerja)
        services.monthly_report_submit(report=report, by=kerja)
        if month < last:
            services.monthly_report_accept(report=report, by=pendamping)

    # DPMPTSP: a smaller plan whose reports stopped after February (overdue since).
    small = services.action_plan_create(unit=dpmptsp, year=year, by=users["timkerja.dpmptsp"])
    for code, goal, indicator, action, budget, codes, full_by in ROWS[3:6]:
        services.action_row_save(
            row=ActionRow(plan=small, component=code, goal=goal, indicator=indicator, action=action,
                          pic_text="Kepala Bidang Pelayanan", budget=D(budget), budget_source="apbd",
                          lke_question_codes=codes, **_targets(full_by)),
            by=users["timkerja.dpmptsp"],
        )  # fmt: skip
    for month in range(1, min(3, last + 1)):
        report = services.monthly_report_start(
            plan=small, month=month, by=users["timkerja.dpmptsp"], today=today
        )
        services.monthly_report_save(
            report=report,
            entries={r.pk: services.Realisation(percent=r.target(month) / 2) for r in small.rows.all()},
            by=users["timkerja.dpmptsp"],
        )  # fmt: skip
        services.monthly_report_submit(report=report, by=users["timkerja.dpmptsp"])
        services.monthly_report_accept(report=report, by=pendamping)

    services.innovation_save(
        innovation=Innovation(unit=dukcapil, name="Dukcapil Jemput Bola (DJEMBO)",
                              problem="Lansia dan warga disabilitas sulit datang ke kantor.",
                              change="Perekaman KTP-el dan pencetakan KK di rumah warga atas permintaan via WhatsApp.",
                              started_on=_on(year, 3, 1, today),
                              evidence_url="https://kupangkota.go.id/berita/djembo"),
        by=kerja,
    )  # fmt: skip
    services.innovation_save(
        innovation=Innovation(unit=dukcapil, name="Antrean daring",
                              problem="Antrean panjang di loket pada pagi hari.",
                              change="Nomor antrean diambil lewat laman sehari sebelumnya.",
                              started_on=_on(year, 5, 2, today)),
        by=kerja,
    )  # fmt: skip
    media = [
        (1, 21, "social", "Pencanangan ZI Dinas Dukcapil", "Warga Kota Kupang"),
        (2, 10, "print", "Banner anti gratifikasi di ruang layanan", "Pengunjung kantor"),
        (
            4,
            15,
            "event",
            "Forum konsultasi publik standar pelayanan",
            "Ketua RT/RW, LSM, akademisi",
        ),
        (6, 5, "press", "Liputan media daring tentang layanan DJEMBO", "Pembaca Pos Kupang"),
    ]
    for month, day, channel, title, audience in media:
        services.media_entry_save(
            entry=MediaEntry(unit=dukcapil, published_on=_on(year, month, day, today), channel=channel,
                             title=title, audience=audience),
            by=kerja,
        )  # fmt: skip
    mentoring = [
        (2, 12, MentoringEntry.Kind.ASSISTANCE, "Penyusunan rencana aksi", "Indikator harus terukur; tautkan ke kode LKE.",
         "Perbaiki indikator area TT dan SDM", "done"),
        (5, 20, MentoringEntry.Kind.CONSULTATION, "Survei SPAK/SPKP mandiri", "Gunakan kode sekali pakai dan sampel Krejcie–Morgan.",
         "Jadwalkan survei triwulan III", "in_progress"),
        (8, 14, MentoringEntry.Kind.ASSISTANCE, "Data dukung area pengawasan", "Lengkapi notulen monev gratifikasi.",
         "Unggah notulen monev", "open"),
    ]  # fmt: skip
    for month, day, kind, topic, advice, follow_up, status in mentoring:
        held_on = _on(year, month, day, today)
        services.mentoring_entry_save(
            entry=MentoringEntry(unit=dukcapil, held_on=held_on, kind=kind, topic=topic, advice=advice,
                                 follow_up=follow_up, follow_up_status=status),
            by=pendamping,
        )  # fmt: skip
