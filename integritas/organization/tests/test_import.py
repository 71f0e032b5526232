import pytest

from integritas.audit.models import AuditRecord
from integritas.organization import imports, services
from integritas.organization.models import Employee, EmployeeMove
from integritas.organization.testing import make_nip

pytestmark = pytest.mark.django_db

HEADER = "nip,nama,gelar_depan,gelar_belakang,status,pangkat_golongan,jabatan,kode_unit,email\n"


def _csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def test_a_good_file_writes_every_row_in_one_go(world):
    data = _csv(
        f"{make_nip(serial=11)},Maria Ndoen,,S.E.,PNS,Penata (III/c),Analis,DUKCAPIL,maria@kupangkota.go.id",
        f"{make_nip(serial=12)},Yosef Tallo,Drs.,,PPPK,,Pranata Komputer,DPMPTSP,",
    )
    before = Employee.objects.count()
    check = services.employees_import(
        table=imports.read(data, kind="employees", ext="csv"), by=world.admin
    )
    assert check.creates == 2
    assert Employee.objects.count() == before + 2
    maria = Employee.objects.get(name="Maria Ndoen")
    assert maria.unit == world.unit_a and maria.birth_date is not None
    assert AuditRecord.objects.filter(action="pegawai.impor").exists()


def test_a_bad_file_reports_every_bad_row_and_writes_nothing(world):
    data = _csv(
        f"{make_nip(serial=21)},Baik Sekali,,,PNS,,,DUKCAPIL,",
        "198502302010011003,Tanggal Salah,,,PNS,,,DUKCAPIL,",
        f"{make_nip(serial=23)},,,,PNS,,,TIDAKADA,bukan-surel",
    )
    before = Employee.objects.count()
    with pytest.raises(services.ImportRejected) as excinfo:
        services.employees_import(
            table=imports.read(data, kind="employees", ext="csv"), by=world.admin
        )
    problems = {(p.row, p.column) for p in excinfo.value.check.problems}
    assert (3, "nip") in problems
    assert {(4, "nama"), (4, "kode_unit"), (4, "email")} <= problems
    assert Employee.objects.count() == before
    assert not AuditRecord.objects.filter(action="pegawai.impor").exists()


def test_a_missing_column_is_reported_on_the_header_row(world):
    table = imports.read(b"nip,nama\n198507142010011003,Tanpa Unit\n", kind="employees", ext="csv")
    with pytest.raises(services.ImportRejected) as excinfo:
        services.employees_import(table=table, by=world.admin)
    assert [(p.row, p.column) for p in excinfo.value.check.problems] == [(1, "kode_unit")]


def test_reimporting_an_employee_into_another_unit_records_a_move(world):
    employee = world.staff_a.employee
    data = _csv(f"{employee.nip},{employee.name},,,PNS,,Staf,DPMPTSP,")
    services.employees_import(table=imports.read(data, kind="employees", ext="csv"), by=world.admin)
    employee.refresh_from_db()
    assert employee.unit == world.unit_b
    move = EmployeeMove.objects.get(employee=employee)
    assert (move.from_unit, move.to_unit) == (world.unit_a, world.unit_b)


def test_xlsx_files_are_read_like_csv(world):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append([make_nip(serial=31), "Dari Excel", "", "", "PNS", "", "", "DUKCAPIL", ""])
    buf = io.BytesIO()
    wb.save(buf)
    check = services.employees_import(
        table=imports.read(buf.getvalue(), kind="employees", ext="xlsx"), by=world.admin
    )
    assert check.creates == 1 and Employee.objects.filter(name="Dari Excel").exists()


def test_units_import_links_parents_within_the_same_file(world):
    data = (
        b"kode,nama,jenis,kode_induk,alamat,telepon,email,laman,stranas_pk\n"
        b"KEC-ALAK,Kecamatan Alak,kecamatan,,,,,,tidak\n"
        b"KEL-NAMOSAIN,Kelurahan Namosain,kelurahan,KEC-ALAK,,,,,tidak\n"
    )
    services.units_import(
        table=imports.read(data, kind="units", ext="csv"),
        institution=world.institution,
        by=world.admin,
    )
    from integritas.organization.models import Unit

    assert Unit.objects.get(code="KEL-NAMOSAIN").parent.code == "KEC-ALAK"


def test_a_units_sheet_names_the_type_in_indonesian_and_the_unit_stores_the_english_value(world):
    from integritas.organization.models import Unit

    data = (
        b"kode,nama,jenis,kode_induk,alamat,telepon,email,laman,stranas_pk\n"
        b"KEC-ALAK,Kecamatan Alak,Kecamatan,,,,,,tidak\n"
        b"PKM-ALAK,Puskesmas Alak,puskesmas,,,,,,tidak\n"
        b"DINSOS,Dinas Sosial,department,,,,,,tidak\n"
    )
    services.units_import(
        table=imports.read(data, kind="units", ext="csv"), institution=world.institution,
        by=world.admin,
    )  # fmt: skip
    types = dict(
        Unit.objects.filter(code__in=["KEC-ALAK", "PKM-ALAK", "DINSOS"]).values_list("code", "type")
    )
    assert types == {
        "KEC-ALAK": Unit.Type.KECAMATAN, "PKM-ALAK": Unit.Type.PUSKESMAS, "DINSOS": Unit.Type.DINAS,
    }  # fmt: skip
    bad = imports.check_units(
        imports.read(data.replace(b",Kecamatan,", b",kota,"), kind="units", ext="csv")
    )
    assert [p.column for p in bad.problems] == ["jenis"] and "kelurahan" in bad.problems[0].message
