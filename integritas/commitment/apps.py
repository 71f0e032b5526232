from django.apps import AppConfig


class CommitmentConfig(AppConfig):
    name = "integritas.commitment"
    label = "commitment"
