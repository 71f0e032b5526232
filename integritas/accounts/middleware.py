"""Send a user whose password an administrator set to choose his or her own first."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

ALLOWED_NAMES = ("accounts:password_change", "accounts:logout")


def require_own_password(get_response):
    """Until the owner changes it, every page leads to the change-password page."""
    allowed: set[str] = set()

    def middleware(request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.must_change_password:
            return get_response(request)
        if not allowed:
            allowed.update(reverse(name) for name in ALLOWED_NAMES)
        if request.path in allowed or request.path.startswith(settings.STATIC_URL):
            return get_response(request)
        target = reverse("accounts:password_change")
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)

    return middleware
