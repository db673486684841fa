from django.apps import AppConfig


class LoketConfig(AppConfig):
    """De vraagbaak: one loket where anyone can ask a question and gets a reference and a date."""

    name = "kenniscentrum.loket"
    label = "loket"
    verbose_name = "Vraagbaak"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  registers the settings check
