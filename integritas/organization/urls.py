from django.urls import path

from integritas.organization import views

app_name = "organization"
urlpatterns = [
    path("unit/", views.unit_list, name="unit_list"),
    path("unit/baru/", views.unit_edit, name="unit_create"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:pk>/ubah/", views.unit_edit, name="unit_edit"),
    path("unit/<int:pk>/logo/", views.unit_logo, name="unit_logo"),
    path("instansi/", views.institution_edit, name="institution_edit"),
    path("pegawai/", views.employee_list, name="employee_list"),
    path("pegawai/baru/", views.employee_edit, name="employee_create"),
    path("pegawai/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("pegawai/<int:pk>/ubah/", views.employee_edit, name="employee_edit"),
    path("pegawai/<int:pk>/mutasi/", views.employee_move, name="employee_move"),
    path("impor/", views.import_upload, name="import"),
    path("impor/simpan/", views.import_commit, name="import_commit"),
    path("impor/templat/<str:kind>.csv", views.import_template, name="import_template"),
    path("tim/", views.team_list, name="team_list"),
    path("tim/baru/", views.team_edit, name="team_create"),
    path("tim/<int:pk>/", views.team_detail, name="team_detail"),
    path("tim/<int:pk>/ubah/", views.team_edit, name="team_edit"),
    path("tim/<int:pk>/anggota/", views.team_member_add, name="team_member_add"),
    path(
        "tim/<int:pk>/anggota/<int:member_pk>/hapus/",
        views.team_member_remove,
        name="team_member_remove",
    ),
    path("tim/<int:pk>/sk/", views.team_decree, name="team_decree"),
]
