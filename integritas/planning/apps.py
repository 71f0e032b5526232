from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "integritas.planning"
    label = "planning"
