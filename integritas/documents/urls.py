from integritas.documents import evaluation_docs, planning_docs, predicate_docs, survey_docs

app_name = "documents"
urlpatterns = [
    *evaluation_docs.urlpatterns,
    *planning_docs.urlpatterns,
    *predicate_docs.urlpatterns,
    *survey_docs.urlpatterns,
]
