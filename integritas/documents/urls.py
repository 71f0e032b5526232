from integritas.documents import predicate_docs, register_views, survey_docs, views

app_name = "documents"
urlpatterns = [
    *views.urlpatterns,
    *predicate_docs.urlpatterns,
    *survey_docs.urlpatterns,
    *register_views.urlpatterns,
]
