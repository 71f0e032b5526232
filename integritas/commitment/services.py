"""Writes of pacts, declarations and designations; each one audited."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.accounts.models import User
from integritas.audit.services import diff, record, snapshot
from integritas.commitment import rules, selectors
from integritas.commitment.models import (
    Declaration,
    DeclarationPublication,
    DeclarationWitness,
    DesignatedUnit,
    DesignationDecree,
    IntegrityPact,
    PactSigning,
)
from integritas.common import files
from integritas.common.formatting import angka
from integritas.organization.models import Employee, Unit


class DeclarationRefused(Exception):
    """Pasal 6 ayat (1) is not met; `problems` says why, with the numbers."""

    def __init__(self, gate: rules.Gate) -> None:
        self.gate = gate
        self.problems = gate_problems(gate)
        super().__init__(" ".join(self.problems))


def gate_problems(gate: rules.Gate) -> list[str]:
    """Explain in Indonesian why the Pasal 6 gate refuses, with the numbers."""
    problems = []
    if gate.no_head:
        problems.append(_("Unit belum memiliki kepala yang tercatat."))
    elif gate.head_unsigned:
        problems.append(_("Kepala unit belum menandatangani pakta integritas (Pasal 6 ayat 1)."))
    if gate.no_employees:
        problems.append(_("Unit belum memiliki pegawai aktif."))
    elif gate.share_too_low:
        problems.append(share_text(gate))
    return problems


def share_text(gate: rules.Gate) -> str:
    """ "12 dari 24 pegawai (50,00 %) — harus lebih dari 50 %"."""
    coverage = gate.coverage
    return _("%(signed)d dari %(total)d pegawai (%(pct)s %%) — harus lebih dari %(min)s %%") % {
        "signed": coverage.signed,
        "total": coverage.total,
        "pct": angka(coverage.percent, 2),
        "min": rules.percent_text(gate.min_share),
    }


def declaration_gate(unit: Unit) -> rules.Gate:
    """The Pasal 6 gate for a unit, from the current pacts."""
    return rules.declaration_gate(selectors.coverage_for(unit), selectors.min_pact_share())


def _today() -> date:
    return timezone.localdate()


def _check_date(value: date, field: str) -> None:
    if value > _today():
        raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})


# --- pacts ---------------------------------------------------------------------------------


@transaction.atomic
def pact_record(
    *,
    employee: Employee,
    signed_on: date,
    occasion: str,
    occasion_note: str = "",
    document: UploadedFile | None = None,
    by: User,
) -> IntegrityPact:
    """Record one employee's signed pact (Pasal 6) at the unit he or she is in now."""
    _check_date(signed_on, "signed_on")
    if not employee.is_active:
        raise ValidationError(_("Pegawai tidak aktif."))
    pact = IntegrityPact(
        employee=employee, unit_id=employee.unit_id, signed_on=signed_on, occasion=occasion,
        occasion_note=occasion_note, recorded_by=by,
    )  # fmt: skip
    pact.full_clean(exclude=["document"])
    if document is not None:
        files.store(pact.document, document)
    pact.save()
    record(
        actor=by, action="pakta.dicatat", obj=pact, unit_id=employee.unit_id,
        changes={"employee": [None, employee.nip], "signed_on": [None, signed_on],
                 "occasion": [None, occasion], "document_sha256": [None, pact.document_sha256]},
    )  # fmt: skip
    return pact


@transaction.atomic
def pacts_mass_sign(
    *,
    unit: Unit,
    signed_on: date,
    occasion: str,
    employees: Sequence[Employee],
    note: str = "",
    document: UploadedFile | None = None,
    by: User,
) -> PactSigning:
    """Record a mass signing (Pasal 6 ayat 2): one pact per employee, all or none."""
    _check_date(signed_on, "signed_on")
    if not employees:
        raise ValidationError({"employees": _("Pilih sedikitnya satu pegawai.")})
    ids = [e.pk for e in employees]
    outsiders = Employee.objects.filter(pk__in=ids).exclude(unit=unit, is_active=True)
    if outsiders.exists():
        raise ValidationError(
            {"employees": _("Bukan pegawai aktif unit ini: %(names)s.")
             % {"names": ", ".join(str(e) for e in outsiders)}}
        )  # fmt: skip
    twice = Employee.objects.filter(pk__in=ids, integrity_pacts__signed_on=signed_on)
    if twice.exists():
        raise ValidationError(
            {"employees": _("Sudah tercatat menandatangani pada tanggal itu: %(names)s.")
             % {"names": ", ".join(str(e) for e in twice)}}
        )  # fmt: skip
    signing = PactSigning(
        unit=unit, signed_on=signed_on, occasion=occasion, note=note, recorded_by=by
    )
    signing.full_clean(exclude=["document"])
    if document is not None:
        files.store(signing.document, document)
    signing.save()
    pacts = [
        IntegrityPact(
            employee_id=pk,
            unit=unit,
            signed_on=signed_on,
            occasion=occasion,
            occasion_note=note[:200],
            signing=signing,
            recorded_by=by,
        )  # fmt: skip
        for pk in ids
    ]
    IntegrityPact.objects.bulk_create(pacts)
    nips = list(Employee.objects.filter(pk__in=ids).order_by("nip").values_list("nip", flat=True))
    record(
        actor=by, action="pakta.massal", obj=signing, unit_id=unit.pk,
        changes={"signed_on": [None, signed_on], "occasion": [None, occasion],
                 "employees": [None, nips], "count": [None, len(nips)],
                 "document_sha256": [None, signing.document_sha256]},
    )  # fmt: skip
    return signing


@transaction.atomic
def pact_delete(*, pact: IntegrityPact, by: User) -> None:
    """Remove a pact recorded by mistake (the audit trail keeps what it was)."""
    record(
        actor=by, action="pakta.dihapus", obj=pact, unit_id=pact.unit_id,
        changes={"employee": [pact.employee.nip, None], "signed_on": [pact.signed_on, None],
                 "occasion": [pact.occasion, None]},
    )  # fmt: skip
    pact.delete()


# --- declarations --------------------------------------------------------------------------


def _add_witnesses(declaration: Declaration, witnesses: Sequence[dict[str, str]]) -> None:
    rows = []
    for data in witnesses:
        if not (data.get("name") or "").strip():
            continue
        witness = DeclarationWitness(
            declaration=declaration, role=data["role"], name=data["name"].strip(),
            position=(data.get("position") or "").strip(),
        )  # fmt: skip
        witness.full_clean()
        rows.append(witness)
    DeclarationWitness.objects.bulk_create(rows)


@transaction.atomic
def declaration_create(
    *,
    unit: Unit,
    declared_on: date,
    place: str,
    note: str = "",
    witnesses: Sequence[dict[str, str]] = (),
    by: User,
) -> Declaration:
    """Pasal 5 ayat (2), 6: a unit declares when its head and more than the share signed."""
    _check_date(declared_on, "declared_on")
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if Declaration.objects.filter(unit=unit).exists():
        raise ValidationError(_("Unit ini sudah mencanangkan pembangunan ZI."))
    gate = declaration_gate(unit)
    if not gate.allowed:
        raise DeclarationRefused(gate)
    head = unit.head
    assert head is not None  # the gate refuses a unit without head
    coverage = gate.coverage
    declaration = Declaration(
        scope=Declaration.Scope.UNIT, unit=unit, declared_on=declared_on, place=place,
        head=head, head_name=head.full_name,
        head_position=head.position or _("Kepala %(unit)s") % {"unit": unit.name},
        pact_signed=coverage.signed, pact_total=coverage.total, head_signed=coverage.head_signed,
        min_share=gate.min_share, note=note, recorded_by=by,
    )  # fmt: skip
    declaration.full_clean()
    declaration.save()
    _add_witnesses(declaration, witnesses)
    record(
        actor=by, action="pencanangan.unit", obj=declaration, unit_id=unit.pk,
        changes={**diff({}, snapshot(declaration)),
                 "witnesses": [None, [w.get("name") for w in witnesses if w.get("name")]],
                 "follow_up": [None, coverage.missing]},
    )  # fmt: skip
    return declaration


@transaction.atomic
def city_declaration_create(
    *,
    declared_on: date,
    place: str,
    head_name: str,
    head_position: str,
    note: str = "",
    witnesses: Sequence[dict[str, str]] = (),
    by: User,
) -> Declaration:
    """Pasal 5 ayat (1): the Wali Kota officially declares ZI building for the city."""
    _check_date(declared_on, "declared_on")
    if Declaration.objects.filter(scope=Declaration.Scope.CITY).exists():
        raise ValidationError(_("Pencanangan tingkat kota sudah tercatat."))
    declaration = Declaration(
        scope=Declaration.Scope.CITY, declared_on=declared_on, place=place, head_name=head_name,
        head_position=head_position, note=note, recorded_by=by,
    )  # fmt: skip
    declaration.full_clean()
    declaration.save()
    _add_witnesses(declaration, witnesses)
    record(
        actor=by, action="pencanangan.kota", obj=declaration,
        changes=diff({}, snapshot(declaration)),
    )  # fmt: skip
    return declaration


@transaction.atomic
def witness_add(
    *, declaration: Declaration, role: str, name: str, position: str = "", by: User
) -> DeclarationWitness:
    witness = DeclarationWitness(
        declaration=declaration, role=role, name=name.strip(), position=position.strip()
    )
    witness.full_clean()
    witness.save()
    record(
        actor=by, action="pencanangan.saksi_ditambah", obj=witness, unit_id=declaration.unit_id,
        changes={"role": [None, role], "name": [None, witness.name]},
    )  # fmt: skip
    return witness


@transaction.atomic
def witness_remove(*, witness: DeclarationWitness, by: User) -> None:
    record(
        actor=by, action="pencanangan.saksi_dihapus", obj=witness,
        unit_id=witness.declaration.unit_id,
        changes={"role": [witness.role, None], "name": [witness.name, None]},
    )  # fmt: skip
    witness.delete()


@transaction.atomic
def publication_add(
    *,
    declaration: Declaration,
    kind: str,
    url: str = "",
    caption: str = "",
    photo: UploadedFile | None = None,
    by: User,
) -> DeclarationPublication:
    """Pasal 7 ayat (2): record how the declaration was published."""
    publication = DeclarationPublication(
        declaration=declaration, kind=kind, url=url, caption=caption, added_by=by
    )
    if kind == DeclarationPublication.Kind.PHOTO:
        if photo is None:
            raise ValidationError({"photo": _("Pilih berkas foto.")})
        publication.url = ""
        files.store(publication.photo, photo)
    elif not url:
        raise ValidationError({"url": _("Isi tautan publikasi.")})
    publication.full_clean()
    publication.save()
    record(
        actor=by, action="pencanangan.publikasi_ditambah", obj=publication,
        unit_id=declaration.unit_id,
        changes={"kind": [None, kind], "url": [None, url], "photo_sha256": [None, publication.photo_sha256]},
    )  # fmt: skip
    return publication


@transaction.atomic
def publication_remove(*, publication: DeclarationPublication, by: User) -> None:
    record(
        actor=by, action="pencanangan.publikasi_dihapus", obj=publication,
        unit_id=publication.declaration.unit_id,
        changes={"kind": [publication.kind, None], "url": [publication.url, None],
                 "photo_sha256": [publication.photo_sha256, None]},
    )  # fmt: skip
    publication.delete()


# --- designation ---------------------------------------------------------------------------


@transaction.atomic
def decree_save(
    *, decree: DesignationDecree, file: UploadedFile | None = None, by: User
) -> DesignationDecree:
    """Pasal 8 ayat (2): record (or correct) the Wali Kota's designation decree."""
    creating = decree.pk is None
    before = snapshot(DesignationDecree.objects.get(pk=decree.pk)) if not creating else {}
    if not creating:
        decree.full_clean(exclude=["file"])
    if file is not None:
        files.store(decree.file, file)
    if creating:
        decree.recorded_by = by
        decree.full_clean(exclude=["file"])
        decree.save()
    else:
        decree.save(
            update_fields=["number", "decree_date", "year", "title", "file", "file_sha256",
                           "file_content_type"]
        )  # fmt: skip
    record(
        actor=by, action="penetapan.keputusan_dicatat" if creating else "penetapan.keputusan_diubah",
        obj=decree, changes=diff(before, snapshot(decree)),
    )  # fmt: skip
    return decree


@transaction.atomic
def designated_unit_add(
    *,
    decree: DesignationDecree,
    unit: Unit,
    core_business: bool,
    high_risk: bool,
    wide_impact: bool,
    reasons: str,
    by: User,
) -> DesignatedUnit:
    """Pasal 8 ayat (1): name a unit with the criteria it meets and the reasons."""
    row = DesignatedUnit(
        decree=decree, unit=unit, core_business=core_business, high_risk=high_risk,
        wide_impact=wide_impact, reasons=reasons.strip(),
    )  # fmt: skip
    if not (core_business or high_risk or wide_impact):
        raise ValidationError(
            _("Pilih sedikitnya satu kriteria Pasal 8 ayat (1) yang dipenuhi unit.")
        )
    row.full_clean()
    row.save()
    record(
        actor=by, action="penetapan.unit_ditambah", obj=row, unit_id=unit.pk,
        changes={"decree": [None, decree.number], "core_business": [None, core_business],
                 "high_risk": [None, high_risk], "wide_impact": [None, wide_impact],
                 "reasons": [None, row.reasons]},
    )  # fmt: skip
    return row


@transaction.atomic
def designated_unit_remove(*, row: DesignatedUnit, by: User) -> None:
    record(
        actor=by, action="penetapan.unit_dihapus", obj=row, unit_id=row.unit_id,
        changes={"decree": [row.decree.number, None], "reasons": [row.reasons, None]},
    )  # fmt: skip
    row.delete()
