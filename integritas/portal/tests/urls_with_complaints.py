"""The project's URLs plus stand-ins for the complaints app's public pages."""

from django.http import HttpResponse
from django.urls import path

from integritas.urls import urlpatterns as base


def _stub(request):
    return HttpResponse("ok")


urlpatterns = [
    path("pengaduan/", _stub),
    path("pengaduan/lacak/", _stub),
    *base,
]
