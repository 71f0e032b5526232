from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from integritas.accounts import access, lockout, services
from integritas.accounts.forms import (
    PICKER_LIMIT,
    LockoutAuthenticationForm,
    PasswordResetByAdminForm,
    RoleAssignForm,
    UserCreateForm,
    employee_picker,
)
from integritas.accounts.models import RoleAssignment, User


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LockoutAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.user_logged_out(user=request.user, address=lockout.client_address(request))
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("portal:home")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services.user_password_changed(
                user=form.user, address=lockout.client_address(self.request)
            )
            services.password_changed(user=form.user)
        messages.success(self.request, gettext_lazy("Kata sandi berhasil diganti."))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["must_change"] = self.request.user.must_change_password
        return context


def user_list(request):
    access.require(access.can_administer(request.user))
    users = User.objects.select_related("employee", "employee__unit").prefetch_related(
        Prefetch("roles", queryset=RoleAssignment.objects.select_related("unit"))
    )
    search = request.GET.get("q", "").strip()
    if search:
        users = users.filter(
            Q(username__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
            | Q(employee__nip__icontains=search)
        )  # fmt: skip
    page = Paginator(users.order_by("username"), 25).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})


def employee_options(request):
    """The employee picker's options for a name or NIP typed by the administrator (htmx)."""
    access.require(access.can_administer(request.user))
    choices, total = employee_picker(
        search=request.GET.get("cari", ""), selected=request.GET.get("employee", "")
    )
    return render(
        request, "accounts/_employee_options.html",
        {"choices": choices, "selected": request.GET.get("employee", ""), "total": total},
    )  # fmt: skip


def user_create(request):
    access.require(access.can_administer(request.user))
    search = request.GET.get("cari", "")
    form = UserCreateForm(request.POST or None, search=search)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            messages.success(
                request, _("Pengguna %(u)s dibuat. Tambahkan perannya.") % {"u": user.username}
            )
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request, "accounts/user_create.html",
        {"form": form, "search": search, "limit": PICKER_LIMIT},
    )  # fmt: skip


def user_detail(request, pk):
    access.require(access.can_administer(request.user))
    target = get_object_or_404(User.objects.select_related("employee", "employee__unit"), pk=pk)
    role_form = RoleAssignForm(request.POST or None, user=target)
    if request.method == "POST" and role_form.is_valid():
        services.role_assign(
            user=target, role=role_form.cleaned_data["role"], unit=role_form.cleaned_data["unit"],
            include_subunits=role_form.cleaned_data["include_subunits"], by=request.user,
        )  # fmt: skip
        messages.success(request, _("Peran ditambahkan."))
        return redirect("accounts:user_detail", pk=target.pk)
    roles = target.roles.select_related("unit")
    return render(
        request, "accounts/user_detail.html",
        {"target": target, "roles": roles, "role_form": role_form, "reset_form": PasswordResetByAdminForm()},
    )  # fmt: skip


@require_POST
def role_revoke(request, pk, assignment_pk):
    access.require(access.can_administer(request.user))
    assignment = get_object_or_404(RoleAssignment, pk=assignment_pk, user_id=pk)
    services.role_revoke(assignment=assignment, by=request.user)
    messages.success(request, _("Peran dicabut."))
    return redirect("accounts:user_detail", pk=pk)


@require_POST
def user_toggle(request, pk):
    access.require(access.can_administer(request.user))
    target = get_object_or_404(User, pk=pk)
    if target.pk == request.user.pk:
        messages.error(request, _("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    else:
        services.user_set_active(user=target, active=not target.is_active, by=request.user)
        messages.success(request, _("Status akun diperbarui."))
    return redirect("accounts:user_detail", pk=pk)


@require_POST
def user_unlock(request, pk):
    access.require(access.can_administer(request.user))
    services.user_unlock(user=get_object_or_404(User, pk=pk), by=request.user)
    messages.success(request, _("Kunci akun dibuka."))
    return redirect("accounts:user_detail", pk=pk)


@require_POST
def user_reset_password(request, pk):
    access.require(access.can_administer(request.user))
    target = get_object_or_404(User, pk=pk)
    form = PasswordResetByAdminForm(request.POST)
    if form.is_valid():
        try:
            services.user_reset_password(
                user=target, password=form.cleaned_data["password"], by=request.user
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Kata sandi direset."))
    return redirect("accounts:user_detail", pk=pk)
