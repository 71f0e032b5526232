from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.commitment import selectors, services
from integritas.commitment.forms import (
    CityDeclarationForm,
    DeclarationForm,
    DecreeForm,
    DesignatedUnitForm,
    MassSigningForm,
    PactForm,
    PublicationForm,
    WitnessForm,
    WitnessFormSet,
    witness_initial,
)
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

PAGE_SIZE = 50


def _form_errors_to(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def overview(request):
    """Pakta, pencanangan and penetapan of every unit the user may read."""
    year = timezone.localdate().year
    units = access.units_for_user(request.user).filter(is_active=True).select_related("head")
    query = request.GET.get("q", "").strip()
    if query:
        units = units.filter(Q(name__icontains=query) | Q(code__icontains=query))
    page = Paginator(units.order_by("name"), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [u.pk for u in page.object_list]
    coverage = selectors.coverage_by_unit(ids)
    declarations = selectors.declarations_by_unit(ids)
    designated = selectors.designations_by_unit(year, ids)
    rows = [
        {
            "unit": unit,
            "coverage": coverage[unit.pk],
            "declaration": declarations.get(unit.pk),
            "designated": unit.pk in designated,
        }
        for unit in page.object_list
    ]
    return render(
        request,
        "commitment/overview.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "year": year,
            "city_declaration": selectors.city_declaration(),
            "can_administer": access.can_administer(request.user),
        },
    )


def unit_detail(request, pk):
    """One unit: pact coverage, who is still missing, the declaration and its gate."""
    unit = access.get_unit_for_user(request.user, pk)
    employees = list(selectors.unit_employees(unit))
    gate = services.declaration_gate(unit)
    declaration = selectors.declaration_for_unit(unit)
    signings = PactSigning.objects.filter(unit=unit).order_by("-signed_on", "-id")[:10]
    return render(
        request,
        "commitment/unit_detail.html",
        {
            "unit": unit,
            "employees": employees,
            "missing": [e for e in employees if e.pact_on is None],
            "gate": gate,
            "gate_problems": services.gate_problems(gate),
            "share_text": services.share_text(gate),
            "declaration": declaration,
            "signings": signings,
            "can_write": access.can_write_unit(request.user, unit.pk),
            "can_head": access.can_head_unit(request.user, unit.pk),
            "can_read_files": _can_read_files(request.user, unit.pk),
        },
    )


def _can_read_files(user, unit_id: int) -> bool:
    """Scanned pacts are for the unit's writers and city readers."""
    return access.can_write_unit(user, unit_id) or access.can_read_city(user)


def pact_create(request, pk):
    unit = access.get_unit_for_user(request.user, pk, write=True)
    form = PactForm(request.POST or None, request.FILES or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.pact_record(
                employee=data["employee"], signed_on=data["signed_on"], occasion=data["occasion"],
                occasion_note=data["occasion_note"], document=data["document"], by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            _form_errors_to(form, exc)
        else:
            messages.success(
                request, _("Pakta integritas %(name)s tercatat.") % {"name": data["employee"]}
            )
            return redirect("commitment:unit_detail", pk=unit.pk)
    return render(
        request,
        "commitment/form.html",
        {"form": form, "unit": unit, "title": _("Catat pakta integritas"), "multipart": True},
    )


def pact_mass(request, pk):
    """Pasal 6 ayat (2): record a mass signing for many employees at once."""
    unit = access.get_unit_for_user(request.user, pk, write=True)
    form = MassSigningForm(request.POST or None, request.FILES or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signing = services.pacts_mass_sign(
                unit=unit, signed_on=data["signed_on"], occasion=data["occasion"],
                employees=list(data["employees"]), note=data["note"], document=data["document"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            _form_errors_to(form, exc)
        else:
            messages.success(
                request,
                _("Penandatanganan massal tercatat: %(n)d pegawai.") % {"n": signing.pacts.count()},
            )
            return redirect("commitment:unit_detail", pk=unit.pk)
    employees = list(selectors.unit_employees(unit))
    checked = {str(v) for v in form["employees"].value() or []} if form.is_bound else None
    return render(
        request,
        "commitment/mass_signing.html",
        {"form": form, "unit": unit, "employees": employees, "checked": checked},
    )


@require_POST
def pact_delete(request, pk):
    pact = get_object_or_404(IntegrityPact.objects.select_related("employee"), pk=pk)
    access.require(access.can_write_unit(request.user, pact.unit_id))
    services.pact_delete(pact=pact, by=request.user)
    messages.success(request, _("Catatan pakta dihapus."))
    return redirect("commitment:unit_detail", pk=pact.unit_id)


def pact_document(request, pk):
    pact = get_object_or_404(IntegrityPact, pk=pk)
    access.require(_can_read_files(request.user, pact.unit_id))
    if pact.document:
        return files.serve(pact.document)
    if pact.signing_id:
        return redirect("commitment:signing_document", pk=pact.signing_id)
    raise Http404


def signing_document(request, pk):
    signing = get_object_or_404(PactSigning, pk=pk)
    access.require(_can_read_files(request.user, signing.unit_id))
    return files.serve(signing.document)


def declaration_create(request, pk):
    """Pasal 5–6: the unit head declares; refused with the numbers when the gate is not met."""
    unit = access.get_unit_for_user(request.user, pk)
    access.require(access.can_head_unit(request.user, unit.pk))
    if selectors.declaration_for_unit(unit):
        messages.info(request, _("Unit ini sudah mencanangkan pembangunan ZI."))
        return redirect("commitment:unit_detail", pk=unit.pk)
    gate = services.declaration_gate(unit)
    form = DeclarationForm(
        request.POST or None,
        initial={"declared_on": timezone.localdate(), "place": _("Kota Kupang")},
    )
    witnesses = WitnessFormSet(request.POST or None, initial=witness_initial(), prefix="saksi")
    refused = None
    if request.method == "POST" and form.is_valid() and witnesses.is_valid():
        data = form.cleaned_data
        try:
            declaration = services.declaration_create(
                unit=unit, declared_on=data["declared_on"], place=data["place"], note=data["note"],
                witnesses=[w for w in witnesses.cleaned_data if w], by=request.user,
            )  # fmt: skip
        except services.DeclarationRefused as exc:
            refused = exc.problems
            gate = exc.gate
        except ValidationError as exc:
            _form_errors_to(form, exc)
        else:
            messages.success(request, _("Pencanangan pembangunan ZI tercatat."))
            return redirect(declaration)
    return render(
        request,
        "commitment/declaration_form.html",
        {
            "unit": unit,
            "form": form,
            "witnesses": witnesses,
            "gate": gate,
            "gate_problems": refused or services.gate_problems(gate),
            "share_text": services.share_text(gate),
        },
    )


def city_declaration_create(request):
    """Pasal 5 ayat (1): the Wali Kota's declaration, recorded by the administrator."""
    access.require(access.can_administer(request.user))
    existing = selectors.city_declaration()
    if existing:
        return redirect(existing)
    form = CityDeclarationForm(
        request.POST or None, initial={"declared_on": timezone.localdate(), "place": "Kota Kupang"}
    )
    witnesses = WitnessFormSet(request.POST or None, initial=witness_initial(), prefix="saksi")
    if request.method == "POST" and form.is_valid() and witnesses.is_valid():
        data = form.cleaned_data
        try:
            declaration = services.city_declaration_create(
                declared_on=data["declared_on"], place=data["place"], head_name=data["head_name"],
                head_position=data["head_position"], note=data["note"],
                witnesses=[w for w in witnesses.cleaned_data if w], by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            _form_errors_to(form, exc)
        else:
            messages.success(request, _("Pencanangan tingkat kota tercatat."))
            return redirect(declaration)
    return render(
        request,
        "commitment/declaration_form.html",
        {"form": form, "witnesses": witnesses, "city": True},
    )


def _declaration_for_user(user, pk, *, write=False) -> Declaration:
    declaration = get_object_or_404(Declaration.objects.select_related("unit", "head"), pk=pk)
    if declaration.unit_id:
        access.require(access.can_read_unit(user, declaration.unit_id))
        if write:
            access.require(access.can_write_unit(user, declaration.unit_id))
    elif write:
        access.require(access.can_administer(user))
    return declaration


def declaration_detail(request, pk):
    declaration = _declaration_for_user(request.user, pk)
    can_write = (
        access.can_write_unit(request.user, declaration.unit_id)
        if declaration.unit_id
        else access.can_administer(request.user)
    )
    follow_up = []
    if declaration.unit_id:
        follow_up = [e for e in selectors.unit_employees(declaration.unit) if e.pact_on is None]
    return render(
        request,
        "commitment/declaration_detail.html",
        {
            "declaration": declaration,
            "witnesses": declaration.witnesses.all(),
            "publications": declaration.publications.all(),
            "follow_up": follow_up,
            "can_write": can_write,
            "witness_form": WitnessForm() if can_write else None,
            "publication_form": PublicationForm() if can_write else None,
        },
    )


@require_POST
def witness_add(request, pk):
    declaration = _declaration_for_user(request.user, pk, write=True)
    form = WitnessForm(request.POST)
    if form.is_valid():
        services.witness_add(declaration=declaration, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saksi ditambahkan."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(declaration)


@require_POST
def witness_remove(request, pk, witness_pk):
    declaration = _declaration_for_user(request.user, pk, write=True)
    witness = get_object_or_404(DeclarationWitness, pk=witness_pk, declaration=declaration)
    services.witness_remove(witness=witness, by=request.user)
    messages.success(request, _("Saksi dihapus."))
    return redirect(declaration)


def publication_add(request, pk):
    """Pasal 7 ayat (2): add a media link or a photo of the declaration."""
    declaration = _declaration_for_user(request.user, pk, write=True)
    form = PublicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photo = data.get("photo")
        services.publication_add(
            declaration=declaration, kind=data["kind"], url=data.get("url") or "",
            caption=data.get("caption") or "", photo=photo, by=request.user,
        )  # fmt: skip
        messages.success(request, _("Publikasi ditambahkan."))
        return redirect(declaration)
    return render(
        request,
        "commitment/form.html",
        {"form": form, "title": _("Tambah publikasi pencanangan"), "multipart": True,
         "back": declaration.get_absolute_url()},
    )  # fmt: skip


@require_POST
def publication_remove(request, pk, publication_pk):
    declaration = _declaration_for_user(request.user, pk, write=True)
    publication = get_object_or_404(
        DeclarationPublication, pk=publication_pk, declaration=declaration
    )
    services.publication_remove(publication=publication, by=request.user)
    messages.success(request, _("Publikasi dihapus."))
    return redirect(declaration)


@login_not_required
def publication_photo(request, pk):
    """A declaration photo is published on purpose (Pasal 7 ayat 2), so anyone may see it."""
    publication = get_object_or_404(
        DeclarationPublication, pk=pk, kind=DeclarationPublication.Kind.PHOTO
    )
    return files.serve(publication.photo, filename=f"foto-publikasi-{publication.pk}")


@login_not_required
def public_declaration(request, pk):
    """The public page of one declaration: who, when, where, witnesses and publications."""
    declaration = get_object_or_404(
        Declaration.objects.select_related("unit").prefetch_related("witnesses", "publications"),
        pk=pk,
    )
    return render(request, "commitment/public_declaration.html", {"declaration": declaration})


# --- designation ---------------------------------------------------------------------------


def designation_history(request):
    """Pasal 8: every designation decree, grouped by year."""
    decrees = list(selectors.decrees())
    years: dict[int, list[DesignationDecree]] = {}
    for decree in decrees:
        years.setdefault(decree.year, []).append(decree)
    declared = selectors.declarations_by_unit()
    return render(
        request,
        "commitment/designation_history.html",
        {
            "years": sorted(years.items(), reverse=True),
            "declared": declared,
            "can_administer": access.can_administer(request.user),
        },
    )


def decree_edit(request, pk=None):
    access.require(access.can_administer(request.user))
    decree = get_object_or_404(DesignationDecree, pk=pk) if pk else DesignationDecree()
    form = DecreeForm(request.POST or None, request.FILES or None, instance=decree)
    if request.method == "POST" and form.is_valid():
        try:
            services.decree_save(
                decree=form.instance, file=form.cleaned_data.get("upload"), by=request.user
            )
        except ValidationError as exc:
            _form_errors_to(form, exc)
        else:
            messages.success(request, _("Keputusan penetapan tersimpan."))
            return redirect(form.instance)
    return render(
        request,
        "commitment/form.html",
        {
            "form": form,
            "title": _("Ubah keputusan penetapan")
            if pk
            else _("Catat keputusan penetapan unit ZI"),
            "multipart": True,
        },
    )


def decree_detail(request, pk):
    decree = get_object_or_404(DesignationDecree, pk=pk)
    rows = decree.units.select_related("unit").order_by("unit__name")
    can_administer = access.can_administer(request.user)
    form = DesignatedUnitForm(request.POST or None, decree=decree) if can_administer else None
    if request.method == "POST":
        access.require(can_administer)
        assert form is not None
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.designated_unit_add(decree=decree, by=request.user, **data)
            except ValidationError as exc:
                _form_errors_to(form, exc)
            else:
                messages.success(request, _("%(unit)s ditetapkan.") % {"unit": data["unit"]})
                return redirect(decree)
    declared = selectors.declarations_by_unit([r.unit_id for r in rows])
    # Link only the units the reader may open: the decree itself is city-wide reading.
    readable = {r.unit_id for r in rows if access.can_read_unit(request.user, r.unit_id)}
    return render(
        request,
        "commitment/decree_detail.html",
        {
            "decree": decree,
            "rows": rows,
            "declared": declared,
            "readable": readable,
            "form": form,
            "can_administer": can_administer,
            "city_declaration": selectors.city_declaration(),
        },
    )


@require_POST
def designated_unit_remove(request, pk, row_pk):
    access.require(access.can_administer(request.user))
    row = get_object_or_404(
        DesignatedUnit.objects.select_related("decree"), pk=row_pk, decree_id=pk
    )
    services.designated_unit_remove(row=row, by=request.user)
    messages.success(request, _("Unit dikeluarkan dari keputusan."))
    return redirect(row.decree)


def decree_file(request, pk):
    """Decrees are official documents: every signed-in user may read them."""
    decree = get_object_or_404(DesignationDecree, pk=pk)
    return files.serve(decree.file, filename=f"keputusan-{decree.year}")
