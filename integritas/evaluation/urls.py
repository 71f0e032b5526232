from django.urls import path

from integritas.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.assessment_list, name="assessment_list"),
    path("mulai/", views.assessment_create, name="assessment_create"),
    path("perbandingan/", views.city_comparison, name="city_comparison"),
    path("penugasan/", views.assignments, name="assignments"),
    path("penugasan/<int:pk>/tarik/", views.assignment_remove, name="assignment_remove"),
    path("bukti/<int:revision_pk>/unduh/", views.evidence_download, name="evidence_download"),
    path("dokumen/<int:pk>/", views.document_detail, name="document_detail"),
    path("unit/<int:unit_pk>/dokumen/", views.unit_documents, name="unit_documents"),
    path("<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("<int:pk>/isi/<str:area>/", views.assessment_fill, name="assessment_fill"),
    path("<int:pk>/jawab/<str:code>/", views.answer_save, name="answer_save"),
    path("<int:pk>/hasil/", views.hasil_edit, name="hasil_edit"),
    path("<int:pk>/bukti/<str:code>/", views.evidence_panel, name="evidence_panel"),
    path("<int:pk>/bukti/<str:code>/tautkan/", views.evidence_link, name="evidence_link"),
    path("<int:pk>/tautan/<int:link_pk>/lepas/", views.evidence_unlink, name="evidence_unlink"),
    path("<int:pk>/ajukan/", views.assessment_submit, name="assessment_submit"),
    path("<int:pk>/tinjau/<str:area>/", views.review_area, name="review_area"),
    path("<int:pk>/nilai-tpi/<str:code>/", views.review_save, name="review_save"),
    path("<int:pk>/nilai-tpi-kosong/", views.review_zero_unanswered, name="review_zero"),
    path("<int:pk>/kembalikan/", views.assessment_return, name="assessment_return"),
    path("<int:pk>/finalkan/", views.assessment_finalise, name="assessment_finalise"),
    path("<int:pk>/revisi-baru/", views.assessment_supersede, name="assessment_supersede"),
    path("<int:pk>/cuplikan.json", views.snapshot_json, name="snapshot_json"),
    path("<int:pk>/nilai/", views.score, name="score"),
    path("<int:pk>/excel/", views.export_excel, name="export_excel"),
    path("<int:pk>/impor/", views.import_upload, name="import"),
    path("<int:pk>/impor/simpan/", views.import_commit, name="import_commit"),
]
