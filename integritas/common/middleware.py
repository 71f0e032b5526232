"""Request guards shared by every view."""

from django.http import HttpResponseBadRequest
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
