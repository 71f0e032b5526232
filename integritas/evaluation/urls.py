from django.urls import path

from integritas.evaluation import views, views_evidence, views_excel, views_review

app_name = "evaluation"
# The score page ("score", <pk>/nilai/) is added by integritas/urls.py: its next steps depend on
# the predicate register, so predicates.views_score serves it over views_review.score.
urlpatterns = [
    path("", views.assessment_list, name="assessment_list"),
    path("mulai/", views.assessment_create, name="assessment_create"),
    path("perbandingan/", views_review.city_comparison, name="city_comparison"),
    path("penugasan/", views_review.assignments, name="assignments"),
    path("penugasan/<int:pk>/tarik/", views_review.assignment_remove, name="assignment_remove"),
    path(
        "bukti/<int:revision_pk>/unduh/", views_evidence.evidence_download, name="evidence_download"
    ),
    path("dokumen/<int:pk>/", views_evidence.document_detail, name="document_detail"),
    path("unit/<int:unit_pk>/dokumen/", views_evidence.unit_documents, name="unit_documents"),
    path("<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("<int:pk>/isi/<str:area>/", views.assessment_fill, name="assessment_fill"),
    path("<int:pk>/jawab/<str:code>/", views.answer_save, name="answer_save"),
    path("<int:pk>/hasil/", views.hasil_edit, name="hasil_edit"),
    path("<int:pk>/bukti/<str:code>/", views_evidence.evidence_panel, name="evidence_panel"),
    path("<int:pk>/bukti/<str:code>/tautkan/", views_evidence.evidence_link, name="evidence_link"),
    path(
        "<int:pk>/tautan/<int:link_pk>/lepas/",
        views_evidence.evidence_unlink,
        name="evidence_unlink",
    ),
    path("<int:pk>/ajukan/", views.assessment_submit, name="assessment_submit"),
    path("<int:pk>/tinjau/<str:area>/", views_review.review_area, name="review_area"),
    path("<int:pk>/nilai-tpi/<str:code>/", views_review.review_save, name="review_save"),
    path("<int:pk>/nilai-tpi-kosong/", views_review.review_zero_unanswered, name="review_zero"),
    path("<int:pk>/kembalikan/", views_review.assessment_return, name="assessment_return"),
    path("<int:pk>/finalkan/", views_review.assessment_finalise, name="assessment_finalise"),
    path("<int:pk>/revisi-baru/", views_review.assessment_supersede, name="assessment_supersede"),
    path("<int:pk>/cuplikan.json", views_review.snapshot_json, name="snapshot_json"),
    path("<int:pk>/excel/", views_excel.export_excel, name="export_excel"),
    path("<int:pk>/impor/", views_excel.import_upload, name="import"),
    path("<int:pk>/impor/simpan/", views_excel.import_commit, name="import_commit"),
]
