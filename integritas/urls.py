from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("integritas.portal.urls")),
    path("akun/", include("integritas.accounts.urls")),
    path("organisasi/", include("integritas.organization.urls")),
    path("komitmen/", include("integritas.commitment.urls")),
    path("rencana/", include("integritas.planning.urls")),
    path("lke/", include("integritas.evaluation.urls")),
    path("survei/", include("integritas.surveys.urls")),
    path("s/", include("integritas.surveys.public_urls")),
    path("pengaduan/", include("integritas.complaints.public_urls")),
    path("pengaduan/kelola/", include("integritas.complaints.urls")),
    path("dokumen/", include("integritas.documents.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
