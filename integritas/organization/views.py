from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.common import exports, files, staging
from integritas.common.numbers import query_int
from integritas.common.tabular import TableError
from integritas.organization import imports, selectors, services
from integritas.organization.forms import (
    EmployeeForm,
    ImportForm,
    InstitutionForm,
    MoveForm,
    TeamForm,
    TeamMemberForm,
    UnitForm,
)
from integritas.organization.models import Employee, Institution, Team, TeamMember, Unit

PAGE_SIZE = 25


def unit_list(request):
    units = selectors.unit_list(
        units=access.units_for_user(request.user),
        search=request.GET.get("q", "").strip(),
        type_=request.GET.get("jenis", ""),
    )
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organization/unit_list.html",
        {"page": page, "types": Unit.Type.choices, "can_edit": access.can_administer(request.user)},
    )


def unit_detail(request, pk):
    unit = access.get_unit_for_user(request.user, pk)
    children = list(selectors.unit_list(units=Unit.objects.filter(parent=unit)))
    # A sub-unit is its own unit kerja with its own head (Pasal 11 ayat 1): a parent's head opens
    # it only when granted; the others are listed by name, not as links that answer 404.
    for child in children:
        child.can_open = access.can_read_unit(request.user, child.pk)
    teams = selectors.team_list(teams=Team.objects.filter(unit=unit))
    active = Employee.objects.filter(unit=unit, is_active=True).count()
    return render(
        request,
        "organization/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "children_closed": any(not child.can_open for child in children),
            "teams": teams,
            "employee_count": active,
            "can_edit": access.can_administer(request.user),
            "can_head": access.can_head_unit(request.user, unit.pk),
        },
    )


def unit_edit(request, pk=None):
    access.require(access.can_administer(request.user))
    unit = get_object_or_404(Unit, pk=pk) if pk else Unit(institution=Institution.objects.first())
    form = UnitForm(request.POST or None, request.FILES or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        services.unit_save(unit=form.instance, by=request.user)
        messages.success(request, _("Unit %(name)s tersimpan.") % {"name": unit.name})
        return redirect(unit)
    return render(
        request,
        "organization/form.html",
        {"form": form, "title": _("Ubah unit") if pk else _("Tambah unit")},
    )


def institution_edit(request):
    access.require(access.can_administer(request.user))
    institution = Institution.objects.first() or Institution()
    form = InstitutionForm(request.POST or None, request.FILES or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        services.institution_save(institution=form.instance, by=request.user)
        messages.success(request, _("Data instansi tersimpan."))
        return redirect("organization:unit_list")
    return render(
        request,
        "organization/form.html",
        {"form": form, "title": _("Data instansi (kop surat kota)")},
    )


def unit_logo(request, pk):
    """The unit's letterhead logo, for signed-in users who may read the unit."""
    unit = access.get_unit_for_user(request.user, pk)
    if not unit.logo:
        raise Http404
    return files.serve(unit.logo, filename=f"logo-{unit.code}")


def employee_list(request):
    unit_id = query_int(request.GET, "unit")
    unit = None
    if unit_id is not None:
        unit = access.get_unit_for_user(request.user, unit_id)
    elif not access.can_read_city(request.user):
        raise Http404
    employees = selectors.employee_list(
        employees=Employee.objects.filter(is_active=True)
        if request.GET.get("semua") != "1"
        else Employee.objects.all(),
        search=request.GET.get("q", "").strip(),
        unit_id=unit.pk if unit else None,
    )
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "organization/_employee_rows.html" if request.htmx else "organization/employee_list.html"
    )
    return render(
        request,
        template,
        {
            "page": page, "unit": unit, "can_edit": access.can_administer(request.user),
            "units": access.units_for_user(request.user).filter(is_active=True).order_by("name"),
            "all_units": access.can_read_city(request.user),
        },
    )  # fmt: skip


def employee_detail(request, pk):
    employee = get_object_or_404(Employee.objects.select_related("unit"), pk=pk)
    access.require(
        access.can_read_unit(request.user, employee.unit_id) or access.can_read_city(request.user)
    )
    moves = employee.moves.select_related("from_unit", "to_unit")
    memberships = employee.team_memberships.select_related("team")
    return render(
        request,
        "organization/employee_detail.html",
        {
            "employee": employee,
            "moves": moves,
            "memberships": memberships,
            "can_edit": access.can_administer(request.user),
        },
    )


def employee_edit(request, pk=None):
    access.require(access.can_administer(request.user))
    employee = get_object_or_404(Employee, pk=pk) if pk else Employee()
    initial = {"unit": query_int(request.GET, "unit")} if not pk else None
    form = EmployeeForm(request.POST or None, instance=employee, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.employee_save(employee=form.instance, by=request.user)
        messages.success(request, _("Data pegawai tersimpan."))
        return redirect("organization:employee_detail", pk=form.instance.pk)
    return render(
        request,
        "organization/form.html",
        {"form": form, "title": _("Ubah pegawai") if pk else _("Tambah pegawai")},
    )


def employee_move(request, pk):
    access.require(access.can_administer(request.user))
    employee = get_object_or_404(Employee, pk=pk)
    form = MoveForm(
        request.POST or None, employee=employee, initial={"moved_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        services.employee_move(employee=employee, by=request.user, **form.cleaned_data)
        messages.success(request, _("Mutasi tercatat."))
        return redirect("organization:employee_detail", pk=employee.pk)
    return render(
        request,
        "organization/form.html",
        {"form": form, "title": _("Mutasi %(name)s") % {"name": employee}},
    )


IMPORT_PURPOSE = "organization.import"


def import_upload(request):
    """Step 1: upload a file and see every problem, or a preview of what will be written."""
    access.require(access.can_administer(request.user))
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        data = uploaded.read()
        ext = "xlsx" if form.sniffed.family == "spreadsheet" else "csv"
        try:
            table = imports.read(data, kind=kind, ext=ext)
        except TableError as exc:
            form.add_error("file", str(exc))
            return render(request, "organization/import.html", context)
        if kind == "units":
            check = imports.check_units(table)
        else:
            numeric = imports.numeric_nip_rows(data) if ext == "xlsx" else set()
            check = imports.check_employees(table, numeric_nips=numeric)
        context.update(
            {"check": check, "kind": kind, "filename": uploaded.name, "columns": _columns(kind)}
        )
        if check.ok:
            context["import_token"] = staging.stage(
                request,
                purpose=IMPORT_PURPOSE,
                data=data,
                meta={"ext": ext, "kind": kind, "filename": uploaded.name},
            )
            context["preview"] = check.rows[:20]
    return render(request, "organization/import.html", context)


def _columns(kind):
    return imports.UNIT_COLUMNS if kind == "units" else imports.EMPLOYEE_COLUMNS


@require_POST
def import_commit(request):
    """Step 2: write every row in one transaction, or nothing."""
    access.require(access.can_administer(request.user))
    staged = staging.load(
        request, purpose=IMPORT_PURPOSE, token=request.POST.get(staging.TOKEN_FIELD)
    )
    if staged is None:
        messages.error(request, _("Tidak ada impor yang menunggu. Unggah berkasnya lagi."))
        return redirect("organization:import")
    pending = staged.meta
    try:
        table = imports.read(staged.data, kind=pending["kind"], ext=pending["ext"])
    except TableError:
        messages.error(request, _("Berkas impor tidak ditemukan lagi. Unggah berkasnya lagi."))
        return redirect("organization:import")
    try:
        if pending["kind"] == "units":
            check = services.units_import(
                table=table, institution=Institution.objects.get(), by=request.user
            )
        else:
            check = services.employees_import(table=table, by=request.user)
    except services.ImportRejected as exc:
        return render(
            request, "organization/import.html",
            {"form": ImportForm(), "check": exc.check, "kind": pending["kind"], "filename": pending["filename"], "columns": _columns(pending["kind"])},
        )  # fmt: skip
    staging.discard(request, purpose=IMPORT_PURPOSE)
    messages.success(
        request,
        _("Impor selesai: %(c)d baris baru, %(u)d baris diperbarui.")
        % {"c": check.creates, "u": check.updates},
    )
    return redirect(
        "organization:unit_list" if pending["kind"] == "units" else "organization:employee_list"
    )


def import_template(request, kind):
    """A blank CSV with the expected columns."""
    access.require(access.can_administer(request.user))
    if kind not in ("units", "employees"):
        raise Http404
    response = HttpResponse(
        exports.csv_bytes([_columns(kind)], bom=False), content_type=exports.CSV_MIME
    )
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.csv"'
    return response


def team_list(request):
    teams = Team.objects.all()
    if not access.can_read_city(request.user):
        teams = teams.filter(unit__in=access.units_for_user(request.user)) | teams.filter(
            unit__isnull=True
        )
    return render(
        request,
        "organization/team_list.html",
        {
            "teams": selectors.team_list(teams=teams),
            "can_edit": access.can_administer(request.user),
        },
    )


def _team_for_user(user, pk):
    team = get_object_or_404(Team.objects.select_related("unit"), pk=pk)
    if team.unit_id:
        access.require(access.can_read_unit(user, team.unit_id))
    return team


def _can_edit_team(user, team):
    if team.unit_id:
        return access.can_head_unit(user, team.unit_id)
    return access.can_administer(user)


def team_detail(request, pk):
    team = _team_for_user(request.user, pk)
    members = team.members.select_related("employee", "employee__unit")
    can_edit = _can_edit_team(request.user, team)
    form = TeamMemberForm(team=team) if can_edit else None
    return render(
        request,
        "organization/team_detail.html",
        {"team": team, "members": members, "can_edit": can_edit, "form": form},
    )


def team_edit(request, pk=None):
    team = _team_for_user(request.user, pk) if pk else Team()
    if pk:
        access.require(_can_edit_team(request.user, team))
    else:
        unit_id = query_int(request.GET, "unit")
        if unit_id is None:
            unit_id = query_int(request.POST, "unit")
        access.require(
            access.can_administer(request.user)
            or (unit_id is not None and access.can_head_unit(request.user, unit_id))
        )
    query_unit = query_int(request.GET, "unit")
    initial = {"unit": query_unit, "kind": Team.Kind.TIM_KERJA} if query_unit is not None else None
    form = TeamForm(request.POST or None, request.FILES or None, instance=team, initial=initial)
    if not access.can_administer(request.user):
        form.fields["kind"].choices = [(Team.Kind.TIM_KERJA, Team.Kind.TIM_KERJA.label)]
        form.fields["unit"].queryset = access.writable_units_for_user(request.user)
    if request.method == "POST" and form.is_valid():
        services.team_save(team=form.instance, by=request.user)
        messages.success(request, _("Tim tersimpan."))
        return redirect(form.instance)
    return render(
        request,
        "organization/form.html",
        {"form": form, "title": _("Ubah tim") if pk else _("Bentuk tim"), "multipart": True},
    )


@require_POST
def team_member_add(request, pk):
    team = _team_for_user(request.user, pk)
    access.require(_can_edit_team(request.user, team))
    form = TeamMemberForm(request.POST, team=team)
    if form.is_valid():
        services.team_member_add(team=team, by=request.user, **form.cleaned_data)
        messages.success(request, _("Anggota ditambahkan."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(team)


@require_POST
def team_member_remove(request, pk, member_pk):
    team = _team_for_user(request.user, pk)
    access.require(_can_edit_team(request.user, team))
    member = get_object_or_404(TeamMember, pk=member_pk, team=team)
    services.team_member_remove(member=member, by=request.user)
    messages.success(request, _("Anggota dikeluarkan dari tim."))
    return redirect(team)


def team_decree(request, pk):
    """Serve a team's decree file only to those who may see the team."""
    team = _team_for_user(request.user, pk)
    if not team.decree_file:
        raise Http404
    return files.serve(team.decree_file, filename=f"sk-tim-{team.pk}")
