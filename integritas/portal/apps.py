from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "integritas.portal"
    label = "portal"
