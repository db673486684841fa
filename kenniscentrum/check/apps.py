from django.apps import AppConfig


class CheckConfig(AppConfig):
    """De check: which instruments a municipality qualifies for, and why."""

    name = "kenniscentrum.check"
    label = "check"
    verbose_name = "De check"
