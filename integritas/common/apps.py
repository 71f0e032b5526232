from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "integritas.common"
    label = "common"
