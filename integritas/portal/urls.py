from django.urls import path

from integritas.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("publik/", views.public_home, name="public_home"),
    path("audit/", views.audit_log, name="audit_log"),
    path("unit/<int:pk>/progres/", views.unit_progress, name="unit_progress"),
    path("healthz", views.healthz, name="healthz"),
]
