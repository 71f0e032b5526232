# mypy: disable-error-code="union-attr,misc"
"""The Kota Kupang demo world used by `integritas demo` (make run)."""

import random
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from integritas.accounts.models import Role, RoleAssignment, User
from integritas.audit.services import record
from integritas.commitment import demo as commitment_demo
from integritas.complaints import demo as complaints_demo
from integritas.evaluation import demo as evaluation_demo
from integritas.organization.models import Employee, Institution, Team, TeamMember, Unit
from integritas.organization.testing import make_nip
from integritas.planning import demo as planning_demo
from integritas.predicates import demo as predicates_demo
from integritas.surveys import demo as surveys_demo

UNITS = [
    # code, name, type, parent code, stranas-pk
    ("SETDA", "Sekretariat Daerah Kota Kupang", Unit.Type.SEKRETARIAT, None, False),
    ("BAG-ORG", "Bagian Organisasi Setda", Unit.Type.BAGIAN, "SETDA", False),
    ("BAG-HUKUM", "Bagian Hukum Setda", Unit.Type.BAGIAN, "SETDA", False),
    ("SETWAN", "Sekretariat DPRD Kota Kupang", Unit.Type.SEKRETARIAT, None, False),
    ("INSP", "Inspektorat Daerah Kota Kupang", Unit.Type.INSPEKTORAT, None, False),
    (
        "BAPPERIDA",
        "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        Unit.Type.BADAN,
        None,
        False,
    ),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", Unit.Type.BADAN, None, False),
    ("BAPENDA", "Badan Pendapatan Daerah", Unit.Type.BADAN, None, False),
    (
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        Unit.Type.BADAN,
        None,
        False,
    ),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", Unit.Type.BADAN, None, False),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", Unit.Type.BADAN, None, False),
    ("DIKBUD", "Dinas Pendidikan dan Kebudayaan", Unit.Type.DINAS, None, True),
    ("DINKES", "Dinas Kesehatan", Unit.Type.DINAS, None, False),
    ("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", Unit.Type.DINAS, None, True),
    (
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        Unit.Type.DINAS,
        None,
        True,
    ),
    ("DINSOS", "Dinas Sosial", Unit.Type.DINAS, None, False),
    ("DISNAKER", "Dinas Tenaga Kerja", Unit.Type.DINAS, None, True),
    ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", Unit.Type.DINAS, None, False),
    ("DISHUB", "Dinas Perhubungan", Unit.Type.DINAS, None, False),
    ("DLHK", "Dinas Lingkungan Hidup dan Kebersihan", Unit.Type.DINAS, None, False),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", Unit.Type.DINAS, None, False),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", Unit.Type.SATPOL, None, False),
    ("RSUD", "RSUD S.K. Lerik", Unit.Type.RSUD, None, True),
    ("KEC-ALAK", "Kecamatan Alak", Unit.Type.KECAMATAN, None, False),
    ("KEC-KLIMA", "Kecamatan Kelapa Lima", Unit.Type.KECAMATAN, None, False),
    ("KEC-KLAMA", "Kecamatan Kota Lama", Unit.Type.KECAMATAN, None, False),
    ("KEC-KRAJA", "Kecamatan Kota Raja", Unit.Type.KECAMATAN, None, False),
    ("KEC-MAULAFA", "Kecamatan Maulafa", Unit.Type.KECAMATAN, None, False),
    ("KEC-OEBOBO", "Kecamatan Oebobo", Unit.Type.KECAMATAN, None, False),
    ("KEL-NAMOSAIN", "Kelurahan Namosain", Unit.Type.KELURAHAN, "KEC-ALAK", False),
    ("KEL-PENKASE", "Kelurahan Penkase Oeleta", Unit.Type.KELURAHAN, "KEC-ALAK", False),
    ("KEL-OESAPA", "Kelurahan Oesapa", Unit.Type.KELURAHAN, "KEC-KLIMA", False),
    ("KEL-LASIANA", "Kelurahan Lasiana", Unit.Type.KELURAHAN, "KEC-KLIMA", False),
    ("KEL-FATUBESI", "Kelurahan Fatubesi", Unit.Type.KELURAHAN, "KEC-KLAMA", False),
    ("KEL-SOLOR", "Kelurahan Solor", Unit.Type.KELURAHAN, "KEC-KLAMA", False),
    ("KEL-NAIKOTEN1", "Kelurahan Naikoten I", Unit.Type.KELURAHAN, "KEC-KRAJA", False),
    ("KEL-BAKUNASE", "Kelurahan Bakunase", Unit.Type.KELURAHAN, "KEC-KRAJA", False),
    ("KEL-PENFUI", "Kelurahan Penfui", Unit.Type.KELURAHAN, "KEC-MAULAFA", False),
    ("KEL-SIKUMANA", "Kelurahan Sikumana", Unit.Type.KELURAHAN, "KEC-MAULAFA", False),
    ("KEL-OEBOBO", "Kelurahan Oebobo", Unit.Type.KELURAHAN, "KEC-OEBOBO", False),
    ("KEL-FATULULI", "Kelurahan Fatululi", Unit.Type.KELURAHAN, "KEC-OEBOBO", False),
    ("PKM-OEPOI", "Puskesmas Oepoi", Unit.Type.PUSKESMAS, "DINKES", False),
    ("PKM-SIKUMANA", "Puskesmas Sikumana", Unit.Type.PUSKESMAS, "DINKES", False),
    ("PKM-OESAPA", "Puskesmas Oesapa", Unit.Type.PUSKESMAS, "DINKES", False),
    ("PKM-BAKUNASE", "Puskesmas Bakunase", Unit.Type.PUSKESMAS, "DINKES", False),
    ("PKM-ALAK", "Puskesmas Alak", Unit.Type.PUSKESMAS, "DINKES", False),
    ("PKM-KOTA", "Puskesmas Kupang Kota", Unit.Type.PUSKESMAS, "DINKES", False),
]

FIRST_NAMES = [
    "Yohanes", "Maria", "Yosef", "Agustina", "Daniel", "Elisabeth", "Fransiskus", "Imelda", "Markus",
    "Veronika", "Stefanus", "Yuliana", "Petrus", "Ferdinand", "Debora", "Yakobus", "Martha", "Simon",
    "Kristina", "Paulus", "Anselmus", "Margaretha", "Herman", "Sarlota", "Johny", "Adriana", "Obed",
    "Ester", "Ruben", "Lidia", "Melkianus", "Dorkas", "Ahmad", "Siti", "Muhammad", "Nurhayati",
]  # fmt: skip
LAST_NAMES = [
    "Ndoen", "Lay", "Manafe", "Bessie", "Tallo", "Fanggidae", "Messakh", "Nope", "Banunaek", "Ratu",
    "Dethan", "Lenggu", "Pellokila", "Toy", "Adoe", "Sabuna", "Kana", "Ully", "Tamelan", "Bire",
    "Nenobais", "Amalo", "Riwu", "Haning", "Foenay", "Kiuk", "Sinlae", "Taneo", "Mooy", "Lona",
]  # fmt: skip
RANKS = [
    "Pengatur (II/c)", "Penata Muda (III/a)", "Penata Muda Tk. I (III/b)", "Penata (III/c)",
    "Penata Tk. I (III/d)", "Pembina (IV/a)", "Pembina Tk. I (IV/b)",
]  # fmt: skip
POSITIONS = ["Analis Kebijakan", "Pranata Komputer", "Pengadministrasi Umum", "Bendahara", "Analis SDM Aparatur",
             "Perencana", "Auditor", "Arsiparis", "Pengelola Layanan Operasional", "Verifikator Keuangan"]  # fmt: skip
HEAD_TITLES: dict[str, str] = {Unit.Type.DINAS: "Kepala Dinas", Unit.Type.BADAN: "Kepala Badan", Unit.Type.KECAMATAN: "Camat", Unit.Type.KELURAHAN: "Lurah",
               Unit.Type.PUSKESMAS: "Kepala Puskesmas", Unit.Type.RSUD: "Direktur", Unit.Type.INSPEKTORAT: "Inspektur",
               Unit.Type.SEKRETARIAT: "Sekretaris", Unit.Type.BAGIAN: "Kepala Bagian", Unit.Type.SATPOL: "Kepala Satuan"}  # fmt: skip

DEMO_USERS = [
    # username, first name, last name, unit code for the employee, role, role unit code
    ("admin.org", "Adriana", "Messakh", "BAG-ORG", Role.ADMIN, None),
    ("walikota", "Christian", "Widodo", "SETDA", Role.PIMPINAN, None),
    ("sekda", "Fahrensy", "Funay", "SETDA", Role.PIMPINAN, None),
    ("tpi.ketua", "Stefanus", "Banunaek", "INSP", Role.TPI, None),
    ("tpi.anggota", "Lidia", "Pellokila", "BKPSDM", Role.TPI, None),
    ("pendamping", "Markus", "Lenggu", "BAG-ORG", Role.PENDAMPING, None),
    ("kadis.dukcapil", "Yosef", "Tallo", "DUKCAPIL", Role.UNIT_HEAD, "DUKCAPIL"),
    ("timkerja.dukcapil", "Imelda", "Fanggidae", "DUKCAPIL", Role.TIM_KERJA, "DUKCAPIL"),
    ("pegawai.dukcapil", "Petrus", "Nope", "DUKCAPIL", Role.EMPLOYEE, "DUKCAPIL"),
    ("kadis.dpmptsp", "Elisabeth", "Ratu", "DPMPTSP", Role.UNIT_HEAD, "DPMPTSP"),
    ("timkerja.dpmptsp", "Daniel", "Adoe", "DPMPTSP", Role.TIM_KERJA, "DPMPTSP"),
    ("pegawai.dpmptsp", "Ester", "Kana", "DPMPTSP", Role.EMPLOYEE, "DPMPTSP"),
]


def _employee(rng, unit, *, name=None, position=None, rank=None, used: set[str]) -> Employee:
    while True:
        nip = make_nip(rng)
        if nip not in used:
            used.add(nip)
            break
    name = name or f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    back = rng.choice(
        ["S.Sos.", "S.E.", "S.H.", "S.Kom.", "S.T.", "M.Si.", "S.Kep.", "", "", "A.Md."]
    )
    from integritas.organization.nip import parse_nip

    parts = parse_nip(nip)
    return Employee(
        nip=nip, name=name, back_title=back, kind="PNS" if rng.random() < 0.85 else "PPPK",
        rank=rank or rng.choice(RANKS), position=position or rng.choice(POSITIONS), unit=unit,
        birth_date=parts.birth_date, gender=parts.gender, email="",
    )  # fmt: skip


@transaction.atomic
def build_organization(*, employees_per_unit: int = 8, seed: int = 2025):
    """Create the institution, units, employees, teams and demo users."""
    rng = random.Random(seed)
    institution, _ = Institution.objects.get_or_create(
        name="Pemerintah Kota Kupang",
        defaults={"short_name": "Pemkot Kupang", "address": "Jl. S.K. Lerik, Kelapa Lima, Kota Kupang, NTT",
                  "phone": "(0380) 8553960", "email": "setda@kupangkota.go.id", "website": "https://kupangkota.go.id"},
    )  # fmt: skip
    units: dict[str, Unit] = {}
    for code, name, type_, parent, stranas in UNITS:
        unit, _ = Unit.objects.get_or_create(
            code=code,
            defaults={"institution": institution, "name": name, "type": type_, "is_stranas_pk": stranas,
                      "parent": units.get(parent) if parent else None,
                      "address": f"{name}, Kota Kupang", "email": f"{code.lower()}@kupangkota.go.id"},
        )  # fmt: skip
        units[code] = unit
    used = set(Employee.objects.values_list("nip", flat=True))
    people: list[Employee] = []
    for unit in units.values():
        if unit.employees.exists():
            continue
        count = employees_per_unit * (
            2 if unit.type in (Unit.Type.DINAS, Unit.Type.BADAN, Unit.Type.RSUD) else 1
        )
        people.append(_employee(rng, unit, position=f"{HEAD_TITLES.get(unit.type, 'Kepala')} {unit.name}",
                                rank="Pembina Tk. I (IV/b)", used=used))  # fmt: skip
        people += [_employee(rng, unit, used=used) for _ in range(count)]
    Employee.objects.bulk_create(people, batch_size=500)
    for unit in units.values():
        if unit.head_id is None:
            unit.head = unit.employees.filter(
                position__startswith=HEAD_TITLES.get(unit.type, "Kepala")
            ).first()
            unit.save(update_fields=["head"])

    password = settings.INTEGRITAS_DEMO_PASSWORD
    users = {}
    for username, first, last, unit_code, role, role_unit in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            unit = units[unit_code]
            if role == Role.UNIT_HEAD:
                employee = unit.head
                employee.name = f"{first} {last}"
                employee.save(update_fields=["name"])
            else:
                employee = _employee(rng, unit, name=f"{first} {last}", used=used)
                employee.save()
            user = User.objects.create_user(username=username, password=password, first_name=first,
                                            last_name=last, employee=employee)  # fmt: skip
            RoleAssignment.objects.create(
                user=user, role=role, unit=units[role_unit] if role_unit else None
            )
        users[username] = user

    today = timezone.localdate()
    if not Team.objects.filter(kind=Team.Kind.TPI).exists():
        tpi = Team.objects.create(kind=Team.Kind.TPI, name="Tim Penilai Internal Kota Kupang",
                                  decree_number="188.45/KEP/112/2025", decree_date=date(2025, 2, 3),
                                  period_start=date(2025, 2, 3),
                                  selection_method="Ditunjuk Wali Kota dari Inspektorat (APIP), Bagian Organisasi, dan BKPSDM berdasarkan kompetensi evaluasi.")  # fmt: skip
        TeamMember.objects.create(
            team=tpi, employee=users["tpi.ketua"].employee, role=TeamMember.Role.KETUA
        )
        TeamMember.objects.create(
            team=tpi, employee=users["tpi.anggota"].employee, role=TeamMember.Role.ANGGOTA
        )
        pendamping = Team.objects.create(kind=Team.Kind.PENDAMPING, name="Tim Pendamping Pembangunan ZI Kota Kupang",
                                         decree_number="188.45/KEP/113/2025", decree_date=date(2025, 2, 3),
                                         period_start=date(2025, 2, 3),
                                         selection_method="Ditunjuk Wali Kota dari Bagian Organisasi dan Inspektorat.")  # fmt: skip
        TeamMember.objects.create(
            team=pendamping, employee=users["pendamping"].employee, role=TeamMember.Role.KETUA
        )
        TeamMember.objects.create(
            team=pendamping, employee=users["admin.org"].employee, role=TeamMember.Role.SEKRETARIS
        )
        for code in ("DUKCAPIL", "DPMPTSP", "RSUD"):
            unit = units[code]
            team = Team.objects.create(kind=Team.Kind.TIM_KERJA, unit=unit, name=f"Tim Kerja Pembangunan ZI {unit.name}",
                                       decree_number=f"800/{code}/SK/{today.year}/01", decree_date=date(today.year, 1, 10),
                                       period_start=date(today.year, 1, 10),
                                       selection_method="Seleksi terbuka: pengumuman internal, usulan tiap bidang, wawancara oleh pimpinan; mewakili seluruh bidang.")  # fmt: skip
            members = list(unit.employees.exclude(pk=unit.head_id)[:5])
            if unit.head_id:
                TeamMember.objects.create(
                    team=team, employee=unit.head, role=TeamMember.Role.PENGARAH
                )
            for i, employee in enumerate(members):
                TeamMember.objects.create(
                    team=team,
                    employee=employee,
                    role=TeamMember.Role.KETUA if i == 0 else TeamMember.Role.ANGGOTA,
                )
    record(
        actor=None, action="demo.dimuat", object_type="demo", object_repr="Data demo Kota Kupang"
    )
    return {"institution": institution, "units": units, "users": users}


# Each later part adds its demo records through a function taking the world dict.
SEEDERS: list = [
    commitment_demo.seed,
    planning_demo.seed,
    evaluation_demo.seed,
    surveys_demo.seed,
    predicates_demo.seed,
    complaints_demo.seed,
]


def build(*, employees_per_unit: int = 8):
    world = build_organization(employees_per_unit=employees_per_unit)
    for seeder in SEEDERS:
        seeder(world)
    return world
