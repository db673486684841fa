from django.apps import AppConfig


class FlexpoolConfig(AppConfig):
    """De flexpool (aanbeveling 1d): project leaders gemeenten can call on, and their requests."""

    name = "kenniscentrum.flexpool"
    label = "flexpool"
    verbose_name = "Flexpool"
    default_auto_field = "django.db.models.BigAutoField"
