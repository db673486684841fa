from django.apps import AppConfig
from django.core import checks


class FlexpoolConfig(AppConfig):
    """De flexpool (aanbeveling 1d): project leaders gemeenten can call on, and their requests."""

    name = "kenniscentrum.flexpool"
    label = "flexpool"
    verbose_name = "Flexpool"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        checks.register(check_retention_setting)


def check_retention_setting(app_configs=None, **kwargs):
    """`manage.py check` (and every runserver/migrate) reports an invalid
    KC_FLEXPOOL_RETENTION_DAYS before the first request meets it (config.py)."""
    from django.core.exceptions import ImproperlyConfigured

    from .config import retention_days

    try:
        retention_days()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="flexpool.E001")]
    return []
