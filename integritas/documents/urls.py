from integritas.documents import register_views, survey_docs, views

app_name = "documents"
urlpatterns = [*views.urlpatterns, *survey_docs.urlpatterns, *register_views.urlpatterns]
