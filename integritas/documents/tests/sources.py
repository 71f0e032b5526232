"""One source record of every catalogue type for unit A (helpers, not fixtures)."""

from datetime import date
from decimal import Decimal

from integritas.commitment.models import Declaration, DeclarationWitness
from integritas.planning.models import MONTH_FIELDS, ActionPlan, ActionRow, WorkPlan, WorkPlanTarget

YEAR = 2025


def make_declaration(world) -> Declaration:
    declaration = Declaration.objects.create(
        scope="unit", unit=world.unit_a, declared_on=date(2025, 8, 18), place="Aula Dukcapil",
        head=world.head_a.employee, head_name="Drs. Yosef Tallo, M.Si.", head_position="Kepala Dinas",
    )  # fmt: skip
    DeclarationWitness.objects.create(declaration=declaration, role="inspectorate",
                                      name="Ir. Inspektur Kota")  # fmt: skip
    DeclarationWitness.objects.create(declaration=declaration, role="public",
                                      name="Pdt. Tokoh Masyarakat")  # fmt: skip
    Declaration.objects.create(scope="city", declared_on=date(2025, 8, 1), place="Kupang",
                               head_name="dr. Christian Widodo", head_position="Wali Kota Kupang")  # fmt: skip
    return declaration


def make_work_plan(world) -> WorkPlan:
    plan = WorkPlan.objects.create(unit=world.unit_a, year=YEAR, decree_number="800/DUKCAPIL/12/2025",
                                   decree_date=date(2025, 1, 20), socialisation="Laman dinas\nApel pagi")  # fmt: skip
    WorkPlanTarget.objects.create(
        work_plan=plan, component="MP", targets="Agen perubahan ditetapkan"
    )
    return plan


def make_action_plan(world, *, rows: int = 1, unit=None) -> ActionPlan:
    plan = ActionPlan.objects.create(unit=unit or world.unit_a, year=YEAR)
    targets = dict(zip(MONTH_FIELDS, [Decimal(v * 8) for v in range(1, 13)], strict=True))
    components = ["MP", "TT", "SDM", "AK", "PW", "PP", "bersih", "pelayanan"]
    for i in range(rows):
        ActionRow.objects.create(
            plan=plan, component=components[i % len(components)] if i else "PW",
            goal="Cegah gratifikasi", indicator="Kampanye", order=i,
            action="Pasang banner anti gratifikasi" if i == 0 else f"Rencana aksi nomor {i + 1}",
            pic_text="Sekretaris", budget=Decimal(2500000), **targets,
        )  # fmt: skip
    return plan


def make_skm(world):
    from integritas.surveys import services
    from integritas.surveys.tests.conftest import answers_for, make_wave

    wave = make_wave(world, access_mode="link", services_spec=(("KTP-el", 60),))
    for i, values in enumerate(([4, 4, 3, 4, 3, 4, 4, 2, 4], [3, 3, 3, 4, 3, 4, 4, 2, 3])):
        services.response_enter_paper(
            wave=wave, service=wave.services.get(name="KTP-el"), answers=answers_for(wave, values),
            profile={"jenis_kelamin": "L"}, sheet_number=str(i + 1), by=world.kerja_a,
        )  # fmt: skip
    return services.wave_close(wave=wave, by=world.kerja_a)


def make_final_assessment(world):
    from integritas.evaluation import engine, selectors, services
    from integritas.evaluation.models import ReviewerAssignment

    version = services.framework_load(path=engine.published_frameworks()[0].source)
    lke = selectors.engine_framework(version)
    assessment = services.assessment_create(unit=world.unit_a, year=YEAR, by=world.kerja_a)
    services.hasil_save(
        assessment=assessment, by=world.kerja_a, ipak_index=Decimal("3.6"),
        ipkp_index=Decimal("3.3"), capaian_kinerja="C", tlhp_percent=Decimal(80),
    )  # fmt: skip
    services.assessment_submit(assessment=assessment, by=world.head_a, confirm_incomplete=True)
    ReviewerAssignment.objects.create(unit=world.unit_a, year=YEAR, user=world.tpi, is_ketua=True)
    for question in lke.questions:
        best = ({"percent": Decimal(100)} if question.is_percent
                else {"option_label": question.best_option.label})  # fmt: skip
        services.review_save(assessment=assessment, question_code=question.code, by=world.tpi,
                             **best)  # fmt: skip
    services.assessment_finalise(assessment=assessment, by=world.tpi)
    assessment.refresh_from_db()
    return assessment.snapshot


def make_all(world) -> dict:
    """code -> source record; the values every test then finds in the text."""
    return {
        "deklarasi": make_declaration(world),
        "piagam": None,  # the same declaration
        "keputusan-rencana-kerja": make_work_plan(world),
        "rencana-aksi": make_action_plan(world),
        "laporan-skm": make_skm(world),
        "rekap-lke": make_final_assessment(world),
    }


# What each type's text must contain when rendered from make_all (both formats).
EXPECTED = {
    "deklarasi": ["DEKLARASI PEMBANGUNAN ZONA INTEGRITAS", "Drs. Yosef Tallo, M.Si.",
                  "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "PEMERINTAH KOTA KUPANG",
                  "PENCATATAN SIPIL SIAP MELAKSANAKAN PEMBANGUNAN ZONA INTEGRITAS"],
    "piagam": ["PIAGAM PENCANANGAN PEMBANGUNAN ZONA INTEGRITAS", "dr. Christian Widodo",
               "Ir. Inspektur Kota", "Pdt. Tokoh Masyarakat",
               "KHUSUSNYA DALAM PENCEGAHAN KORUPSI DAN PENINGKATAN KUALITAS PELAYANAN PUBLIK"],
    "keputusan-rencana-kerja": ["800/DUKCAPIL/12/2025", "Agen perubahan ditetapkan", "Apel pagi",
                                "Menimbang", "Undang-Undang Nomor 28 Tahun 1999", "KETIGA",
                                "Kepala Dinas Kependudukan dan Pencatatan Sipil;"],
    "rencana-aksi": ["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS", "TAHUN 2025",
                     "Pasang banner anti gratifikasi", "2.500.000", "B12", "96"],
    "laporan-skm": ["SURVEI KEPUASAN MASYARAKAT", "KTP-el"],
    "rekap-lke": ["REKAPITULASI HASIL EVALUASI ZONA INTEGRITAS", "Memenuhi",
                  "Dinas Kependudukan dan Pencatatan Sipil"],
}  # fmt: skip
