"""System check: a bad KC_LOKET_* value stops `manage.py check`/`migrate` with its message."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from . import config


@register()
def loket_settings(app_configs, **kwargs):
    errors = []
    for read in (config.answer_days, config.retention_days):
        try:
            read()
        except ImproperlyConfigured as exc:
            errors.append(Error(str(exc), id="loket.E001"))
    return errors
