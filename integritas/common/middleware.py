"""Request guards shared by every view."""

import secrets

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseNotFound
from django.shortcuts import render
from django.utils.translation import gettext as _


def reject_nul_characters(get_response):
    """Answer 400 to a query string holding a NUL character (PostgreSQL text cannot store it)."""

    def middleware(request):
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            return HttpResponseBadRequest(
                _("Alamat berisi karakter yang tidak sah."), content_type="text/plain"
            )
        return get_response(request)

    return middleware


# Pages may run only the project's own scripts and styles, plus inline blocks that carry this
# request's nonce; nothing may frame them. Inline style *attributes* (progress-bar widths) cannot
# carry a nonce and cannot run code, so they stay allowed. Downloads set their own stricter policy.
CSP_TEMPLATE = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def content_security_policy(get_response):
    """Give every request a fresh nonce and every HTML answer a Content-Security-Policy."""

    def middleware(request):
        request.csp_nonce = secrets.token_urlsafe(18)
        response = get_response(request)
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html") and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = CSP_TEMPLATE.format(nonce=request.csp_nonce)
        return response

    return middleware


def hide_static_manifest(get_response):
    """Answer 404 for the static files manifest: it lists every asset and its hashed name."""

    def middleware(request):
        static_url = settings.STATIC_URL or "/static/"
        if request.path.startswith(static_url) and request.path.endswith("staticfiles.json"):
            return HttpResponseNotFound(content_type="text/plain")
        return get_response(request)

    return middleware


def explain_method_not_allowed(get_response):
    """Give a bare 405 (an action address opened from the address bar) a page that says why."""

    def middleware(request):
        response = get_response(request)
        if (
            response.status_code == 405
            and not response.content
            and not getattr(request, "htmx", False)
        ):
            page = render(request, "405.html", status=405)
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response

    return middleware
