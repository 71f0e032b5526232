from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from integritas.accounts import services


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
        services.login_succeeded(user=self.get_user())
        return cleaned
