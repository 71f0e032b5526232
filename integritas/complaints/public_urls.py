"""Public complaint pages under /pengaduan/ (no login, no cookie)."""

from django.urls import path

from integritas.complaints import public_views

app_name = "complaints_public"
urlpatterns = [
    path("", public_views.intake, name="intake"),
    path("lacak/", public_views.track, name="track"),
    path("angka/", public_views.figures, name="figures"),
]
