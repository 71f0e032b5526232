from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "integritas.surveys"
    label = "surveys"
