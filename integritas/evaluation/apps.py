from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "integritas.evaluation"
    label = "evaluation"
