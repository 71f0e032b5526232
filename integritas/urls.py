from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from integritas.accounts.forms import AdminLockoutAuthenticationForm
from integritas.evaluation import urls as evaluation_urls
from integritas.predicates.views_score import assessment_score

# The LKE score page belongs to evaluation, but what it says next depends on the predicate the
# unit holds, which the register one layer up knows: predicates serves it and passes that in.
evaluation_patterns = [
    *evaluation_urls.urlpatterns,
    path("<int:pk>/nilai/", assessment_score, name="score"),
]

urlpatterns = [
    path("", include("integritas.portal.urls")),
    path("akun/", include("integritas.accounts.urls")),
    path("organisasi/", include("integritas.organization.urls")),
    path("komitmen/", include("integritas.commitment.urls")),
    path("rencana/", include("integritas.planning.urls")),
    path("lke/", include((evaluation_patterns, evaluation_urls.app_name))),
    path("survei/", include("integritas.surveys.urls")),
    path("predikat/", include("integritas.predicates.urls")),
    path("s/", include("integritas.surveys.public_urls")),
    path("pengaduan/", include("integritas.complaints.public_urls")),
    path("pengaduan/kelola/", include("integritas.complaints.urls")),
    path("dokumen/", include("integritas.documents.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

# The Django admin only reads (every write goes through the audited services) and the
# application's own pages cover what it shows, so production does not serve it: a second login
# page is a second door. On a development machine it stays, behind the same login locks.
admin.site.login_form = AdminLockoutAuthenticationForm
if settings.DEBUG:
    urlpatterns.append(path("django-admin/", admin.site.urls))
