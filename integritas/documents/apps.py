from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "integritas.documents"
    label = "documents"
