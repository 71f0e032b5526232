from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "integritas.complaints"
    label = "complaints"
