from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide pages and layout: home, about, accessibility statement, error pages."""

    name = "kenniscentrum.core"
    label = "core"
    verbose_name = "Algemeen"
