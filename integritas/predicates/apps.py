from django.apps import AppConfig


class PredicatesConfig(AppConfig):
    name = "integritas.predicates"
    label = "predicates"
    verbose_name = "Predikat WBK/WBBM"
