"""Public survey pages under /s/ (reached from the QR code); every view is login_not_required."""

from django.urls import path

from integritas.surveys import public_views

app_name = "survey_public"
urlpatterns = [
    path("<str:token>/", public_views.form, name="form"),
    path("<str:token>/terima-kasih/", public_views.thanks, name="thanks"),
    path("<str:token>/hasil/", public_views.public_results, name="results"),
]
