from django.urls import path

from integritas.portal import views, views_dashboard

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("publik/", views.public_home, name="public_home"),
    path("audit/", views.audit_log, name="audit_log"),
    path("unit/<int:pk>/progres/", views.unit_progress, name="unit_progress"),
    path("dasbor/", views_dashboard.city_dashboard, name="city_dashboard"),
    path("dasbor/xlsx/", views_dashboard.city_dashboard_xlsx, name="city_dashboard_xlsx"),
    path("healthz", views.healthz, name="healthz"),
]
