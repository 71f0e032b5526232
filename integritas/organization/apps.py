from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "integritas.organization"
    label = "organization"
