from django.urls import path

from integritas.portal import public_views, views, views_dashboard, views_notifications

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("publik/", public_views.public_home, name="public_home"),
    path("publik/unit/", public_views.public_units, name="public_units"),
    path("publik/unit/<int:pk>/", public_views.public_unit, name="public_unit"),
    path("publik/survei/", public_views.public_survey_guide, name="public_survey_guide"),
    path("publik/pengaduan/", public_views.public_complaint_guide, name="public_complaint_guide"),
    path("audit/", views.audit_log, name="audit_log"),
    path("unit/<int:pk>/progres/", views.unit_progress, name="unit_progress"),
    path("dasbor/", views_dashboard.city_dashboard, name="city_dashboard"),
    path("dasbor/xlsx/", views_dashboard.city_dashboard_xlsx, name="city_dashboard_xlsx"),
    path("pemberitahuan/", views_notifications.notification_list, name="notification_list"),
    path(
        "pemberitahuan/<int:pk>/dibaca/",
        views_notifications.notification_read,
        name="notification_read",
    ),
    path(
        "pemberitahuan/dibaca-semua/",
        views_notifications.notification_read_all,
        name="notification_read_all",
    ),
    path("healthz", views.healthz, name="healthz"),
]
