from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integritas.accounts import lockout
from integritas.accounts.models import CITY_ROLES, UNIT_ROLES, Role, RoleAssignment, User
from integritas.common.forms import BootstrapForm
from integritas.organization.models import Employee, Unit

LOCKED_MESSAGE = _(
    "Terlalu banyak percobaan masuk yang gagal untuk akun ini dari perangkat Anda. "
    "Coba lagi dalam %(minutes)d menit. Bila itu bukan Anda, hubungi Bagian Organisasi."
)
SLOWED_MESSAGE = _(
    "Akun ini sedang menerima banyak percobaan masuk yang gagal. "
    "Tunggu %(seconds)d detik, lalu coba lagi."
)
PASSWORD_MAX_LENGTH = 4096


class LockoutFormMixin:
    """Every login form: bounded input, locks per account and address, failures counted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        # AuthenticationForm sets max_length after the field is built, without its validator.
        username.validators.append(MaxLengthValidator(username.max_length or 150))
        self.fields["password"].max_length = PASSWORD_MAX_LENGTH
        self.fields["password"].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = lockout.client_address(self.request)
        if username:
            refused = lockout.refusal(username=username, address=address)
            if refused is not None and refused.locked:
                raise forms.ValidationError(
                    LOCKED_MESSAGE, code="locked", params={"minutes": refused.minutes}
                )
            if refused is not None:
                raise forms.ValidationError(
                    SLOWED_MESSAGE, code="slowed", params={"seconds": refused.seconds}
                )
        try:
            cleaned = super().clean()
        except forms.ValidationError as exc:
            if username and exc.code == "invalid_login":
                lockout.login_failed(username=username, address=address)
            raise
        user = self.get_user()
        if user is not None:
            lockout.login_succeeded(user=user, address=address)
        return cleaned


class LockoutAuthenticationForm(LockoutFormMixin, AuthenticationForm):
    """The application's login form."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau kata sandi salah."),
    }


class AdminLockoutAuthenticationForm(LockoutFormMixin, AdminAuthenticationForm):
    """The Django admin's login form (served only when DEBUG is on), under the same locks."""


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
