"""Request guards shared by every view."""

from django.http import HttpResponseBadRequest
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
