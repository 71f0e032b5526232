from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integritas.accounts import services
from integritas.accounts.models import CITY_ROLES, UNIT_ROLES, Role, RoleAssignment, User
from integritas.common.forms import BootstrapForm
from integritas.organization.models import Employee, Unit


class LockoutAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing locked accounts and counting failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau kata sandi salah."),
        "locked": _(
            "Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal. "
            "Coba lagi nanti atau hubungi Bagian Organisasi."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and services.login_is_locked(username=username):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                services.login_failed(username=username)
            raise
        user = self.get_user()
        if user is not None:
            services.login_succeeded(user=user)
        return cleaned


PICKER_LIMIT = 50


def employee_label(employee: Employee) -> str:
    """Name, NIP and unit: two people with the same name are told apart."""
    return f"{employee.name} · NIP {employee.nip} · {employee.unit.name}"


def employee_picker(*, search: str = "", selected: str = "") -> tuple[list[tuple], int]:
    """The options for the account's employee: at most PICKER_LIMIT matches of name or NIP.

    Return the choices (the selected one always kept) and how many employees match in all.
    """
    eligible = Employee.objects.filter(is_active=True, user__isnull=True).select_related("unit")
    matches = eligible
    search = search.strip()
    if search:
        digits = search.replace(" ", "")
        matches = matches.filter(Q(name__icontains=search) | Q(nip__contains=digits))
    total = matches.count()
    shown = list(matches.order_by("name", "nip")[:PICKER_LIMIT])
    if selected.isdigit() and all(str(e.pk) != selected for e in shown):
        shown = list(eligible.filter(pk=int(selected))) + shown
    choices = [("", _("— pilih pegawai —"))] + [(e.pk, employee_label(e)) for e in shown]
    return choices, total


class UserCreateForm(BootstrapForm):
    username = forms.RegexField(
        label=_("Nama pengguna"), max_length=150, regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Hanya huruf, angka, dan . @ + - _")},
    )  # fmt: skip
    first_name = forms.CharField(label=_("Nama depan"), max_length=150)
    last_name = forms.CharField(label=_("Nama belakang"), max_length=150, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)
    employee = forms.ModelChoiceField(
        label=_("Pegawai"), required=False, queryset=Employee.objects.none(),
        help_text=_("Tautkan ke data pegawai (NIP) agar peran dan unitnya jelas."),
    )  # fmt: skip
    password = forms.CharField(
        label=_("Kata sandi awal"), widget=forms.PasswordInput(render_value=True),
        help_text=_("Minimal 10 karakter, tidak umum, tidak hanya angka. Sampaikan kepada pengguna secara langsung."),
    )  # fmt: skip

    def __init__(self, *args, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["employee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Employee.objects.filter(is_active=True, user__isnull=True)
        selected = str(self.data.get("employee", "")) if self.is_bound else ""
        # Validation accepts every eligible employee; the page lists only the matches.
        field.widget.choices, self.employee_matches = employee_picker(
            search=search, selected=selected
        )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Nama pengguna ini sudah dipakai."))
        return username


class RoleAssignForm(BootstrapForm):
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.order_by("name")
    )
    include_subunits = forms.BooleanField(label=_("Termasuk sub-unit"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        role, unit = cleaned.get("role"), cleaned.get("unit")
        if role in CITY_ROLES and unit:
            self.add_error("unit", _("Peran ini berlaku se-kota; kosongkan unit."))
        if role in UNIT_ROLES and not unit:
            self.add_error("unit", _("Pilih unit untuk peran ini."))
        if (
            role
            and self.user
            and RoleAssignment.objects.filter(user=self.user, role=role, unit=unit).exists()
        ):
            raise forms.ValidationError(_("Pengguna sudah memiliki peran ini."))
        return cleaned


class PasswordResetByAdminForm(BootstrapForm):
    password = forms.CharField(label=_("Kata sandi baru"), widget=forms.PasswordInput)
