from django.urls import path

from integritas.planning import views, views_logs

app_name = "planning"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("unit/<int:pk>/<int:year>/rencana-kerja/", views.work_plan, name="work_plan"),
    path(
        "unit/<int:pk>/<int:year>/rencana-kerja/ubah/", views.work_plan_edit, name="work_plan_edit"
    ),
    path(
        "unit/<int:pk>/<int:year>/rencana-kerja/sk.pdf",
        views.work_plan_decree_file,
        name="work_plan_decree_file",
    ),
    path("unit/<int:pk>/<int:year>/rencana-aksi/", views.action_plan, name="action_plan"),
    path(
        "unit/<int:pk>/<int:year>/rencana-aksi/buat/",
        views.action_plan_create,
        name="action_plan_create",
    ),
    path("aksi/<int:plan_pk>/tetapkan/", views.action_plan_set, name="action_plan_set"),
    path("aksi/<int:plan_pk>/baris/baru/", views.action_row_new, name="action_row_new"),
    path("aksi/<int:plan_pk>/xlsx/", views.action_plan_xlsx, name="action_plan_xlsx"),
    path("aksi/<int:plan_pk>/impor/", views.action_plan_import, name="action_plan_import"),
    path(
        "aksi/<int:plan_pk>/impor/simpan/",
        views.action_plan_import_commit,
        name="action_plan_import_commit",
    ),
    path("aksi/baris/<int:row_pk>/", views.action_row, name="action_row"),
    path("aksi/baris/<int:row_pk>/ubah/", views.action_row_edit, name="action_row_edit"),
    path("aksi/baris/<int:row_pk>/hapus/", views.action_row_delete, name="action_row_delete"),
    path("aksi/<int:plan_pk>/laporan/<int:month>/", views.report_start, name="report_start"),
    path("laporan/<int:pk>/", views.report_detail, name="report_detail"),
    path("laporan/<int:pk>/bukti/", views.report_evidence_add, name="report_evidence_add"),
    path("laporan/bukti/<int:pk>/", views.report_evidence_file, name="report_evidence_file"),
    path("laporan/<int:pk>/ajukan/", views.report_submit, name="report_submit"),
    path("laporan/<int:pk>/terima/", views.report_accept, name="report_accept"),
    path("laporan/<int:pk>/kembalikan/", views.report_return, name="report_return"),
    path("laporan/menunggu/", views.review_queue, name="review_queue"),
    path("laporan/terlambat/", views.overdue_list, name="overdue_list"),
    path("peta-capaian/", views.heat_map, name="heat_map"),
    path("unit/<int:pk>/log/<str:kind>/", views_logs.log_list, name="log_list"),
    path("unit/<int:pk>/log/<str:kind>/baru/", views_logs.log_edit, name="log_create"),
    path("unit/<int:pk>/log/<str:kind>/<int:entry_pk>/", views_logs.log_edit, name="log_edit"),
    path(
        "unit/<int:pk>/log/<str:kind>/<int:entry_pk>/hapus/",
        views_logs.log_delete,
        name="log_delete",
    ),
    path("inovasi/<int:pk>/bukti/", views_logs.innovation_evidence, name="innovation_evidence"),
]
